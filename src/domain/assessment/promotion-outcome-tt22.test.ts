import { describe, expect, it } from 'vitest';
import { promotionOutcomeTt22 } from './promotion-outcome-tt22.ts';
import type { Tt22Level } from './tt22-level.ts';

const o = (absences: number, scoredSubjectCount: number, academic: Tt22Level | null, conduct: Tt22Level | null) =>
  promotionOutcomeTt22({ absences, scoredSubjectCount, academic, conduct });

describe('TT 22/2021 Điều 12 — outcome from in-year results (first rule wins)', () => {
  it.each([
    ['absences over 45 → retained, before anything else', o(46, 3, null, 'CĐ'), 'retained'],
    ['45 absences are allowed', o(45, 8, 'T', 'T'), 'promoted'],
    ['fewer than 6 scored subjects → review (product decision 3)', o(0, 5, null, 'T'), 'review'],
    ['review before summer training', o(0, 4, null, 'CĐ'), 'review'],
    ['year KQHT unknown → null', o(0, 8, null, 'T'), null],
    ['year KQRL unknown → null', o(0, 8, 'T', null), null],
    ['KQRL Chưa đạt → summer training (Điều 13), even with KQHT Chưa đạt', o(0, 8, 'CĐ', 'CĐ'), 'summerTraining'],
    ['KQHT Chưa đạt → re-assessment (Điều 14)', o(0, 8, 'CĐ', 'Đ'), 'retest'],
    ['both at least Đạt → promoted', o(10, 8, 'Đ', 'Đ'), 'promoted'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });
});
