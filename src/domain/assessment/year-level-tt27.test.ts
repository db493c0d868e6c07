import { describe, expect, it } from 'vitest';
import { yearLevelTt27, type SubjectLevelTt27, type TraitLevelTt27, type YearLevelInputTt27 } from './year-level-tt27.ts';
import { seededRandom } from './testing/seeded-random.ts';

const T5: TraitLevelTt27[] = ['T', 'T', 'T', 'T', 'T'];
const T10: TraitLevelTt27[] = Array(10).fill('T');
const P1: YearLevelInputTt27 = {
  subjectLevels: Array(11).fill('T'),
  tests: [9, 10, 9, 9, 10, 9], // TV, Toán, NN1, LS&ĐL, KH, TH&CN
  qualities: T5,
  competences: T10,
};

describe('TT 27/2020 Điều 9 khoản 2 — year-end level', () => {
  it('P1: all HTT, all Tốt, all tests ≥ 9 → HTXS', () => expect(yearLevelTt27(P1)).toBe('HTXS'));
  it('P2: Toán test 8 → HTT', () => expect(yearLevelTt27({ ...P1, tests: [9, 8, 9, 9, 10, 9] })).toBe('HTT'));
  it('P3: one competence Đạt → HT', () =>
    expect(yearLevelTt27({ ...P1, competences: T10.map((c, i) => (i === 1 ? 'Đ' : c)) })).toBe('HT'));
  it('P4: grade 2, Tiếng Việt HT → HT', () =>
    expect(yearLevelTt27({ ...P1, subjectLevels: ['H', 'T', 'T', 'T', 'T', 'T', 'T'], tests: [8, 10] })).toBe('HT'));
  it('P5: Toán test 4 and Toán CHT → CHT', () =>
    expect(yearLevelTt27({ ...P1, subjectLevels: ['T', 'C', 'T'], tests: [8, 4] })).toBe('CHT'));
  it('P6: a quality Cần cố gắng → CHT even with perfect scores', () =>
    expect(yearLevelTt27({ ...P1, tests: [10, 10], qualities: ['T', 'T', 'T', 'T', 'C'] })).toBe('CHT'));
  it.each([
    [[7, 7], 'HTT'],
    [[6, 10], 'HT'],
    [[5, 5], 'HT'],
    [[4, 10], 'CHT'],
    [[0, 10], 'CHT'],
    [[], 'HTXS'],
  ])('tests %j with everything else HTT/Tốt → %s', (tests, level) => {
    expect(yearLevelTt27({ ...P1, tests })).toBe(level);
  });
  it('a test below 5 → CHT even when the subject is HT', () =>
    expect(yearLevelTt27({ ...P1, subjectLevels: ['H', 'H'], tests: [4] })).toBe('CHT'));
  it('unrated competences are left out, not failing (8 rated in grades 1–2)', () =>
    expect(yearLevelTt27({ ...P1, competences: T10.slice(0, 8) })).toBe('HTXS'));

  it('property: raising any test score or any rating never lowers the level', () => {
    const rnd = seededRandom(27);
    const rank = ['CHT', 'HT', 'HTT', 'HTXS'];
    const s = (): SubjectLevelTt27 => rnd.pick(['T', 'T', 'T', 'H', 'C'] as const);
    const q = (): TraitLevelTt27 => rnd.pick(['T', 'T', 'T', 'Đ', 'C'] as const);
    for (let i = 0; i < 10_000; i++) {
      const input: YearLevelInputTt27 = {
        subjectLevels: Array.from({ length: 8 }, s),
        tests: Array.from({ length: rnd.int(2, 6) }, () => rnd.int(3, 10)),
        qualities: Array.from({ length: 5 }, q),
        competences: Array.from({ length: 10 }, q),
      };
      const before = rank.indexOf(yearLevelTt27(input));
      const k = rnd.int(0, input.tests.length - 1);
      const raisedTest = { ...input, tests: input.tests.map((t, j) => (j === k ? Math.min(10, t + rnd.int(1, 5)) : t)) };
      expect(rank.indexOf(yearLevelTt27(raisedTest))).toBeGreaterThanOrEqual(before);
      const up = { C: 'H', H: 'T', T: 'T' } as const;
      const raisedSubject = { ...input, subjectLevels: input.subjectLevels.map((l, j) => (j === 0 ? up[l] : l)) };
      expect(rank.indexOf(yearLevelTt27(raisedSubject))).toBeGreaterThanOrEqual(before);
    }
  });
});
