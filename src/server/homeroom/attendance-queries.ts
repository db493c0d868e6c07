/** Queries for attendance (G4): the marks and rolls of a day or a range, and the absence totals. */
import { summarizeAbsences } from '../../domain/attendance/summarize-absences.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadClassStudents } from '../gradebook/index.ts';

/** One day of a class: its current students, the absences marked and the rolls taken. */
export async function loadAttendanceDay(db: Executor, classId: string, date: string) {
  const students = (await loadClassStudents(db, classId)).filter((s) => s.active);
  const range = await loadAttendanceRange(db, classId, date, date);
  return {
    classId,
    date,
    students: students.map((s) => ({ studentId: s.studentId, listNumber: s.listNumber, fullName: s.fullName })),
    marks: range.marks.map(({ date: _d, ...m }) => m),
    rolls: range.rolls.map(({ date: _d, ...r }) => r),
  };
}

/** The absences marked and the rolls taken in a class between two days (both included). */
export async function loadAttendanceRange(db: Executor, classId: string, from: string, to: string) {
  const marks = await db
    .selectFrom('attendance_records')
    .selectAll()
    .where('class_id', '=', classId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('period_no')
    .execute();
  const rolls = await db
    .selectFrom('attendance_rolls')
    .innerJoin('users', 'users.id', 'attendance_rolls.taken_by')
    .select(['attendance_rolls.date', 'attendance_rolls.session', 'attendance_rolls.period_no', 'attendance_rolls.taken_at', 'users.full_name'])
    .where('attendance_rolls.class_id', '=', classId)
    .where('attendance_rolls.date', '>=', from)
    .where('attendance_rolls.date', '<=', to)
    .orderBy('attendance_rolls.date')
    .execute();
  return {
    marks: marks.map((m) => ({ date: m.date, studentId: m.student_id, session: m.session as 'morning' | 'afternoon', periodNo: Number(m.period_no), kind: m.kind as 'P' | 'K', note: m.note, subjectId: m.subject_id })),
    rolls: rolls.map((r) => ({ date: r.date, session: r.session as 'morning' | 'afternoon', periodNo: Number(r.period_no), takenBy: r.full_name, takenAt: r.taken_at })),
  };
}

/** Each current student's absences by month, term and year, against the 45-session limit. */
export async function loadAttendanceSummary(db: Executor, cls: Row<'classes'>) {
  const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
  const records = await db.selectFrom('attendance_records').select(['student_id', 'date', 'period_no', 'kind']).where('class_id', '=', cls.id).execute();
  const terms = await db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).execute();
  const totals = summarizeAbsences(
    records.map((r) => ({ studentId: r.student_id, date: r.date, periodNo: Number(r.period_no), kind: r.kind as 'P' | 'K' })),
    terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on })),
  );
  const zero = { excused: 0, unexcused: 0, sessions: 0, lessons: 0 };
  return {
    classId: cls.id,
    rows: students.map((s) => {
      const t = totals.get(s.studentId);
      return { studentId: s.studentId, listNumber: s.listNumber, fullName: s.fullName, year: t?.year ?? zero, term1: t?.term1 ?? zero, term2: t?.term2 ?? zero, byMonth: t?.byMonth ?? {}, overLimit: t?.overLimit ?? false, sessionsLeft: t?.sessionsLeft ?? 45 };
    }),
  };
}
