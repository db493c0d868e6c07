/**
 * The score sheet in Excel (export, import preview, apply, roll-back): request and response
 * shapes shared by the server and the web app. See docs/data-exchange.md "Bảng điểm (Excel)".
 */
import { z } from 'zod';
import { ZErrorResponse, ZId } from './api-common.ts';
import { ZGradebookCell } from './gradebook.ts';

export const ZScoreImportStatus = z.enum(['previewed', 'applied', 'rolledBack']);
export type ScoreImportStatus = z.infer<typeof ZScoreImportStatus>;

export const ZSha256 = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 gồm 64 chữ số hệ 16 (chữ thường)');

/** One cell's value as stored: a score in tenths, or a mark / level / comment text. */
export const ZStoredCellValue = z.object({
  scoreTenths: z.number().int().nullable(),
  text: z.string().nullable(),
  /** 0 for a cell never saved; null for "not written yet" (after, before the import is applied). */
  version: z.number().int().nullable(),
});

/** One cell the file changes, as shown in the preview. */
export const ZScoreImportDiffItem = z.object({
  studentId: z.string(),
  studentName: z.string(),
  listNumber: z.number().int(),
  /** The Excel row the value came from. */
  row: z.number().int(),
  columnKey: z.string(),
  columnLabel: z.string(),
  /** As shown now ("8,5", "Đ", "" for empty). */
  old: z.string(),
  /** As it will be shown ("" when the file clears the cell with "xóa"). */
  new: z.string(),
  /** Why this cell cannot be written now (lock, closed window, edit deadline); apply is then refused (423). */
  blockedBy: z.string().optional(),
});
export type ScoreImportDiffItem = z.infer<typeof ZScoreImportDiffItem>;

export const ZScoreImportPreview = z.object({
  importId: z.string(),
  fileName: z.string(),
  sha256: ZSha256,
  status: ZScoreImportStatus,
  diff: z.array(ZScoreImportDiffItem),
  /** Cells the file fills with the value they already hold. */
  unchanged: z.number().int(),
  /** How many diff cells are refused now (lock, window, deadline). */
  blocked: z.number().int(),
});
export type ScoreImportPreview = z.infer<typeof ZScoreImportPreview>;

/** A stored import: its diff with each cell's value and version before and after. */
export const ZScoreImport = z.object({
  id: z.string(),
  schoolId: z.string(),
  classId: z.string(),
  subjectId: z.string(),
  termNo: z.number().int(),
  fileName: z.string(),
  sha256: ZSha256,
  status: ZScoreImportStatus,
  unchanged: z.number().int(),
  cells: z.array(ZScoreImportDiffItem.extend({ before: ZStoredCellValue, after: ZStoredCellValue })),
  createdBy: z.string(),
  createdByName: z.string(),
  createdAt: z.string(),
  appliedAt: z.string().nullable(),
  rolledBackAt: z.string().nullable(),
  rolledBackBy: z.string().nullable(),
});
export type ScoreImport = z.infer<typeof ZScoreImport>;

export const ZApplyScoreImportInput = z.object({
  /** The SHA-256 shown in the preview: confirms the teacher applies the file she looked at. */
  expectedSha256: ZSha256,
});

export const ZScoreImportParams = z.object({ id: ZId });

/** 409 of apply / roll-back: the cells changed since the preview (or since the import). */
export const ZScoreImportConflictResponse = ZErrorResponse.extend({
  conflicts: z
    .array(
      z.object({
        studentId: z.string(),
        columnKey: z.string(),
        studentName: z.string().optional(),
        columnLabel: z.string().optional(),
        current: ZGradebookCell.optional(),
      }),
    )
    .optional(),
});
