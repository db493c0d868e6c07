/**
 * Absence totals (G4): per student, sessions absent excused (P) and unexcused (K), per month,
 * per term and for the year. Only whole-session records (buổi) count toward the 45-session rule
 * of TT 22/2021 Điều 12 (nghỉ quá 45 buổi trong năm học → không được lên lớp); lessons marked by
 * subject teachers are counted apart.
 */
import { TT22_MAX_ABSENCES } from '../assessment/promotion-outcome-tt22.ts';

export interface AbsenceRecord {
  studentId: string;
  /** yyyy-mm-dd */
  date: string;
  periodNo: number;
  kind: 'P' | 'K';
}

export interface AbsenceTotals {
  excused: number;
  unexcused: number;
  sessions: number;
  lessons: number;
}

export interface StudentAbsences {
  year: AbsenceTotals;
  term1: AbsenceTotals;
  term2: AbsenceTotals;
  /** yyyy-mm → totals */
  byMonth: Record<string, AbsenceTotals>;
  /** More than 45 sessions: not promoted (TT 22 Điều 12). */
  overLimit: boolean;
  /** Sessions left before the limit (0 when over). */
  sessionsLeft: number;
}

const empty = (): AbsenceTotals => ({ excused: 0, unexcused: 0, sessions: 0, lessons: 0 });

function add(t: AbsenceTotals, r: AbsenceRecord) {
  if (r.periodNo === 0) {
    t.sessions += 1;
    if (r.kind === 'P') t.excused += 1;
    else t.unexcused += 1;
  } else t.lessons += 1;
}

export function summarizeAbsences(
  records: readonly AbsenceRecord[],
  terms: readonly { termNo: number; startsOn: string; endsOn: string }[],
): Map<string, StudentAbsences> {
  const out = new Map<string, StudentAbsences>();
  for (const r of records) {
    let s = out.get(r.studentId);
    if (!s) {
      s = { year: empty(), term1: empty(), term2: empty(), byMonth: {}, overLimit: false, sessionsLeft: TT22_MAX_ABSENCES };
      out.set(r.studentId, s);
    }
    add(s.year, r);
    const month = r.date.slice(0, 7);
    add((s.byMonth[month] ??= empty()), r);
    const term = terms.find((t) => r.date >= t.startsOn && r.date <= t.endsOn);
    if (term?.termNo === 1) add(s.term1, r);
    if (term?.termNo === 2) add(s.term2, r);
  }
  for (const s of out.values()) {
    s.overLimit = s.year.sessions > TT22_MAX_ABSENCES;
    s.sessionsLeft = Math.max(0, TT22_MAX_ABSENCES - s.year.sessions);
  }
  return out;
}
