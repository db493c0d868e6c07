/**
 * The living demo's calendar (issue 12, one clock; C7 update windows; S1 school-year dates): a
 * demo started on any day shows the school year containing that day, one update window open,
 * an earlier one closed (its auto-lock shows) and, during the terms, a later one scheduled.
 * Pure: every `today` below is written out.
 */
import { describe, expect, it } from 'vitest';
import { schoolYearContaining } from '../../domain/calendar/school-year-of.ts';
import { type DemoCalendar, type DemoPhase, demoCalendar } from './demo-calendar.ts';

describe('schoolYearContaining: school years start on 1 September', () => {
  it.each([
    ['31/08 still belongs to the year that started the previous September', '2026-08-31', 2025],
    ['01/09 starts a new school year', '2026-09-01', 2026],
    ['31/12 is in the year that started that September', '2026-12-31', 2026],
    ['01/01 is in the year that started the previous September', '2027-01-01', 2026],
    ['the leap day is in the year that started the previous September', '2028-02-29', 2027],
    ['31/08 closes the year', '2027-08-31', 2026],
    ['01/09 opens the next year', '2027-09-01', 2027],
  ])('%s (%s → %i)', (_label, today, startYear) => expect(schoolYearContaining(today)).toBe(startYear));
});

describe('phases: term1 01/09–17/01, term2 18/01–31/05, summer 01/06–31/08', () => {
  it.each([
    ['the first day of the school year is term I', '2026-09-01', 2026, 'term1'],
    ['17/01 is the last day of the term I phase', '2027-01-17', 2026, 'term1'],
    ['18/01 starts term II', '2027-01-18', 2026, 'term2'],
    ['31/05, the last teaching day, is term II', '2027-05-31', 2026, 'term2'],
    ['01/06 starts the summer of the year that is ending', '2027-06-01', 2026, 'summer'],
    ['31/08 is still the summer of the year that is ending', '2027-08-31', 2026, 'summer'],
    ['01/09 is term I of the next year', '2027-09-01', 2027, 'term1'],
    ['31/08 before the year is the previous year’s summer', '2026-08-31', 2025, 'summer'],
  ] as const)('%s (%s)', (_label, today, startYear, phase) => {
    const cal = demoCalendar(today);
    expect(cal.today).toBe(today);
    expect(cal.startYear).toBe(startYear);
    expect(cal.phase).toBe(phase);
  });
});

// Every 1st and 15th from 01/09/2026 to 15/08/2027, then the boundary days.
const days: [today: string, phase: DemoPhase, why: string][] = [
  ['2026-09-01', 'term1', '1st of September: the school year starts'],
  ['2026-09-15', 'term1', '15th, term I'],
  ['2026-10-01', 'term1', '1st, term I'],
  ['2026-10-15', 'term1', '15th, term I'],
  ['2026-11-01', 'term1', '1st, term I'],
  ['2026-11-15', 'term1', '15th, term I'],
  ['2026-12-01', 'term1', '1st, term I'],
  ['2026-12-15', 'term1', '15th, term I'],
  ['2027-01-01', 'term1', '1st, term I across the calendar year end'],
  ['2027-01-15', 'term1', '15th, term I near its end'],
  ['2027-02-01', 'term2', '1st, term II'],
  ['2027-02-15', 'term2', '15th, term II'],
  ['2027-03-01', 'term2', '1st, term II, after a 28-day February'],
  ['2027-03-15', 'term2', '15th, term II'],
  ['2027-04-01', 'term2', '1st, term II'],
  ['2027-04-15', 'term2', '15th, term II'],
  ['2027-05-01', 'term2', '1st, term II'],
  ['2027-05-15', 'term2', '15th, term II near its end'],
  ['2027-06-01', 'summer', '1st of June: summer starts'],
  ['2027-06-15', 'summer', '15th, summer'],
  ['2027-07-01', 'summer', '1st, summer'],
  ['2027-07-15', 'summer', '15th, summer'],
  ['2027-08-01', 'summer', '1st, summer'],
  ['2027-08-15', 'summer', '15th, summer'],
  ['2026-08-31', 'summer', 'boundary: the day before the school year (previous year’s summer)'],
  ['2026-12-31', 'term1', 'boundary: the calendar year’s last day'],
  ['2027-01-17', 'term1', 'boundary: the last day of the term I phase'],
  ['2027-01-18', 'term2', 'boundary: the first day of term II'],
  ['2027-05-31', 'term2', 'boundary: the last teaching day'],
  ['2027-08-31', 'summer', 'boundary: the last day of summer'],
  ['2027-09-01', 'term1', 'boundary: the next school year starts'],
  ['2028-02-29', 'term2', 'boundary: the leap day'],
];

const isOpen = (today: string) => (w: DemoCalendar['windows'][number]) => w.opensOn <= today && today <= w.closesOn;

const invariants: [rule: string, check: (cal: DemoCalendar) => void][] = [
  ['exactly one window is open today (opensOn <= today <= closesOn)', (cal) => expect(cal.windows.filter(isOpen(cal.today))).toHaveLength(1)],
  ['at least one window has closed before today, so its auto-lock shows (C7)', (cal) => expect(cal.windows.some((w) => w.closesOn < cal.today)).toBe(true)],
  [
    'during the terms a later window is scheduled (opensOn > today); in the summer nothing is left to schedule',
    (cal) => expect(cal.windows.some((w) => w.opensOn > cal.today)).toBe(cal.phase !== 'summer'),
  ],
  ['no two windows share a point', (cal) => expect(new Set(cal.windows.map((w) => w.point)).size).toBe(cal.windows.length)],
  ['every window opens on or before it closes', (cal) => expect(cal.windows.every((w) => w.opensOn <= w.closesOn)).toBe(true)],
  ['currentTerm is 1 in term I and 2 otherwise (term II’s grade book in the summer)', (cal) => expect(cal.currentTerm).toBe(cal.phase === 'term1' ? 1 : 2)],
  [
    'the year’s dates (from the opening day 05/09) contain today, except 01–04/09 before the opening and the summer, which comes after the year’s end and before the next year',
    (cal) => {
      const beforeOpening = cal.today >= `${cal.startYear}-09-01` && cal.today < `${cal.startYear}-09-05`;
      const inside = cal.year.startsOn <= cal.today && cal.today <= cal.year.endsOn;
      expect(inside).toBe(cal.phase !== 'summer' && !beforeOpening);
      if (beforeOpening) expect(cal.phase).toBe('term1');
      if (cal.phase === 'summer') expect(cal.today < `${cal.startYear + 1}-09-01`).toBe(true);
      expect(cal.year.startsOn).toBe(`${cal.startYear}-09-05`);
    },
  ],
];

describe.each(days)('demo calendar on %s (%s; %s)', (today, phase) => {
  const cal = demoCalendar(today);
  it('is in the expected phase', () => expect(cal.phase).toBe(phase));
  it.each(invariants)('%s', (_rule, check) => check(cal));
});
