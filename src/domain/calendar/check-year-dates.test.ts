import { describe, expect, it } from 'vitest';
import { checkYearDates } from './check-year-dates.ts';

const good = {
  startYear: 2026,
  startsOn: '2026-09-05',
  endsOn: '2027-05-31',
  terms: [
    { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' },
    { termNo: 2, startsOn: '2027-01-19', endsOn: '2027-05-31' },
  ],
};

describe('school-year dates (S1: năm học, học kỳ)', () => {
  it('accepts a normal year', () => expect(checkYearDates(good)).toEqual([]));
  it.each([
    ['an impossible date', { ...good, endsOn: '2027-02-30' }, 'endsOn'],
    ['a year starting in the wrong calendar year', { ...good, startYear: 2025 }, 'startsOn'],
    ['a year ending before it starts', { ...good, endsOn: '2026-09-01', terms: good.terms }, 'endsOn'],
    [
      'overlapping terms',
      { ...good, terms: [good.terms[0], { termNo: 2, startsOn: '2027-01-10', endsOn: '2027-05-31' }] },
      'terms[1].startsOn',
    ],
    [
      'a term outside the year',
      { ...good, terms: [good.terms[0], { termNo: 2, startsOn: '2027-01-19', endsOn: '2027-06-30' }] },
      'terms[1]',
    ],
    ['a missing term', { ...good, terms: [good.terms[0]] }, 'terms'],
  ])('refuses %s, naming the field', (_label, input, field) => {
    expect(checkYearDates(input).map((p) => p.field)).toContain(field);
  });
});
