import { roundHalfUpTenths, type Tenths } from '../tenths.ts';

/**
 * TT 58/2011 Điều 12 (RULES.md §3): ĐTBhk / ĐTBcn — the mean of the ĐTBmhk / ĐTBmcn of every
 * scored subject, exact, half up to one decimal. `weights` (default 1 each) exists because the
 * older QĐ 40/2006 weighted Toán and Ngữ văn ×2; TT 58 itself uses no coefficients (UNCONFIRMED).
 * Null when there is no subject or any average is missing.
 */
export function overallAverageTt58(averages: readonly (Tenths | null)[], weights?: readonly number[]): Tenths | null {
  if (averages.length === 0) return null;
  let sum = 0;
  let total = 0;
  for (let i = 0; i < averages.length; i++) {
    const a = averages[i];
    if (a === null) return null;
    const w = weights?.[i] ?? 1;
    sum += w * a;
    total += w;
  }
  return roundHalfUpTenths(sum, total);
}
