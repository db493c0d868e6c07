import { MAX_TENTHS, type Tenths } from './tenths.ts';

export type ParseScoreResult =
  | { ok: true; tenths: Tenths }
  | { ok: false; code: 'EMPTY' | 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' | 'OUT_OF_RANGE'; message: string };

/**
 * Parses a score as a teacher types it in the grid (TT 22/2021 Điều 5: 10-point scale, at most
 * one decimal). Accepts "8,5" and "8.5"; a two-digit entry without separator is read as tenths
 * ("85" → 8,5, "05" → 0,5) except "10", which stays 10; "100" is 10,0. Surrounding spaces are
 * ignored. Errors carry a Vietnamese message for the UI.
 */
export function parseScoreInput(input: string): ParseScoreResult {
  const text = input.trim();
  if (text === '') return { ok: false, code: 'EMPTY', message: 'Chưa nhập điểm.' };
  let tenths: number;
  const decimal = /^(\d{1,2})[.,](\d+)$/.exec(text);
  if (decimal) {
    if (decimal[2].length > 1 && !/^\d0+$/.test(decimal[2])) {
      return {
        ok: false,
        code: 'TOO_MANY_DECIMALS',
        message: `Điểm "${text}" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.`,
      };
    }
    tenths = Number(decimal[1]) * 10 + Number(decimal[2][0]);
  } else if (/^\d+$/.test(text)) {
    if (text.length === 1 || text === '10') tenths = Number(text) * 10;
    else if (text.length === 2) tenths = Number(text);
    else if (text === '100') tenths = 100;
    else return outOfRange(text);
  } else if (/^-\s*\d/.test(text)) {
    return outOfRange(text);
  } else {
    return {
      ok: false,
      code: 'NOT_A_NUMBER',
      message: `"${text}" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.`,
    };
  }
  if (tenths > MAX_TENTHS) return outOfRange(text);
  return { ok: true, tenths };
}

function outOfRange(text: string): ParseScoreResult {
  return { ok: false, code: 'OUT_OF_RANGE', message: `Điểm "${text}" nằm ngoài thang điểm 0–10.` };
}
