import { describe, expect, it } from 'vitest';
import { countAtLeastNine, titleTt22 } from './title-tt22.ts';

const EX7 = [90, 94, 92, 91, 84, 90, 93, 78];

describe('TT 22/2021 Điều 15 khoản 1 — Học sinh Xuất sắc / Học sinh Giỏi', () => {
  it('Ex 7: KQHT Tốt, KQRL Tốt, six ĐTBmcn ≥ 9.0 → Xuất sắc', () => {
    expect(titleTt22({ academic: 'T', conduct: 'T', subjectsAtLeastNine: countAtLeastNine(EX7), retained: false })).toBe('XS');
  });
  it('Ex 8: Toán 8.9 leaves five ≥ 9.0 → Giỏi', () => {
    const avgs = EX7.map((v, i) => (i === 1 ? 89 : v));
    expect(titleTt22({ academic: 'T', conduct: 'T', subjectsAtLeastNine: countAtLeastNine(avgs), retained: false })).toBe('G');
  });
  it('Ex 8: KQRL Khá → no title even with KQHT Tốt', () => {
    expect(titleTt22({ academic: 'T', conduct: 'K', subjectsAtLeastNine: countAtLeastNine(EX7), retained: false })).toBeNull();
  });
  it('KQHT Khá → no title', () => {
    expect(titleTt22({ academic: 'K', conduct: 'T', subjectsAtLeastNine: countAtLeastNine(EX7), retained: false })).toBeNull();
  });
  it('Ex 12 / product decision 4: retained (46 absences) → no title', () => {
    expect(titleTt22({ academic: 'T', conduct: 'T', subjectsAtLeastNine: countAtLeastNine(EX7), retained: true })).toBeNull();
  });
  it('not yet classified → no title', () => {
    expect(titleTt22({ academic: null, conduct: 'T', subjectsAtLeastNine: countAtLeastNine(EX7), retained: false })).toBeNull();
  });
});

describe('countAtLeastNine', () => {
  it('counts ĐTBmcn ≥ 9,0, the threshold included', () => {
    expect(countAtLeastNine([90, 89, 100, null, 95])).toBe(3);
  });
});
