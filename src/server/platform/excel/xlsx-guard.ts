/**
 * The limits an uploaded .xlsx must keep before anything loads it (issue 14: a 1.9 MB file that
 * unpacks to 500 MB ran the server out of memory; a few hundred bytes of `<mergeCell>` or
 * `<col max>` hang or crash exceljs). Checked on the ZIP itself:
 * - `checkXlsxDirectory`: the central directory only (entries, stated sizes, compression ratio),
 *   in time linear in the number of entries — before a worker is even asked for;
 * - `checkXlsxContents`: every entry inflated by zlib with its output capped at the stated size
 *   (a ZIP that understates a size is stopped at the byte that exceeds it, so a part never takes
 *   more than `entryBytes`), and its XML tallied (xml-tally.ts): rows, cells, merged areas,
 *   validation areas, shared strings.
 * Only what exceljs reads as plain bytes (xl/media/) is not tallied. Each returns null or the
 * Vietnamese message for the user, naming the limit.
 */
import { inflateRawSync } from 'node:zlib';
import { type ZipEntry, ZipFormatError, entryBytes, findZipEnd, readZipEntries } from './zip-directory.ts';
import { XmlTally } from './xml-tally.ts';

/**
 * Generous for a real school: a class score sheet (50 pupils × 40 columns) is ~2,000 cells and a
 * few hundred KB unpacked; a whole school's student list (3,000 rows × 30–70 columns, CSDL ngành
 * or vnEdu export with its styles) is 100,000–200,000 cells and 10–30 MB unpacked, compressed
 * 5–20×. exceljs keeps ~700 bytes per cell, so `cells` bounds the worker's heap (~300 MB).
 */
export const XLSX_LIMITS = {
  /** Parts inside the ZIP (a workbook has 10–30; one with 50 sheets and pictures a few hundred). */
  entries: 1_000,
  /** One part unpacked. */
  entryBytes: 50 * 1024 * 1024,
  /** All parts unpacked. */
  totalBytes: 100 * 1024 * 1024,
  /** Unpacked ÷ packed, for a part of more than `ratioFromBytes` (XML packs 5–20×, a bomb 200–1,000×). */
  ratio: 100,
  ratioFromBytes: 1024 * 1024,
  /** `<row>` elements in all sheets (formatted empty rows included). */
  rows: 50_000,
  /** `<c>` elements plus the area of every merged range. */
  cells: 400_000,
  /** `<mergeCell>` ranges: exceljs compares each with all the others (5,000 take ~5 s). */
  merges: 5_000,
  /** Cells covered by data validations, which exceljs lists one by one (two whole columns fit). */
  validatedCells: 2_200_000,
  /** `<si>` entries of the shared string table. */
  sharedStrings: 400_000,
};
export type XlsxLimits = typeof XLSX_LIMITS;

export const BROKEN_XLSX = 'Tệp Excel bị hỏng hoặc không phải là tệp .xlsx hợp lệ: hãy mở bằng Excel, lưu lại dạng .xlsx rồi tải lên lại.';
const TRIM = 'hãy xóa các trang tính, dòng và cột thừa (kể cả ô trống đã định dạng) rồi lưu lại.';

