/**
 * Our PDF writer for the forms (issue 6: the first renderer took ~20 ms a page; this takes a
 * fraction of a millisecond): lays the definition's content out into slices (layout-nodes.ts),
 * stacks them onto A4 pages (breaking between slices, repeating a table's header rows, switching
 * orientation where a node asks), draws each page's header and footer — which need the page
 * count — and writes the file with subset fonts (font-set.ts) and Flate streams (pdf-file.ts).
 *
 * The input is our own document language (nodes.ts): the templates describe forms in it, and
 * the benchmark turns the same definitions into HTML for Chromium.
 */
import { checkDocument } from './check-nodes.ts';
import { DocumentFonts } from './font-set.ts';
import { blockOf, layoutNode, styleOf } from './layout-nodes.ts';
import type { LayoutContext, Slice, Style } from './slices.ts';
import type { Orientation, PdfDocument } from './nodes.ts';
import { PageCanvas } from './page-canvas.ts';
import { PdfFile, pdfDate, pdfString } from './pdf-file.ts';

const A4 = { width: 595.28, height: 841.89 };

export interface DocumentInfo {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  creator: string;
  producer: string;
  createdAt: Date;
}

interface Page {
  orientation: Orientation;
  canvas: PageCanvas;
}

function size(o: Orientation): { width: number; height: number } {
  return o === 'landscape' ? { width: A4.height, height: A4.width } : A4;
}

/** Renders the definition to PDF bytes (A4; fonts: Tinos). */
export function renderDocument(def: PdfDocument, info: DocumentInfo): Buffer {
  checkDocument(def);
  const fonts = new DocumentFonts();
  const [ml, mt, mr, mb] = def.pageMargins;
  const base: Style = { fontSize: 12, bold: false, italics: false, alignment: 'left', lineHeight: 1, columnGap: 0 };
  const ctx: LayoutContext = { styles: def.styles ?? {}, maxBlock: A4.width - mt - mb };
  const rootStyle = styleOf(def.defaultStyle ?? {}, base, ctx);

  // Lay out the top-level content; a page break with an orientation changes the width after it.
  let orientation: Orientation = def.pageOrientation ?? 'portrait';
  const firstOrientation = orientation;
  const slices: Slice[] = [];
  for (const node of def.content) {
    if (node.pageBreak === 'before' && node.pageOrientation) orientation = node.pageOrientation;
    layoutNode(node, rootStyle, size(orientation).width - ml - mr, ctx, slices);
    if (node.pageBreak === 'after' && node.pageOrientation) orientation = node.pageOrientation;
  }

  // Stack the slices onto pages.
  const pages: Page[] = [];
  let page: Page | null = null;
  let y = 0;
  let bottom = 0;
  let pendingBreak = false;
  let nextOrientation: Orientation = firstOrientation;
  const newPage = () => {
    const o = nextOrientation;
    const s = size(o);
    page = { orientation: o, canvas: new PageCanvas(s.width, s.height, fonts) };
    pages.push(page);
    y = mt;
    bottom = s.height - mb;
    pendingBreak = false;
  };
  for (let i = 0; i < slices.length; i++) {
    const s = slices[i];
    if (s.brk) {
      pendingBreak = true;
      if (s.brk.orientation) nextOrientation = s.brk.orientation;
      continue;
    }
    if (!page || pendingBreak) newPage();
    // A run of slices kept with their next (a heading, then a table's header) goes to the page its end fits on.
    let need = s.h;
    for (let j = i; slices[j].keepWithNext; ) {
      let k = j + 1;
      while (k < slices.length && slices[k].brk) k++;
      if (k >= slices.length || need + slices[k].h > bottom - mt) break;
      need += slices[k].h;
      j = k;
    }
    let repeatHeader = false;
    if (y + need > bottom + 0.01 && y > mt + 0.01) {
      newPage();
      repeatHeader = !!s.header;
    }
    const p = page as unknown as Page;
    if (repeatHeader && s.header) {
      s.header.draw?.(p.canvas, ml + s.dx + s.header.dx, y);
      y += s.header.h;
    }
    s.draw?.(p.canvas, ml + s.dx, y);
    y += s.h;
  }
  if (!pages.length) newPage();

  // Running header and footer (they know the page number and count).
  const count = pages.length;
  pages.forEach((p, index) => {
    const { width, height } = size(p.orientation);
    const header = def.header?.(index + 1, count);
    if (header) {
      const block = blockOf(header, rootStyle, width, ctx);
      block.draw?.(p.canvas, block.dx, 0);
    }
    const footer = def.footer?.(index + 1, count);
    if (footer) {
      const block = blockOf(footer, rootStyle, width, ctx);
      block.draw?.(p.canvas, block.dx, height - mb);
    }
  });
  return writeFile(pages, fonts, info);
}

function writeFile(pages: Page[], fonts: DocumentFonts, info: DocumentInfo): Buffer {
  const pdf = new PdfFile();
  const catalog = pdf.reserve();
  const pageTree = pdf.reserve();
  const resources = pdf.reserve();
  const kids: number[] = [];
  for (const p of pages) {
    const contents = pdf.stream('', p.canvas.content());
    const { width, height } = size(p.orientation);
    kids.push(pdf.object(`<< /Type /Page /Parent ${pageTree} 0 R /MediaBox [0 0 ${width} ${height}] /Contents ${contents} 0 R /Resources ${resources} 0 R >>`));
  }
  pdf.set(resources, `<< /ProcSet [/PDF /Text] /Font << ${fonts.embed(pdf)}>> >>`);
  pdf.set(pageTree, `<< /Type /Pages /Count ${kids.length} /Kids [${kids.map((k) => `${k} 0 R`).join(' ')}] >>`);
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pageTree} 0 R >>`);
  const date = pdfDate(info.createdAt);
  const infoRef = pdf.object(
    `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Subject ${pdfString(info.subject)} /Keywords ${pdfString(info.keywords)} ` +
      `/Creator ${pdfString(info.creator)} /Producer ${pdfString(info.producer)} /CreationDate ${date} /ModDate ${date} >>`,
  );
  return pdf.toBuffer(catalog, infoRef);
}
