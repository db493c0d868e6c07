import type { ScoredTermInput } from './term-subject-average.ts';
import type { CommentTermInput } from './comment-term-result.ts';
import { missingAssessments } from './missing-assessments.ts';

export type PendingMakeUpDecision =
  | { kind: 'scored'; term: ScoredTermInput; regularCount: number }
  | { kind: 'comment'; term: CommentTermInput; regularCount: number };

/**
 * TT 22/2021 Điều 7 / TT 26/2020 Điều 1 khoản 4 (RULES.md §1.3): without a make-up, a missing
 * assessment counts as 0 (scored subject) or Chưa đạt (comment subject). The engine never does
 * this by itself: the caller applies it only on an explicit, logged decision, and gets back the
 * completed term plus the fields converted (for the audit log).
 */
export function resolvePendingMakeUp(
  decision: PendingMakeUpDecision,
): { kind: 'scored'; term: ScoredTermInput; converted: string[] } | { kind: 'comment'; term: CommentTermInput; converted: string[] } {
  const converted = missingAssessments(decision.term, decision.regularCount);
  const n = Math.max(decision.regularCount, decision.term.regular.length);
  if (decision.kind === 'scored') {
    const t = decision.term;
    const regular = Array.from({ length: n }, (_, i) => t.regular[i] ?? 0);
    return { kind: 'scored', term: { regular, midterm: t.midterm ?? 0, endOfTerm: t.endOfTerm ?? 0 }, converted };
  }
  const t = decision.term;
  const regular = Array.from({ length: n }, (_, i) => t.regular[i] ?? 'CĐ');
  return {
    kind: 'comment',
    term: { regular, midterm: t.midterm ?? 'CĐ', endOfTerm: t.endOfTerm ?? 'CĐ' },
    converted,
  };
}
