import { describe, expect, it } from 'vitest';
import { missingAssessments } from './missing-assessments.ts';

describe('TT 22/2021 Điều 7 — assessments missing or pending make-up', () => {
  it.each([
    [{ regular: [80, 90, 70], midterm: 70, endOfTerm: 80 }, 3, []],
    [{ regular: [80, null, 70], midterm: 70, endOfTerm: 80 }, 3, ['regular[1]']],
    [{ regular: [80], midterm: null, endOfTerm: null }, 3, ['regular[1]', 'regular[2]', 'midterm', 'endOfTerm']],
    [{ regular: ['Đ', 'Đ'], midterm: 'Đ', endOfTerm: null }, 2, ['endOfTerm']],
  ])('%j with %i required → %j', (term, count, missing) => {
    expect(missingAssessments(term, count)).toEqual(missing);
  });
});
