import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';
import { ZEvidenceKind } from './corrections.ts';

export const ZEditLogQuery = z.object({
  teacherUserId: ZId.optional(),
  classId: ZId.optional(),
  subjectId: ZId.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  /** Only changes of values already entered (re-entries, clears, corrections), not first entries. */
  changesOnly: z.enum(['0', '1']).default('0'),
  /** asc for printing (oldest first), desc for the page (newest first). */
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});
export type EditLogQuery = z.infer<typeof ZEditLogQuery>;

export const ZEditLogEntry = z.object({
  eventId: z.string(),
  at: z.string(),
  teacherUserId: z.string().nullable(),
  teacherName: z.string(),
  role: z.string(),
  ip: z.string(),
  userAgent: z.string(),
  action: z.string(),
  className: z.string(),
  subjectName: z.string(),
  studentName: z.string(),
  termNo: z.number().int(),
  columnKey: z.string(),
  oldValue: z.string(),
  newValue: z.string(),
  source: z.string(),
  reason: z.string(),
  correctionNumber: z.number().int().nullable(),
  /** C4: the evidence named with the change (kinds, and the note of "other"). */
  evidence: z.array(ZEvidenceKind),
  evidenceNote: z.string(),
});
export type EditLogEntry = z.infer<typeof ZEditLogEntry>;
/** How a grade-book value was written (an entry's `source`). */
export type EditSource = 'typed' | 'pasted' | 'filled' | 'imported' | 'correction';

/** The step of a four-eyes decision (issue 14 §3), as the edit log lists it. */
export const ZApprovalStep = z.enum(['requested', 'confirmed', 'refused', 'direct', 'approved', 'rejected']);
export type ApprovalStep = z.infer<typeof ZApprovalStep>;

/** An unlock, window change or correction decision beside the score changes: who asked, who decided. */
export const ZApprovalLogEntry = z.object({
  eventId: z.string(),
  at: z.string(),
  step: ZApprovalStep,
  /** "Mở sổ Lớp 6A1 · Toán · Học kỳ I", "Giấy đề nghị số 3: lớp 6A1, Toán" … */
  summary: z.string(),
  requestedByName: z.string(),
  /** Who confirmed, refused or approved it; null for a request not decided in this event. */
  decidedByName: z.string().nullable(),
  reason: z.string(),
});
export type ApprovalLogEntry = z.infer<typeof ZApprovalLogEntry>;

export const ZEditLogPage = z.object({ total: z.number().int(), entries: z.array(ZEditLogEntry), approvals: z.array(ZApprovalLogEntry) });
