import { z } from 'zod';

export const ZId = z.string().min(1).max(64);
/** A real calendar day (2026-02-30 and 2026-13-45 match the pattern but are refused). */
export const isCalendarDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const ZIsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng yyyy-mm-dd')
  .refine(isCalendarDate, 'ngày không có trên lịch');

export const ZErrorResponse = z.object({
  error: z.string(),
  message: z.string(),
  errors: z.array(z.object({ row: z.number().optional(), field: z.string(), message: z.string() })).optional(),
  /** On a 400 from a grade-book save: the school requires a reason for this change. */
  reasonRequired: z.boolean().optional(),
  /** On a 409 from results approval: how many items are still missing. */
  missingCount: z.number().int().optional(),
  /** On a 409 for a retried request: it was already carried out (the first answer was lost). */
  alreadyApplied: z.boolean().optional(),
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
