/**
 * TT 22/2021 Điều 7 (make-up assessments, RULES.md §1.3): the assessments of one term that are
 * not recorded yet — missing, or pending a make-up (kiểm tra, đánh giá bù). A term with any of
 * them has no average, and its results cannot be finalised.
 */
export function missingAssessments(
  term: { regular: readonly unknown[]; midterm: unknown; endOfTerm: unknown },
  regularCount: number,
): string[] {
  const missing: string[] = [];
  const n = Math.max(regularCount, term.regular.length);
  for (let i = 0; i < n; i++) if (term.regular[i] === null || term.regular[i] === undefined) missing.push(`regular[${i}]`);
  if (term.midterm === null) missing.push('midterm');
  if (term.endOfTerm === null) missing.push('endOfTerm');
  return missing;
}
