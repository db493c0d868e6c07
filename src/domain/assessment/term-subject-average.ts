import { roundHalfUpTenths, type Tenths } from './tenths.ts';

/**
 * One term of a scored subject. `null` marks an assessment not (yet) recorded — missing, or
 * pending a make-up (kiểm tra bù); see `resolvePendingMakeUp` for the explicit conversion to 0.
 */
export interface ScoredTermInput {
  regular: readonly (Tenths | null)[];
  midterm: Tenths | null;
  endOfTerm: Tenths | null;
}

/**
 * TT 22/2021 Điều 9 khoản 1 điểm b: ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (Số ĐĐGtx + 5),
 * exact, rounded half up to one decimal. Returns null when the term is incomplete: fewer
 * recorded regular scores than `regularCount`, or no midterm / end-of-term score. Extra
 * regular scores beyond the required count are included (Số ĐĐGtx is the number recorded).
 */
export function termSubjectAverage(term: ScoredTermInput, regularCount: number): Tenths | null {
  const { midterm, endOfTerm, regular } = term;
  if (midterm === null || endOfTerm === null) return null;
  let sum = 0;
  let n = 0;
  for (let i = 0; i < regular.length; i++) {
    const r = regular[i];
    if (r === null) return null;
    sum += r;
    n++;
  }
  if (n < regularCount) return null;
  return roundHalfUpTenths(sum + 2 * midterm + 3 * endOfTerm, n + 5);
}
