/**
 * The Tinos fonts (Times New Roman metrics, full Vietnamese) for our PDF writer: parsed once per
 * process; each document records the glyphs it uses and embeds a subset of each font it used as
 * a CIDFontType2 (Identity-H, glyph ids kept) with a ToUnicode map, so text can be searched,
 * copied and read by pdftotext exactly as written.
 *
 * Text is NFC-normalised by the caller; every Vietnamese letter is a precomposed glyph in Tinos,
 * so no shaping is needed (no ligatures, no kerning: forms are set like a typewriter would).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ContentWriter } from './content-writer.ts';
import type { PdfFile } from './pdf-file.ts';
import { TrueTypeFont } from './truetype.ts';

export type FontVariant = 0 | 1 | 2 | 3; // normal, bold, italics, bolditalics

export const variantOf = (bold: boolean, italics: boolean): FontVariant => ((bold ? 1 : 0) + (italics ? 2 : 0)) as FontVariant;

const FILES = ['400Regular/Tinos_400Regular.ttf', '700Bold/Tinos_700Bold.ttf', '400Regular_Italic/Tinos_400Regular_Italic.ttf', '700Bold_Italic/Tinos_700Bold_Italic.ttf'];

interface LoadedFont {
  ttf: TrueTypeFont;
  /** font units → 1/1000 em */
  scale: number;
  /** ascent and line height (without gap) per point of font size */
  ascent: number;
  height: number;
  /** code point → glyph id, and glyph id → advance in 1/1000 em, looked up once */
  gid: Map<number, number>;
  widths: Map<string, number>;
}

let fonts: LoadedFont[] | null = null;

function load(): LoadedFont[] {
  if (fonts) return fonts;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  fonts = FILES.map((file) => {
    const ttf = TrueTypeFont.parse(readFileSync(join(dir, file)));
    return {
      ttf,
      scale: 1000 / ttf.unitsPerEm,
      ascent: ttf.ascent / ttf.unitsPerEm,
      height: (ttf.ascent - ttf.descent) / ttf.unitsPerEm,
      gid: new Map(),
      widths: new Map(),
    };
  });
  return fonts;
}

/** Font metrics the layout needs, per point of font size. */
export function fontMetrics(variant: FontVariant): { ascent: number; height: number } {
  const f = load()[variant];
  return { ascent: f.ascent, height: f.height };
}

function glyphOf(f: LoadedFont, cp: number): number {
  let g = f.gid.get(cp);
  if (g === undefined) {
    g = f.ttf.glyphId(cp === 9 || cp === 0xa0 ? 32 : cp);
    f.gid.set(cp, g);
  }
  return g;
}

/** Width of `text` in 1/1000 em (multiply by size / 1000 for points). Cached per string. */
export function textWidth(variant: FontVariant, text: string): number {
  const f = load()[variant];
  const cached = f.widths.get(text);
  if (cached !== undefined) return cached;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++)!;
    w += f.ttf.advance(glyphOf(f, cp));
  }
  w *= f.scale;
  if (f.widths.size > 100_000) f.widths.clear();
  f.widths.set(text, w);
  return w;
}

const HEX: string[] = [];
function hex4(g: number): string {
  return (HEX[g] ??= g.toString(16).padStart(4, '0'));
}

/** The glyphs one document uses, and their embedding. */
export class DocumentFonts {
  private readonly used: (Map<number, string> | undefined)[] = [];
  private readonly all = load();

  resourceName(variant: FontVariant): string {
    return `F${variant + 1}`;
  }

  /** Writes the text as hex glyph ids (Identity-H), noting each glyph's characters for ToUnicode. */
  encode(variant: FontVariant, text: string, out: ContentWriter): void {
    const f = this.all[variant];
    const used = (this.used[variant] ??= new Map());
    for (let i = 0; i < text.length; i++) {
      const start = i;
      let cp = text.charCodeAt(i);
      if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) cp = text.codePointAt(i++)!;
      const g = glyphOf(f, cp);
      if (!used.has(g)) used.set(g, text.slice(start, i + 1));
      out.hex4(g);
    }
  }

  /** Writes the used fonts into `pdf`; returns the /Font resource dictionary's entries. */
  embed(pdf: PdfFile): string {
    let dict = '';
    this.used.forEach((used, variant) => {
      if (!used) return;
      const ref = embedFont(pdf, this.all[variant], used);
      dict += `/${this.resourceName(variant as FontVariant)} ${ref} 0 R `;
    });
    return dict;
  }
}

function utf16Hex(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += hex4(s.charCodeAt(i));
  return out;
}

function toUnicodeCmap(gids: number[], used: Map<number, string>): string {
  const lines: string[] = [];
  for (let i = 0; i < gids.length; i += 100) {
    const chunk = gids.slice(i, i + 100);
    lines.push(`${chunk.length} beginbfchar`);
    for (const g of chunk) lines.push(`<${hex4(g)}> <${utf16Hex(used.get(g)!)}>`);
    lines.push('endbfchar');
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <ffff>',
    'endcodespacerange',
    ...lines,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

/** "ABCDEF": the subset tag, from the glyphs in it (same glyphs, same tag, same bytes). */
function subsetTag(gids: number[]): string {
  const digest = createHash('sha1').update(Uint32Array.from(gids)).digest();
  let tag = '';
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i] % 26));
  return tag;
}

function embedFont(pdf: PdfFile, f: LoadedFont, used: Map<number, string>): number {
  const { ttf, scale } = f;
  const gids = [...used.keys()].sort((a, b) => a - b);
  const name = `${subsetTag(gids)}+${ttf.postscriptName}`;
  const file = pdf.stream('', Buffer.from(ttf.subset(gids)), { length1: true });
  const italic = ttf.italicAngle !== 0;
  const flags = (ttf.isFixedPitch ? 1 : 0) | 2 | 32 | (italic ? 64 : 0);
  const [x0, y0, x1, y1] = ttf.bbox.map((v) => Math.round(v * scale));
  const descriptor = pdf.object(
    `<< /Type /FontDescriptor /FontName /${name} /Flags ${flags} /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle ${ttf.italicAngle} ` +
      `/Ascent ${Math.round(ttf.ascent * scale)} /Descent ${Math.round(ttf.descent * scale)} /CapHeight ${Math.round(ttf.capHeight * scale)} ` +
      `/XHeight ${Math.round(ttf.xHeight * scale)} /StemV 80 /FontFile2 ${file} 0 R >>`,
  );
  // /W as runs of consecutive glyph ids: first [w w w …]
  let w = '';
  for (let i = 0; i < gids.length; ) {
    let j = i;
    const run: number[] = [];
    while (j < gids.length && gids[j] === gids[i] + (j - i)) run.push(Math.round(ttf.advance(gids[j++]) * scale));
    w += `${gids[i]} [${run.join(' ')}] `;
    i = j;
  }
  const cid = pdf.object(
    `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> ` +
      `/FontDescriptor ${descriptor} 0 R /DW 1000 /W [${w}] /CIDToGIDMap /Identity >>`,
  );
  const toUnicode = pdf.stream('', Buffer.from(toUnicodeCmap(gids, used), 'latin1'));
  return pdf.object(`<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`);
}
