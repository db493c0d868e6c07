/**
 * A small TrueType (glyf outlines) reader and subsetter for our own PDF writer.
 *
 * Parse once per process; every lookup afterwards is a typed-array read. `subset` keeps glyph
 * ids as they are (the PDF maps CIDs to glyphs with /CIDToGIDMap /Identity): glyphs not asked
 * for — and not components of a composite that was — become empty entries in `loca`, so the
 * file shrinks to the outlines used while `hmtx` and `maxp` stay the original ones. Only the
 * tables a CIDFontType2 FontFile2 needs are written (no cmap/name/OS/2).
 */

const enum Composite {
  ArgsAreWords = 0x0001,
  HaveScale = 0x0008,
  MoreComponents = 0x0020,
  HaveXYScale = 0x0040,
  HaveTwoByTwo = 0x0080,
}

interface TableRef {
  offset: number;
  length: number;
}

/** Tables copied byte for byte into every subset (when present), with their checksums. */
const COPIED_TABLES = ['cvt ', 'fpgm', 'hhea', 'hmtx', 'maxp', 'prep'] as const;

interface OutputTable {
  tag: string;
  length: number;
  /** Bytes copied as they are (else written by `subset`). */
  bytes?: Uint8Array;
  /** Known checksum of `bytes` (else summed from the output). */
  checksum?: number;
}

export class TrueTypeFont {
  readonly unitsPerEm: number;
  readonly ascent: number;
  readonly descent: number;
  readonly lineGap: number;
  readonly capHeight: number;
  readonly xHeight: number;
  readonly bbox: [number, number, number, number];
  readonly italicAngle: number;
  readonly isFixedPitch: boolean;
  readonly postscriptName: string;
  readonly numGlyphs: number;

  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly glyfOffset: number;
  /** Start of each glyph relative to glyf, numGlyphs + 1 entries. */
  private readonly loca: Uint32Array;
  private readonly advances: Uint16Array;
  private readonly bmp: Uint16Array;
  private readonly astral: Map<number, number>;
  private readonly head: Uint8Array;
  private readonly post: Uint8Array;
  private readonly copied: OutputTable[];

  static parse(bytes: Uint8Array): TrueTypeFont {
    return new TrueTypeFont(bytes);
  }

