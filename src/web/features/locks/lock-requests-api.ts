/**
 * Four eyes on unlocks (issue 14 §3): the admin board's release and window change answer whether
 * they took effect or wait; the principal (or her delegated vice-principal) decides a request.
 */
import type { z } from 'zod';
import { http } from '../../api/client.ts';
import type { ZDecideLockRequestInput, ZLockChangeResult, ZLockRequest, ZLocksOverview } from '../../../shared/locks.ts';

export type LockRequest = z.infer<typeof ZLockRequest>;
export type LockChangeResult = z.infer<typeof ZLockChangeResult>;

export const lockRequestsApi = {
  decide: (requestId: string, body: z.input<typeof ZDecideLockRequestInput>) => http.post<z.infer<typeof ZLocksOverview>>(`/lock-requests/${requestId}/decision`, body),
};

/** What the admin board is told after asking. */
export const REQUESTED_MESSAGE = 'Đã gửi yêu cầu, chờ hiệu trưởng xác nhận.';

/** Whether a release or window change waits for the principal (answered 202 with outcome 'requested'). */
export function wasRequested(answer: object): boolean {
  return (answer as Partial<LockChangeResult>).outcome === 'requested';
}
