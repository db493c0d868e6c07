import { describe, expect, it } from 'vitest';
import { formatTenths, intDiv, roundHalfUpTenths, tenthsFromDecimalText, tenthsFromNumber } from './tenths.ts';
import { seededRandom } from './testing/seeded-random.ts';

describe('TT 22/2021 Điều 5 — scores to one decimal after rounding (half up, exact)', () => {
  it.each([
    // numerator (tenths × denominator), denominator, expected tenths
    [396, 8, 50], // 4.95 → 5.0 (RULES.md §7 Ex 4; binary floats give 4.9)
    [492, 8, 62], // 6.15 → 6.2 (Ex 4; floats give 6.1)
    [388, 8, 49], // 4.85 → 4.9
    [720, 9, 80], // 8.0 (Ex 1)
    [470, 8, 59], // 5.875 → 5.9 (Ex 2)
    [238, 3, 79], // 7.933… → 7.9 (Ex 5)
    [194, 3, 65], // 6.466… → 6.5 (Ex 5)
    [0, 7, 0],
    [1000, 10, 100],
  ])('%i / %i tenths → %i', (num, den, expected) => {
    expect(roundHalfUpTenths(num, den)).toBe(expected);
  });

  it('intDiv is floor division on non-negative integers', () => {
    expect(intDiv(7, 2)).toBe(3);
    expect(intDiv(8, 2)).toBe(4);
    expect(intDiv(0, 5)).toBe(0);
    expect(intDiv(2 ** 52 + 1, 1)).toBe(2 ** 52 + 1);
  });

  it('property: the rounded value is the nearest tenth, ties upward', () => {
    const rnd = seededRandom(11);
    for (let i = 0; i < 20_000; i++) {
      const den = rnd.int(1, 40);
      const num = rnd.int(0, 100 * den);
      const r = roundHalfUpTenths(num, den);
      // r - 1/2 ≤ num/den < r + 1/2  ⇔  2·den·r − den ≤ 2·num < 2·den·r + den
      expect(2 * den * r - den <= 2 * num && 2 * num < 2 * den * r + den).toBe(true);
    }
  });
});

describe('scores from JSON numbers and text, via their decimal text', () => {
  it.each([
    [8.5, 85],
    [4.1, 41],
    [10, 100],
    [0, 0],
    [7.0, 70],
    [0.1, 1],
    [9.9, 99],
  ])('%d → %i tenths', (n, t) => expect(tenthsFromNumber(n)).toBe(t));

  it.each([8.55, 0.1 + 0.2, Number.NaN, Number.POSITIVE_INFINITY, 1e-7])('%d is not a one-decimal score', (n) => {
    expect(tenthsFromNumber(n)).toBeNull();
  });

  it('parses decimal text with a dot or a comma', () => {
    expect(tenthsFromDecimalText('8,5')).toBe(85);
    expect(tenthsFromDecimalText('-1.5')).toBe(-15);
    expect(tenthsFromDecimalText('8.')).toBeNull();
  });

  it.each([
    [85, '.', '8.5'],
    [80, '.', '8.0'],
    [100, ',', '10,0'],
    [5, ',', '0,5'],
    [0, '.', '0.0'],
  ] as const)('formats %i as %s-separated %s', (t, sep, text) => expect(formatTenths(t, sep)).toBe(text));
});