  private constructor(bytes: Uint8Array) {
    if (bytes.length < 12) throw new Error('TrueType: file too short');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = view.getUint32(0);
    if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */) {
      throw new Error(`TrueType: not a TrueType (glyf) font (sfnt version 0x${version.toString(16)})`);
    }
    const tables = new Map<string, TableRef>();
    const numTables = view.getUint16(4);
    if (12 + numTables * 16 > bytes.length) throw new Error('TrueType: truncated table directory');
    for (let i = 0; i < numTables; i++) {
      const at = 12 + i * 16;
      const tag = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]);
      const offset = view.getUint32(at + 8);
      const length = view.getUint32(at + 12);
      if (offset + length > bytes.length) throw new Error(`TrueType: table '${tag}' lies outside the file`);
      tables.set(tag, { offset, length });
    }
    const need = (tag: string): TableRef => {
      const table = tables.get(tag);
      if (!table) throw new Error(`TrueType: not a TrueType (glyf) font (no '${tag}' table)`);
      return table;
    };
    const head = need('head');
    const hhea = need('hhea');
    const maxp = need('maxp');
    const hmtx = need('hmtx');
    const loca = need('loca');
    const glyf = need('glyf');
    const cmap = need('cmap');

    this.bytes = bytes;
    this.view = view;
    this.glyfOffset = glyf.offset;
    this.unitsPerEm = view.getUint16(head.offset + 18);
    this.bbox = [
      view.getInt16(head.offset + 36),
      view.getInt16(head.offset + 38),
      view.getInt16(head.offset + 40),
      view.getInt16(head.offset + 42),
    ];
    const longLoca = view.getInt16(head.offset + 50) === 1;
    this.ascent = view.getInt16(hhea.offset + 4);
    this.descent = view.getInt16(hhea.offset + 6);
    this.lineGap = view.getInt16(hhea.offset + 8);
    const numberOfHMetrics = view.getUint16(hhea.offset + 34);
    const numGlyphs = view.getUint16(maxp.offset + 4);
    this.numGlyphs = numGlyphs;

    const os2 = tables.get('OS/2');
    const os2Version = os2 && os2.length >= 90 ? view.getUint16(os2.offset) : 0;
    this.xHeight = os2 && os2Version >= 2 ? view.getInt16(os2.offset + 86) : 0.5 * this.unitsPerEm;
    this.capHeight = os2 && os2Version >= 2 ? view.getInt16(os2.offset + 88) : this.ascent;

    const post = tables.get('post');
    this.italicAngle = post && post.length >= 32 ? view.getInt32(post.offset + 4) / 65536 : 0;
    this.isFixedPitch = post && post.length >= 32 ? view.getUint32(post.offset + 12) !== 0 : false;
    this.post = postFormat3(bytes, post);
    this.postscriptName = readPostscriptName(bytes, view, tables.get('name'));

    // loca: glyph starts, checked against glyf so that a subset never reads outside it.
    this.loca = new Uint32Array(numGlyphs + 1);
    if (loca.length < (numGlyphs + 1) * (longLoca ? 4 : 2)) throw new Error('TrueType: loca too short');
    for (let i = 0; i <= numGlyphs; i++) {
      const start = longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2;
      this.loca[i] = Math.min(start, glyf.length);
    }

    this.advances = new Uint16Array(numGlyphs);
    if (numberOfHMetrics < 1 || hmtx.length < numberOfHMetrics * 4) throw new Error('TrueType: bad hmtx');
    for (let i = 0; i < numGlyphs; i++) {
      this.advances[i] = view.getUint16(hmtx.offset + Math.min(i, numberOfHMetrics - 1) * 4);
    }

    this.bmp = new Uint16Array(0x10000);
    this.astral = new Map();
    readCmap(view, cmap, numGlyphs, this.bmp, this.astral);

    if (head.length < 54) throw new Error('TrueType: head too short');
    this.head = bytes.slice(head.offset, head.offset + head.length);
    this.copied = [];
    for (const tag of COPIED_TABLES) {
      const table = tables.get(tag);
      if (!table) continue;
      const copy = new Uint8Array(pad4(table.length));
      copy.set(bytes.subarray(table.offset, table.offset + table.length));
      this.copied.push({ tag, length: table.length, bytes: copy.subarray(0, table.length), checksum: checksum(copy, 0, copy.length) });
    }
  }

  /** Glyph for a Unicode code point, 0 (.notdef) when the font has none. */
  glyphId(codePoint: number): number {
    if (codePoint < 0x10000) return this.bmp[codePoint] | 0;
    return this.astral.get(codePoint) ?? 0;
  }

  /** Advance width in font units. */
  advance(glyphId: number): number {
    return this.advances[glyphId] | 0;
  }

  /** A TrueType file with the outlines of these glyphs (and .notdef and composite parts), ids kept. */
  subset(glyphIds: Iterable<number>): Uint8Array {
    const { numGlyphs, loca, bytes, glyfOffset } = this;
    const keep = new Uint8Array(numGlyphs);
    const stack: number[] = [0];
    for (const id of glyphIds) {
      if (!Number.isInteger(id) || id < 0 || id >= numGlyphs) throw new RangeError(`TrueType: no glyph ${id}`);
      stack.push(id);
    }
    let glyfLength = 0;
    while (stack.length > 0) {
      const id = stack.pop() as number;
      if (keep[id]) continue;
      keep[id] = 1;
      const start = loca[id];
      const end = loca[id + 1];
      if (end <= start) continue;
      glyfLength += pad4(end - start);
      if (end - start >= 10 && this.view.getInt16(glyfOffset + start) < 0) {
        this.pushComponents(glyfOffset + start + 10, glyfOffset + end, stack);
      }
    }

    // Layout: directory, then tables in tag order, each 4-byte aligned.
    const tables: OutputTable[] = [
      ...this.copied,
      { tag: 'glyf', length: glyfLength },
      { tag: 'head', length: this.head.length, bytes: this.head },
      { tag: 'loca', length: (numGlyphs + 1) * 4 },
      { tag: 'post', length: this.post.length, bytes: this.post },
    ];
    tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    const directoryLength = 12 + tables.length * 16;
    const offsets: number[] = [];
    let size = directoryLength;
    for (const t of tables) {
      offsets.push(size);
      size += pad4(t.length);
    }
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);

    const at = (tag: string): number => offsets[tables.findIndex((t) => t.tag === tag)];
    // glyf and loca
    const glyfAt = at('glyf');
    const locaAt = at('loca');
    let pos = 0;
    for (let id = 0; id < numGlyphs; id++) {
      view.setUint32(locaAt + id * 4, pos);
      if (!keep[id]) continue;
      const start = loca[id];
      const end = loca[id + 1];
      if (end <= start) continue;
      out.set(bytes.subarray(glyfOffset + start, glyfOffset + end), glyfAt + pos);
      pos += pad4(end - start);
    }
    view.setUint32(locaAt + numGlyphs * 4, pos);
    // head: long loca, checksum adjustment filled in below
    const headAt = at('head');

    // directory
    const log2 = Math.floor(Math.log2(tables.length));
    view.setUint32(0, 0x00010000);
    view.setUint16(4, tables.length);
    view.setUint16(6, 16 << log2);
    view.setUint16(8, log2);
    view.setUint16(10, tables.length * 16 - (16 << log2));
    let total = 0;
    tables.forEach((t, i) => {
      const offset = offsets[i];
      if (t.bytes) out.set(t.bytes, offset);
      if (t.tag === 'head') {
        view.setUint32(offset + 8, 0);
        view.setInt16(offset + 50, 1);
      }
      const sum = t.checksum ?? checksum(out, offset, offset + pad4(t.length));
      const entry = 12 + i * 16;
      for (let k = 0; k < 4; k++) out[entry + k] = t.tag.charCodeAt(k);
      view.setUint32(entry + 4, sum);
      view.setUint32(entry + 8, offset);
      view.setUint32(entry + 12, t.length);
      total = (total + sum) >>> 0;
    });
    total = (total + checksum(out, 0, directoryLength)) >>> 0;
    view.setUint32(headAt + 8, (0xb1b0afba - total) >>> 0);
    return out;
  }

  /** Glyph ids of the components of a composite glyph whose component records start at `p`. */
  private pushComponents(p: number, end: number, stack: number[]): void {
    const { view, numGlyphs } = this;
    for (;;) {
      if (p + 4 > end) return;
      const flags = view.getUint16(p);
      const component = view.getUint16(p + 2);
      if (component < numGlyphs) stack.push(component);
      p += 4 + (flags & Composite.ArgsAreWords ? 4 : 2);
      if (flags & Composite.HaveScale) p += 2;
      else if (flags & Composite.HaveXYScale) p += 4;
      else if (flags & Composite.HaveTwoByTwo) p += 8;
      if (!(flags & Composite.MoreComponents)) return;
    }
  }
}

