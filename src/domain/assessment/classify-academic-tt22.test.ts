import { describe, expect, it } from 'vitest';
import { classifyAcademicTt22 } from './classify-academic-tt22.ts';
import { TT22_LEVELS, tt22LevelRank, type CommentMark } from './tt22-level.ts';
import { seededRandom } from './testing/seeded-random.ts';

const ALL_D: CommentMark[] = ['Đ', 'Đ', 'Đ', 'Đ'];
const classify = (scored: number[], comment: CommentMark[] = ALL_D) => classifyAcademicTt22({ scored, comment });

describe('TT 22/2021 Điều 9 khoản 2 — KQHT from the table', () => {
  it.each([
    ['Tốt: all ≥ 6.5, six ≥ 8.0, comments Đ', [80, 80, 80, 80, 80, 80, 65, 65], ALL_D, 'T'],
    ['Ex 6: semester I Tốt (THCS grade 7)', [82, 80, 85, 88, 76, 81, 83, 69], ALL_D, 'T'],
    ['Ex 6 with Toán 7.9: only five ≥ 8.0 → Khá', [82, 79, 85, 88, 76, 81, 83, 69], ALL_D, 'K'],
    ['Ex 7: year Tốt', [90, 94, 92, 91, 84, 90, 93, 78], ALL_D, 'T'],
    ['Tốt fails on one 6.4 → Khá (one level only, no adjustment)', [90, 90, 90, 90, 90, 90, 90, 64], ALL_D, 'K'],
    ['Khá: all ≥ 5.0, six ≥ 6.5', [65, 65, 65, 65, 65, 65, 50, 50], ALL_D, 'K'],
    ['Khá needs comments all Đ → Đạt with one CĐ', [70, 70, 70, 70, 70, 70, 70, 70], ['Đ', 'CĐ', 'Đ', 'Đ'], 'Đ'],
    ['Đạt: six ≥ 5.0 and none < 3.5', [50, 50, 50, 50, 50, 50, 35, 35], ALL_D, 'Đ'],
    ['Đạt allows one comment CĐ', [50, 50, 50, 50, 50, 50, 35, 35], ['CĐ', 'Đ', 'Đ', 'Đ'], 'Đ'],
    ['two comments CĐ → Chưa đạt', [50, 50, 50, 50, 50, 50, 50, 50], ['CĐ', 'CĐ', 'Đ', 'Đ'], 'CĐ'],
    ['a 3.4 → Chưa đạt', [50, 50, 50, 50, 50, 50, 50, 34], ALL_D, 'CĐ'],
    ['only five ≥ 5.0 → Chưa đạt', [50, 50, 50, 50, 50, 49, 49, 49], ALL_D, 'CĐ'],
    ['fewer than 6 scored subjects cannot reach Đạt', [100, 100, 100, 100, 100], ALL_D, 'CĐ'],
  ] as const)('%s', (_name, scored, comment, level) => {
    expect(classify([...scored], [...comment]).level).toBe(level);
  });
});

describe('TT 22/2021 Điều 9 khoản 3 — one-subject adjustment to the adjacent level', () => {
  it('Ex 9: seven at 8.5 and Tin học 4.0 → base Đạt, would be Tốt → Khá', () => {
    expect(classify([85, 85, 85, 85, 85, 85, 85, 40])).toEqual({
      level: 'K',
      beforeAdjustment: 'Đ',
      adjustment: { kind: 'scored', index: 7, levelWithout: 'T' },
    });
  });

  it('Ex 10: seven at 8.5 and Tin học 3.0 → base Chưa đạt, would be Tốt → Đạt (one above the computed level)', () => {
    expect(classify([85, 85, 85, 85, 85, 85, 85, 30])).toMatchObject({ level: 'Đ', beforeAdjustment: 'CĐ' });
  });

  it('Ex 11: KHTN 4.5 and NN1 3.2 — no single subject is the cause → Chưa đạt, no adjustment', () => {
    expect(classify([60, 60, 55, 70, 65, 45, 32, 50])).toEqual({ level: 'CĐ', beforeAdjustment: 'CĐ', adjustment: null });
  });

  it('would-be Khá, computed Chưa đạt by one 3.0 → Đạt', () => {
    expect(classify([70, 70, 70, 70, 70, 70, 70, 30])).toMatchObject({ level: 'Đ', beforeAdjustment: 'CĐ' });
  });

  it('would-be Khá, computed Đạt: only one level down → no adjustment', () => {
    expect(classify([70, 70, 70, 70, 70, 70, 70, 40])).toMatchObject({ level: 'Đ', adjustment: null });
  });

  it('a comment subject Chưa đạt can be the one subject (product decision 1): Tốt → Đạt becomes Khá', () => {
    expect(classify([90, 90, 90, 90, 90, 90, 90, 90], ['Đ', 'Đ', 'CĐ', 'Đ'])).toEqual({
      level: 'K',
      beforeAdjustment: 'Đ',
      adjustment: { kind: 'comment', index: 2, levelWithout: 'T' },
    });
  });

  it('ignoring the subject must not leave fewer than 6 at the threshold: six at 8.0, one at 3.0 → the 3.0 still triggers', () => {
    expect(classify([80, 80, 80, 80, 80, 80, 30])).toMatchObject({ level: 'Đ', beforeAdjustment: 'CĐ' });
  });

  it('without enough subjects left, no adjustment: five at 8.0 and one at 3.0', () => {
    expect(classify([80, 80, 80, 80, 80, 30])).toMatchObject({ level: 'CĐ', adjustment: null });
  });
});

