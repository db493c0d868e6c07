/**
 * Hostile .xlsx files for the import tests and bench (issue 14): a real one-sheet workbook from
 * exceljs whose sheet is swapped for a hostile one, zipped by hand. A sheet of hundreds of MB
 * costs a few KB and milliseconds here: one 64 KB deflate block, flushed to a byte boundary, is
 * repeated (its CRC is left 0: neither JSZip nor the guard checks it). By hand, a ZIP can also lie
 * about sizes.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { strToU8, unzipSync } from 'fflate';

export interface ZipPart {
  name: string;
  /** Stored (0) or deflated (8) bytes as they go in the ZIP. */
  data: Uint8Array;
  method: 0 | 8;
  /** The real uncompressed size. */
  size: number;
  /** The uncompressed size the ZIP states (default: the real one). */
  declaredSize?: number;
  crc?: number;
}

const SHEET = 'xl/worksheets/sheet1.xml';
const OPEN = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const CLOSE = '</sheetData></worksheet>';

const sync = (bytes: Uint8Array) => deflateRawSync(bytes, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });

export function deflated(name: string, bytes: Uint8Array): ZipPart {
  return { name, data: deflateRawSync(bytes), method: 8, size: bytes.length, crc: crc32(bytes) };
}

export function stored(name: string, text: string): ZipPart {
  const bytes = Buffer.from(text, 'utf8');
  return { name, data: bytes, method: 0, size: bytes.length, crc: crc32(bytes) };
}

/** `head`, then `unit` repeated `times`, then `tail`, deflated: the output stays a few KB per GB. */
export function repeated(name: string, head: string, unit: string, times: number, tail: string): ZipPart {
  const perChunk = Math.max(1, Math.floor(65_536 / unit.length));
  const chunk = sync(strToU8(unit.repeat(perChunk)));
  const rest = times % perChunk;
  const blocks = [sync(strToU8(head)), ...Array.from({ length: Math.floor(times / perChunk) }, () => chunk), sync(strToU8(unit.repeat(rest))), deflateRawSync(strToU8(tail))];
  const size = strToU8(head).length + strToU8(unit).length * times + strToU8(tail).length;
  return { name, data: Buffer.concat(blocks), method: 8, size };
}

/**
 * A ZIP of the parts, as written: local headers, data, central directory, end record. With
 * `zip64`, as some .NET writers do: the directory's sizes and offsets in ZIP64 extra fields and a
 * ZIP64 end record.
 */
