/**
 * Reading an uploaded score sheet: `parseScoreWorkbook` sends the file to a worker thread
 * (platform/excel/xlsx-worker.ts: ZIP limits, heap and time limits), where this module, its entry
 * point, loads it and runs readScoreWorkbook against the sheet.
 */
import { type XlsxReadOptions, readXlsx, serveXlsxWorker, xlsxWorker } from '../../platform/excel/xlsx-worker.ts';
import { fileError, readScoreWorkbook } from './score-parser.ts';
import type { ScoreWorkbookResult, ScoreWorkbookSheet } from './score-sheet.ts';

const scoreSheetWorker = xlsxWorker<ScoreWorkbookSheet, ScoreWorkbookResult>('score-sheet', import.meta.url);
serveXlsxWorker(scoreSheetWorker, readScoreWorkbook);

const messages = {
  empty: 'Tệp rỗng: hãy chọn tệp Excel (.xlsx) bảng điểm.',
  notXlsx: 'Tệp không phải là tệp Excel .xlsx (có thể là .csv, .pdf hoặc ảnh): hãy dùng tệp bảng điểm xuất từ Sổ Điểm Số, vnEdu hoặc SMAS dạng .xlsx.',
};

/** The changes an uploaded score sheet brings to `sheet`, or every error in it (nothing throws but "busy", 429). */
export function parseScoreWorkbook(buffer: Buffer, sheet: ScoreWorkbookSheet, options?: XlsxReadOptions): Promise<ScoreWorkbookResult> {
  return readXlsx(scoreSheetWorker, buffer, sheet, messages, fileError, options);
}
