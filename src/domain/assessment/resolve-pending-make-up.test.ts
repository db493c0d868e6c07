import { describe, expect, it } from 'vitest';
import { resolvePendingMakeUp } from './resolve-pending-make-up.ts';
import { termSubjectAverage } from './term-subject-average.ts';
import { commentTermResult } from './comment-term-result.ts';

describe('TT 22/2021 Điều 7 / TT 26/2020 — no make-up: 0 or Chưa đạt, only by an explicit decision', () => {
  it('a scored term: missing assessments become 0 and the converted fields are listed', () => {
    const pending = { regular: [80, null], midterm: 70, endOfTerm: null };
    expect(termSubjectAverage(pending, 3)).toBeNull(); // pending: no average by itself
    const r = resolvePendingMakeUp({ kind: 'scored', term: pending, regularCount: 3 });
    expect(r).toEqual({
      kind: 'scored',
      term: { regular: [80, 0, 0], midterm: 70, endOfTerm: 0 },
      converted: ['regular[1]', 'regular[2]', 'endOfTerm'],
    });
    expect(termSubjectAverage(r.term as typeof pending, 3)).toBe(28); // (80 + 140) / 8 = 27.5 → 2.8
  });

  it('a comment term: missing assessments become Chưa đạt', () => {
    const r = resolvePendingMakeUp({ kind: 'comment', term: { regular: ['Đ', null], midterm: 'Đ', endOfTerm: 'Đ' }, regularCount: 2 });
    expect(r.converted).toEqual(['regular[1]']);
    expect(commentTermResult(r.term as never, 2)).toBe('CĐ');
  });

  it('a complete term is unchanged', () => {
    const term = { regular: [80, 90], midterm: 70, endOfTerm: 80 };
    expect(resolvePendingMakeUp({ kind: 'scored', term, regularCount: 2 })).toEqual({ kind: 'scored', term, converted: [] });
  });
});
