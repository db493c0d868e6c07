import { z } from 'zod';
import { ZId } from './api-common.ts';

export const ZEvidenceKind = z.enum(['personalGradebook', 'testPaper', 'classmateConfirmation', 'other']);
export type EvidenceKind = z.infer<typeof ZEvidenceKind>;

export const ZCorrectionStatus = z.enum(['pending', 'approved', 'rejected', 'applied', 'withdrawn']);
export type CorrectionStatus = z.infer<typeof ZCorrectionStatus>;

export const ZCorrectionCell = z.object({
  studentId: z.string(),
  studentName: z.string(),
  termNo: z.number().int(),
  columnKey: z.string(),
  columnLabel: z.string(),
  oldDisplay: z.string(),
  newDisplay: z.string(),
  oldVersion: z.number().int(),
});

export const ZCorrection = z.object({
  id: z.string(),
  number: z.number().int(),
  schoolYearId: z.string(),
  classId: z.string(),
  className: z.string(),
  subjectId: z.string(),
  subjectName: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  reason: z.string(),
  evidenceKind: z.string(),
  cells: z.array(ZCorrectionCell),
  status: ZCorrectionStatus,
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string(),
  appliedByName: z.string().nullable(),
  appliedAt: z.string().nullable(),
  evidence: z.array(z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number().int(), sha256: z.string() })),
  version: z.number().int(),
  /** Filed by the principal: decided by the vice-principal she delegates, never by herself (issue 14 §3). */
  filedByPrincipal: z.boolean(),
  /** Whether the user asking may approve or reject it now. */
  canDecide: z.boolean(),
  /** Who decides, when that is not simply the principal; '' otherwise. */
  decisionNote: z.string(),
});
export type Correction = z.infer<typeof ZCorrection>;

export const ZCreateCorrectionInput = z.object({
  termNo: z.number().int().min(1).max(2),
  cells: z
    .array(z.object({ studentId: ZId, columnKey: z.string().max(20), newValue: z.string().max(1000) }))
    .min(1)
    .max(200),
  reason: z.string().trim().min(1, 'cần ghi lý do đề nghị sửa').max(1000),
  evidenceKind: ZEvidenceKind,
});

export const ZDecideCorrectionInput = z.object({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().max(1000).default(''),
  version: z.number().int(),
});

export const ZCorrectionQuery = z.object({
  status: ZCorrectionStatus.optional(),
  /** Search: the request number, or words of the reason. */
  q: z.string().trim().max(100).optional(),
  classId: ZId.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ZCorrectionPage = z.object({ total: z.number().int(), requests: z.array(ZCorrection) });

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
