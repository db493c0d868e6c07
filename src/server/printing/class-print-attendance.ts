/**
 * The class book's monthly attendance sheets (FORMS.md §1.2 step 5): for each term of the printed
 * scope, one sheet per month the term touches, with each active student's absences per day.
 *
 * Same rule as the absence totals (summarizeAbsences, G4): only whole-session records (period 0,
 * the homeroom roll) are absences of a session; lessons marked by subject teachers are not.
 * A record belongs to the term whose dates contain it, so the TS/P/K of a term's sheets add up
 * to the term's totals on the summary page.
 */
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import type { AttendanceMonthSheet } from './templates/class-book-data.ts';
import { loadPrintStudents } from './class-print-results.ts';

export type AttendanceScope = 'hk1' | 'hk2' | 'year';

export interface AttendanceInput {
  students: { studentId: string; no: number; fullName: string }[];
  /** Absence records of the class (any period; only period 0 counts). */
  records: { studentId: string; date: string; session: string; periodNo: number; kind: 'P' | 'K' }[];
  terms: { termNo: number; startsOn: string; endsOn: string }[];
}

const SESSION_ORDER: Record<string, number> = { morning: 0, afternoon: 1 };

/** Pure: the sheets of the terms in `scope` from the class's students, records and terms. */
export function monthlyAttendance(input: AttendanceInput, scope: AttendanceScope): AttendanceMonthSheet[] {
  const wanted = scope === 'hk1' ? [1] : scope === 'hk2' ? [2] : [1, 2];
  const terms = input.terms.filter((t) => wanted.includes(t.termNo)).sort((a, b) => a.termNo - b.termNo);
  // studentId → date → kinds (in session order)
  const marks = new Map<string, Map<string, { session: string; kind: 'P' | 'K' }[]>>();
  for (const r of input.records) {
    if (r.periodNo !== 0) continue;
    let byDate = marks.get(r.studentId);
    if (!byDate) marks.set(r.studentId, (byDate = new Map()));
    const list = byDate.get(r.date) ?? [];
    list.push({ session: r.session, kind: r.kind });
    byDate.set(r.date, list);
  }
  const sheets: AttendanceMonthSheet[] = [];
  for (const term of terms) {
    let year = Number(term.startsOn.slice(0, 4));
    let month = Number(term.startsOn.slice(5, 7));
    const endKey = term.endsOn.slice(0, 7);
    for (;;) {
      const key = `${year}-${String(month).padStart(2, '0')}`;
      if (key > endKey) break;
      const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
      const firstDay = term.startsOn.slice(0, 7) === key ? Number(term.startsOn.slice(8, 10)) : 1;
      const lastDay = endKey === key ? Number(term.endsOn.slice(8, 10)) : last;
      sheets.push({
        termNo: term.termNo as 1 | 2,
        year,
        month,
        firstDay,
        lastDay,
        rows: input.students.map((s) => {
          const row = { no: s.no, fullName: s.fullName, marks: new Array<string>(last).fill(''), total: 0, excused: 0, unexcused: 0 };
          const byDate = marks.get(s.studentId);
          for (let d = firstDay; d <= lastDay && byDate; d++) {
            const list = byDate.get(`${key}-${String(d).padStart(2, '0')}`);
            if (!list) continue;
            list.sort((a, b) => (SESSION_ORDER[a.session] ?? 9) - (SESSION_ORDER[b.session] ?? 9));
            row.marks[d - 1] = list.map((m) => m.kind).join('');
            for (const m of list) {
              row.total += 1;
              if (m.kind === 'P') row.excused += 1;
              else row.unexcused += 1;
            }
          }
          return row;
        }),
      });
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
  }
  return sheets;
}

/** The sheets for the class book of `cls` (the active students, in list order, as on the student list). */
export async function loadMonthlyAttendance(db: Executor, cls: Row<'classes'>, scope: AttendanceScope): Promise<AttendanceMonthSheet[]> {
  const students = await loadPrintStudents(db, cls.id);
  const records = await db.selectFrom('attendance_records').select(['student_id', 'date', 'session', 'period_no', 'kind']).where('class_id', '=', cls.id).where('period_no', '=', 0).execute();
  const terms = await db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).execute();
  return monthlyAttendance(
    {
      students: students.map((s) => ({ studentId: s.studentId, no: s.no, fullName: s.fullName })),
      records: records.map((r) => ({ studentId: r.student_id, date: r.date, session: r.session, periodNo: Number(r.period_no), kind: r.kind as 'P' | 'K' })),
      terms: terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on })),
    },
    scope,
  );
}
