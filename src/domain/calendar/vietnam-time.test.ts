/**
 * Vietnam's civil time (issue 12, one clock; C7, G10 and P5 turn instants into Vietnam's days):
 * Asia/Ho_Chi_Minh is UTC+7 all year with no daylight saving, so the day changes at 17:00 UTC.
 * Every instant below is written out; nothing reads the wall clock.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VIETNAM_OFFSET_MS, addDays, formatDay, formatVietnamDateTime, formatVietnamDay, vietnamDay, vietnamInstant } from './vietnam-time.ts';

describe('vietnamDay: the day changes at midnight in Vietnam (17:00 UTC), not at midnight UTC', () => {
  it('the offset is seven hours', () => expect(VIETNAM_OFFSET_MS).toBe(7 * 3600_000));

  it.each([
    ['the last millisecond of 07/12 in Vietnam (23:59:59.999)', '2026-12-07T16:59:59.999Z', '2026-12-07'],
    ['midnight in Vietnam starts 08/12', '2026-12-07T17:00:00.000Z', '2026-12-08'],
    ['07:00 in Vietnam is midnight UTC: same day', '2026-12-07T00:00:00.000Z', '2026-12-07'],
    ['UTC still says 06/12, Vietnam already 07/12', '2026-12-06T17:00:00.000Z', '2026-12-07'],
    ['the last millisecond of the year in Vietnam', '2026-12-31T16:59:59.999Z', '2026-12-31'],
    ['year end: 17:00 UTC on 31/12 is New Year in Vietnam', '2026-12-31T17:00:00.000Z', '2027-01-01'],
    ['leap day: 17:00 UTC on 28/02/2028 starts 29/02 in Vietnam', '2028-02-28T17:00:00.000Z', '2028-02-29'],
    ['the leap day ends at 17:00 UTC on 29/02', '2028-02-29T16:59:59.999Z', '2028-02-29'],
    ['after the leap day comes 01/03', '2028-02-29T17:00:00.000Z', '2028-03-01'],
    ['no leap day in 2027: 28/02 is followed by 01/03', '2027-02-28T17:00:00.000Z', '2027-03-01'],
  ])('%s (%s → %s)', (_label, instant, day) => {
    expect(vietnamDay(instant)).toBe(day);
    expect(vietnamDay(new Date(instant))).toBe(day);
  });
});

describe('formatDay / formatVietnamDay: dd/mm/yyyy, the Ministry’s way of writing dates', () => {
  it.each([
    ['an ordinary day', '2026-12-08', '08/12/2026'],
    ['New Year', '2027-01-01', '01/01/2027'],
    ['the leap day', '2028-02-29', '29/02/2028'],
    ['only the date part of an ISO instant is used', '2026-12-08T23:00:00.000Z', '08/12/2026'],
  ])('formatDay: %s (%s → %s)', (_label, day, text) => expect(formatDay(day)).toBe(text));

  it.each([
    ['still 07/12 in Vietnam', '2026-12-07T16:59:59.999Z', '07/12/2026'],
    ['already 08/12 in Vietnam', '2026-12-07T17:00:00.000Z', '08/12/2026'],
    ['New Year in Vietnam while UTC is still in 2026', '2026-12-31T17:00:00.000Z', '01/01/2027'],
    ['the leap day in Vietnam while UTC is still on 28/02', '2028-02-28T17:00:00.000Z', '29/02/2028'],
  ])('formatVietnamDay: %s (%s → %s)', (_label, instant, text) => {
    expect(formatVietnamDay(instant)).toBe(text);
    expect(formatVietnamDay(new Date(instant))).toBe(text);
  });
});

describe('formatVietnamDateTime: "HH:MM ngày dd/mm/yyyy" in Vietnam', () => {
  it.each([
    ['one minute to midnight (seconds are dropped, not rounded)', '2026-12-07T16:59:59.999Z', '23:59 ngày 07/12/2026'],
    ['midnight is 00:00 of the next day', '2026-12-07T17:00:00.000Z', '00:00 ngày 08/12/2026'],
    ['a morning lock (as in the C1 refusal)', '2026-12-06T01:00:00.000Z', '08:00 ngày 06/12/2026'],
    ['New Year midnight', '2026-12-31T17:00:00.000Z', '00:00 ngày 01/01/2027'],
    ['noon-ish on the leap day', '2028-02-29T05:30:00.000Z', '12:30 ngày 29/02/2028'],
  ])('%s (%s → %s)', (_label, instant, text) => {
    expect(formatVietnamDateTime(instant)).toBe(text);
    expect(formatVietnamDateTime(new Date(instant))).toBe(text);
  });
});

describe('vietnamInstant: a wall-clock time in Vietnam as an instant, and back', () => {
  it.each([
    ['midnight of 08/12 is 17:00 UTC on 07/12', '2026-12-08', 0, 0, '2026-12-07T17:00:00.000Z'],
    ['New Year midnight is 17:00 UTC on 31/12', '2027-01-01', 0, 0, '2026-12-31T17:00:00.000Z'],
    ['08:00 is 01:00 UTC the same day', '2026-12-06', 8, 0, '2026-12-06T01:00:00.000Z'],
    ['06:59 is the previous day in UTC', '2026-12-07', 6, 59, '2026-12-06T23:59:00.000Z'],
    ['the last minute of the leap day', '2028-02-29', 23, 59, '2028-02-29T16:59:00.000Z'],
    ['the first minute of the leap day', '2028-02-29', 0, 0, '2028-02-28T17:00:00.000Z'],
  ])('%s (%s %i:%i → %s)', (_label, day, hour, minute, iso) => {
    expect(vietnamInstant(day, hour, minute).toISOString()).toBe(iso);
  });

  it('hour and minute default to midnight', () => expect(vietnamInstant('2026-12-08').toISOString()).toBe('2026-12-07T17:00:00.000Z'));

  it.each([
    ['the first minute of a day', '2026-12-08', 0, 0],
    ['the last minute of a day', '2026-12-07', 23, 59],
    ['the first minute of the year', '2027-01-01', 0, 0],
    ['the last minute of the year', '2026-12-31', 23, 59],
    ['the first minute of the leap day', '2028-02-29', 0, 0],
    ['the last minute of the leap day', '2028-02-29', 23, 59],
    ['a morning in summer', '2027-07-15', 9, 5],
  ])('round trip: %s (%s %i:%i) reads back as the same day and time', (_label, day, hour, minute) => {
    const instant = vietnamInstant(day, hour, minute);
    expect(vietnamDay(instant)).toBe(day);
    const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    expect(formatVietnamDateTime(instant)).toBe(`${hhmm} ngày ${formatDay(day)}`);
  });
});

describe('addDays: whole days on the calendar, across month and year ends, forwards and back', () => {
  it.each([
    ['zero days is the same day', '2026-12-08', 0, '2026-12-08'],
    ['across a 30-day month end', '2026-11-30', 1, '2026-12-01'],
    ['across the year end', '2026-12-31', 1, '2027-01-01'],
    ['back across the year end', '2027-01-01', -1, '2026-12-31'],
    ['back a week across the year end (G10 deadline)', '2027-01-05', -7, '2026-12-29'],
    ['back a week across a month end (G10 deadline)', '2027-05-03', -7, '2027-04-26'],
    ['into the leap day', '2028-02-28', 1, '2028-02-29'],
    ['out of the leap day', '2028-02-29', 1, '2028-03-01'],
    ['back into the leap day', '2028-03-01', -1, '2028-02-29'],
    ['no leap day in 2027', '2027-02-28', 1, '2027-03-01'],
    ['back from 01/03 in 2027 lands on 28/02', '2027-03-01', -1, '2027-02-28'],
    ['a year of 365 days (no 29/02 in between)', '2026-09-01', 365, '2027-09-01'],
    ['a year of 366 days (29/02/2028 in between)', '2027-09-01', 366, '2028-09-01'],
    ['the demo’s closed window opens 17 days back, across a month end', '2026-12-05', -17, '2026-11-18'],
    ['the demo’s open window closes 14 days on, across the year end', '2026-12-25', 14, '2027-01-08'],
  ])('%s (%s %+i → %s)', (_label, day, n, expected) => expect(addDays(day, n)).toBe(expected));
});

describe('the wall clock plays no part (issue 12)', () => {
  afterEach(() => vi.useRealTimers());
  it.each([
    ['long ago', '1999-03-15T04:00:00.000Z'],
    ['the night the day turns in Vietnam', '2026-12-07T17:00:00.000Z'],
    ['far ahead', '2101-07-01T12:00:00.000Z'],
  ])('with the system time set %s (%s) the answers are the same', (_label, systemTime) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(systemTime));
    expect(vietnamDay('2026-12-07T16:59:59.999Z')).toBe('2026-12-07');
    expect(formatVietnamDateTime('2026-12-31T17:00:00.000Z')).toBe('00:00 ngày 01/01/2027');
    expect(vietnamInstant('2028-02-29').toISOString()).toBe('2028-02-28T17:00:00.000Z');
    expect(addDays('2027-01-05', -7)).toBe('2026-12-29');
  });
});
