/**
 * Canonical JSON, the one encoder whose bytes are hashed: the audit chain, the version of printed
 * data and the học bạ all hash these strings, so they must never change. Object keys sorted by
 * UTF-16 code units, `undefined` members left out, no whitespace, strings and other primitives
 * exactly as JSON.stringify writes them (", \ and control characters escaped; Vietnamese stays
 * UTF-8). Built as one string without intermediate arrays: a class book's data is a few hundred
 * kilobytes.
 *
 * `integersOnly` (the học bạ): a number must be a safe integer — scores are decimal strings, so a
 * fractional number is a bug — and anything that is not JSON (a function, a bigint) throws.
 */
export interface CanonicalJsonOptions {
  integersOnly?: boolean;
}

export function canonicalJson(value: unknown, options: CanonicalJsonOptions = {}): string {
  return options.integersOnly ? strict(value) : lenient(value);
}

function lenient(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return arrayOf(value, lenient);
  return objectOf(value as Record<string, unknown>, lenient);
}

function strict(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON: ${value} is not an integer (scores are decimal strings)`);
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return arrayOf(value, strict);
  if (typeof value === 'object') return objectOf(value as Record<string, unknown>, strict);
  throw new Error(`canonical JSON: cannot encode a ${typeof value}`);
}

function arrayOf(value: readonly unknown[], encode: (v: unknown) => string): string {
  let s = '[';
  for (let i = 0; i < value.length; i++) {
    if (i > 0) s += ',';
    if (i in value) s += encode(value[i]);
  }
  return `${s}]`;
}

function objectOf(value: Record<string, unknown>, encode: (v: unknown) => string): string {
  const keys = Object.keys(value).sort();
  let s = '{';
  let first = true;
  for (const k of keys) {
    const v = value[k];
    if (v === undefined) continue;
    s += `${first ? '' : ','}${JSON.stringify(k)}:${encode(v)}`;
    first = false;
  }
  return `${s}}`;
}

/** "8,5" / "8.5" / "8" / 85 tenths → "8.5" / "8.0"; anything else (Đ, CĐ, T…) unchanged. */
export function exactDecimal(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    const tenths = Math.round(value * 10);
    return `${Math.trunc(tenths / 10)}.${Math.abs(tenths % 10)}`;
  }
  const m = /^(\d{1,2})(?:[.,](\d))?$/.exec(value.trim());
  if (!m) return value;
  return `${Number(m[1])}.${m[2] ?? '0'}`;
}

/** "8.5" → "8,5" as printed; other values unchanged. */
export function printedDecimal(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return /^\d{1,2}\.\d$/.test(value) ? value.replace('.', ',') : value;
}
