/**
 * The canonical JSON bytes of a transcript: object keys sorted by UTF-16 code units, no
 * whitespace, strings escaped as JSON.stringify does (", \ and control characters; other
 * characters, Vietnamese included, stay as UTF-8), integers only — a fractional number is a
 * bug (scores are decimal strings), so it throws. `undefined` members are left out.
 */

export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`canonical JSON: ${value} is not an integer (scores are decimal strings)`);
    return String(value);
  }
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`canonical JSON: cannot encode a ${typeof value}`);
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
