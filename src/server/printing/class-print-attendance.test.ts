import { describe, expect, it } from 'vitest';
import { summarizeAbsences } from '../../domain/attendance/summarize-absences.ts';
import { type AttendanceInput, monthlyAttendance } from './class-print-attendance.ts';

const terms = [
  { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' },
  { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31' },
];
const students = [
  { studentId: 'a', no: 1, fullName: 'Trần Thu Anh' },
  { studentId: 'b', no: 2, fullName: 'Chu Hà Khánh Chi' },
];
const rec = (studentId: string, date: string, kind: 'P' | 'K', session = 'morning', periodNo = 0) => ({ studentId, date, session, periodNo, kind });
const input: AttendanceInput = {
  students,
  terms,
  records: [
    rec('a', '2026-09-07', 'K', 'afternoon'),
    rec('a', '2026-09-07', 'P', 'morning'),
    rec('a', '2026-11-20', 'P'),
    rec('a', '2026-11-20', 'K', 'morning', 3), // a lesson marked by a subject teacher: not a session
    rec('b', '2027-01-15', 'K'),
    rec('b', '2027-01-18', 'P'),
    rec('b', '2027-03-02', 'K', 'afternoon'),
    rec('z', '2026-10-01', 'K'), // no longer in the class list
  ],
};

describe('monthly attendance of the class book (FORMS.md §1.2 step 5)', () => {
  it('gives one sheet per month of each term in the scope, a split month once per term', () => {
    const label = (scope: 'hk1' | 'hk2' | 'year') => monthlyAttendance(input, scope).map((s) => `${s.termNo}:${s.month}/${s.year} ${s.firstDay}-${s.lastDay}`);
    expect(label('hk1')).toEqual(['1:9/2026 5-30', '1:10/2026 1-31', '1:11/2026 1-30', '1:12/2026 1-31', '1:1/2027 1-16']);
    expect(label('hk2')).toEqual(['2:1/2027 18-31', '2:2/2027 1-28', '2:3/2027 1-31', '2:4/2027 1-30', '2:5/2027 1-31']);
    expect(label('year')).toHaveLength(10);
  });

  it('marks one letter per session missed, morning first, and ignores lesson marks', () => {
    const [sep, , nov] = monthlyAttendance(input, 'hk1');
    expect(sep.rows.map((r) => r.fullName)).toEqual(['Trần Thu Anh', 'Chu Hà Khánh Chi']);
    expect(sep.rows[0].marks).toHaveLength(30);
    expect(sep.rows[0].marks[6]).toBe('PK');
    expect(sep.rows[0]).toMatchObject({ total: 2, excused: 1, unexcused: 1 });
    expect(nov.rows[0].marks[19]).toBe('P');
    expect(nov.rows[0]).toMatchObject({ total: 1, excused: 1, unexcused: 0 });
  });

  it("adds up, per term, to the summary's absence totals (summarizeAbsences)", () => {
    const totals = summarizeAbsences(input.records, terms);
    const sheets = monthlyAttendance(input, 'year');
    for (const s of students) {
      for (const termNo of [1, 2] as const) {
        const rows = sheets.filter((x) => x.termNo === termNo).map((x) => x.rows.find((r) => r.no === s.no)!);
        const t = totals.get(s.studentId)![`term${termNo}`];
        expect(rows.reduce((a, r) => a + r.excused, 0)).toBe(t.excused);
        expect(rows.reduce((a, r) => a + r.unexcused, 0)).toBe(t.unexcused);
        expect(rows.reduce((a, r) => a + r.total, 0)).toBe(t.sessions);
      }
    }
    const jan1 = sheets.find((x) => x.termNo === 1 && x.month === 1)!;
    const jan2 = sheets.find((x) => x.termNo === 2 && x.month === 1)!;
    expect([jan1.rows[1].marks[14], jan1.rows[1].marks[17], jan1.rows[1].unexcused]).toEqual(['K', '', 1]);
    expect([jan2.rows[1].marks[14], jan2.rows[1].marks[17], jan2.rows[1].excused]).toEqual(['', 'P', 1]);
  });
});
