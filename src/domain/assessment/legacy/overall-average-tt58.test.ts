import { describe, expect, it } from 'vitest';
import { overallAverageTt58 } from './overall-average-tt58.ts';

describe('TT 58/2011 Điều 12 — ĐTBhk / ĐTBcn, the mean of the subject averages', () => {
  it('exact mean, half up', () => {
    expect(overallAverageTt58([80, 70, 65, 90])).toBe(76); // 7.625 → 7.6
    expect(overallAverageTt58([80, 75])).toBe(78); // 7.75 → 7.8
    expect(overallAverageTt58([64, 65, 65, 65])).toBe(65); // 6.475 → 6.5
  });
  it('optional coefficients (QĐ 40/2006 weighted Toán, Ngữ văn ×2)', () => {
    expect(overallAverageTt58([90, 60, 60], [2, 2, 1])).toBe(72); // (180+120+60)/5
  });
  it('a missing subject average or no subject → null', () => {
    expect(overallAverageTt58([80, null])).toBeNull();
    expect(overallAverageTt58([])).toBeNull();
  });
});
