import type { CommentMark } from './tt22-level.ts';

/** One term of a comment-assessed subject; `null` marks an assessment not (yet) recorded. */
export interface CommentTermInput {
  regular: readonly (CommentMark | null)[];
  midterm: CommentMark | null;
  endOfTerm: CommentMark | null;
}

/**
 * TT 22/2021 Điều 9 khoản 1 điểm a: a comment subject is Đạt for the term when it has every
 * required assessment and all of them are Đạt; Chưa đạt otherwise. Returns null when the term
 * is incomplete (an assessment is missing or pending make-up).
 */
export function commentTermResult(term: CommentTermInput, regularCount: number): CommentMark | null {
  const { midterm, endOfTerm, regular } = term;
  if (midterm === null || endOfTerm === null || regular.length < regularCount) return null;
  let pass = midterm === 'Đ' && endOfTerm === 'Đ';
  for (let i = 0; i < regular.length; i++) {
    const r = regular[i];
    if (r === null) return null;
    if (r !== 'Đ') pass = false;
  }
  return pass ? 'Đ' : 'CĐ';
}

/** TT 22/2021 Điều 9 khoản 1 điểm a: the year result of a comment subject is its term II result. */
export function commentYearResult(term2: CommentMark | null): CommentMark | null {
  return term2;
}
