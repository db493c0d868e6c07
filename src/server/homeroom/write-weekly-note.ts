/**
 * Writing a weekly note (G5): the homeroom teacher's discipline note for a week, or a subject
 * teacher's comment on her subject. The note and its `weeklyNote.written` audit entry are one
 * transaction.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';

export interface WriteWeeklyNoteOptions {
  db: Db;
  cls: Row<'classes'>;
  /** A Monday. */
  weekStart: string;
  kind: 'discipline' | 'subject';
  /** The subject of a subject teacher's note (ignored for a discipline note). */
  subjectId: string | null;
  text: string;
  authorId: string;
  audit: AuditContext;
}

export async function writeWeeklyNote(options: WriteWeeklyNoteOptions): Promise<{ id: string }> {
  const { db, cls, weekStart, kind, audit } = options;
  if (new Date(`${weekStart}T00:00:00Z`).getUTCDay() !== 1) throw invalid('Tuần bắt đầu vào thứ Hai.', [{ field: 'weekStart', message: 'không phải thứ Hai' }]);
  const id = randomUUID();
  const row = {
    id,
    school_id: cls.school_id,
    school_year_id: cls.school_year_id,
    class_id: cls.id,
    week_start: weekStart,
    kind,
    subject_id: kind === 'subject' ? options.subjectId : null,
    author_id: options.authorId,
    text: options.text,
    created_at: audit.now,
    updated_at: audit.now,
    version: 1,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('weekly_notes').values(row).execute();
    await writeAudit(tx, audit, { chainKey: classChain(cls.id), schoolId: cls.school_id, action: 'weeklyNote.written', entityType: 'weekly_note', entityId: id, before: null, after: row });
  });
  return { id };
}
