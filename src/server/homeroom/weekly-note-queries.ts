/** Queries for weekly notes (G5): plain rows out, no rules. */
import { notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';

/** One note of a class; a note of another class is not found. */
export async function getWeeklyNoteOr404(db: Executor, classId: string, noteId: string) {
  const note = await db.selectFrom('weekly_notes').selectAll().where('id', '=', noteId).where('class_id', '=', classId).executeTakeFirst();
  if (!note) throw notFound('nhận xét tuần');
  return note;
}

/** The notes of a class, newest week first, optionally between two week starts, with writer and subject names. */
export async function listWeeklyNotes(db: Executor, classId: string, range: { from?: string; to?: string }) {
  let q = db
    .selectFrom('weekly_notes')
    .innerJoin('users', 'users.id', 'weekly_notes.author_id')
    .leftJoin('subjects', 'subjects.id', 'weekly_notes.subject_id')
    .selectAll('weekly_notes')
    .select(['users.full_name', 'subjects.name as subject_name'])
    .where('weekly_notes.class_id', '=', classId);
  if (range.from) q = q.where('weekly_notes.week_start', '>=', range.from);
  if (range.to) q = q.where('weekly_notes.week_start', '<=', range.to);
  const rows = await q.orderBy('weekly_notes.week_start', 'desc').orderBy('weekly_notes.created_at').execute();
  return rows.map((r) => ({
    id: r.id,
    weekStart: r.week_start,
    kind: r.kind as 'discipline' | 'subject',
    subjectId: r.subject_id,
    subjectName: r.subject_name ?? null,
    authorName: r.full_name,
    text: r.text,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: Number(r.version),
  }));
}
