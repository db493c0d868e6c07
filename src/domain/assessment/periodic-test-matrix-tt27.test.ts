import { describe, expect, it } from 'vitest';
import { periodicTestMatrixTt27 } from './periodic-test-matrix-tt27.ts';

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
