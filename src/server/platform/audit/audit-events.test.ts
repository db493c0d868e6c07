import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type AuditAction, type AuditEntityType } from '../../../shared/audit-events.ts';
import { AUDIT_ACTION_LABELS } from '../../../web/lib/labels.ts';
import type { NewRow, Row } from '../db/schema.ts';
import type { AuditEntry, AuditEntryOf, AuditEvents } from './audit-events.ts';
import { writeAudit, writeAudits } from './audit-log.ts';

const src = fileURLToPath(new URL('../../../', import.meta.url));

describe('audit events: the typed union of what writers may record', () => {
  it('types writeAudit and writeAudits by the union, one payload type per action', () => {
    expectTypeOf(writeAudit).parameter(2).toEqualTypeOf<AuditEntry>();
    expectTypeOf(writeAudits).parameter(2).toEqualTypeOf<AuditEntry[]>();
    expectTypeOf<AuditEntry['action']>().toEqualTypeOf<AuditAction>();
    // Every entity type is some action's, and no other.
    expectTypeOf<AuditEvents[AuditAction]['entityType']>().toEqualTypeOf<AuditEntityType>();
    expectTypeOf<AuditEntryOf<'staff.created'>['after']>().toEqualTypeOf<NewRow<'staff'>>();
    expectTypeOf<AuditEntryOf<'staff.updated'>['before']>().toEqualTypeOf<Row<'staff'>>();
    expectTypeOf<AuditEntryOf<'student.viewed'>['after']>().toEqualTypeOf<null>();
  });

  it('refuses an unknown action, a wrong entity type and a payload of the wrong shape (checked by tsc)', () => {
    const base = { chainKey: 'school:s', schoolId: 's', entityId: 'e' };
    const staff = {} as Row<'staff'>;
    const ok: AuditEntry[] = [
      { ...base, action: 'staff.updated', entityType: 'staff', before: staff, after: staff },
      { ...base, action: 'weeklyNote.edited', entityType: 'weekly_note', before: { text: 'a', version: 1 }, after: { text: 'b', version: 2 } },
      { ...base, action: 'student.viewed', entityType: 'student', before: null, after: null },
    ];
    const wrong: AuditEntry[] = [
      // @ts-expect-error an action that is not in src/shared/audit-events.ts
      { ...base, action: 'staff.deleted', entityType: 'staff', before: staff, after: null },
      // @ts-expect-error staff events are about a staff member
      { ...base, action: 'staff.updated', entityType: 'student', before: staff, after: staff },
      // @ts-expect-error the note's version is missing
      { ...base, action: 'weeklyNote.edited', entityType: 'weekly_note', before: { text: 'a' }, after: { text: 'b', version: 2 } },
      // @ts-expect-error a field the event does not record
      { ...base, action: 'weeklyNote.edited', entityType: 'weekly_note', before: { text: 'a', version: 1 }, after: { text: 'b', version: 2, author: 'x' } },
      // @ts-expect-error a view records no payload
      { ...base, action: 'student.viewed', entityType: 'student', before: null, after: { seen: true } },
    ];
    expect(ok.length + wrong.length).toBe(8);
  });
});

/** Every .ts file under src/server and src/cli but tests and the map itself. */
function serverSources(): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const dir of ['server', 'cli']) {
    for (const entry of readdirSync(join(src, dir), { recursive: true, withFileTypes: true })) {
      const path = relative(src, join(entry.parentPath, entry.name)).split('\\').join('/');
      if (!entry.isFile() || !path.endsWith('.ts') || path.endsWith('.test.ts') || path === 'server/platform/audit/audit-events.ts') continue;
      out.push({ path, text: readFileSync(join(src, path), 'utf8') });
    }
  }
  return out;
}

describe('audit event names', () => {
  it('lists each action and entity type once', () => {
    expect(new Set(AUDIT_ACTIONS).size).toBe(AUDIT_ACTIONS.length);
    expect(new Set(AUDIT_ENTITY_TYPES).size).toBe(AUDIT_ENTITY_TYPES.length);
  });

  it('lists only actions the server writes or reads (a quoted literal in its code)', () => {
    const sources = serverSources();
    expect(sources.length).toBeGreaterThan(100);
    const unused = AUDIT_ACTIONS.filter((action) => !sources.some((s) => s.text.includes(`'${action}'`)));
    expect(unused).toEqual([]);
  });

  it("labels only actions that exist (the web's AUDIT_ACTION_LABELS)", () => {
    const known = new Set<string>(AUDIT_ACTIONS);
    expect(Object.keys(AUDIT_ACTION_LABELS).filter((action) => !known.has(action))).toEqual([]);
  });
});
