/**
 * The living demo's calendar (issue 12): which school year, term and update windows a demo first
 * started on `today` (a day in Vietnam, yyyy-mm-dd) shows. Pure; the seed and its tests use it.
 * - The school year is the one that contains `today`, counting from 1 September (its dates run
 *   from the opening day 05/09 — term I 05/09–16/01, term II 18/01–31/05; 01–04/09 are the
 *   days before the opening; June–August is the summer break of the year that is ending:
 *   retests, summer training, rollover).
 * - Phase: `term1` (01/09–17/01), `term2` (18/01–31/05) or `summer` (01/06–31/08).
 * - Update windows (đợt cập nhật, C7): one is open around `today` (from three days before to two
 *   weeks after), an earlier one has closed (so its auto-lock shows), and a later one is
 *   scheduled — except in the summer, when nothing of the year is left to schedule.
 */
import { schoolYearContaining } from '../../domain/calendar/school-year-of.ts';
import { addDays } from '../../domain/calendar/vietnam-time.ts';
import type { WindowPoint } from '../../domain/gradebook/find-edit-block.ts';

export type DemoPhase = 'term1' | 'term2' | 'summer';

export interface DemoWindow {
  point: WindowPoint;
  opensOn: string;
  closesOn: string;
}

export interface DemoCalendar {
  today: string;
  startYear: number;
  phase: DemoPhase;
  /** The term whose grade book is being filled (term II in the summer). */
  currentTerm: 1 | 2;
  year: {
    startsOn: string;
    endsOn: string;
    terms: { termNo: 1 | 2; startsOn: string; endsOn: string; endTestOn: string }[];
  };
  /** In the order they were set. */
  windows: DemoWindow[];
}


export function demoCalendar(today: string): DemoCalendar {
  const y = schoolYearContaining(today);
  const year = {
    startsOn: `${y}-09-05`,
    endsOn: `${y + 1}-05-31`,
    terms: [
      { termNo: 1 as const, startsOn: `${y}-09-05`, endsOn: `${y + 1}-01-16`, endTestOn: `${y}-12-28` },
      { termNo: 2 as const, startsOn: `${y + 1}-01-18`, endsOn: `${y + 1}-05-31`, endTestOn: `${y + 1}-05-10` },
    ],
  };
  const phase: DemoPhase = today < year.terms[1].startsOn ? 'term1' : today <= year.endsOn ? 'term2' : 'summer';
  const closed = (point: WindowPoint): DemoWindow => ({ point, opensOn: addDays(today, -17), closesOn: addDays(today, -4) });
  const open = (point: WindowPoint): DemoWindow => ({ point, opensOn: addDays(today, -3), closesOn: addDays(today, 14) });
  const windows: DemoWindow[] =
    phase === 'term1'
      ? [closed('term1.midterm'), open('term1.endOfTerm'), { point: 'term2.midterm', opensOn: `${y + 1}-03-09`, closesOn: `${y + 1}-03-16` }]
      : phase === 'term2'
        ? [
            { point: 'term1.midterm', opensOn: `${y}-11-28`, closesOn: `${y}-12-05` },
            { point: 'term1.endOfTerm', opensOn: `${y + 1}-01-05`, closesOn: `${y + 1}-01-12` },
            closed('term2.midterm'),
            open('term2.endOfTerm'),
            { point: 'wholeYear', opensOn: `${y + 1}-06-20`, closesOn: `${y + 1}-07-20` },
          ]
        : [
            { point: 'term1.midterm', opensOn: `${y}-11-28`, closesOn: `${y}-12-05` },
            { point: 'term1.endOfTerm', opensOn: `${y + 1}-01-05`, closesOn: `${y + 1}-01-12` },
            { point: 'term2.midterm', opensOn: `${y + 1}-03-09`, closesOn: `${y + 1}-03-16` },
            { point: 'term2.endOfTerm', opensOn: `${y + 1}-05-15`, closesOn: `${y + 1}-05-25` },
            open('wholeYear'),
          ];
  return { today, startYear: y, phase, currentTerm: phase === 'term1' ? 1 : 2, year, windows };
}
