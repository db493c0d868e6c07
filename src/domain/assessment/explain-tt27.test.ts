import { describe, expect, it } from 'vitest';
import { explainTt27 } from './explain-tt27.ts';
import type { StudentYearInputTt27 } from './evaluate-tt27.ts';

const P1: StudentYearInputTt27 = {
  id: 'p1',
  subjects: [
    { subject: 'TV', level: 'T', test: 9 },
    { subject: 'TOAN', level: 'T', test: 10 },
    { subject: 'DAODUC', level: 'T', test: null },
  ],
  qualities: ['T', 'T', 'T', 'T', 'T'],
  competences: Array(10).fill('T'),
  nominated: false,
};

describe('explanations of TT 27/2020 Điều 9 levels', () => {
  it('P1: HTXS', () => expect(explainTt27(P1).map((e) => e.code)).toEqual(['TT27_HTXS']));
  it('P2: Toán 8 → HTT, not HTXS', () => {
    const e = explainTt27({ ...P1, subjects: [{ subject: 'TOAN', level: 'T', test: 8 }] });
    expect(e).toEqual([
      { code: 'TT27_TEST_BELOW', text: 'Hoàn thành tốt, chưa Hoàn thành xuất sắc: bài kiểm tra cuối năm Toán 8 dưới 9 điểm', numbers: { minTest: 9 }, subjects: ['TOAN'] },
    ]);
  });
  it('P3: a competence Đạt → HT, not HTT', () => {
    const e = explainTt27({ ...P1, competences: ['T', 'Đ', 'T'] });
    expect(e[0].text).toBe('Hoàn thành, chưa Hoàn thành tốt: 0 phẩm chất và 1 năng lực chưa Tốt');
  });
  it('P6: a quality Cần cố gắng → CHT', () => {
    const e = explainTt27({ ...P1, qualities: ['T', 'T', 'T', 'T', 'C'] });
    expect(e[0].text).toBe('Chưa hoàn thành: 1 phẩm chất và 0 năng lực Cần cố gắng');
  });
});
