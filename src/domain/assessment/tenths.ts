/**
 * Exact score arithmetic. Every score is an integer number of tenths (8.5 → 85); averages are
 * exact rationals (integer numerator / integer denominator) rounded half up to one decimal.
 * No binary floating point touches a score: the only divisions are exact integer divisions.
 */

/** A score or average in integer tenths: 0..100 for 0,0..10,0. */
export type Tenths = number;

/** The largest score, 10,0, in tenths. */
export const MAX_TENTHS: Tenths = 100;

/** Floor of a / b for integers a ≥ 0, b > 0, computed without a fractional intermediate. */
export function intDiv(a: number, b: number): number {
  return (a - (a % b)) / b;
}

/**
 * numerator / denominator (both integers, numerator ≥ 0, denominator > 0, the quotient in
 * tenths) rounded half up to an integer number of tenths. 396 / 8 (= 49,5 tenths) → 50.
 */
export function roundHalfUpTenths(numerator: number, denominator: number): Tenths {
  return intDiv(2 * numerator + denominator, 2 * denominator);
}

/**
 * Parses the canonical text of a score with at most one decimal ("8", "8.5", "10.0") into
 * tenths, or returns null when the text is not such a number. Range is checked by the caller.
 */
export function tenthsFromDecimalText(text: string): Tenths | null {
  const m = /^(-?)(\d+)(?:[.,](\d))?$/.exec(text);
  if (!m) return null;
  const whole = Number(m[2]);
  const tenth = m[3] === undefined ? 0 : Number(m[3]);
  const value = whole * 10 + tenth;
  return m[1] === '-' ? -value : value;
}

/**
 * A JSON number (as parsed by JSON.parse) with at most one decimal, converted to tenths via
 * its shortest round-trip text, so 8.5 → 85 and 4.1 → 41 exactly. Returns null for numbers
 * with more decimals (8.55, 0.30000000000000004), NaN or infinities.
 */
export function tenthsFromNumber(value: number): Tenths | null {
  if (!Number.isFinite(value)) return null;
  return tenthsFromDecimalText(String(value));
}

/** Formats tenths as a one-decimal string: 85 → "8.5", 80 → "8.0"; `sep` "," for the UI. */
export function formatTenths(value: Tenths, sep: '.' | ',' = '.'): string {
  const sign = value < 0 ? '-' : '';
  const abs = value < 0 ? -value : value;
  const tenth = abs % 10;
  return `${sign}${intDiv(abs - tenth, 10)}${sep}${tenth}`;
}
