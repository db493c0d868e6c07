/**
 * Table cells of the class-level books (class book, confirmation sheets, primary summary):
 * header cells with spans, body cells. Plain document nodes (platform/pdf/engine/nodes.ts).
 */
import type { PdfCell, PdfNode, TableLayout, TextNode } from '../../platform/pdf/engine/nodes.ts';
import { GRID_LAYOUT, type PlaceDate, type Signer, placeDateLine, signatureBlock } from '../../platform/pdf/layout.ts';

/** A header cell: bold, centred, vertically roughly centred by a top margin. */
export function th(text: string, opts: { rowSpan?: number; colSpan?: number; fontSize?: number; topPad?: number } = {}): TextNode {
  return {
    text,
    bold: true,
    alignment: 'center',
    fontSize: opts.fontSize ?? 8.5,
    ...(opts.rowSpan ? { rowSpan: opts.rowSpan } : {}),
    ...(opts.colSpan ? { colSpan: opts.colSpan } : {}),
    margin: [0, opts.topPad ?? 0, 0, 0],
  };
}

/** A body cell; numbers and levels centred, names left. */
export function td(text: string | null | undefined, opts: { align?: 'left' | 'center' | 'right'; bold?: boolean; fontSize?: number; italics?: boolean } = {}): TextNode {
  return {
    text: text ?? '',
    alignment: opts.align ?? 'center',
    fontSize: opts.fontSize ?? 9,
    lineHeight: 1,
    ...(opts.bold ? { bold: true } : {}),
    ...(opts.italics ? { italics: true } : {}),
  };
}

/** A heading line above a grid ("HỌC KỲ I", "Môn: Toán"). */
export function gridHeading(lines: { text: string; bold?: boolean; fontSize?: number }[]): PdfNode {
  return {
    stack: lines.map((l) => ({ text: l.text, bold: l.bold ?? true, fontSize: l.fontSize ?? 12, alignment: 'center' as const })),
    margin: [0, 0, 0, 8],
  };
}

/** Thinner padding than GRID_LAYOUT, for grids with a column per subject. */
export const TIGHT_GRID: TableLayout = {
  ...GRID_LAYOUT,
  paddingLeft: 2,
  paddingRight: 2,
  paddingTop: 1,
  paddingBottom: 1,
};

/** Horizontal room a table of `columns` columns loses to padding and rules. */
export function tableOverhead(columns: number, padding = 4): number {
  return columns * padding + (columns + 1) * 0.5;
}

/**
 * A long table with its signature after it: the table, then its last `tail` rows as a table of
 * their own carried with the signatures (so a signature never stands alone on a page).
 */
export function tableWithSignatures(
  body: PdfCell[][],
  headerRows: number,
  colWidths: (number | '*')[],
  signatures: (keepWith: PdfNode) => PdfNode,
  layout: TableLayout = TIGHT_GRID,
  tail = 2,
): PdfNode[] {
  // A short table goes whole (with its header) with the signatures.
  if (body.length - headerRows <= tail) return [signatures({ table: { headerRows, dontBreakRows: true, widths: colWidths, body }, layout })];
  const cut = body.length - tail;
  const out: PdfNode[] = [{ table: { headerRows, dontBreakRows: true, widths: colWidths, body: body.slice(0, cut) }, layout }];
  const tailTable: PdfNode = { table: { dontBreakRows: true, widths: colWidths, body: body.slice(cut) }, layout };
  out.push(signatures(tailTable));
  return out;
}

/** One signature block on the right half (a subject teacher under her list). */
export function rightSignature(s: Signer, keepWith?: PdfNode, placeDate?: PlaceDate): PdfNode {
  const block: PdfNode[] = [];
  if (placeDate) block.push({ ...placeDateLine(placeDate), fontSize: 12 });
  block.push(signatureBlock(s));
  return {
    stack: [...(keepWith ? [keepWith] : []), { columns: [{ width: '*', text: '' }, { width: 250, stack: block }], margin: [0, 10, 0, 0] }],
    unbreakable: true,
  };
}
