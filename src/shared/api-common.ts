import { z } from 'zod';

export const ZId = z.string().min(1).max(64);
export const ZIsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-mm-dd');

export const ZErrorResponse = z.object({
  error: z.string(),
  message: z.string(),
  errors: z.array(z.object({ row: z.number().optional(), field: z.string(), message: z.string() })).optional(),
  /** On a 400 from a grade-book save: the school requires a reason for this change. */
  reasonRequired: z.boolean().optional(),
  /** On a 409 from results approval: how many items are still missing. */
  missingCount: z.number().int().optional(),
  /** On a 403 while the login is incomplete: the step to finish first. */
  next: z.enum(['totp', 'changePassword', 'setupTotp', 'ready']).optional(),
});

export const ZOk = z.object({ ok: z.literal(true) });

/** The standard error responses every authenticated route documents. */
export const authErrors = {
  400: ZErrorResponse,
  401: ZErrorResponse,
  403: ZErrorResponse,
  404: ZErrorResponse,
  409: ZErrorResponse,
} as const;

/** A write refused by a lock, a closed window or the edit deadline (C1): each names who and when. */
export const ZLockedResponse = ZErrorResponse.extend({
  blocks: z.array(z.object({ studentId: z.string(), columnKey: z.string(), kind: z.string(), message: z.string() })).optional(),
});
