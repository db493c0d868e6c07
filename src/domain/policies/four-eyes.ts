/**
 * Four eyes on unlocks and corrections (C1, C2; issue 14 §3). The principal decides: her own
 * release or window change takes effect at once. Anyone else's (the admin board) is a request
 * that the principal — or the vice-principal she delegates — confirms. A correction is decided
 * by the principal, and one the principal filed herself by the delegated vice-principal. Nobody
 * decides what they asked for themselves (checked by the actions, which know both people).
 */
import { type Actor, hasRole } from './actor.ts';
import type { Decision } from './policy.ts';

export interface ConfirmDelegate {
  schoolId: string;
  /** The vice-principal the principal named to confirm in her place; null when none. */
  delegateUserId: string | null;
}

const allow: Decision = { allowed: true };
const deny = (reason: string): Decision => ({ allowed: false, reason });

/** Whether a release or window change by this actor takes effect without a confirmation. */
export function actsWithoutConfirmation(actor: Actor, schoolId: string): boolean {
  return hasRole(actor, 'principal', schoolId);
}

/** The delegated vice-principal, while she still holds the role in the school. */
export function isConfirmDelegate(actor: Actor, d: ConfirmDelegate): boolean {
  return d.delegateUserId === actor.userId && hasRole(actor, 'vice_principal', d.schoolId);
}

export function canDecideLockRequest(actor: Actor, d: ConfirmDelegate): Decision {
  return hasRole(actor, 'principal', d.schoolId) || isConfirmDelegate(actor, d)
    ? allow
    : deny('Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được Hiệu trưởng ủy quyền) được xác nhận hoặc từ chối yêu cầu mở sổ, đổi đợt cập nhật điểm.');
}

export function canDecideCorrection(actor: Actor, d: ConfirmDelegate, correction: { filedByPrincipal: boolean }): Decision {
  if (hasRole(actor, 'principal', d.schoolId)) return allow;
  if (correction.filedByPrincipal && isConfirmDelegate(actor, d)) return allow;
  return deny(
    correction.filedByPrincipal
      ? 'Giấy đề nghị do Hiệu trưởng lập chỉ phó hiệu trưởng được Hiệu trưởng ủy quyền mới duyệt hoặc từ chối được.'
      : 'Chỉ Hiệu trưởng được duyệt hoặc từ chối giấy đề nghị thay đổi thông tin.',
  );
}

/** The refusal when someone would decide what they asked for. */
export const SELF_DECISION = {
  lockRequest: 'Người gửi yêu cầu không được tự xác nhận hoặc từ chối yêu cầu của mình: cần Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) xác nhận.',
  correction: 'Người lập giấy đề nghị không được tự duyệt hoặc từ chối giấy của mình. Giấy do Hiệu trưởng lập phải do phó hiệu trưởng được Hiệu trưởng ủy quyền duyệt.',
} as const;