const number = (n: number) => n.toLocaleString('vi-VN');
const megabytes = (bytes: number) => (bytes / 1024 / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
/** Media are kept as bytes by exceljs, never parsed (its own test: /xl\/media\//). */
const isMedia = (name: string) => /xl\/media\//.test(name);

/** The directory's entries, or the message refusing the file. */
function directory(buffer: Uint8Array, limits: XlsxLimits): ZipEntry[] | string {
  let entries: ZipEntry[];
  try {
    const end = findZipEnd(buffer);
    if (end.count > limits.entries) return `Tệp Excel chứa ${number(end.count)} phần bên trong (tối đa ${number(limits.entries)}): đây không phải là một bảng tính thông thường.`;
    entries = readZipEntries(buffer, end);
  } catch (e) {
    if (e instanceof ZipFormatError) return BROKEN_XLSX;
    throw e;
  }
  let total = 0;
  for (const e of entries) {
    if (e.flags & 1 || (e.method !== 0 && e.method !== 8) || (e.method === 0 && e.size !== e.compressedSize)) return BROKEN_XLSX;
    if (e.size > limits.entryBytes) {
      return `Tệp Excel quá lớn khi giải nén: phần "${e.name}" có ${megabytes(e.size)} MB (tối đa ${megabytes(limits.entryBytes)} MB).`;
    }
    total += e.size;
    if (total > limits.totalBytes) return `Tệp Excel quá lớn khi giải nén (hơn ${megabytes(total)} MB, tối đa ${megabytes(limits.totalBytes)} MB).`;
    const ratio = e.size / Math.max(1, e.compressedSize);
    if (e.size > limits.ratioFromBytes && ratio > limits.ratio) {
      return `Tệp Excel nén bất thường: phần "${e.name}" giải nén ra gấp ${number(Math.round(ratio))} lần (tối đa ${number(limits.ratio)} lần).`;
    }
  }
  return entries;
}

/** The cheap check: the central directory only. */
export function checkXlsxDirectory(buffer: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): string | null {
  const result = directory(buffer, limits);
  return typeof result === 'string' ? result : null;
}

/** XML tallied between two looks at the limits. */
const STEP = 1024 * 1024;

const lyingSize = (entry: ZipEntry, how: string) =>
  `Tệp Excel không hợp lệ: phần "${entry.name}" giải nén ra ${how} kích thước ghi trong tệp (${number(entry.size)} byte).`;

/** What is wrong with the tally, if anything. */
function overLimit(t: XmlTally, limits: XlsxLimits): string | null {
  if (t.outOfGrid !== null) return `Tệp Excel có tham chiếu ô ngoài giới hạn của Excel (${t.outOfGrid.slice(0, 40)}): tệp bị hỏng hoặc không do Excel tạo ra.`;
  if (t.rows > limits.rows) return `Tệp Excel có hơn ${number(limits.rows)} dòng: ${TRIM}`;
  if (t.cells > limits.cells) return `Tệp Excel có hơn ${number(limits.cells)} ô (kể cả ô gộp): ${TRIM}`;
  if (t.merges > limits.merges) return `Tệp Excel có hơn ${number(limits.merges)} vùng gộp ô: hãy bỏ gộp các ô không cần thiết rồi lưu lại.`;
  if (t.validatedCells > limits.validatedCells) {
    return `Tệp Excel có vùng kiểm tra dữ liệu (Data Validation) phủ hơn ${number(limits.validatedCells)} ô: hãy thu hẹp vùng đó về các dòng có dữ liệu rồi lưu lại.`;
  }
  if (t.sharedStrings > limits.sharedStrings) return `Tệp Excel có hơn ${number(limits.sharedStrings)} chuỗi văn bản: ${TRIM}`;
  return null;
}

/** The full check: the directory, then every part unpacked with a running cap and its XML tallied. */
export function checkXlsxContents(buffer: Uint8Array, limits: XlsxLimits = XLSX_LIMITS): string | null {
  const entries = directory(buffer, limits);
  if (typeof entries === 'string') return entries;
  const tally = new XmlTally();
  for (const entry of entries) {
    let bytes: Uint8Array;
    try {
      bytes = entryBytes(buffer, entry);
    } catch (e) {
      if (e instanceof ZipFormatError) return BROKEN_XLSX;
      throw e;
    }
    if (entry.method === 8) {
      try {
        // zlib stops at the cap: a part that unpacks to more than it states is caught there.
        bytes = inflateRawSync(bytes, { maxOutputLength: Math.max(1, entry.size) });
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') return lyingSize(entry, 'nhiều hơn');
        return BROKEN_XLSX;
      }
      if (bytes.length !== entry.size) return lyingSize(entry, 'khác với');
    }
    if (isMedia(entry.name)) continue;
    tally.startPart();
    for (let at = 0; at < bytes.length; at += STEP) {
      tally.feed(bytes.subarray(at, at + STEP));
      const problem = overLimit(tally, limits);
      if (problem) return problem;
    }
    const problem = overLimit(tally, limits);
    if (problem) return problem;
  }
  return null;
}
