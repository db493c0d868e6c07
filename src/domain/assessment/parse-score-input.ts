import { MAX_TENTHS, type Tenths } from './tenths.ts';

export type ParseScoreResult =
  | { ok: true; tenths: Tenths }
  | { ok: false; code: 'EMPTY' | 'NOT_A_NUMBER' | 'TOO_MANY_DECIMALS' | 'OUT_OF_RANGE' | 'AMBIGUOUS'; message: string };

/**
 * Parses a score as a teacher types it in the grid (TT 22/2021 Điều 5: 10-point scale, at most
 * one decimal). Accepts "8,5" and "8.5"; "10" is 10 and "100" is 10,0. Surrounding spaces are
 * ignored. Errors carry a Vietnamese message for the UI.
 *
 * The fast-entry shortcut — two digits without a separator read as tenths ("85" → 8,5) — applies
 * only where it cannot hide a slip of the finger (issue 15 §5): the first digit 2–9, so "20"–"99".
 * "11"–"19" are refused: no score is eleven, and the likelier intents are 1 or 10 typed with a key
 * pressed twice or next to "0", not 1,1 — the shortcut silently saved "11" as 1,1. "00"–"09" are
 * refused too: "05" is as likely 5 with a leading zero as 0,5. The message says what to type for
 * each reading ("1,1"; "10").
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
    else if (text.length === 2 && text[0] >= '2') tenths = Number(text);
    else if (text.length === 2) return ambiguous(text);
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

function ambiguous(text: string): ParseScoreResult {
  const [a, b] = [text[0], text[1]];
  const whole = a === '0' ? `"${b}"` : `"1" hoặc "10"`;
  return {
    ok: false,
    code: 'AMBIGUOUS',
    message: `"${text}" chưa rõ là điểm nào (thang điểm 0–10): nếu là ${a},${b} hãy nhập "${a},${b}"; nếu là ${a === '0' ? b : '1 hoặc 10'} hãy nhập ${whole}.`,
  };
}

function outOfRange(text: string): ParseScoreResult {
  return { ok: false, code: 'OUT_OF_RANGE', message: `Điểm "${text}" nằm ngoài thang điểm 0–10.` };
}
