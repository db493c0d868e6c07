import { z } from 'zod';
import { ZId } from './api-common.ts';

export const ZPrimaryPoint = z.enum(['GK1', 'CK1', 'GK2', 'CN']);
export const ZTrait = z.enum(['T', 'Đ', 'C']).nullable();

export const ZPrimaryAssessmentSheet = z.object({
  classId: z.string(),
  point: ZPrimaryPoint,
  qualityNames: z.array(z.string()),
  competenceNames: z.array(z.string()),
  rows: z.array(
    z.object({
      studentId: z.string(),
      listNumber: z.number().int(),
      fullName: z.string(),
      qualities: z.array(ZTrait),
      competences: z.array(ZTrait),
      comment: z.string(),
      nominated: z.boolean(),
      nominationNote: z.string(),
      version: z.number().int(),
    }),
  ),
});

export const ZSavePrimaryAssessmentsInput = z.object({
  point: ZPrimaryPoint,
  entries: z
    .array(
      z.object({
        studentId: ZId,
        qualities: z.array(ZTrait).length(5),
        competences: z.array(ZTrait).length(10),
        comment: z.string().trim().max(2000).default(''),
        nominated: z.boolean().default(false),
        nominationNote: z.string().trim().max(500).default(''),
        baseVersion: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(60),
});

export const ZPrimarySummary = z.object({
  classId: z.string(),
  className: z.string(),
  point: ZPrimaryPoint,
  ruleVersion: z.string(),
  subjects: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), hasTest: z.boolean() })),
  rows: z.array(
    z.object({
      studentId: z.string(),
      listNumber: z.number().int(),
      fullName: z.string(),
      subjects: z.array(z.object({ subjectId: z.string(), level: z.enum(['T', 'H', 'C']).nullable(), test: z.number().nullable() })),
      qualities: z.array(ZTrait),
      competences: z.array(ZTrait),
      comment: z.string(),
      /** At the end of the year (CN): the level of Điều 9, the award of Điều 15 and completion. */
      yearLevel: z.enum(['HTXS', 'HTT', 'HT', 'CHT']).nullable(),
      award: z.enum(['XS', 'TB']).nullable(),
      completed: z.boolean().nullable(),
      missing: z.array(z.string()),
    }),
  ),
});

const ZPrimarySnapshot = z.object({
  id: z.string(),
  ruleVersion: z.string(),
  sha256: z.string(),
  proposedAt: z.string(),
  proposedByName: z.string(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  /** The live summary differs from the frozen one. */
  changedSince: z.boolean(),
});

/** The approval of a primary class's four points (C5): the pending proposal and the frozen approved snapshot of each. */
export const ZPrimaryApprovals = z.object({
  classId: z.string(),
  className: z.string(),
  points: z.array(
    z.object({
      point: ZPrimaryPoint,
      missingCount: z.number().int(),
      proposal: ZPrimarySnapshot.nullable(),
      approved: ZPrimarySnapshot.nullable(),
    }),
  ),
});
