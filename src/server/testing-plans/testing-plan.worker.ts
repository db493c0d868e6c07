/**
 * Reading an uploaded testing plan: `parsePlanWorkbook` sends the file to a worker thread
 * (platform/excel/xlsx-worker.ts: ZIP limits, heap and time limits), where this module, its entry
 * point, loads it and runs readPlanWorkbook.
 */
import { type XlsxReadOptions, readXlsx, serveXlsxWorker, xlsxWorker } from '../platform/excel/xlsx-worker.ts';
import { type PlanWorkbookResult, planFileError, readPlanWorkbook } from './testing-plan-excel.ts';

const testingPlanWorker = xlsxWorker<null, PlanWorkbookResult>('testing-plan', import.meta.url);
serveXlsxWorker(testingPlanWorker, (workbook) => readPlanWorkbook(workbook));

const messages = {
  empty: 'Tệp rỗng: hãy chọn tệp Excel (.xlsx) kế hoạch kiểm tra.',
  notXlsx: 'Tệp không phải là tệp Excel .xlsx: hãy dùng "Mẫu kế hoạch kiểm tra" và lưu dạng .xlsx.',
};

/** The rows of an uploaded plan, or every error in it (nothing throws but "busy", 429). */
export function parsePlanWorkbook(buffer: Buffer, options?: XlsxReadOptions): Promise<PlanWorkbookResult> {
  return readXlsx(testingPlanWorker, buffer, null, messages, planFileError, options);
}
