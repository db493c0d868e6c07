import { z } from 'zod';
import { ZId } from './api-common.ts';
import { ZEvidenceKind } from './corrections.ts';

export const ZColumnKind = z.enum(['score', 'mark', 'level', 'testScore', 'comment']);

export const ZGradebookColumn = z.object({
  key: z.string(),
  label: z.string(),
  kind: ZColumnKind,
  point: z.enum(['midterm', 'endOfTerm', 'regular', 'comment']),
  required: z.boolean(),
  /** Why the whole column is closed now (a lock or a closed window), or null. */
  blockedBy: z.string().nullable(),
});

export const ZGradebookCell = z.object({
  /** As shown: "8,5", "Đ", "T", or the comment text. */
  display: z.string(),
  scoreTenths: z.number().int().nullable(),
  text: z.string().nullable(),
  version: z.number().int(),
});
export type GradebookCell = z.infer<typeof ZGradebookCell>;

export const ZGradebookRow = z.object({
  studentId: z.string(),
  listNumber: z.number().int(),
  fullName: z.string(),
  dateOfBirth: z.string(),
  /** Only students still in the class can be assessed. */
  active: z.boolean(),
  cells: z.record(z.string(), ZGradebookCell),
  /** ĐTBmhk ("8,5") or the comment-subject result ("Đ"), computed by src/domain; null while incomplete. */
  average: z.string().nullable(),
});

export const ZGradebookSheet = z.object({
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  schoolYearId: z.string(),
  subject: z.object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    assessmentKind: z.enum(['scored', 'comment', 'primaryLevel']),
    regularCount: z.number().int().nullable(),
  }),
  termNo: z.number().int(),
  teacherName: z.string().nullable(),
  columns: z.array(ZGradebookColumn),
  rows: z.array(ZGradebookRow),
  canEdit: z.boolean(),
  /** Re-entries (changing an entered value) are refused after this day (G10). */
  reEntryLastDay: z.string().nullable(),
  reasonRequired: z.enum(['never', 'reEntry', 'always']),
  /** C4: re-entries name their evidence when 'reEntry'. */
  evidenceRequired: z.enum(['never', 'reEntry']),
});
export type GradebookSheet = z.infer<typeof ZGradebookSheet>;

export const ZSaveCellsInput = z.object({
  changes: z
    .array(
      z.object({
        studentId: ZId,
        columnKey: z.string().max(20),
        /** What the teacher typed; "" clears the cell. */
        value: z.string().max(1000),
        /** The version the teacher edited from: 0 for an empty cell never saved. */
        baseVersion: z.number().int().min(0),
      }),
    )
    .min(1)
    .max(2000),
  source: z.enum(['typed', 'pasted', 'filled']).default('typed'),
  reason: z.string().trim().max(500).default(''),
  /** C4: the evidence kept for this save's re-entries; "other" is named in evidenceNote. */
  evidence: z.array(ZEvidenceKind).max(4).optional(),
  evidenceNote: z.string().trim().max(300).optional(),
});
export type SaveCellsInput = z.infer<typeof ZSaveCellsInput>;

export const ZSaveCellsResult = z.object({
  saved: z.array(z.object({ studentId: z.string(), columnKey: z.string(), cell: ZGradebookCell })),
  averages: z.array(z.object({ studentId: z.string(), average: z.string().nullable() })),
  /** Cells sent with the value they already hold: nothing written, here is their version. */
  unchanged: z.array(z.object({ studentId: z.string(), columnKey: z.string(), version: z.number().int() })),
});

export const ZConflictResponse = z.object({
  error: z.string(),
  message: z.string(),
  conflicts: z.array(z.object({ studentId: z.string(), columnKey: z.string(), current: ZGradebookCell })).optional(),
  errors: z.array(z.object({ row: z.number().optional(), field: z.string(), message: z.string() })).optional(),
  /** A retried save that was already carried out (its first answer was lost): see http/idempotency.ts. */
  alreadyApplied: z.boolean().optional(),
});
