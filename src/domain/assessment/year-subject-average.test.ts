import { describe, expect, it } from 'vitest';
import { yearSubjectAverage } from './year-subject-average.ts';
import { seededRandom } from './testing/seeded-random.ts';

describe('TT 22/2021 Điều 9 khoản 1 điểm b — ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3', () => {
  it.each([
    ['Ex 5: 6.8 and 8.5 → 7.9', 68, 85, 79],
    ['Ex 5: 6.4 and 6.5 → 6.5', 64, 65, 65],
    ['Ex 5: 4.8 and 5.1 → 5.0', 48, 51, 50],
    ['Ex 7: 8.6 and 9.2 → 9.0', 86, 92, 90],
    ['Ex 8: 9.0 and 8.9 → 8.9', 90, 89, 89],
    ['equal terms', 73, 73, 73],
  ])('%s', (_name, h1, h2, expected) => {
    expect(yearSubjectAverage(h1, h2)).toBe(expected);
  });

  it('a term without an average gives no year average', () => {
    expect(yearSubjectAverage(null, 80)).toBeNull();
    expect(yearSubjectAverage(80, null)).toBeNull();
  });

  it('property: ĐTBmcn always lies between the two term averages, closer to term II', () => {
    const rnd = seededRandom(3);
    for (let i = 0; i < 20_000; i++) {
      const h1 = rnd.int(0, 100);
      const h2 = rnd.int(0, 100);
      const y = yearSubjectAverage(h1, h2) as number;
      expect(y).toBeGreaterThanOrEqual(Math.min(h1, h2));
      expect(y).toBeLessThanOrEqual(Math.max(h1, h2));
      expect(Math.abs(y - h2)).toBeLessThanOrEqual(Math.abs(y - h1) + 1);
    }
  });
});