function pad4(n: number): number {
  return (n + 3) & ~3;
}

/** Sum of big-endian uint32 words of out[start, end) (end - start a multiple of 4). */
function checksum(out: Uint8Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i += 4) {
    sum = (sum + ((out[i] << 24) | (out[i + 1] << 16) | (out[i + 2] << 8) | out[i + 3])) >>> 0;
  }
  return sum;
}

/** post format 3 (no glyph names): the original 32-byte header with its version changed. */
function postFormat3(bytes: Uint8Array, post: TableRef | undefined): Uint8Array {
  const out = new Uint8Array(32);
  if (post && post.length >= 32) out.set(bytes.subarray(post.offset, post.offset + 32));
  new DataView(out.buffer).setUint32(0, 0x00030000);
  return out;
}

function readPostscriptName(bytes: Uint8Array, view: DataView, name: TableRef | undefined): string {
  if (!name || name.length < 6) return 'Font';
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  let mac: string | undefined;
  for (let i = 0; i < count; i++) {
    const r = name.offset + 6 + i * 12;
    if (r + 12 > name.offset + name.length) break;
    const platform = view.getUint16(r);
    if (view.getUint16(r + 6) !== 6) continue;
    const length = view.getUint16(r + 8);
    const start = strings + view.getUint16(r + 10);
    if (start + length > bytes.length) continue;
    if (platform === 3) {
      let text = '';
      for (let k = 0; k + 1 < length; k += 2) text += String.fromCharCode(view.getUint16(start + k));
      const clean = text.replace(/[^A-Za-z0-9-]/g, '');
      if (clean) return clean;
    } else if (platform === 1 && mac === undefined) {
      mac = String.fromCharCode(...bytes.subarray(start, start + length)).replace(/[^A-Za-z0-9-]/g, '');
    }
  }
  return mac || 'Font';
}

