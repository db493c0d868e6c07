/**
 * Editing a weekly note (G5): its writer changes the text from the version she read. The change
 * and its `weeklyNote.edited` audit entry are one transaction; an edit made elsewhere since that
 * version is a conflict, never a silent overwrite.
 */
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';

export interface EditWeeklyNoteOptions {
  db: Db;
  cls: Row<'classes'>;
  /** The note as loaded for the writer (the route checked she wrote it). */
  note: Row<'weekly_notes'>;
  text: string;
  /** The version the writer edited from. */
  baseVersion: number;
  audit: AuditContext;
}

const editedElsewhere = () => new AppError('CONFLICT', 'Nhận xét vừa được sửa ở nơi khác. Hãy tải lại.');

export async function editWeeklyNote(options: EditWeeklyNoteOptions): Promise<{ id: string; version: number }> {
  const { db, cls, note, text, baseVersion, audit } = options;
  // The loaded note must be the version the writer read, so its text is the audit's `before`.
  if (Number(note.version) !== baseVersion) throw editedElsewhere();
  const version = baseVersion + 1;
  await db.transaction().execute(async (tx) => {
    // Two edits from the same version may both get past the check above: the conditional update
    // lets one through and finds no row for the other (on PostgreSQL it waits for the first to
    // commit), which then rolls back without an audit entry.
    const res = await tx
      .updateTable('weekly_notes')
      .set({ text, updated_at: audit.now, version })
      .where('id', '=', note.id)
      .where('version', '=', baseVersion)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw editedElsewhere();
    await writeAudit(tx, audit, {
      chainKey: classChain(cls.id),
      schoolId: cls.school_id,
      action: 'weeklyNote.edited',
      entityType: 'weekly_note',
      entityId: note.id,
      before: { text: note.text, version: baseVersion },
      after: { text, version },
    });
  });
  return { id: note.id, version };
}
