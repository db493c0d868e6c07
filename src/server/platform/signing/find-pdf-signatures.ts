/**
 * Finds the signature dictionaries of a PDF by their /ByteRange, without a full PDF parser: the
 * gap between the two signed ranges must be exactly the hex string of /Contents, which is also
 * what makes the check safe (any other byte outside the ranges would be unsigned).
 * Reads the few text entries readers show: /Name, /Reason, /Location, /ContactInfo, /M, /SubFilter.
 * Its input comes from anyone (the public verification page), so its cost stays linear in the size.
 */

export interface PdfSignatureDictionary {
  byteRange: [number, number, number, number];
  /** The DER of the CMS (the hex string decoded, the zero padding after the DER removed). */
  contents: Buffer;
  subFilter: string | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  /** /M, the signing time claimed by the signing software. */
  signingTime: Date | null;
  /** The field name (/T) of the widget pointing at this signature, when found. */
  fieldName: string | null;
  /** Why the dictionary is unusable (then contents is empty). */
  problem: string | null;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Decodes the body of a PDF literal string (between the parentheses) to bytes. */
function literalBytes(body: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '\\') {
      out.push(ch.charCodeAt(0) & 0xff);
      continue;
    }
    const next = body[++i];
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12, '(': 40, ')': 41, '\\': 92 };
    if (next in simple) out.push(simple[next]);
    else if (/[0-7]/.test(next)) {
      let octal = next;
      while (octal.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) octal += body[++i];
      out.push(Number.parseInt(octal, 8) & 0xff);
    } else if (next === '\r') {
      if (body[i + 1] === '\n') i++;
    } else if (next !== '\n') out.push(next.charCodeAt(0) & 0xff);
  }
  return Buffer.from(out);
}

/** A PDF text string: UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0) or PDFDocEncoding (~Latin-1). */
export function decodePdfText(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/** Reads a string entry (literal or hex) from a dictionary's text. */
function stringEntry(dict: string, key: string): string | null {
  const at = dict.search(new RegExp(`/${key}\\s*[(<]`));
  if (at < 0) return null;
  const start = dict.indexOf(dict.slice(at).match(/[(<]/)?.[0] ?? '(', at);
  if (dict[start] === '<') {
    const end = dict.indexOf('>', start);
    return decodePdfText(Buffer.from(dict.slice(start + 1, end).replace(/\s/g, ''), 'hex'));
  }
  let depth = 0;
  for (let i = start; i < dict.length; i++) {
    if (dict[i] === '\\') i++;
    else if (dict[i] === '(') depth++;
    else if (dict[i] === ')' && --depth === 0) return decodePdfText(literalBytes(dict.slice(start + 1, i)));
  }
  return null;
}

/** D:YYYYMMDDHHmmSSOHH'mm' → Date. */
export function parsePdfDate(text: string | null): Date | null {
  const m = text?.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?/);
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const offset = (sign === '+' ? 1 : sign === '-' ? -1 : 0) * (+oh * 60 + +om) * 60_000;
  return new Date(utc - offset);
}

/** Cuts the zero padding after a DER element, using the length in its header. */
function trimDer(bytes: Buffer): Buffer {
  if (bytes.length < 2) return bytes;
  const first = bytes[1];
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const count = first & 0x7f;
  if (count === 0 || count > 4) return bytes; // indefinite length (BER): leave as is
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i];
  return bytes.subarray(0, Math.min(bytes.length, 2 + count + length));
}


/** Far more signatures than any real document carries; a file with more is refused, not scanned. */
export const MAX_PDF_SIGNATURES = 32;

/** Thrown for a file with more than MAX_PDF_SIGNATURES signature dictionaries. */
export class TooManySignaturesError extends Error {
  constructor() {
    super(`Tệp có hơn ${MAX_PDF_SIGNATURES} chữ ký số: hệ thống không kiểm tra tệp như vậy.`);
    this.name = 'TooManySignaturesError';
  }
}

/** Counts the characters the scanner reads (up to a constant factor), for the tests of its cost. */
export interface ScanWork {
  chars: number;
}

/** The " obj" of "N G obj" and "endobj": the boundaries that cut the file into objects. */
const BOUNDARY = / obj|endobj/g;
const FIELD_VALUE = /\/V\s+(\d+)\s+0\s+R\b/g;

const isHexDigit = (code: number) => (code >= 48 && code <= 57) || (code >= 65 && code <= 70) || (code >= 97 && code <= 102);

interface PdfObject {
  /** From " obj" (or the previous "endobj") to the next boundary. */
  text: string;
  /** N of "N G obj", when the stretch opens an object. */
  number: string | null;
  entries?: Pick<PdfSignatureDictionary, 'subFilter' | 'name' | 'reason' | 'location' | 'contactInfo' | 'signingTime'>;
  /** /T, once read (null: none). */
  title?: string | null;
}

/**
 * The objects of a file, each read at most once: the object around an offset is the stretch between
 * the boundaries before and after it, so the stretches never overlap and reading them all is linear.
 */
