/**
 * A ZIP's entries as its central directory lists them (ZIP64 included), read in time linear in the
 * number of entries without inflating anything: what xlsx-guard.ts checks before a workbook is
 * loaded. The end record is found the way JSZip (under exceljs) finds it, the last one in the file.
 */

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Bit 0: encrypted. */
  flags: number;
  compressedSize: number;
  /** The uncompressed size the directory states (not to be trusted alone). */
  size: number;
  localOffset: number;
}

/** Not a ZIP, or one whose records point outside the file. */
export class ZipFormatError extends Error {}

const END = 0x06054b50;
const END64 = 0x06064b50;
const END64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX16 = 0xffff;
const MAX32 = 0xffffffff;

function view(buffer: Uint8Array): DataView {
  return new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

function u64(v: DataView, at: number): number {
  const n = v.getBigUint64(at, true);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipFormatError('ZIP64 value out of range');
  return Number(n);
}

function need(buffer: Uint8Array, at: number, length: number): void {
  if (at < 0 || at + length > buffer.length) throw new ZipFormatError('record outside the file');
}

export interface ZipEnd {
  /** Entries the directory holds, as its end record states. */
  count: number;
  offset: number;
  size: number;
}

/** The end of central directory record (and its ZIP64 twin when a field overflows). */
export function findZipEnd(buffer: Uint8Array): ZipEnd {
  const v = view(buffer);
  let at = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - MAX16); i--) {
    if (v.getUint32(i, true) === END) {
      at = i;
      break;
    }
  }
  if (at < 0) throw new ZipFormatError('no end of central directory');
  let count = v.getUint16(at + 10, true);
  let size = v.getUint32(at + 12, true);
  let offset = v.getUint32(at + 16, true);
  if (count === MAX16 || size === MAX32 || offset === MAX32) {
    need(buffer, at - 20, 20);
    if (v.getUint32(at - 20, true) !== END64_LOCATOR) throw new ZipFormatError('no ZIP64 locator');
    const end64 = u64(v, at - 20 + 8);
    need(buffer, end64, 56);
    if (v.getUint32(end64, true) !== END64) throw new ZipFormatError('no ZIP64 end record');
    count = u64(v, end64 + 32);
    size = u64(v, end64 + 40);
    offset = u64(v, end64 + 48);
  }
  need(buffer, offset, size);
  return { count, offset, size };
}

const decoder = new TextDecoder();

/** The directory's entries; call after checking `end.count`. */
export function readZipEntries(buffer: Uint8Array, end: ZipEnd): ZipEntry[] {
  const v = view(buffer);
  const entries: ZipEntry[] = [];
  let at = end.offset;
  for (let i = 0; i < end.count; i++) {
    need(buffer, at, 46);
    if (v.getUint32(at, true) !== CENTRAL) throw new ZipFormatError('bad central directory entry');
    const nameLength = v.getUint16(at + 28, true);
    const extraLength = v.getUint16(at + 30, true);
    const commentLength = v.getUint16(at + 32, true);
    need(buffer, at + 46, nameLength + extraLength + commentLength);
    const entry: ZipEntry = {
      name: decoder.decode(buffer.subarray(at + 46, at + 46 + nameLength)),
      method: v.getUint16(at + 10, true),
      flags: v.getUint16(at + 8, true),
      compressedSize: v.getUint32(at + 20, true),
      size: v.getUint32(at + 24, true),
      localOffset: v.getUint32(at + 42, true),
    };
    // ZIP64 extra field: the 64-bit values of the fields set to 0xFFFFFFFF, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = v.getUint16(x, true);
      const length = v.getUint16(x + 2, true);
      if (id === 0x0001) {
        let y = x + 4;
        for (const field of ['size', 'compressedSize', 'localOffset'] as const) {
          if (entry[field] !== MAX32) continue;
          if (y + 8 > x + 4 + length) throw new ZipFormatError('short ZIP64 extra field');
          entry[field] = u64(v, y);
          y += 8;
        }
      }
      x += 4 + length;
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's stored bytes (compressed or not), found through its local header. */
export function entryBytes(buffer: Uint8Array, entry: ZipEntry): Uint8Array {
  const v = view(buffer);
  need(buffer, entry.localOffset, 30);
  if (v.getUint32(entry.localOffset, true) !== LOCAL) throw new ZipFormatError('bad local header');
  const start = entry.localOffset + 30 + v.getUint16(entry.localOffset + 26, true) + v.getUint16(entry.localOffset + 28, true);
  need(buffer, start, entry.compressedSize);
  return buffer.subarray(start, start + entry.compressedSize);
}
