/** The school's entry progress (G9): class × subject × teacher, cells still missing per column. */
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import type { Db } from '../platform/db/database.ts';
import { subjectAssessment } from '../school/index.ts';

/** G9: for every class × subject, the required cells still empty, per column. */
export async function loadProgress(db: Db, yearId: string, termNo: 1 | 2) {
  const classes = await db.selectFrom('classes').selectAll().where('school_year_id', '=', yearId).orderBy('grade').orderBy('name').execute();
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', yearId).orderBy('sort_order').execute();
  const assignments = await db
    .selectFrom('teaching_assignments')
    .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
    .select(['teaching_assignments.class_id', 'teaching_assignments.subject_id', 'staff.family_name', 'staff.middle_name', 'staff.given_name'])
    .where('teaching_assignments.school_year_id', '=', yearId)
    .execute();
  const active = await db
    .selectFrom('enrollments')
    .select(['class_id', 'student_id'])
    .where('school_year_id', '=', yearId)
    .where('status', 'in', ['active', 'transferred_in'])
    .execute();
  const filled = await db
    .selectFrom('gradebook_cells')
    .select(['class_id', 'subject_id', 'column_key', 'student_id'])
    .where('school_year_id', '=', yearId)
    .where('term_no', '=', termNo)
    .where((eb) => eb.or([eb('score_tenths', 'is not', null), eb('text_value', 'is not', null)]))
    .execute();
  const studentsByClass = new Map<string, Set<string>>();
  for (const a of active) {
    const set = studentsByClass.get(a.class_id) ?? new Set();
    set.add(a.student_id);
    studentsByClass.set(a.class_id, set);
  }
  const filledSet = new Set(filled.map((f) => `${f.class_id}|${f.subject_id}|${f.column_key}|${f.student_id}`));
  const rows = [];
  for (const cls of classes) {
    const students = [...(studentsByClass.get(cls.id) ?? [])];
    for (const subject of subjects.filter((s) => Number(s.grade) === Number(cls.grade))) {
      const required = gradebookColumns(subjectAssessment(subject), termNo).filter((c) => c.required);
      const missingByColumn: Record<string, number> = {};
      let done = 0;
      for (const col of required) {
        const have = students.filter((st) => filledSet.has(`${cls.id}|${subject.id}|${col.key}|${st}`)).length;
        done += have;
        if (students.length - have > 0) missingByColumn[col.label] = students.length - have;
      }
      const t = assignments.find((a) => a.class_id === cls.id && a.subject_id === subject.id);
      rows.push({
        classId: cls.id,
        className: cls.name,
        subjectId: subject.id,
        subjectName: subject.name,
        teacherName: t ? [t.family_name, t.middle_name, t.given_name].filter(Boolean).join(' ') : null,
        students: students.length,
        expected: students.length * required.length,
        filled: done,
        missingByColumn,
      });
    }
  }
  return rows;
}
