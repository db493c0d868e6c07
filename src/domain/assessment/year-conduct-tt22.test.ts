import { describe, expect, it } from 'vitest';
import { yearConductTt22 } from './year-conduct-tt22.ts';
import type { Tt22Level } from './tt22-level.ts';

describe('TT 22/2021 Điều 8 khoản 2 — year KQRL from the two terms', () => {
  // [term I, term II, year], the whole table of RULES.md §1.6
  it.each([
    ['T', 'T', 'T'], ['T', 'K', 'K'], ['T', 'Đ', 'K'], ['T', 'CĐ', 'CĐ'],
    ['K', 'T', 'T'], ['K', 'K', 'K'], ['K', 'Đ', 'Đ'], ['K', 'CĐ', 'CĐ'],
    ['Đ', 'T', 'K'], ['Đ', 'K', 'K'], ['Đ', 'Đ', 'Đ'], ['Đ', 'CĐ', 'CĐ'],
    ['CĐ', 'T', 'K'], ['CĐ', 'K', 'Đ'], ['CĐ', 'Đ', 'Đ'], ['CĐ', 'CĐ', 'CĐ'],
  ] as [Tt22Level, Tt22Level, Tt22Level][])('HK I %s, HK II %s → %s', (t1, t2, year) => {
    expect(yearConductTt22(t1, t2)).toBe(year);
  });

  it('Ex 12: HK I Chưa đạt, HK II Khá → Đạt; HK I Tốt, HK II Chưa đạt → Chưa đạt', () => {
    expect(yearConductTt22('CĐ', 'K')).toBe('Đ');
    expect(yearConductTt22('T', 'CĐ')).toBe('CĐ');
  });

  it('Ex 8: HK I Tốt, HK II Đạt → Khá', () => expect(yearConductTt22('T', 'Đ')).toBe('K'));

  it('a term not yet evaluated → null', () => {
    expect(yearConductTt22(null, 'T')).toBeNull();
    expect(yearConductTt22('T', null)).toBeNull();
  });
});
