/** Grade-book sheets as the API answers them: one class × subject × term, or the whole class book. */
import type { GradebookSheet } from '../../shared/gradebook.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import type { RequestAuth } from '../platform/http/context.ts';
import { presentSheet } from './gradebook-presenter.ts';
import { loadBlockContext, loadCells, loadClassStudents, loadSheetContext } from './gradebook-queries.ts';

export async function loadSheet(db: Db, auth: RequestAuth | null, p: { classId: string; subjectId: string; termNo: 1 | 2; now: string }): Promise<GradebookSheet> {
  const { cls, subject, settings, teacherName } = await loadSheetContext(db, p.classId, p.subjectId);
  const students = await loadClassStudents(db, cls.id);
  const cells = await loadCells(db, cls.id, subject.id, p.termNo);
  const blockContext = await loadBlockContext(db, cls.school_year_id, settings.editDeadlineDays);
  return presentSheet({ cls, subject, settings, teacherName, students, cells, blockContext }, auth, p);
}

/** The class book (sổ theo dõi và đánh giá): every subject's sheet of the class's grade, read-only. */
export async function loadClassBook(db: Db, cls: Row<'classes'>, termNo: 1 | 2, now: string) {
  const subjects = await db
    .selectFrom('subjects')
    .select('id')
    .where('school_year_id', '=', cls.school_year_id)
    .where('grade', '=', cls.grade)
    .orderBy('sort_order')
    .execute();
  const sheets = [];
  for (const s of subjects) sheets.push(await loadSheet(db, null, { classId: cls.id, subjectId: s.id, termNo, now }));
  return { classId: cls.id, className: cls.name, termNo, sheets };
}
