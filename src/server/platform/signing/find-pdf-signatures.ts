/**
 * Finds the signature dictionaries of a PDF by their /ByteRange, without a full PDF parser: the
 * gap between the two signed ranges must be exactly the hex string of /Contents, which is also
 * what makes the check safe (any other byte outside the ranges would be unsigned).
 * Reads the few text entries readers show: /Name, /Reason, /Location, /ContactInfo, /M, /SubFilter.
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

/** The object (from "N G obj" to "endobj") around an offset, as Latin-1 text. */
function enclosingObject(pdf: Buffer, at: number): { text: string; number: string | null } {
  // Far enough back for a /Contents written before /ByteRange (hex digits never contain " obj").
  const from = Math.max(0, at - 262_144);
  const head = pdf.subarray(from, at).toString('latin1');
  const objAt = head.lastIndexOf(' obj');
  const endAt = pdf.indexOf('endobj', at);
  const start = objAt >= 0 ? from + objAt : at;
  const text = pdf.subarray(start, endAt > 0 ? endAt : pdf.length).toString('latin1');
  const number = objAt >= 0 ? (head.slice(0, objAt).match(/(\d+)\s+(\d+)$/)?.[1] ?? null) : null;
  return { text, number };
}

/** The /T of a field whose /V points at object `number`. */
function fieldNameFor(pdfText: string, number: string | null): string | null {
  if (!number) return null;
  const ref = new RegExp(`/V\\s+${number}\\s+0\\s+R\\b`, 'g');
  let match: RegExpExecArray | null;
  let found: string | null = null;
  while ((match = ref.exec(pdfText))) {
    const start = pdfText.lastIndexOf(' obj', match.index);
    const end = pdfText.indexOf('endobj', match.index);
    found = stringEntry(pdfText.slice(start, end), 'T') ?? found;
  }
  return found;
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

/** Every signature dictionary, in file order (= signing order for incremental updates). */
export function findPdfSignatures(pdf: Buffer): PdfSignatureDictionary[] {
  const text = pdf.toString('latin1');
  const seen = new Set<string>();
  const found: PdfSignatureDictionary[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
    const key = byteRange.join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    const { text: dictText, number } = enclosingObject(pdf, match.index ?? 0);
    const [a, b, c, d] = byteRange;
    // Blank out the huge hex string before reading the text entries.
    const dict = dictText.replace(/\/Contents\s*<[0-9A-Fa-f\s]*>/, '/Contents <>');
    const entry: PdfSignatureDictionary = {
      byteRange,
      contents: Buffer.alloc(0),
      subFilter: dict.match(/\/SubFilter\s*\/([^\s/<>[\]()]+)/)?.[1] ?? null,
      name: stringEntry(dict, 'Name'),
      reason: stringEntry(dict, 'Reason'),
      location: stringEntry(dict, 'Location'),
      contactInfo: stringEntry(dict, 'ContactInfo'),
      signingTime: parsePdfDate(stringEntry(dict, 'M')),
      fieldName: fieldNameFor(text, number),
      problem: null,
    };
    const gapStart = a + b;
    const gap = text.slice(gapStart, c);
    if (a !== 0 || c <= gapStart || c + d > pdf.length || !/^<[0-9A-Fa-f]*>$/.test(gap)) {
      entry.problem = 'Vùng kí (ByteRange) không hợp lệ: phần không được kí không chỉ là chữ kí.';
    } else {
      entry.contents = trimDer(Buffer.from(gap.slice(1, -1), 'hex'));
    }
    found.push(entry);
  }
  return found;
}
