/**
 * The benches' business clock (issue 12): data is seeded, and every server process started by a
 * bench runs, at BENCH_NOW (23/11/2026 10:00 in Vietnam, in HK I before any re-entry deadline),
 * running on from there — so a bench measures the same work on any date.
 */
import { type Clock, clockStartingAt } from '../../src/server/platform/clock.ts';

export const BENCH_NOW = '2026-11-23T03:00:00.000Z';

export const benchClock: Clock = clockStartingAt(BENCH_NOW);
