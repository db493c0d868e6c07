/**
 * Score sheets in Excel: what the export and the parser share, the grade-book sheet the file is
 * made from or checked against, the result of an import, and the layout constants.
 */
import type { GradebookColumn } from '../../../domain/gradebook/gradebook-columns.ts';
import type { CellValue } from '../../../domain/gradebook/parse-cell-input.ts';

/** Row of the header in our export (title block on rows 1–6). */
export const SCORE_HEADER_ROW = 7;
export const MAX_SCORE_ROWS = 1000;
/** What a teacher writes to clear a cell (an empty cell keeps the value). */
export const CLEAR_WORD = 'xóa';
/** The very hidden sheet naming the class, subject and term a file was exported for. */
export const META_SHEET = 'sodiem';
export const META_FORMAT = 'sodiem-score-sheet';
export const DATA_SHEET = 'Bảng điểm';

export interface ScoreWorkbookRow {
  studentId: string;
  listNumber: number;
  fullName: string;
  /** yyyy-mm-dd */
  dateOfBirth: string;
  active: boolean;
  /** Mã định danh Bộ GD&ĐT, when known. */
  studentCode?: string | null;
  cells: Record<string, { display: string; scoreTenths: number | null; text: string | null; version: number }>;
  average: string | null;
}

/** What the workbook needs of a grade-book sheet (loadSheet's result plus names for the title). */
export interface ScoreWorkbookSheet {
  classId: string;
  className: string;
  subject: { id: string; code: string; name: string; assessmentKind: 'scored' | 'comment' | 'primaryLevel' };
  termNo: number;
  teacherName: string | null;
  columns: (Pick<GradebookColumn, 'key' | 'label' | 'kind' | 'point'> & { blockedBy?: string | null })[];
  rows: ScoreWorkbookRow[];
  schoolName?: string;
  schoolYearName?: string;
}

export interface ScoreWorkbookChange {
  studentId: string;
  columnKey: string;
  /** As the grade book's cell parser takes it ("8,5", "Đ", "" to clear). */
  value: string;
  /** The parsed value. */
  cell: CellValue;
  /** Excel row it came from. */
  row: number;
}

export interface ScoreWorkbookError {
  /** Row number as Excel shows it; 0 for the file as a whole. */
  row: number;
  /** Column header as written in the file, or "tệp" for the file as a whole. */
  field: string;
  message: string;
}

export type ScoreWorkbookResult = { ok: true; changes: ScoreWorkbookChange[] } | { ok: false; errors: ScoreWorkbookError[] };
