import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';
import { ZLevel } from './homeroom.ts';
import { ZPrimaryPoint, ZTrait } from './primary.ts';
import { ZGuardianInput } from './student.ts';
import { PRINTED_PROFILE_FIELDS, type ProfileField } from '../domain/locks/printed-profile.ts';

/** What a request changes: grade-book scores, or (issue 22) a record approved with the results. */
export const ZCorrectionKind = z.enum(['scores', 'conduct', 'attendance', 'profile', 'primaryAssessment']);
export type CorrectionKind = z.infer<typeof ZCorrectionKind>;

/** The profile fields the học bạ prints: locked with the year, changed by a request (C2, C6). */
export const ZProfileField = z.enum(PRINTED_PROFILE_FIELDS);
export type { ProfileField };

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
  kind: ZCorrectionKind,
  schoolYearId: z.string(),
  classId: z.string(),
  className: z.string(),
  /** null for a record other than scores. */
  subjectId: z.string().nullable(),
  /** The subject; of another record, what the request changes ("Kết quả rèn luyện"). */
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
  /** Decided by a vice-principal on the principal's delegation: printed "KT. HIỆU TRƯỞNG". */
  decidedByDeputy: z.boolean(),
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

const requestFields = {
  reason: z.string().trim().min(1, 'cần ghi lý do đề nghị thay đổi').max(1000),
  evidenceKind: ZEvidenceKind,
};
/** A request to change records of a class other than scores (issue 22): one change per student and record. */
export const ZCreateRecordCorrectionInput = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('conduct'),
    changes: z.array(z.object({ studentId: ZId, period: z.enum(['term1', 'term2', 'year', 'summer']), level: ZLevel.nullable(), comment: z.string().trim().max(1000).default('') })).min(1).max(100),
    ...requestFields,
  }),
  z.object({
    kind: z.literal('attendance'),
    changes: z.array(z.object({ studentId: ZId, date: ZIsoDate, session: z.enum(['morning', 'afternoon']), mark: z.enum(['P', 'K']).nullable(), note: z.string().trim().max(200).default('') })).min(1).max(200),
    ...requestFields,
  }),
  z.object({
    kind: z.literal('profile'),
    changes: z.array(z.object({ studentId: ZId, field: ZProfileField, value: z.union([z.string().trim().max(300), z.array(ZGuardianInput).max(4)]).nullable() })).min(1).max(50),
    ...requestFields,
  }),
  z.object({
    kind: z.literal('primaryAssessment'),
    changes: z
      .array(z.object({ studentId: ZId, point: ZPrimaryPoint, qualities: z.array(ZTrait).length(5), competences: z.array(ZTrait).length(10), comment: z.string().trim().max(2000).default('') }))
      .min(1)
      .max(60),
    ...requestFields,
  }),
]);
export type CreateRecordCorrectionInput = z.infer<typeof ZCreateRecordCorrectionInput>;

/** What of a class's records is locked now (issue 22): each lock as worded for the teacher, null where open. */
export const ZRecordLocks = z.object({
  classId: z.string(),
  conduct: z.object({ term1: z.string().nullable(), term2: z.string().nullable(), year: z.string().nullable(), summer: z.string().nullable() }),
  attendance: z.array(z.object({ termNo: z.number().int(), startsOn: z.string(), endsOn: z.string(), lock: z.string().nullable() })),
  /** The profile fields the học bạ prints (the whole year locked). */
  profile: z.string().nullable(),
});
export type RecordLocks = z.infer<typeof ZRecordLocks>;

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
