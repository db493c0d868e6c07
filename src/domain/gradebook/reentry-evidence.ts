/**
 * C4 (Thanh Hóa): where the school asks for it, a re-entry names the evidence the teacher keeps
 * for the monthly explanation — her personal grade book, the test paper, a classmate's
 * confirmation (only for oral scores, which are regular assessments, ĐĐGtx), or another named one.
 */
import type { TermPoint } from './gradebook-columns.ts';

export type ReEntryEvidenceKind = 'personalGradebook' | 'testPaper' | 'classmateConfirmation' | 'other';

/** The evidence that holds for a cell of this point: a classmate's confirmation only for ĐĐGtx. */
export function evidenceForColumn(point: TermPoint, evidence: readonly ReEntryEvidenceKind[]): ReEntryEvidenceKind[] {
  return [...new Set(evidence)].filter((k) => k !== 'classmateConfirmation' || point === 'regular');
}

/** Why this evidence does not do for a re-entry of a cell of this point (Vietnamese), or null. */
export function reEntryEvidenceProblem(point: TermPoint, evidence: readonly ReEntryEvidenceKind[], note: string): string | null {
  if (evidence.includes('other') && !note.trim()) return 'minh chứng "Khác" cần ghi rõ là gì';
  if (evidenceForColumn(point, evidence).length) return null;
  if (evidence.includes('classmateConfirmation')) return 'xác nhận của học sinh cùng lớp chỉ dùng cho điểm kiểm tra miệng (ĐĐGtx); cần minh chứng khác';
  return 'sửa điểm đã nhập cần nêu minh chứng (sổ điểm cá nhân, bài kiểm tra, xác nhận của học sinh cùng lớp hoặc minh chứng khác)';
}