/** Reference for Điều 9 k3, straight from RULES.md §1.5: try ignoring every subject in turn. */
function bruteForce(scored: number[], comment: CommentMark[]) {
  const rank = (sc: number[], cm: CommentMark[]) => {
    const fails = cm.filter((c) => c !== 'Đ').length;
    const min = Math.min(1000, ...sc);
    const count = (t: number) => sc.filter((v) => v >= t).length;
    if (fails === 0 && min >= 65 && count(80) >= 6) return 3;
    if (fails === 0 && min >= 50 && count(65) >= 6) return 2;
    if (fails <= 1 && min >= 35 && count(50) >= 6) return 1;
    return 0;
  };
  const base = rank(scored, comment);
  let best = base;
  scored.forEach((_, i) => (best = Math.max(best, rank(scored.filter((_, j) => j !== i), comment))));
  comment.forEach((_, i) => (best = Math.max(best, rank(scored, comment.filter((_, j) => j !== i)))));
  const level = best >= 2 && best - base >= 2 ? base + 1 : base;
  return { level: TT22_LEVELS[level], beforeAdjustment: TT22_LEVELS[base] };
}

describe('KQHT properties (seeded)', () => {
  it('the constant-time tally agrees with ignoring every subject in turn', () => {
    const rnd = seededRandom(8);
    for (let i = 0; i < 20_000; i++) {
      const scored = Array.from({ length: rnd.int(0, 11) }, () => (rnd.chance(1, 3) ? rnd.int(0, 100) : rnd.int(30, 100)));
      const comment = Array.from({ length: rnd.int(0, 5) }, () => (rnd.chance(1, 6) ? 'CĐ' : 'Đ') as CommentMark);
      const r = classifyAcademicTt22({ scored, comment });
      expect({ level: r.level, beforeAdjustment: r.beforeAdjustment }).toEqual(bruteForce(scored, comment));
    }
  });

  const rnd = seededRandom(7);
  const randomCase = () => {
    const n = rnd.int(6, 11);
    const scored = Array.from({ length: n }, () => (rnd.chance(1, 4) ? rnd.int(0, 100) : rnd.int(45, 100)));
    const comment = Array.from({ length: rnd.int(2, 5) }, () => (rnd.chance(1, 12) ? 'CĐ' : 'Đ') as CommentMark);
    return { scored, comment };
  };

  it('raising any single average never lowers the level, before or after adjustment', () => {
    for (let i = 0; i < 20_000; i++) {
      const c = randomCase();
      const before = classifyAcademicTt22(c);
      const j = rnd.int(0, c.scored.length - 1);
      const scored = c.scored.map((v, k) => (k === j ? Math.min(100, v + rnd.int(1, 40)) : v));
      const after = classifyAcademicTt22({ scored, comment: c.comment });
      expect(tt22LevelRank(after.level)).toBeGreaterThanOrEqual(tt22LevelRank(before.level));
      expect(tt22LevelRank(after.beforeAdjustment)).toBeGreaterThanOrEqual(tt22LevelRank(before.beforeAdjustment));
    }
  });

  it('turning a comment subject from CĐ to Đ never lowers the level', () => {
    for (let i = 0; i < 5_000; i++) {
      const c = randomCase();
      const j = c.comment.indexOf('CĐ');
      if (j < 0) continue;
      const after = classifyAcademicTt22({ scored: c.scored, comment: c.comment.map((m, k) => (k === j ? 'Đ' : m)) });
      expect(tt22LevelRank(after.level)).toBeGreaterThanOrEqual(tt22LevelRank(classifyAcademicTt22(c).level));
    }
  });

  it('the adjustment raises by exactly one level, never to Tốt, and only from Đạt or Chưa đạt', () => {
    for (let i = 0; i < 20_000; i++) {
      const r = classifyAcademicTt22(randomCase());
      const up = tt22LevelRank(r.level) - tt22LevelRank(r.beforeAdjustment);
      expect(up === 0 || up === 1).toBe(true);
      if (up === 1) {
        expect(r.level).not.toBe('T');
        expect(r.adjustment).not.toBeNull();
        expect(tt22LevelRank(r.adjustment!.levelWithout) - tt22LevelRank(r.beforeAdjustment)).toBeGreaterThanOrEqual(2);
      }
      expect(TT22_LEVELS).toContain(r.level);
    }
  });
});
