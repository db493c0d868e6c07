import { describe, expect, it } from 'vitest';
import { classifyAcademicTt58, type Tt58Variant } from './classify-academic-tt58.ts';
import type { CommentMark } from '../tt22-level.ts';

const CODES = ['TOAN', 'NV', 'NN1', 'LI', 'HOA', 'SINH', 'SU', 'DIA', 'GDCD', 'CN', 'TIN'];
const classify = (
  averages: number[],
  variant: Tt58Variant = 'TT58_TT26',
  comment: CommentMark[] = ['Đ', 'Đ', 'Đ'],
  specialisedSubject?: string,
) =>
  classifyAcademicTt58({
    variant,
    scored: averages.map((average, i) => ({ subject: CODES[i], average })),
    comment: comment.map((result, i) => ({ subject: ['TD', 'AN', 'MT'][i], result })),
    specialisedSubject,
  });

describe('TT 58/2011 Điều 13 (as amended by TT 26/2020) — học lực', () => {
  it.each([
    ['Giỏi: ĐTB ≥ 8.0, Toán ≥ 8.0, none < 6.5', [85, 80, 80, 80, 80, 80, 80, 80, 80, 80, 70], 'G'],
    ['Khá', [70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 50], 'K'],
    ['Trung bình', [55, 55, 55, 55, 55, 55, 55, 55, 55, 55, 40], 'TB'],
    ['Yếu: ĐTB ≥ 3.5, none < 2.0', [40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 20], 'Y'],
    ['Kém: a subject below 2.0 and ĐTB < 5', [40, 40, 40, 40, 40, 40, 40, 40, 40, 40, 10], 'Kém'],
  ])('%s', (_name, avgs, level) => {
    expect(classify(avgs)?.level).toBe(level);
  });

  it('key subject: TT 58 needs Toán or Ngữ văn; TT 26 also accepts Ngoại ngữ', () => {
    // ĐTB 8.2, Toán 7.9, Văn 7.9, NN1 9.0 — all ≥ 6.5
    const avgs = [79, 79, 90, 85, 85, 85, 85, 85, 80, 80, 70];
    expect(classify(avgs, 'TT58_TT26')?.level).toBe('G');
    expect(classify(avgs, 'TT58_2011')).toMatchObject({ level: 'K', beforeAdjustment: 'K', adjustedFor: null });
  });

  it('chuyên class: the specialised subject must also reach 8.0 for Giỏi', () => {
    const avgs = [85, 80, 80, 80, 80, 80, 80, 80, 80, 80, 78];
    expect(classify(avgs, 'TT58_TT26', undefined, 'TIN')?.level).toBe('K');
    expect(classify(avgs, 'TT58_TT26', undefined, 'HOA')?.level).toBe('G');
  });

  it('comment subjects must all be Đ from Trung bình up (two CĐ: no single-subject adjustment)', () => {
    expect(classify([70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70], 'TT58_TT26', ['Đ', 'CĐ', 'CĐ'])?.level).toBe('Y');
  });

  it('overall averages are exact: 6.475 → 6.5 counts for Khá', () => {
    expect(classify([64, 65, 65, 65])?.overallAverage).toBe(65);
  });
});

describe('TT 58/2011 Điều 13 khoản 3 / TT 26 khoản 6 — adjustment for one subject', () => {
  it.each([
    ['Giỏi → TB because of one 4.5 → Khá', [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 45], 'TB', 'K'],
    ['Giỏi → Yếu because of one 3.0 → TB', [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 30], 'Y', 'TB'],
    ['Khá → Yếu because of one 3.0 → TB', [70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 30], 'Y', 'TB'],
    ['Khá → Kém because of one 1.5 → Yếu', [70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 15], 'Kém', 'Y'],
    ['Giỏi → Khá by one subject is not adjusted', [90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 60], 'K', 'K'],
  ])('%s', (_name, avgs, before, after) => {
    const r = classify(avgs);
    expect(r).toMatchObject({ beforeAdjustment: before, level: after });
    if (before !== after) expect(r?.adjustedFor).toBe('TIN');
  });

  it('a comment subject CĐ alone: Giỏi → Yếu becomes TB', () => {
    const r = classify([90, 90, 90, 90, 90, 90, 90, 90, 90, 90, 90], 'TT58_TT26', ['Đ', 'CĐ', 'Đ']);
    expect(r).toMatchObject({ beforeAdjustment: 'Y', level: 'TB', adjustedFor: 'AN' });
  });

  it('two subjects pulling down → no adjustment', () => {
    expect(classify([90, 90, 90, 90, 90, 90, 90, 90, 90, 45, 45])).toMatchObject({ beforeAdjustment: 'TB', level: 'TB' });
  });
});
