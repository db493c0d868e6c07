import { roundHalfUpTenths, type Tenths } from './tenths.ts';

/**
 * TT 22/2021 Điều 9 khoản 1 điểm b: ĐTBmcn = (ĐTBmhkI + 2·ĐTBmhkII) / 3, from the already
 * rounded term averages, rounded half up to one decimal; null if either term is incomplete.
 * The same formula serves TT 58/2011 and TT 26/2020.
 */
export function yearSubjectAverage(term1: Tenths | null, term2: Tenths | null): Tenths | null {
  if (term1 === null || term2 === null) return null;
  return roundHalfUpTenths(term1 + 2 * term2, 3);
}
