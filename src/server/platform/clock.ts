/**
 * The one clock (C1, C7, P5): every rule, job, seed and command that needs "now" takes a `Clock`
 * instead of reading the wall clock, so a test or a demo can run at any date.
 * - `systemClock` — the real time (the default in production);
 * - `clockStartingAt(instant)` — starts at `instant` and runs on with real time (tests, a demo
 *   walked at a given date, SODIEM_NOW);
 * - `fixedClock(instant)` — never moves (pure unit tests).
 * Elapsed-time measurements (timeouts, benchmarks) may still use performance.now(): they decide
 * no business outcome.
 */
import { vietnamDay, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

export function fixedClock(instant: Date | string): Clock {
  const ms = typeof instant === 'string' ? parseInstant(instant) : instant.getTime();
  return () => new Date(ms);
}

/** A clock that reads `instant` now and moves forward in real time from there. */
export function clockStartingAt(instant: Date | string, base: Clock = systemClock): Clock {
  const start = typeof instant === 'string' ? parseInstant(instant) : instant.getTime();
  const offset = start - base().getTime();
  return () => new Date(base().getTime() + offset);
}

/**
 * `YYYY-MM-DD` (09:00 Vietnam time that day) or a full ISO instant; throws a Vietnamese error
 * naming the value otherwise.
 */
export function parseInstant(value: string): number {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const at = vietnamInstant(value, 9);
    // 30/02 rolls over to March: a day that is not on the calendar comes back as another day.
    if (vietnamDay(at) !== value) throw new Error(`Ngày không hợp lệ: "${value}" (cần YYYY-MM-DD).`);
    return at.getTime();
  }
  // An instant names its offset (Z or ±hh:mm): without one, Date.parse would read the host's zone.
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`Thời điểm không hợp lệ: "${value}" (cần YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SSZ).`);
  return ms;
}

/**
 * A clock on another day: the real time of day, moved by whole days so that today (in Vietnam) is
 * `day`. Every process given the same day on the same real day reads the same instant — a server
 * and `sodiem demo-totp` started apart still agree on the TOTP code.
 */
export function clockOnDay(day: string, base: Clock = systemClock): Clock {
  const target = parseInstant(day);
  const real = base().getTime();
  const realDay = parseInstant(vietnamDay(new Date(real)));
  const offset = target - realDay;
  return () => new Date(base().getTime() + offset);
}

/**
 * The configured clock: SODIEM_NOW as a day (YYYY-MM-DD: that day, at the real time of day) or an
 * instant (the clock starts there and runs on); unset, the system clock.
 */
export function configuredClock(start: string | undefined): Clock {
  if (!start) return systemClock;
  return /^\d{4}-\d{2}-\d{2}$/.test(start) ? clockOnDay(start) : clockStartingAt(start);
}
