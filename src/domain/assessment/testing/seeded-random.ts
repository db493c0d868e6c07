/**
 * A tiny seeded PRNG (mulberry32) for property tests and benchmark data: the same seed gives the
 * same sequence on every machine, so a failing case can be replayed.
 */
export interface SeededRandom {
  /** Uniform integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability num/den. */
  chance(num: number, den: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function seededRandom(seed: number): SeededRandom {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return {
    int: (min, max) => min + (next() % (max - min + 1)),
    chance: (num, den) => next() % den < num,
    pick: (items) => items[next() % items.length],
  };
}
