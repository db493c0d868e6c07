/**
 * The required cells still empty under each update window (C7, issue 15): per window × class ×
 * subject × column, the students of the class and how many have a value. Three grouped queries
 * (windows, subjects and classes with their student counts, filled cells counted in SQL), then
 * one pass over class × subject × column — never over cells.
 */
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { WINDOW_LABELS, type WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { windowClosesColumn, windowTermNos } from '../../domain/gradebook/window-columns.ts';
import type { Executor } from '../platform/db/database.ts';
import { subjectAssessment } from '../school/index.ts';

export interface WindowRow {
  id: string;
  point: WindowPoint;
  label: string;
  opensOn: string;
  closesOn: string;
  state: 'upcoming' | 'open' | 'closed';
}

export interface EmptyColumn {
  window: WindowRow;
  classId: string;
  className: string;
  subjectId: string;
  subjectName: string;
  termNo: number;
  columnKey: string;
  columnLabel: string;
  students: number;
  entered: number;
}

/** The windows of a year, with their state on the Vietnamese day of `now`. */
export async function loadWindows(db: Executor, yearId: string, now: string): Promise<WindowRow[]> {
  const today = vietnamDay(now);
  const rows = await db.selectFrom('assessment_windows').select(['id', 'point', 'opens_on', 'closes_on']).where('school_year_id', '=', yearId).execute();
  return rows.map((w) => ({
    id: w.id,
    point: w.point as WindowPoint,
    label: WINDOW_LABELS[w.point as WindowPoint],
    opensOn: w.opens_on,
    closesOn: w.closes_on,
    state: today < w.opens_on ? 'upcoming' : today > w.closes_on ? 'closed' : 'open',
  }));
}

/**
 * The columns with empty required cells under `windows`, for every class × subject of the year,
 * or only the pairs given (a teacher's assignments) and/or the classes given; `exceptClosedBy`
 * leaves out the columns windows that already ended have locked.
 */
export async function loadEmptyColumns(
  db: Executor,
  yearId: string,
  windows: readonly WindowRow[],
  only?: { pairs?: readonly { classId: string; subjectId: string }[]; classIds?: readonly string[]; exceptClosedBy?: readonly WindowRow[] },
): Promise<EmptyColumn[]> {
  if (!windows.length || (only?.pairs && !only.pairs.length) || (only?.classIds && !only.classIds.length)) return [];
  const termNos = [...new Set(windows.flatMap((w) => windowTermNos(w.point)))];
  const classIds = only?.classIds ?? (only?.pairs ? [...new Set(only.pairs.map((p) => p.classId))] : undefined);
  let classQuery = db
    .selectFrom('classes')
    .leftJoin('enrollments', (j) => j.onRef('enrollments.class_id', '=', 'classes.id').on('enrollments.status', 'in', ['active', 'transferred_in']))
    .select(['classes.id', 'classes.name', 'classes.grade', (eb) => eb.fn.count<number>('enrollments.student_id').as('students')])
    .where('classes.school_year_id', '=', yearId)
    .groupBy(['classes.id', 'classes.name', 'classes.grade'])
    .orderBy('classes.grade')
    .orderBy('classes.name');
  if (classIds) classQuery = classQuery.where('classes.id', 'in', classIds);
  const classes = await classQuery.execute();
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', yearId).orderBy('sort_order').execute();
  let filledQuery = db
    .selectFrom('gradebook_cells')
    .innerJoin('enrollments', (j) =>
      j.onRef('enrollments.class_id', '=', 'gradebook_cells.class_id').onRef('enrollments.student_id', '=', 'gradebook_cells.student_id').on('enrollments.status', 'in', ['active', 'transferred_in']),
    )
    .select(['gradebook_cells.class_id', 'gradebook_cells.subject_id', 'gradebook_cells.term_no', 'gradebook_cells.column_key', (eb) => eb.fn.countAll<number>().as('n')])
    .where('gradebook_cells.school_year_id', '=', yearId)
    .where('gradebook_cells.term_no', 'in', termNos)
    .where((eb) => eb.or([eb('gradebook_cells.score_tenths', 'is not', null), eb('gradebook_cells.text_value', 'is not', null)]))
    .groupBy(['gradebook_cells.class_id', 'gradebook_cells.subject_id', 'gradebook_cells.term_no', 'gradebook_cells.column_key']);
  if (classIds) filledQuery = filledQuery.where('gradebook_cells.class_id', 'in', classIds);
  const filled = new Map((await filledQuery.execute()).map((f) => [`${f.class_id}|${f.subject_id}|${Number(f.term_no)}|${f.column_key}`, Number(f.n)]));
  const wanted = only?.pairs ? new Set(only.pairs.map((p) => `${p.classId}|${p.subjectId}`)) : null;

  const out: EmptyColumn[] = [];
  for (const window of windows) {
    for (const cls of classes) {
      const students = Number(cls.students);
      if (students === 0) continue;
      for (const subject of subjects) {
        if (Number(subject.grade) !== Number(cls.grade) || (wanted && !wanted.has(`${cls.id}|${subject.id}`))) continue;
        for (const termNo of windowTermNos(window.point)) {
          for (const column of gradebookColumns(subjectAssessment(subject), termNo)) {
            if (!windowClosesColumn(window.point, termNo, column)) continue;
            // Already locked by a window that ended: entered only through a correction now, not in this window.
            if (only?.exceptClosedBy?.some((w) => windowClosesColumn(w.point, termNo, column))) continue;
            const entered = filled.get(`${cls.id}|${subject.id}|${termNo}|${column.key}`) ?? 0;
            if (entered >= students) continue;
            out.push({ window, classId: cls.id, className: cls.name, subjectId: subject.id, subjectName: subject.name, termNo, columnKey: column.key, columnLabel: column.label, students, entered });
          }
        }
      }
    }
  }
  return out;
}