class PdfObjects {
  private readonly boundaries: number[] = [];
  private readonly read = new Map<number, PdfObject>();

  constructor(
    private readonly text: string,
    private readonly work: ScanWork,
  ) {
    for (const match of text.matchAll(BOUNDARY)) this.boundaries.push(match.index ?? 0);
    work.chars += text.length;
  }

  around(at: number): PdfObject {
    // The last boundary before `at` (binary search; -1 when none).
    let low = 0;
    let high = this.boundaries.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.boundaries[mid] < at) low = mid + 1;
      else high = mid;
    }
    const index = low - 1;
    const cached = this.read.get(index);
    if (cached) return cached;
    const boundary = index >= 0 ? this.boundaries[index] : 0;
    const opens = index >= 0 && this.text.startsWith(' obj', boundary);
    const end = index + 1 < this.boundaries.length ? this.boundaries[index + 1] : this.text.length;
    const text = this.text.slice(opens || index < 0 ? boundary : boundary + 'endobj'.length, end);
    const number = opens ? (this.text.slice(Math.max(0, boundary - 64), boundary).match(/(\d+)\s+(\d+)$/)?.[1] ?? null) : null;
    this.work.chars += text.length + 64;
    const object: PdfObject = { text, number };
    this.read.set(index, object);
    return object;
  }
}

function signatureEntries(object: PdfObject): NonNullable<PdfObject['entries']> {
  // Blank out the huge hex string before reading the text entries.
  const dict = object.text.replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, '/Contents <>');
  return {
    subFilter: dict.match(/\/SubFilter\s*\/([^\s/<>[\]()]+)/)?.[1] ?? null,
    name: stringEntry(dict, 'Name'),
    reason: stringEntry(dict, 'Reason'),
    location: stringEntry(dict, 'Location'),
    contactInfo: stringEntry(dict, 'ContactInfo'),
    signingTime: parsePdfDate(stringEntry(dict, 'M')),
  };
}

/**
 * Every signature dictionary, in file order (= signing order for incremental updates). Linear in the
 * file's size: three passes over the text, each object and each hex string read at most once;
 * more than MAX_PDF_SIGNATURES distinct byte ranges throw TooManySignaturesError.
 */
export function findPdfSignatures(pdf: Buffer, work: ScanWork = { chars: 0 }): PdfSignatureDictionary[] {
  const text = pdf.toString('latin1');
  work.chars += text.length;
  const objects = new PdfObjects(text, work);
  /** Where the hex digits after a "<" stop, by the "<"'s offset (scans from two "<" never overlap). */
  const hexEnds = new Map<number, number>();
  const hexEnd = (at: number): number => {
    let end = hexEnds.get(at);
    if (end === undefined) {
      end = at + 1;
      while (end < text.length && isHexDigit(text.charCodeAt(end))) end++;
      work.chars += end - at;
      hexEnds.set(at, end);
    }
    return end;
  };
  const decoded = new Map<number, Buffer>();
  const seen = new Set<string>();
  const found: { entry: PdfSignatureDictionary; object: PdfObject }[] = [];
  work.chars += text.length;
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const key = byteRange.join(' ');
    if (seen.has(key)) continue;
    if (seen.size === MAX_PDF_SIGNATURES) throw new TooManySignaturesError();
    seen.add(key);
    const object = objects.around(match.index ?? 0);
    object.entries ??= signatureEntries(object);
    const entry: PdfSignatureDictionary = { byteRange, contents: Buffer.alloc(0), ...object.entries, fieldName: null, problem: null };
    const [a, b, c, d] = byteRange;
    const gapStart = a + b;
    // The gap must be exactly one hex string: "<", hex digits, ">".
    const valid = a === 0 && c > gapStart && c + d <= pdf.length && text[gapStart] === '<' && text[c - 1] === '>' && hexEnd(gapStart) === c - 1;
    if (!valid) {
      entry.problem = 'Vùng ký (ByteRange) không hợp lệ: phần không được ký không chỉ là chữ ký.';
    } else {
      let contents = decoded.get(gapStart);
      if (!contents) {
        contents = trimDer(Buffer.from(text.slice(gapStart + 1, c - 1), 'hex'));
        work.chars += c - gapStart;
        decoded.set(gapStart, contents);
      }
      entry.contents = contents;
    }
    found.push({ entry, object });
  }
  const numbers = new Set(found.map((f) => f.object.number).filter((n) => n !== null));
  if (numbers.size > 0) {
    // The /T of the field whose /V points at the signature's object (the last one found wins).
    const titles = new Map<string, string>();
    work.chars += text.length;
    for (const match of text.matchAll(FIELD_VALUE)) {
      if (!numbers.has(match[1])) continue;
      const field = objects.around(match.index ?? 0);
      if (field.title === undefined) field.title = stringEntry(field.text, 'T');
      if (field.title !== null) titles.set(match[1], field.title);
    }
    for (const { entry, object } of found) entry.fieldName = object.number ? (titles.get(object.number) ?? null) : null;
  }
  return found.map((f) => f.entry);
}
