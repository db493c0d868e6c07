import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TrueTypeFont } from './truetype.ts';

/** The parts of fontkit (pdfkit's dependency, untyped) we compare against. */
interface FontkitGlyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string; commands: unknown[] };
  _decode(): { numberOfContours: number; components?: { glyphID: number }[] } | null;
}
interface FontkitFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  lineGap: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  postscriptName: string;
  numGlyphs: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  post: { isFixedPitch: number };
  glyphForCodePoint(codePoint: number): FontkitGlyph;
  getGlyph(id: number): FontkitGlyph;
}

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(buffer: Buffer): FontkitFont };
const tinos = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
const FILES = {
  regular: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
};
const load = (file: string): { bytes: Buffer; ours: TrueTypeFont; theirs: FontkitFont } => {
  const bytes = readFileSync(join(tinos, file));
  return { bytes, ours: TrueTypeFont.parse(bytes), theirs: fontkit.create(bytes) };
};

const VIETNAMESE =
  'ẮẰẲẴẶắằẳẵặẤẦẨẪẬấầẩẫậĐđÊỀẾỂỄỆêềếểễệÔỒỐỔỖỘôồốổỗộƠỜỚỞỠỢơờớởỡợƯỪỨỬỮỰưừứửữựÁÀẢÃẠáàảãạÍÌỈĨỊíìỉĩịÓÒỎÕỌóòỏõọÚÙỦŨỤúùủũụÝỲỶỸỴýỳỷỹỵ…–“”';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0) as number);

const regular = load(FILES.regular);

describe('TrueTypeFont metrics (Tinos Regular, against fontkit)', () => {
  const { ours, theirs } = regular;

  it('reads the font-wide metrics', () => {
    expect(ours.unitsPerEm).toBe(theirs.unitsPerEm);
    expect(ours.ascent).toBe(theirs.ascent);
    expect(ours.descent).toBe(theirs.descent);
    expect(ours.descent).toBeLessThan(0);
    expect(ours.lineGap).toBe(theirs.lineGap);
    expect(ours.capHeight).toBe(theirs.capHeight);
    expect(ours.xHeight).toBe(theirs.xHeight);
    expect(ours.numGlyphs).toBe(theirs.numGlyphs);
    expect(ours.bbox).toEqual([theirs.bbox.minX, theirs.bbox.minY, theirs.bbox.maxX, theirs.bbox.maxY]);
    expect(ours.italicAngle).toBe(theirs.italicAngle);
    expect(ours.isFixedPitch).toBe(theirs.post.isFixedPitch !== 0);
    expect(ours.postscriptName).toBe('Tinos-Regular');
  });

  it('maps Vietnamese and ASCII code points to the same glyphs and advances', () => {
    for (const cp of codePoints(VIETNAMESE + ASCII)) {
      const glyph = theirs.glyphForCodePoint(cp);
      expect(ours.glyphId(cp), String.fromCodePoint(cp)).toBe(glyph.id);
      expect(ours.advance(glyph.id), String.fromCodePoint(cp)).toBe(glyph.advanceWidth);
    }
  });

  it('answers 0 for code points the font lacks', () => {
    expect(ours.glyphId(0xe000)).toBe(0); // private use
    expect(ours.glyphId(0x1f600)).toBe(theirs.glyphForCodePoint(0x1f600).id);
    expect(ours.glyphId(-1)).toBe(0);
    expect(ours.glyphId(0x110000)).toBe(0);
  });

  it('uses the last advance for glyphs past numberOfHMetrics', () => {
    for (const id of [0, 1, ours.numGlyphs - 2, ours.numGlyphs - 1]) {
      expect(ours.advance(id)).toBe(theirs.getGlyph(id).advanceWidth);
    }
  });
});

describe.each(Object.entries(FILES))('Tinos %s', (_, file) => {
  it('has a glyph for every Vietnamese letter and agrees with fontkit', () => {
    const { ours, theirs } = load(file);
    expect(ours.postscriptName).toBe(theirs.postscriptName.replace(/[^A-Za-z0-9-]/g, ''));
    expect(ours.italicAngle).toBe(theirs.italicAngle);
    for (const cp of codePoints(VIETNAMESE)) {
      expect(ours.glyphId(cp), String.fromCodePoint(cp)).toBeGreaterThan(0);
      expect(ours.glyphId(cp)).toBe(theirs.glyphForCodePoint(cp).id);
    }
  });
});

describe('TrueTypeFont.parse', () => {
  it('refuses what is not a TrueType (glyf) font', () => {
    expect(() => TrueTypeFont.parse(new Uint8Array(4))).toThrow(/too short/);
    const otf = Buffer.alloc(64);
    otf.write('OTTO', 0, 'latin1');
    expect(() => TrueTypeFont.parse(otf)).toThrow(/not a TrueType/);
    // A directory without glyf (a CFF font labelled as TrueType)
    const noGlyf = Buffer.from(regular.bytes);
    const count = noGlyf.readUInt16BE(4);
    for (let i = 0; i < count; i++) if (noGlyf.toString('latin1', 12 + i * 16, 16 + i * 16) === 'glyf') noGlyf.write('CFF ', 12 + i * 16, 'latin1');
    expect(() => TrueTypeFont.parse(noGlyf)).toThrow(/no 'glyf'/);
  });
});

