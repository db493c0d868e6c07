/**
 * Score sheets in Excel (bảng điểm một môn của một lớp trong một học kỳ, .xlsx): the export a
 * subject teacher fills in offline, and a tolerant parser for that export and for the score
 * sheets of vnEdu / SMAS (shared/domain/EXCHANGE.md §2.2).
 *
 * Export layout: a title block (trường, bảng điểm môn … lớp …, học kỳ, năm học, giáo viên, how to
 * fill it in), the header on row `SCORE_HEADER_ROW`, one row per student from the next row:
 * STT | Mã nội bộ (hidden: our student id) | Mã định danh Bộ GD&ĐT | Họ và tên | Ngày sinh |
 * one column per grade-book column with the Ministry's label | ĐTBmhk (or Kết quả học kỳ),
 * computed, informative only. Score cells are formatted as text so "8,5" stays as typed; Đ/CĐ
 * and T/H/C columns carry drop-down lists. A hidden sheet names the class, subject and term the
 * file was made for, so a file cannot be loaded into another sheet by mistake.
 *
 * Parser: the header row is found by text in the first `HEADER_SEARCH_ROWS` rows (folded like the
 * student import: no accents, case, spaces or punctuation), with a second header row under
 * merged cells ("ĐĐGtx" over "1", "2", …) understood, and "Miệng" / "15 phút" / "1 tiết" taken as
 * ĐĐGtx slots in order. Rows are matched to students by the hidden id, else by the MOET code,
 * else by full name + date of birth (two students alike → error). Values are checked with the
 * grade book's own parser for the column's kind. An EMPTY cell means "no change"; the text
 * "xóa" clears a cell. Every problem is reported with the Excel row and the column header as
 * written; nothing throws.
 *
 * This module is the entry point; the work is split by responsibility:
 * - score-sheet.ts: the shared types and layout constants;
 * - score-export.ts: the export workbook;
 * - score-headers.ts: finding the table and what each header means;
 * - score-values.ts: one grade cell into the grade book's value;
 * - score-parser.ts: rows into changes, matched to students, with every error;
 * - score-sheet.worker.ts: the upload read in a worker thread, within the limits of platform/excel;
 * - excel-cells.ts: cell reading, dates and header folding shared with the student import.
 */
export { HEADER_SEARCH_ROWS } from '../../platform/excel/excel-cells.ts';
export { buildScoreWorkbook } from './score-export.ts';
export { parseScoreWorkbook } from './score-sheet.worker.ts';
export {
  CLEAR_WORD,
  MAX_SCORE_ROWS,
  SCORE_HEADER_ROW,
  type ScoreWorkbookChange,
  type ScoreWorkbookError,
  type ScoreWorkbookResult,
  type ScoreWorkbookRow,
  type ScoreWorkbookSheet,
} from './score-sheet.ts';
export { cellInputText } from './score-values.ts';