export function zipParts(parts: ZipPart[], options: { zip64?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const declared = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(p.method, 8);
    local.writeUInt32LE(p.crc ?? 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(45, 4);
    header.writeUInt16LE(options.zip64 ? 45 : 20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(p.method, 10);
    header.writeUInt32LE(p.crc ?? 0, 16);
    header.writeUInt16LE(name.length, 28);
    let extra = Buffer.alloc(0);
    if (options.zip64) {
      header.writeUInt32LE(0xffffffff, 20);
      header.writeUInt32LE(0xffffffff, 24);
      header.writeUInt32LE(0xffffffff, 42);
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(declared), 4);
      extra.writeBigUInt64LE(BigInt(p.data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      header.writeUInt16LE(extra.length, 30);
    } else {
      header.writeUInt32LE(p.data.length, 20);
      header.writeUInt32LE(declared, 24);
      header.writeUInt32LE(offset, 42);
    }
    locals.push(local, name, Buffer.from(p.data));
    central.push(header, name, extra);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  if (!options.zip64) {
    end.writeUInt16LE(parts.length, 8);
    end.writeUInt16LE(parts.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
  }
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(0xffffffff, 12);
  end.writeUInt32LE(0xffffffff, 16);
  const end64 = Buffer.alloc(56);
  end64.writeUInt32LE(0x06064b50, 0);
  end64.writeBigUInt64LE(44n, 4);
  end64.writeUInt16LE(45, 12);
  end64.writeUInt16LE(45, 14);
  end64.writeBigUInt64LE(BigInt(parts.length), 24);
  end64.writeBigUInt64LE(BigInt(parts.length), 32);
  end64.writeBigUInt64LE(BigInt(directory.length), 40);
  end64.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, directory, end64, locator, end]);
}

/** A workbook written by exceljs, zipped again by hand (ZIP64 or not). */
export function rezipped(workbook: Uint8Array, options: { zip64?: boolean } = {}): Buffer {
  return zipParts(Object.entries(unzipSync(workbook)).map(([name, bytes]) => deflated(name, bytes)), options);
}

let base: Record<string, Uint8Array> | null = null;

/** The parts of a real one-sheet workbook (exceljs), the sheet included. */
export async function workbookParts(): Promise<Record<string, Uint8Array>> {
  if (!base) {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Trang 1').getCell('A1').value = 'Họ và tên';
    base = unzipSync(new Uint8Array(await wb.xlsx.writeBuffer()));
  }
  return base;
}

/** The real workbook with its sheet replaced (and any extra parts added). */
export async function withSheet(sheet: ZipPart, extra: ZipPart[] = []): Promise<Buffer> {
  const parts = Object.entries(await workbookParts())
    .filter(([name]) => name !== SHEET)
    .map(([name, bytes]) => deflated(name, bytes));
  return zipParts([...parts, { ...sheet, name: SHEET }, ...extra]);
}

/** A sheet of `mb` MB of one-cell rows: the finding's 1.9 MB file that unpacks to ~500 MB. */
export function hugeSheet(mb: number): Promise<Buffer> {
  const unit = '<row><c t="inlineStr"><is><t>bom</t></is></c></row>';
  return withSheet(repeated(SHEET, OPEN, unit, Math.ceil((mb * 1024 * 1024) / unit.length), CLOSE));
}

/** The same sheet, but the ZIP says it unpacks to a few KB. */
export async function lyingSheet(mb: number): Promise<Buffer> {
  const unit = '<row><c t="inlineStr"><is><t>bom</t></is></c></row>';
  return withSheet({ ...repeated(SHEET, OPEN, unit, Math.ceil((mb * 1024 * 1024) / unit.length), CLOSE), declaredSize: 4096 });
}

/** `rows` × `cols` empty styled cells, as a sheet formatted far beyond its data has. */
export function emptyCells(rows: number, cols: number): Promise<Buffer> {
  const letters = Array.from({ length: cols }, (_, i) => (i < 26 ? '' : String.fromCharCode(64 + Math.floor(i / 26))) + String.fromCharCode(65 + (i % 26)));
  const parts: string[] = [OPEN];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}">${letters.map((l) => `<c r="${l}${r}" s="0"/>`).join('')}</row>`);
  parts.push(CLOSE);
  return withSheet(deflated(SHEET, strToU8(parts.join(''))));
}

/** `count` tiny extra parts. */
export async function manyEntries(count: number): Promise<Buffer> {
  const extra = Array.from({ length: count }, (_, i) => deflated(`customXml/item${i}.xml`, strToU8('<a/>')));
  const sheet = (await workbookParts())[SHEET];
  return withSheet(deflated(SHEET, sheet), extra);
}

/** A few hundred bytes of sheet XML that exceljs would turn into billions of objects. */
export function tinySheet(inner: string): Promise<Buffer> {
  return withSheet(deflated(SHEET, strToU8(`${OPEN}<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row></sheetData>${inner}</worksheet>`)));
}

export const mergeBomb = () => tinySheet('<mergeCells count="1"><mergeCell ref="A2:XFD1048576"/></mergeCells>');
export const validationBomb = () =>
  tinySheet('<dataValidations count="1"><dataValidation type="list" sqref="A2:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>');
export const columnBomb = () => withSheet(deflated(SHEET, strToU8(`${OPEN.replace('<sheetData>', '<cols><col min="1" max="200000000" width="9"/></cols><sheetData>')}${CLOSE}`)));
