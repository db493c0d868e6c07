/**
 * The tests' business clock (issue 12): every test server runs on a clock that starts at a fixed
 * instant (TEST_NOW, 23/11/2026 10:00 in Vietnam, in the middle of HK I of the demo year, unless
 * a test picks another) and runs on in real time, so no outcome depends on the day the suite
 * runs. Anything a test computes "now" for (a TOTP code, a certificate's validity, a date it
 * fills in) takes it from the clock of the server it talks to: `clockOf(baseUrl)`.
 */
import { type Clock, clockStartingAt } from '../../src/server/platform/clock.ts';

export const TEST_NOW = '2026-11-23T03:00:00.000Z';

const shifts = new WeakMap<Clock, { ms: number }>();

export function testClock(start: string = TEST_NOW): Clock {
  const base = clockStartingAt(start);
  const shift = { ms: 0 };
  const clock: Clock = () => new Date(base().getTime() + shift.ms);
  shifts.set(clock, shift);
  return clock;
}

/** Moves a test clock forward by `ms`: what runs on it sees the time jump, as after a pause (fresh-totp.ts). */
export function moveClock(clock: Clock, ms: number): void {
  const shift = shifts.get(clock);
  if (!shift) throw new Error('moveClock: not a test clock');
  shift.ms += ms;
}

const clocks = new Map<string, Clock>();

/** Records the clock a server at `baseUrl` runs on. */
export function registerClock(baseUrl: string, clock: Clock): void {
  clocks.set(baseUrl, clock);
}

/** The clock of the server at `baseUrl` (a TEST_NOW clock for a server started elsewhere). */
export function clockOf(baseUrl: string): Clock {
  return clocks.get(baseUrl) ?? testClock();
}