/** Every glyph reachable from `ids` through composite components (per fontkit). */
const closure = (font: FontkitFont, ids: number[]): Set<number> => {
  const seen = new Set<number>([0]);
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop() as number;
    if (seen.has(id) && id !== 0) continue;
    seen.add(id);
    for (const c of font.getGlyph(id)._decode()?.components ?? []) if (!seen.has(c.glyphID)) stack.push(c.glyphID);
  }
  return seen;
};

const u32 = (b: Uint8Array, at: number): number => ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
const sum = (b: Uint8Array, start: number, end: number): number => {
  let s = 0;
  for (let i = start; i < end; i += 4) s = (s + u32(b, i)) >>> 0;
  return s;
};

describe('TrueTypeFont.subset', () => {
  const { ours, theirs } = regular;
  const text = 'Sổ Điểm Số — Học bạ, Trường THCS Nguyễn Trãi ' + VIETNAMESE;
  const requested = [...new Set(codePoints(text).map((cp) => ours.glyphId(cp)))];
  const subset = ours.subset(requested);
  const parsed = fontkit.create(Buffer.from(subset));

  it('keeps glyph ids and outlines, composite glyphs with their components', () => {
    const composites = requested.filter((id) => (theirs.getGlyph(id)._decode()?.numberOfContours ?? 0) < 0);
    expect(composites.length).toBeGreaterThan(10); // e.g. Ắ = A + breve-acute
    expect(parsed.numGlyphs).toBe(theirs.numGlyphs);
    for (const id of [0, ...requested]) {
      expect(parsed.getGlyph(id).path.toSVG(), `glyph ${id}`).toBe(theirs.getGlyph(id).path.toSVG());
    }
    for (const id of closure(theirs, requested)) {
      expect(parsed.getGlyph(id).path.toSVG(), `component ${id}`).toBe(theirs.getGlyph(id).path.toSVG());
    }
  });

  it('empties glyphs neither requested nor components', () => {
    const kept = closure(theirs, requested);
    const dropped = codePoints('QZqzW%@').map((cp) => ours.glyphId(cp));
    for (const id of dropped) {
      expect(kept.has(id)).toBe(false);
      expect(theirs.getGlyph(id).path.commands.length).toBeGreaterThan(0);
      expect(parsed.getGlyph(id).path.commands, `glyph ${id}`).toHaveLength(0);
    }
    expect(subset.length).toBeLessThan(regular.bytes.length / 4);
  });

  it('writes a well-formed table directory with correct checksums', () => {
    const numTables = (subset[4] << 8) | subset[5];
    const tags: string[] = [];
    let total = sum(subset, 0, 12 + numTables * 16);
    for (let i = 0; i < numTables; i++) {
      const entry = 12 + i * 16;
      const tag = Buffer.from(subset.subarray(entry, entry + 4)).toString('latin1');
      const [checksum, offset, length] = [u32(subset, entry + 4), u32(subset, entry + 8), u32(subset, entry + 12)];
      tags.push(tag);
      expect(offset % 4, tag).toBe(0);
      expect(offset + length).toBeLessThanOrEqual(subset.length);
      const padded = sum(subset, offset, offset + ((length + 3) & ~3));
      // head's own checksum is taken with checkSumAdjustment = 0
      expect(tag === 'head' ? (padded - u32(subset, offset + 8)) >>> 0 : padded, tag).toBe(checksum);
      total = (total + checksum) >>> 0;
    }
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(expect.arrayContaining(['cvt ', 'fpgm', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp', 'prep']));
    const log2 = Math.floor(Math.log2(numTables));
    expect([(subset[6] << 8) | subset[7], (subset[8] << 8) | subset[9], (subset[10] << 8) | subset[11]]).toEqual([
      16 * 2 ** log2,
      log2,
      numTables * 16 - 16 * 2 ** log2,
    ]);
    expect(sum(subset, 0, subset.length)).toBe(0xb1b0afba); // whole file, checkSumAdjustment included
  });

  it('refuses glyph ids the font does not have', () => {
    expect(() => ours.subset([ours.numGlyphs])).toThrow(RangeError);
  });

  it('is fast (timing printed, not asserted)', () => {
    const ids = [...new Set(codePoints(VIETNAMESE + ASCII).map((cp) => ours.glyphId(cp)))].slice(0, 150);
    for (let i = 0; i < 50; i++) ours.subset(ids); // warm up
    const start = performance.now();
    let bytes = 0;
    for (let i = 0; i < 1000; i++) bytes += ours.subset(ids).length;
    const ms = performance.now() - start;
    console.log(`truetype: 1000 subsets of ${ids.length} glyphs in ${ms.toFixed(1)} ms (${(ms / 1000).toFixed(3)} ms each, ${Math.round(bytes / 1000)} bytes each)`);
    const lookups = codePoints(VIETNAMESE + ASCII);
    const t = performance.now();
    let acc = 0;
    for (let i = 0; i < 10000; i++) for (const cp of lookups) acc += ours.glyphId(cp) + ours.advance(acc & 0xff);
    console.log(`truetype: ${lookups.length * 10000} glyphId+advance lookups in ${(performance.now() - t).toFixed(1)} ms (${acc > 0})`);
  });
});
