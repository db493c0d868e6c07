import { describe, expect, it } from 'vitest';
import { gradebookColumns } from './gradebook-columns.ts';
import { closingNeedsConfirmation, daysLeft, daysLeftLabel, reminderDue, windowClosesColumn, windowTermNos } from './window-columns.ts';

const scored = gradebookColumns({ assessmentKind: 'scored', regularCount: 2, hasPeriodicTest: false }, 1);
const primary = gradebookColumns({ assessmentKind: 'primaryLevel', regularCount: null, hasPeriodicTest: true, testPoints: ['term1Midterm', 'term1End'] }, 1);
const closed = (point: Parameters<typeof windowClosesColumn>[0], termNo: number, cols = scored) => cols.filter((c) => windowClosesColumn(point, termNo, c)).map((c) => c.key);

describe('what an update window closes (TT 22/2021 Điều 6–7; TT 27/2020 Điều 7; C7 the school\'s windows)', () => {
  it.each([
    ['mid-term I closes ĐĐGgk of term 1', 'term1.midterm', 1, scored, ['GK']],
    ['mid-term I closes nothing of term 2', 'term1.midterm', 2, scored, []],
    ['end of term I closes every required column of term 1, never the comment', 'term1.endOfTerm', 1, scored, ['TX1', 'TX2', 'GK', 'CK']],
    ['the whole year closes term 2 too', 'wholeYear', 2, scored, ['TX1', 'TX2', 'GK', 'CK']],
    ['primary mid-term I closes the mid-term level and test', 'term1.midterm', 1, primary, ['MUC_GK', 'KT_GK']],
  ] as const)('%s', (_label, point, termNo, cols, keys) => {
    expect(closed(point, termNo, [...cols])).toEqual(keys);
  });

  it.each([
    ['term1.midterm', [1]],
    ['term2.endOfTerm', [2]],
    ['wholeYear', [1, 2]],
  ] as const)('the terms of %s', (point, terms) => expect(windowTermNos(point)).toEqual(terms));
});

describe('days left and reminders (issue 15: reminders N days before a window closes)', () => {
  const w = { opensOn: '2026-11-28', closesOn: '2026-12-12' };
  it.each([
    ['2026-12-09', 3, true, '3 days before the last day'],
    ['2026-12-08', 4, false, '4 days before'],
    ['2026-12-12', 0, true, 'on the last day'],
    ['2026-12-13', -1, false, 'after the end'],
    ['2026-11-27', 15, false, 'before the window opens'],
  ])('on %s: %i days left, reminder due %s (%s)', (today, left, due) => {
    expect(daysLeft(today, w.closesOn)).toBe(left);
    expect(reminderDue(today, w, 3)).toBe(due);
  });
  it('says the days left in Vietnamese', () => {
    expect(daysLeftLabel('2026-12-09', '2026-12-12')).toBe('còn 3 ngày (hết hạn 12/12/2026)');
    expect(daysLeftLabel('2026-12-12', '2026-12-12')).toBe('hết hạn hôm nay (12/12/2026)');
    expect(daysLeftLabel('2026-12-13', '2026-12-12')).toBe('đã hết hạn 12/12/2026');
  });
});

describe('closing a window with empty columns needs the principal\'s confirmation (C7)', () => {
  it.each([
    ['ends today, 12 cells empty', '2026-12-09', 12, true],
    ['ended yesterday, 12 cells empty', '2026-12-08', 12, true],
    ['ends today, nothing empty', '2026-12-09', 0, false],
    ['ends later, cells still empty', '2026-12-20', 12, false],
  ])('%s', (_label, closesOn, empty, needs) => expect(closingNeedsConfirmation('2026-12-09', closesOn, empty)).toBe(needs));
});
