import { describe, expect, it } from 'vitest';
import { termSubjectAverage } from './term-subject-average.ts';
import { seededRandom } from './testing/seeded-random.ts';

const term = (regular: (number | null)[], midterm: number | null, endOfTerm: number | null) => ({ regular, midterm, endOfTerm });

describe('TT 22/2021 Điều 9 khoản 1 điểm b — ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (Số ĐĐGtx + 5)', () => {
  it.each([
    ['Ex 1: Toán, 4 ĐĐGtx', term([80, 90, 75, 85], 75, 80), 4, 80],
    ['Ex 2: Công nghệ 8, 3 ĐĐGtx', term([60, 70, 50], 55, 60), 3, 59],
    ['Ex 3: GDCD, 2 ĐĐGtx', term([70, 80], 65, 70), 2, 70],
    ['Ex 4: exact 4.95 → 5.0 (floats give 4.9)', term([74, 41, 64], 26, 55), 3, 50],
    ['Ex 4: exact 6.15 → 6.2 (floats give 6.1)', term([99, 99, 46], 40, 56), 3, 62],
    ['all zeros', term([0, 0], 0, 0), 2, 0],
    ['all tens', term([100, 100, 100, 100], 100, 100), 4, 100],
    ['extra regular scores count (Số ĐĐGtx is the number recorded)', term([80, 80, 80, 50], 80, 80), 3, 77],
  ])('%s', (_name, t, count, expected) => {
    expect(termSubjectAverage(t, count)).toBe(expected);
  });

  it.each([
    ['fewer regular scores than required', term([80, 90], 70, 80), 3],
    ['a regular score pending make-up', term([80, null, 90], 70, 80), 3],
    ['no midterm', term([80, 90, 70], null, 80), 3],
    ['no end-of-term', term([80, 90, 70], 70, null), 3],
  ])('incomplete → null: %s', (_name, t, count) => {
    expect(termSubjectAverage(t, count)).toBeNull();
  });

  it('property: lies between the lowest and the highest score, and equals the exact value rounded half up', () => {
    const rnd = seededRandom(1);
    for (let i = 0; i < 5_000; i++) {
      const n = rnd.int(2, 5);
      const regular = Array.from({ length: n }, () => rnd.int(0, 100));
      const t = term(regular, rnd.int(0, 100), rnd.int(0, 100));
      const avg = termSubjectAverage(t, n) as number;
      const all = [...regular, t.midterm as number, t.endOfTerm as number];
      expect(avg).toBeGreaterThanOrEqual(Math.min(...all));
      expect(avg).toBeLessThanOrEqual(Math.max(...all));
      const num = regular.reduce((a, b) => a + b, 0) + 2 * (t.midterm as number) + 3 * (t.endOfTerm as number);
      const d = n + 5;
      expect(2 * d * avg - d <= 2 * num && 2 * num < 2 * d * avg + d).toBe(true);
    }
  });

  it('property: raising any single score never lowers the average', () => {
    const rnd = seededRandom(2);
    for (let i = 0; i < 5_000; i++) {
      const n = rnd.int(2, 5);
      const t = term(Array.from({ length: n }, () => rnd.int(0, 100)), rnd.int(0, 100), rnd.int(0, 100));
      const before = termSubjectAverage(t, n) as number;
      const which = rnd.int(0, n + 1);
      const raised =
        which < n
          ? term(t.regular.map((v, j) => (j === which ? Math.min(100, (v as number) + rnd.int(1, 30)) : v)), t.midterm, t.endOfTerm)
          : which === n
            ? term(t.regular, Math.min(100, (t.midterm as number) + rnd.int(1, 30)), t.endOfTerm)
            : term(t.regular, t.midterm, Math.min(100, (t.endOfTerm as number) + rnd.int(1, 30)));
      expect(termSubjectAverage(raised, n) as number).toBeGreaterThanOrEqual(before);
    }
  });
});
