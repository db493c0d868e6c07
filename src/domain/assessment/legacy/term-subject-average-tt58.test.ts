import { describe, expect, it } from 'vitest';
import { termSubjectAverageTt58 } from './term-subject-average-tt58.ts';

describe('TT 58/2011 Điều 11 — ĐTBmhk = (TĐKTtx + 2·TĐKTđk + 3·ĐKThk) / (n_tx + 2·n_đk + 3)', () => {
  it.each([
    ['oral 8, two 15-min 7 and 9, one 45-min 6.5, exam 7', [80, 70, 90], [65], 70, 73], // (240+130+210)/8 = 72.5 tenths → 7.3
    ['two 45-min tests', [80, 80], [60, 70], 90, 77], // (160+260+270)/9 = 7.666… → 7.7
    ['exact tie rounds up', [50], [50], 45, 48], // (50+100+135)/6 = 47.5 → 4.8
  ])('%s', (_name, regular, periodic, endOfTerm, expected) => {
    expect(termSubjectAverageTt58({ regular, periodic, endOfTerm })).toBe(expected);
  });

  it('no exam score → null', () => {
    expect(termSubjectAverageTt58({ regular: [80], periodic: [70], endOfTerm: null })).toBeNull();
  });
});