/** Fills the code point → glyph lookup from cmap: format 12 (Unicode full) else format 4 (BMP). */
function readCmap(view: DataView, cmap: TableRef, numGlyphs: number, bmp: Uint16Array, astral: Map<number, number>): void {
  const count = view.getUint16(cmap.offset + 2);
  let format12 = -1;
  let format4 = -1;
  for (let i = 0; i < count; i++) {
    const r = cmap.offset + 4 + i * 8;
    const platform = view.getUint16(r);
    const encoding = view.getUint16(r + 2);
    const at = cmap.offset + view.getUint32(r + 4);
    if (at + 4 > cmap.offset + cmap.length) continue;
    const format = view.getUint16(at);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && (format12 < 0 || (platform === 3 && encoding === 10))) format12 = at;
    if (format === 4 && (format4 < 0 || (platform === 3 && encoding === 1))) format4 = at;
  }
  const set = (c: number, g: number): void => {
    if (g === 0 || g >= numGlyphs) return;
    if (c < 0x10000) bmp[c] = g;
    else astral.set(c, g);
  };
  if (format12 >= 0) {
    const groups = view.getUint32(format12 + 12);
    for (let i = 0; i < groups; i++) {
      const g = format12 + 16 + i * 12;
      const first = view.getUint32(g);
      const last = Math.min(view.getUint32(g + 4), 0x10ffff);
      const glyph = view.getUint32(g + 8);
      for (let c = first; c <= last; c++) set(c, glyph + (c - first));
    }
    return;
  }
  if (format4 < 0) throw new Error('TrueType: no Unicode cmap (format 12 or 4)');
  const segments = view.getUint16(format4 + 6) / 2;
  const ends = format4 + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const tableEnd = cmap.offset + cmap.length;
  for (let i = 0; i < segments; i++) {
    const start = view.getUint16(starts + i * 2);
    const end = view.getUint16(ends + i * 2);
    const delta = view.getUint16(deltas + i * 2);
    const rangeOffset = view.getUint16(rangeOffsets + i * 2);
    for (let c = start; c <= end && c < 0xffff; c++) {
      if (rangeOffset === 0) {
        set(c, (c + delta) & 0xffff);
        continue;
      }
      const address = rangeOffsets + i * 2 + rangeOffset + (c - start) * 2;
      if (address + 2 > tableEnd) break;
      const g = view.getUint16(address);
      if (g !== 0) set(c, (g + delta) & 0xffff);
    }
  }
}
