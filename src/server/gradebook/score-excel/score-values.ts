/**
 * Score sheets in Excel: one grade cell of a file into the value the grade book takes, checked
 * with the grade book's own parser for the column's kind.
 */
import type ExcelJS from 'exceljs';
import { formatTenths, tenthsFromNumber } from '../../../domain/assessment/tenths.ts';
import type { ColumnKind } from '../../../domain/gradebook/gradebook-columns.ts';
import { type CellValue, parseCellInput } from '../../../domain/gradebook/parse-cell-input.ts';
import { type CellReadRules, type ReadCell, foldHeader, readCell, showValue } from '../../platform/excel/excel-cells.ts';
import { CLEAR_WORD } from './score-sheet.ts';

const TEXT_HINT = 'hãy định dạng ô là Văn bản (Text) rồi nhập lại';

/** Text on one line; a formula whose saved result is an error value counts as one without a result. */
const SCORE_CELL_RULES: CellReadRules = {
  collapseSpaces: true,
  errorResultIsMissing: true,
  formulaWithoutResult: (formula) =>
    `ô chứa công thức (=${formula}) nhưng tệp không lưu kết quả hợp lệ; hãy nhập giá trị (Dán → Chỉ giá trị / Paste Values) thay cho công thức`,
};

export function readScoreCell(cell: ExcelJS.Cell): ReadCell {
  return readCell(cell, SCORE_CELL_RULES);
}

type Parsed = { ok: true; value: string; cell: CellValue } | { ok: false; detail: string };

/** The value as the grade book's parser takes it back (same as apply-correction-request). */
export function cellInputText(kind: ColumnKind, v: CellValue): string {
  if (v.scoreTenths !== null) return kind === 'testScore' ? String(v.scoreTenths / 10) : formatTenths(v.scoreTenths, ',');
  return v.text ?? '';
}

function checked(kind: ColumnKind, text: string, formula: string | undefined): Parsed {
  const parsed = parseCellInput(kind, text);
  if (!parsed.ok) return { ok: false, detail: formula ? `công thức (=${formula}) cho kết quả ${parsed.message}` : parsed.message };
  return { ok: true, value: cellInputText(kind, parsed.value), cell: parsed.value };
}

/**
 * One grade cell of the file. Number cells (a sheet not formatted as text) are read through
 * Excel's 15 significant digits and then their shortest decimal text, so 8.5 is 85 tenths
 * exactly. A number cell is its number: 85 is out of range, not 8,5 (the grid's "85 → 8,5"
 * shorthand applies to typed text only, as in our text-formatted cells).
 */
export function parseGrade(kind: ColumnKind, content: ReadCell): Parsed | null {
  const formula = content.formula;
  switch (content.kind) {
    case 'empty':
      return null;
    case 'error':
      return { ok: false, detail: content.detail };
    case 'boolean':
      return { ok: false, detail: `giá trị ${showValue(content)} không dùng được ở cột này` };
    case 'date':
      if (kind === 'comment') return checked(kind, showValue(content), formula);
      return { ok: false, detail: `Excel đã tự đổi giá trị thành ngày tháng (${showValue(content)}); ${TEXT_HINT}` };
    case 'text':
      if (foldHeader(content.text) === foldHeader(CLEAR_WORD)) return { ok: true, value: '', cell: { scoreTenths: null, text: null } };
      return checked(kind, content.text, formula);
    case 'number': {
      const n = Number(content.value.toPrecision(15));
      if (kind === 'score') {
        const tenths = tenthsFromNumber(n);
        if (tenths === null) return { ok: false, detail: `Điểm "${n}" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.` };
        if (tenths < 0 || tenths > 100) {
          return { ok: false, detail: `${formula ? `công thức (=${formula}) cho kết quả ` : ''}điểm ${n} nằm ngoài thang điểm 0–10 (ô dạng số được đọc đúng giá trị số; muốn ghi 8,5 hãy ghi 8,5)` };
        }
        return checked(kind, formatTenths(tenths, ','), formula);
      }
      return checked(kind, String(n), formula);
    }
  }
}
