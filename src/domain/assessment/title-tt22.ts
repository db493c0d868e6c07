import type { Tenths } from './tenths.ts';
import type { Tt22Level } from './tt22-level.ts';

/** "XS" Học sinh Xuất sắc, "G" Học sinh Giỏi. */
export type Tt22Title = 'XS' | 'G';

/** Minimum number of scored subjects with ĐTBmcn ≥ 9,0 for Học sinh Xuất sắc. */
export const TT22_EXCELLENT_SUBJECTS = 6;

/**
 * TT 22/2021 Điều 15 khoản 1: year titles from in-year results.
 * - Học sinh Xuất sắc: KQRL year Tốt, KQHT year Tốt and at least 6 ĐTBmcn ≥ 9,0;
 * - Học sinh Giỏi: KQRL year Tốt and KQHT year Tốt (not also Xuất sắc).
 * No title for a retained student (product decision 4 of contracts/evaluate.md).
 */
export function titleTt22(input: {
  academic: Tt22Level | null;
  conduct: Tt22Level | null;
  /** Number of scored subjects with ĐTBmcn ≥ 9,0 (see countAtLeastNine). */
  subjectsAtLeastNine: number;
  retained: boolean;
}): Tt22Title | null {
  if (input.retained || input.academic !== 'T' || input.conduct !== 'T') return null;
  return input.subjectsAtLeastNine >= TT22_EXCELLENT_SUBJECTS ? 'XS' : 'G';
}

/** The number of year averages ≥ 9,0 (null ones do not count). */
export function countAtLeastNine(yearAverages: readonly (Tenths | null)[]): number {
  let c = 0;
  for (const v of yearAverages) if (v !== null && v >= 90) c++;
  return c;
}
