import { describe, expect, it } from 'vitest';
import { periodicTestMatrixTt27, periodicTestPointsTt27 } from './periodic-test-matrix-tt27.ts';

describe('TT 27/2020 Điều 7 khoản 1 — periodic tests per grade and point', () => {
  it.each([
    [1, [], ['TV', 'TOAN']],
    [2, [], ['TV', 'TOAN']],
    [3, [], ['TV', 'TOAN', 'NN1', 'THCN']],
    [4, ['TV', 'TOAN'], ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN']],
    [5, ['TV', 'TOAN'], ['TV', 'TOAN', 'NN1', 'LSDL', 'KH', 'THCN']],
  ])('grade %i: mid-term %j; end of term I and end of year %j', (grade, mid, end) => {
    const m = periodicTestMatrixTt27(grade);
    expect(m).toEqual({ midTerm1: mid, endTerm1: end, midTerm2: mid, endOfYear: end });
  });

  it('is configurable: mid-term tests off, an elective NN1 tested in grade 2', () => {
    expect(periodicTestMatrixTt27(4, { midTermTests: false }).midTerm1).toEqual([]);
    expect(periodicTestMatrixTt27(2, { extraTested: ['NN1'] }).endOfYear).toEqual(['TV', 'TOAN', 'NN1']);
  });

  it('rejects grades outside 1–5', () => {
    expect(() => periodicTestMatrixTt27(6)).toThrow(RangeError);
  });
});

describe('TT 27/2020 Điều 7 — "Đối với lớp 4, lớp 5, có thêm bài kiểm tra định kỳ môn Tiếng Việt, môn Toán vào giữa học kỳ I và giữa học kỳ II"', () => {
  const ALL = ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd'];
  const END = ['term1End', 'yearEnd'];
  it.each([
    [4, 'TV', true, ALL],
    [4, 'TOAN', true, ALL],
    [5, 'TV', true, ALL],
    [5, 'TOAN', true, ALL],
    [4, 'KH', true, END],
    [5, 'NN1', true, END],
    [5, 'LSDL', true, END],
    [3, 'TV', true, END],
    [3, 'TOAN', true, END],
    [1, 'TV', true, END],
    [2, 'TOAN', true, END],
    [4, 'TV', false, []],
    [5, 'DAODUC', false, []],
  ])('grade %i, %s (tested: %s) → %j', (grade, code, tested, points) => {
    expect(periodicTestPointsTt27(grade, code, tested)).toEqual(points);
  });
});
