import { roundHalfUpTenths, type Tenths } from '../tenths.ts';

/** One term of a scored subject under TT 58/2011 (before TT 26/2020). */
export interface Tt58TermInput {
  /** Coefficient-1 tests: oral and 15-minute (kiểm tra miệng, 15 phút). */
  regular: readonly Tenths[];
  /** Coefficient-2 tests: 45 minutes or more (kiểm tra 1 tiết, định kì). */
  periodic: readonly Tenths[];
  /** Coefficient 3: the term examination (kiểm tra học kì). */
  endOfTerm: Tenths | null;
}

/**
 * TT 58/2011 Điều 11 khoản 1 (RULES.md §3): ĐTBmhk = (TĐKTtx + 2·TĐKTđk + 3·ĐKThk) /
 * (số bài KTtx + 2·số bài KTđk + 3), exact, half up to one decimal; null without an exam score
 * or without any test. (TT 26/2020 replaced it with the TT 22 formula: use termSubjectAverage.)
 */
export function termSubjectAverageTt58(term: Tt58TermInput): Tenths | null {
  if (term.endOfTerm === null || term.regular.length + term.periodic.length === 0) return null;
  let sum = 3 * term.endOfTerm;
  for (const r of term.regular) sum += r;
  for (const p of term.periodic) sum += 2 * p;
  return roundHalfUpTenths(sum, term.regular.length + 2 * term.periodic.length + 3);
}
