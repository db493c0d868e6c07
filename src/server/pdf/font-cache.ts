/**
 * NOT IN USE (render-pdf.ts): sharing one fontkit font across documents lost characters in the
 * text layer — fontkit caches glyph objects with the code points of their first use, and the
 * subset encoder of an earlier document creates them with none, so a later document's ToUnicode
 * map missed those glyphs. Kept to be fixed (e.g. set codePoints from the text when empty).
 *
 * Parses each font file once per process instead of once per document (issue 6: re-parsing the
 * four Tinos TTFs — tables, glyphs, GSUB/GPOS layouts — cost more than half of a học bạ).
 *
 * pdfmake asks its PDFDocument (a pdfkit document) for a font through `provideFont`, and pdfkit
 * then calls `fontkit.create(buffer)` and wraps the result in an EmbeddedFont holding this
 * document's subset. We replace `provideFont` so that the first document parses the file as
 * usual and later documents wrap the same fontkit font in a new EmbeddedFont — with the same id
 * pdfkit would give it, so the bytes stay the same. fontkit fonts are made for this: tables and
 * glyphs are decoded lazily and cached, every subset clones what it changes, and each operation
 * is synchronous (no interleaving between documents rendered at the same time).
 *
 * The word layouts (EmbeddedFont.layoutCache: text → glyphs and positions, never modified after
 * they are made) are shared too, and started afresh every LAYOUT_CACHE_DOCUMENTS documents so
 * they stay small.
 *
 * Pinned to pdfmake 0.3 / pdfkit 0.19 internals (`fontCache`, `_fontCount`, `_fontFamilies`,
 * `_font`); if they change, the first document of each font shows it (tests render many).
 */
import { createRequire } from 'node:module';

const LAYOUT_CACHE_DOCUMENTS = 200;

interface FontkitFont {
  postscriptName: string;
}

interface EmbeddedFont {
  name: string;
  font: FontkitFont;
  layoutCache?: Record<string, unknown>;
}

type EmbeddedFontClass = new (document: PdfKitDocument, font: FontkitFont, id: string) => EmbeddedFont;

interface PdfKitDocument {
  fontCache: Record<string, Record<string, EmbeddedFont>>;
  _fontCount: number;
  _fontFamilies: Record<string, EmbeddedFont>;
  _font: EmbeddedFont;
  _fontSource: unknown;
  _fontFamily: unknown;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

interface SharedFont {
  fontkit: FontkitFont;
  Embedded: EmbeddedFontClass;
  layoutCache: Record<string, unknown>;
  documents: number;
  source: unknown;
}

let installed = false;

/** Installs the shared-font `provideFont` on pdfmake's PDFDocument (once per process). */
export function shareParsedFonts(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const PdfDocument = (require('pdfmake/js/PDFDocument.js') as { default: { prototype: PdfKitDocument } }).default;
  const proto = PdfDocument.prototype;
  if ((proto.provideFont as { shared?: boolean }).shared) return;
  const original = proto.provideFont;
  const shared = new Map<string, SharedFont>();

  const provideFont = function (this: PdfKitDocument, family: string, bold: boolean, italics: boolean): EmbeddedFont {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const file = this.getFontFile(family, bold, italics);
    const entry = typeof file === 'string' ? shared.get(file) : undefined;
    if (!entry) {
      const font = original.call(this, family, bold, italics);
      if (typeof file === 'string' && font.font && font.layoutCache) {
        shared.set(file, { fontkit: font.font, Embedded: font.constructor as EmbeddedFontClass, layoutCache: font.layoutCache, documents: 1, source: this._fontSource });
      }
      return font;
    }
    // What pdfkit's font(buffer) does, with the parsed font reused.
    if (++entry.documents % LAYOUT_CACHE_DOCUMENTS === 0) entry.layoutCache = Object.create(null) as Record<string, unknown>;
    let font = new entry.Embedded(this, entry.fontkit, `F${++this._fontCount}`);
    if (font.layoutCache) font.layoutCache = entry.layoutCache;
    const same = this._fontFamilies[font.name];
    if (same) font = same;
    else this._fontFamilies[font.name] = font;
    this._font = font;
    this._fontSource = entry.source;
    this._fontFamily = undefined;
    (this.fontCache[family] ??= {})[type] = font;
    return font;
  };
  (provideFont as { shared?: boolean }).shared = true;
  proto.provideFont = provideFont;
}
