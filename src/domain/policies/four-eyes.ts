/**
 * Four eyes on unlocks and corrections (C1, C2; issue 14 §3). The principal decides: her own
 * release or window change takes effect at once. Anyone else's (the admin board) is a request
 * that the principal — or a vice-principal she delegated `lock.confirm` for that year (issue 22) —
 * confirms. A correction is decided by the principal or a vice-principal delegated
 * `correction.decide` for its class; one the principal filed herself, by such a vice-principal or
 * the one who confirms lock changes in her place (`lock.confirm`).
 * Nobody decides what they asked for themselves (checked by the actions, which know both people).
 */
import { type Actor, hasRole } from './actor.ts';
import { delegationCovering, missingDelegation } from './delegated-acts.ts';
import { type Decision, type Target, can } from './policy.ts';

const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Whether a release or window change by this actor takes effect without a confirmation. */
export function actsWithoutConfirmation(actor: Actor, schoolId: string): boolean {
  return hasRole(actor, 'principal', schoolId);
}

/** A lock change of one year: its classes when the lock is of some classes, none for the whole year. */
export interface LockChangeTarget {
  schoolId: string;
  schoolYearId: string;
  classIds?: string[];
}

export function canDecideLockRequest(actor: Actor, t: LockChangeTarget): Decision {
  if (hasRole(actor, 'principal', t.schoolId)) return { allowed: true };
  const d = delegationCovering(actor, 'lock.confirm', t);
  if (d) return { allowed: true, authority: { onBehalfOf: d.principalUserId, delegationId: d.id } };
  return deny(
    hasRole(actor, 'vice_principal', t.schoolId)
      ? missingDelegation('lock.confirm', actor, t)
      : 'Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được Hiệu trưởng ủy quyền) được xác nhận hoặc từ chối yêu cầu mở sổ, đổi đợt cập nhật điểm.',
  );
}

/** A correction of one class: the class decides which delegation covers it. */
export function canDecideCorrection(actor: Actor, t: Target & { classIds: string[] }, correction: { filedByPrincipal: boolean }): Decision {
  const decision = can(actor, 'correction.decide', t);
  if (decision.allowed || !correction.filedByPrincipal) return decision;
  // The principal's own request: her confirming vice-principal is the second pair of eyes.
  const confirming = delegationCovering(actor, 'lock.confirm', t);
  if (confirming) return { allowed: true, authority: { onBehalfOf: confirming.principalUserId, delegationId: confirming.id } };
  return hasRole(actor, 'vice_principal', t.schoolId) ? decision : deny('Giấy đề nghị do Hiệu trưởng lập chỉ phó hiệu trưởng được Hiệu trưởng ủy quyền mới duyệt hoặc từ chối được.');
}

/** The refusal when someone would decide what they asked for. */
export const SELF_DECISION = {
  lockRequest: 'Người gửi yêu cầu không được tự xác nhận hoặc từ chối yêu cầu của mình: cần Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) xác nhận.',
  correction: 'Người lập giấy đề nghị không được tự duyệt hoặc từ chối giấy của mình. Giấy do Hiệu trưởng lập phải do phó hiệu trưởng được Hiệu trưởng ủy quyền duyệt.',
} as const;
