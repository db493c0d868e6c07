/** Queries for weekly notes (G5): plain rows out, no rules. */
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';

/** One note of a class; a note of another class is not found. */
export async function getWeeklyNoteOr404(db: Executor, classId: string, noteId: string) {
  const note = await db.selectFrom('weekly_notes').selectAll().where('id', '=', noteId).where('class_id', '=', classId).executeTakeFirst();
  if (!note) throw notFound('nhận xét tuần');
  return note;
}
