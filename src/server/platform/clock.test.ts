/**
 * The one clock (issue 12): SODIEM_NOW and `sodiem demo --at` are read by parseInstant — a day is
 * 09:00 that day in Vietnam, an instant must name its offset (never the host's time zone) — and
 * a clock started at an instant runs on from it.
 */
import { describe, expect, it } from 'vitest';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { clockOnDay, clockStartingAt, configuredClock, fixedClock, parseInstant, systemClock } from './clock.ts';

describe('parseInstant', () => {
  it.each([
    ['a day is 09:00 in Vietnam (02:00 UTC)', '2026-12-07', '2026-12-07T02:00:00.000Z'],
    ['a leap day', '2028-02-29', '2028-02-29T02:00:00.000Z'],
    ['an instant in UTC', '2026-12-07T16:59:59Z', '2026-12-07T16:59:59.000Z'],
    ['an instant with milliseconds', '2026-12-07T16:59:59.999Z', '2026-12-07T16:59:59.999Z'],
    ['an instant in Vietnam time', '2026-12-08T00:00+07:00', '2026-12-07T17:00:00.000Z'],
  ])('%s: %s → %s', (_what, value, iso) => {
    expect(new Date(parseInstant(value)).toISOString()).toBe(iso);
  });

  it.each([
    ['an impossible day', '2026-02-30'],
    ['the Vietnamese way of writing a day', '07/12/2026'],
    ['an instant without an offset (would depend on the host)', '2026-12-07T20:00:00'],
    ['words', 'hôm nay'],
    ['nothing', ''],
  ])('refuses %s: "%s"', (_what, value) => {
    expect(() => parseInstant(value)).toThrow(/không hợp lệ/);
  });
});

describe('clocks', () => {
  it('a fixed clock never moves', () => {
    const clock = fixedClock('2026-11-23T03:00:00Z');
    expect(clock().toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(clock().toISOString()).toBe('2026-11-23T03:00:00.000Z');
  });

  it('a clock started at an instant reads it, then moves as its base moves', () => {
    let base = Date.parse('2030-01-01T00:00:00Z');
    const clock = clockStartingAt('2026-11-23T03:00:00Z', () => new Date(base));
    expect(clock().toISOString()).toBe('2026-11-23T03:00:00.000Z');
    base += 90_000;
    expect(clock().toISOString()).toBe('2026-11-23T03:01:30.000Z');
  });

  it('SODIEM_NOW unset is the system clock; a day gives that day; an instant starts there', () => {
    expect(configuredClock(undefined)).toBe(systemClock);
    expect(vietnamDay(configuredClock('2027-07-15')())).toBe('2027-07-15');
    expect(Math.abs(configuredClock('2027-07-15T03:00:00Z')().getTime() - Date.parse('2027-07-15T03:00:00Z'))).toBeLessThan(60_000);
  });

  it.each([
    ['in the morning in Vietnam', '2026-12-07T01:30:00Z', '2027-03-10T01:30:00.000Z'],
    ['just before midnight in Vietnam', '2026-12-07T16:59:00Z', '2027-03-10T16:59:00.000Z'],
    ['just after midnight in Vietnam (already 08/12 there)', '2026-12-07T17:01:00Z', '2027-03-09T17:01:00.000Z'],
  ])('a clock on another day keeps the real time of day, %s', (_what, real, expected) => {
    const clock = clockOnDay('2027-03-10', () => new Date(real));
    expect(clock().toISOString()).toBe(expected);
    expect(vietnamDay(clock())).toBe('2027-03-10');
  });

  it('two processes given the same day on the same real day agree to the millisecond', () => {
    const a = clockOnDay('2027-03-10', () => new Date('2026-12-07T02:00:00Z'));
    const b = clockOnDay('2027-03-10', () => new Date('2026-12-07T02:00:00Z'));
    expect(a().getTime()).toBe(b().getTime());
  });
});
