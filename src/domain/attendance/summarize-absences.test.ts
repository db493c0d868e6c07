import { describe, expect, it } from 'vitest';
import { summarizeAbsences } from './summarize-absences.ts';

const terms = [
  { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' },
  { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31' },
];

describe('absence totals (G4) and the 45-session rule (TT 22/2021 Điều 12)', () => {
  it('counts sessions by kind, month and term; lessons apart', () => {
    const s = summarizeAbsences(
      [
        { studentId: 'a', date: '2026-10-05', periodNo: 0, kind: 'P' },
        { studentId: 'a', date: '2026-10-06', periodNo: 0, kind: 'K' },
        { studentId: 'a', date: '2026-11-02', periodNo: 3, kind: 'K' },
        { studentId: 'a', date: '2027-02-01', periodNo: 0, kind: 'P' },
      ],
      terms,
    ).get('a')!;
    expect(s.year).toEqual({ excused: 2, unexcused: 1, sessions: 3, lessons: 1 });
    expect(s.term1).toEqual({ excused: 1, unexcused: 1, sessions: 2, lessons: 1 });
    expect(s.term2.sessions).toBe(1);
    expect(s.byMonth['2026-10'].sessions).toBe(2);
    expect(s.sessionsLeft).toBe(42);
  });

  it.each([
    [45, false, 0],
    [46, true, 0],
    [44, false, 1],
  ])('%i sessions → over the limit: %s', (n, over, left) => {
    const records = Array.from({ length: n }, (_, i) => ({ studentId: 'b', date: `2026-10-${String((i % 28) + 1).padStart(2, '0')}`, periodNo: 0, kind: 'P' as const }));
    const s = summarizeAbsences(records, terms).get('b')!;
    expect(s.overLimit).toBe(over);
    expect(s.sessionsLeft).toBe(left);
  });
});
