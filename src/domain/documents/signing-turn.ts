/**
 * Whose turn it is to sign a printed document (P5: homeroom teacher → principal → school seal).
 * Signatures go strictly in their order; a document superseded by a newer version is never
 * signed; a document with every signature given takes no more. Returns null when the step
 * `seq` may sign now, else the Vietnamese reason it may not.
 */
export interface SigningStep {
  seq: number;
  status: string;
  role: string;
}

export const SIGNER_LABELS: Record<string, string> = { homeroom: 'Giáo viên chủ nhiệm', principal: 'Hiệu trưởng', seal: 'con dấu số của nhà trường' };

/** The next signature due: the pending step with the lowest seq, or null when all are given. */
export function nextSigningStep<T extends SigningStep>(steps: T[]): T | null {
  let next: T | null = null;
  for (const s of steps) if (s.status === 'pending' && (!next || s.seq < next.seq)) next = s;
  return next;
}

export function signingTurnRefusal(superseded: boolean, steps: SigningStep[], seq: number): string | null {
  if (superseded) return 'Văn bản đã có phiên bản mới thay thế: hãy ký phiên bản mới.';
  const next = nextSigningStep(steps);
  if (!next) return 'Văn bản đã đủ chữ ký.';
  if (next.seq !== seq) return `Chưa đến lượt ký này: văn bản đang chờ chữ ký của ${SIGNER_LABELS[next.role] ?? next.role}.`;
  return null;
}
