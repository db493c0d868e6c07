import { describe, expect, it } from 'vitest';
import { commentTermResult, commentYearResult } from './comment-term-result.ts';
import type { CommentMark } from './tt22-level.ts';

const term = (regular: (CommentMark | null)[], midterm: CommentMark | null, endOfTerm: CommentMark | null) => ({ regular, midterm, endOfTerm });

describe('TT 22/2021 Điều 9 khoản 1 điểm a — comment-assessed subjects', () => {
  it.each([
    ['complete and all Đạt → Đạt', term(['Đ', 'Đ'], 'Đ', 'Đ'), 2, 'Đ'],
    ['one regular Chưa đạt → Chưa đạt', term(['Đ', 'CĐ'], 'Đ', 'Đ'), 2, 'CĐ'],
    ['midterm Chưa đạt → Chưa đạt', term(['Đ', 'Đ', 'Đ'], 'CĐ', 'Đ'), 3, 'CĐ'],
    ['end of term Chưa đạt → Chưa đạt', term(['Đ', 'Đ'], 'Đ', 'CĐ'), 2, 'CĐ'],
    ['fewer regular assessments than required → incomplete', term(['Đ'], 'Đ', 'Đ'), 2, null],
    ['an assessment pending make-up → incomplete', term(['Đ', null], 'Đ', 'Đ'), 2, null],
    ['no end-of-term assessment → incomplete', term(['Đ', 'Đ'], 'Đ', null), 2, null],
  ])('%s', (_name, t, count, expected) => {
    expect(commentTermResult(t, count)).toBe(expected);
  });

  it('the year result is the term II result; term I has no effect', () => {
    expect(commentYearResult('CĐ')).toBe('CĐ');
    expect(commentYearResult('Đ')).toBe('Đ');
    expect(commentYearResult(null)).toBeNull();
  });
});
