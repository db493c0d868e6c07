/**
 * What a teacher types into a grade-book cell, checked for its column: a score (8,5 / 8.5 / 85
 * for 8,5 — TT 22 Điều 5), a comment mark (Đ / CĐ), a primary level (T / H / C — TT 27 Điều 6),
 * a primary periodic test score (an integer 0–10, TT 27 Điều 7), or a comment text.
 * An empty input clears the cell.
 */
import { parseScoreInput } from '../assessment/parse-score-input.ts';
import type { ColumnKind } from './gradebook-columns.ts';

export interface CellValue {
  /** Scores in integer tenths (8,5 → 85); test scores too (9 → 90). */
  scoreTenths: number | null;
  /** Đ / CĐ, T / H / C, or comment text. */
  text: string | null;
}

export type ParseCellResult = { ok: true; value: CellValue } | { ok: false; message: string };

export const EMPTY_CELL: CellValue = { scoreTenths: null, text: null };
export const MAX_COMMENT_LENGTH = 1000;

const MARKS: Record<string, 'Đ' | 'CĐ'> = { đ: 'Đ', d: 'Đ', đạt: 'Đ', dat: 'Đ', cđ: 'CĐ', cd: 'CĐ', 'chưa đạt': 'CĐ', 'chua dat': 'CĐ' };
const LEVELS: Record<string, 'T' | 'H' | 'C'> = {
  t: 'T',
  htt: 'T',
  'hoàn thành tốt': 'T',
  h: 'H',
  ht: 'H',
  'hoàn thành': 'H',
  c: 'C',
  cht: 'C',
  'chưa hoàn thành': 'C',
};

export function parseCellInput(kind: ColumnKind, raw: string): ParseCellResult {
  const input = raw.normalize('NFC').trim();
  if (input === '') return { ok: true, value: EMPTY_CELL };
  switch (kind) {
    case 'score': {
      const parsed = parseScoreInput(input);
      return parsed.ok ? { ok: true, value: { scoreTenths: parsed.tenths, text: null } } : { ok: false, message: parsed.message };
    }
    case 'testScore': {
      if (!/^\d{1,2}$/.test(input) || Number(input) > 10) {
        return { ok: false, message: `"${input}" không phải điểm bài kiểm tra định kỳ: nhập số nguyên từ 0 đến 10 (TT 27/2020 Điều 7).` };
      }
      return { ok: true, value: { scoreTenths: Number(input) * 10, text: null } };
    }
    case 'mark': {
      const mark = MARKS[input.toLowerCase()];
      return mark ? { ok: true, value: { scoreTenths: null, text: mark } } : { ok: false, message: `"${input}" không hợp lệ: môn đánh giá bằng nhận xét chỉ nhận Đ (Đạt) hoặc CĐ (Chưa đạt).` };
    }
    case 'level': {
      const level = LEVELS[input.toLowerCase()];
      return level
        ? { ok: true, value: { scoreTenths: null, text: level } }
        : { ok: false, message: `"${input}" không hợp lệ: nhập T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).` };
    }
    case 'comment': {
      if (input.length > MAX_COMMENT_LENGTH) return { ok: false, message: `Nhận xét dài quá ${MAX_COMMENT_LENGTH} ký tự.` };
      return { ok: true, value: { scoreTenths: null, text: input } };
    }
  }
}

export function sameCellValue(a: CellValue, b: CellValue): boolean {
  return a.scoreTenths === b.scoreTenths && a.text === b.text;
}

export function isEmptyCell(v: CellValue): boolean {
  return v.scoreTenths === null && v.text === null;
}
