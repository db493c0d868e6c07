/**
 * The primary assessment point running on a day (TT 27/2020 Điều 6): the mid-term point until
 * halfway from the term's start to its end-of-term test, then the end-of-term point.
 */
import { describe, expect, it } from 'vitest';
import { endOfTermPointStarts, primaryPointOn } from './current-primary-point.ts';

const TERMS = [
  { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16', endTestOn: '2026-12-28' },
  { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31', endTestOn: '2027-05-10' },
];

describe('endOfTermPointStarts', () => {
  it.each([
    ['term I: 05/09 → 28/12 is 114 days, halfway is 01/11', TERMS[0], '2026-11-01'],
    ['term II: 18/01 → 10/05 is 112 days, halfway is 15/03', TERMS[1], '2027-03-15'],
    ['no test date: halfway to the term’s end', { termNo: 1, startsOn: '2026-09-05', endsOn: '2026-09-15', endTestOn: null }, '2026-09-10'],
  ])('%s', (_what, term, day) => {
    expect(endOfTermPointStarts(term)).toBe(day);
  });
});

describe('primaryPointOn', () => {
  it.each([
    ['before the year opens', '2026-08-20', 'GK1'],
    ['the first day of term I', '2026-09-05', 'GK1'],
    ['the last day of giữa HK I', '2026-10-31', 'GK1'],
    ['the first day of cuối HK I', '2026-11-01', 'CK1'],
    ['the last day of term I', '2027-01-16', 'CK1'],
    ['between the terms (17/01)', '2027-01-17', 'CK1'],
    ['the first day of term II', '2027-01-18', 'GK2'],
    ['the last day of giữa HK II', '2027-03-14', 'GK2'],
    ['the first day of cuối năm', '2027-03-15', 'CN'],
    ['the summer', '2027-07-15', 'CN'],
  ])('%s (%s) → %s', (_what, today, point) => {
    expect(primaryPointOn(today, TERMS)).toBe(point);
  });

  it('without both terms, cuối năm', () => {
    expect(primaryPointOn('2026-10-01', [TERMS[0]])).toBe('CN');
  });
});
