/**
 * Reading an uploaded student list: `parseStudentWorkbook` sends the file to a worker thread
 * (platform/excel/xlsx-worker.ts: ZIP limits, heap and time limits), where this module, its entry
 * point, loads it and runs readStudentWorkbook.
 */
import { type XlsxReadOptions, readXlsx, serveXlsxWorker, xlsxWorker } from '../../platform/excel/xlsx-worker.ts';
import { type StudentWorkbookResult, fileError, readStudentWorkbook } from './student-parser.ts';

const studentListWorker = xlsxWorker<null, StudentWorkbookResult>('student-list', import.meta.url);
serveXlsxWorker(studentListWorker, readStudentWorkbook);

const messages = {
  empty: 'Tệp rỗng: hãy chọn tệp Excel (.xlsx) danh sách học sinh.',
  notXlsx: 'Tệp không phải là tệp Excel .xlsx (có thể là .csv, .pdf hoặc ảnh): hãy dùng "Mẫu nhập học sinh" hoặc tệp xuất từ CSDL ngành / vnEdu dạng .xlsx.',
};

/** The students of an uploaded list, or every error in it (nothing throws but "busy", 429). */
export function parseStudentWorkbook(buffer: Buffer, options?: XlsxReadOptions): Promise<StudentWorkbookResult> {
  return readXlsx(studentListWorker, buffer, null, messages, fileError, options);
}
