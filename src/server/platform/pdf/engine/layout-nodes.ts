/**
 * Lays out the nodes of our document language (nodes.ts) — text (plain or runs), stack, columns,
 * table (widths, colSpan/rowSpan, headerRows, layout), canvas, ol, margin, style, unbreakable,
 * pageBreak/pageOrientation — each checked first (check-nodes.ts), into "slices": horizontal
 * strips of a known height that the page flow (render-document.ts) stacks onto pages. A slice is
 * never split; page breaks fall between slices: between text lines, between table rows (rows
 * joined by a rowSpan stay together), never inside columns, a table cell or an unbreakable stack.
 *
 * Geometry follows the first renderer's rules (column widths, paddings and rule widths of a
 * table, canvas sizes, margins), so the forms designed with it keep their pages.
 */
import { checkRun, checkVector, kindOf, nodeError } from './check-nodes.ts';
import { variantOf } from './font-set.ts';
import type { Alignment, CanvasNode, ColumnsNode, ListNode, Margin, NamedStyle, PdfInline, PdfNode, PdfRun, TableNode, TextNode, Vector } from './nodes.ts';
import type { PageCanvas, StrokeStyle } from './page-canvas.ts';
import type { LayoutContext, Slice, Style } from './slices.ts';
import { tableSlices } from './table-slices.ts';
import { breakLines, drawLine, type Line, naturalWidth, type Run } from './text-lines.ts';

const INHERITED = ['fontSize', 'bold', 'italics', 'alignment', 'color', 'lineHeight', 'decoration', 'columnGap'] as const;

type Styled = { style?: string } & Partial<Record<(typeof INHERITED)[number], unknown>>;

function applyProps(target: Style, source: Styled): void {
  for (const key of INHERITED) {
    const v = source[key];
    if (v !== undefined) (target as unknown as Record<string, unknown>)[key] = v;
  }
}

function namedStyle(node: Styled, ctx: LayoutContext): NamedStyle {
  const named = ctx.styles[node.style!];
  if (!named) throw nodeError('a node', node, `uses the unknown style "${node.style}"`);
  return named;
}

export function styleOf(node: Styled, parent: Style, ctx: LayoutContext): Style {
  if (!node.style) {
    let own = false;
    for (const key of INHERITED) if (node[key] !== undefined && node[key] !== parent[key]) own = true;
    if (!own) return parent;
  }
  const s: Style = { ...parent };
  if (node.style) applyProps(s, namedStyle(node, ctx));
  applyProps(s, node);
  return s;
}

function marginOf(node: PdfNode, ctx: LayoutContext): [number, number, number, number] {
  const m: Margin | undefined = node.margin ?? (node.style ? namedStyle(node, ctx).margin : undefined);
  if (m === undefined) return [0, 0, 0, 0];
  if (typeof m === 'number') return [m, m, m, m];
  if (m.length === 2) return [m[0], m[1], m[0], m[1]];
  if (m.length === 4) return m;
  throw nodeError('a node', node, 'has a margin of neither 2 nor 4 numbers');
}

const spacer = (h: number): Slice => ({ h, dx: 0, draw: null });

function drawMerged(this: Slice, page: PageCanvas, x: number, y: number): void {
  let yy = y;
  for (const s of this.data as Slice[]) {
    s.draw?.(page, x + s.dx, yy);
    yy += s.h;
  }
}

/** Slices drawn one under the other as one slice. */
export function merge(slices: Slice[]): Slice {
  let h = 0;
  for (const s of slices) h += s.h;
  return { h, dx: 0, draw: drawMerged, data: slices };
}

/** The node as one unbreakable slice `width` points wide. */
export function blockOf(node: PdfNode, parent: Style, width: number, ctx: LayoutContext): Slice {
  const out: Slice[] = [];
  layoutNode(node, parent, width, ctx, out);
  const content = out.filter((s) => !s.brk);
  return content.length === 1 ? content[0] : merge(content);
}

// ------------------------------------------------------------------ text

function runsOf(text: PdfInline, style: Style, ctx: LayoutContext, out: Run[]): void {
  if (typeof text === 'string') {
    out.push({ text: text.normalize('NFC'), variant: variantOf(style.bold, style.italics), fontSize: style.fontSize, lineHeight: style.lineHeight, color: style.color, decoration: style.decoration });
    return;
  }
  if (Array.isArray(text)) {
    for (const t of text) runsOf(t, style, ctx, out);
    return;
  }
  if (!text || typeof text !== 'object') throw nodeError('a text', text, 'is not a string, a run or a list of them');
  checkRun(text);
  runsOf((text as PdfRun).text, styleOf(text, style, ctx), ctx, out);
}

interface TextLineData {
  line: Line;
  width: number;
  alignment: Alignment;
}

function drawTextLine(this: Slice, page: PageCanvas, x: number, y: number): void {
  const d = this.data as TextLineData;
  drawLine(page, d.line, x, y, d.width, d.alignment);
}

function textSlices(node: TextNode, style: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const runs: Run[] = [];
  runsOf(node.text, style, ctx, runs);
  if (!runs.length || runs.every((r) => r.text.length === 0)) return;
  const alignment = style.alignment;
  for (const line of breakLines(runs, width, alignment !== 'justify')) {
    out.push({ h: line.height, dx: 0, draw: drawTextLine, data: { line, width, alignment } satisfies TextLineData });
  }
}

/** The width the node takes when nothing wraps (an 'auto' column's). */
function naturalWidthOf(node: PdfNode, parent: Style, ctx: LayoutContext): number {
  const kind = kindOf(node);
  const style = styleOf(node, parent, ctx);
  const [ml, , mr] = marginOf(node, ctx);
  let w: number;
  if (kind === 'text') {
    const runs: Run[] = [];
    runsOf((node as TextNode).text, style, ctx, runs);
    w = naturalWidth(runs);
  } else if (kind === 'stack') w = Math.max(0, ...(node as { stack: PdfNode[] }).stack.map((c) => naturalWidthOf(c, style, ctx)));
  else if (kind === 'columns') w = (node as ColumnsNode).columns.reduce((a, c) => a + naturalWidthOf(c, style, ctx), 0);
  else if (kind === 'canvas') w = canvasSize((node as CanvasNode).canvas).w;
  else throw nodeError(`a ${kind} node`, node, "cannot size an 'auto' column");
  return w + ml + mr;
}

// ------------------------------------------------------------------ columns

function columnsSlice(node: ColumnsNode, style: Style, width: number, ctx: LayoutContext): Slice {
  const cols = node.columns;
  const gap = node.columnGap ?? style.columnGap ?? 0;
  let free = width - gap * Math.max(0, cols.length - 1);
  const widths: number[] = new Array(cols.length).fill(0);
  let stars = 0;
  cols.forEach((c, i) => {
    const w = c.width;
    if (typeof w === 'number') {
      widths[i] = w;
      free -= w;
    } else if (w === 'auto') {
      widths[i] = -1;
    } else stars++;
  });
  cols.forEach((c, i) => {
    if (widths[i] === -1) {
      widths[i] = Math.min(Math.max(0, free), naturalWidthOf(c, style, ctx));
      free -= widths[i];
    }
  });
  const star = stars ? Math.max(0, free) / stars : 0;
  cols.forEach((c, i) => {
    const w = c.width;
    if (typeof w !== 'number' && w !== 'auto') widths[i] = star;
  });
  const blocks: Slice[] = cols.map((c, i) => blockOf(c, style, widths[i], ctx));
  const lefts: number[] = [];
  let x = 0;
  for (let i = 0; i < cols.length; i++) {
    lefts.push(x);
    x += widths[i] + gap;
  }
  return { h: Math.max(0, ...blocks.map((b) => b.h)), dx: 0, draw: drawColumns, data: { blocks, lefts } };
}

function drawColumns(this: Slice, page: PageCanvas, x: number, y: number): void {
  const { blocks, lefts } = this.data as { blocks: Slice[]; lefts: number[] };
  for (let i = 0; i < blocks.length; i++) blocks[i].draw?.(page, x + lefts[i] + blocks[i].dx, y);
}

// ------------------------------------------------------------------ canvas

function canvasSize(vectors: Vector[]): { w: number; h: number } {
  let w = 0;
  let h = 0;
  for (const v of vectors) {
    checkVector(v);
    if (v.type === 'rect') {
      w = Math.max(w, v.x + v.w);
      h = Math.max(h, v.y + v.h);
    } else {
      w = Math.max(w, v.x1, v.x2);
      h = Math.max(h, v.y1, v.y2);
    }
  }
  return { w, h };
}

function canvasSlice(vectors: Vector[], style: Style, width: number): Slice {
  const { w, h } = canvasSize(vectors);
  const shift = style.alignment === 'right' ? width - w : style.alignment === 'center' ? (width - w) / 2 : 0;
  return { h, dx: 0, draw: drawCanvas, data: { vectors, shift } };
}

function drawCanvas(this: Slice, page: PageCanvas, x0: number, y0: number): void {
  const { vectors, shift } = this.data as { vectors: Vector[]; shift: number };
  const x = x0 + shift;
  const fills = new Map<string, number[]>();
  for (const v of vectors) {
    const stroke: StrokeStyle = { width: v.lineWidth ?? 1, color: v.lineColor, dash: v.dash };
    if (v.type === 'line') page.lines([x + v.x1, y0 + v.y1, x + v.x2, y0 + v.y2], stroke);
    else if (v.color && !v.lineColor && !v.lineWidth) {
      const list = fills.get(v.color) ?? [];
      list.push(x + v.x, y0 + v.y, v.w, v.h);
      fills.set(v.color, list);
    } else page.rect(x + v.x, y0 + v.y, v.w, v.h, { fill: v.color, stroke: v.color && !v.lineColor ? undefined : { ...stroke, color: v.lineColor } });
  }
  for (const [color, rects] of fills) page.fillRects(rects, color);
}

// ------------------------------------------------------------------ lists

function listSlices(node: ListNode, style: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const items = node.ol;
  const markers = items.map((_, i) => `${i + 1}. `);
  const markerRuns = (m: string): Run[] => [{ text: m, variant: variantOf(style.bold, style.italics), fontSize: style.fontSize, lineHeight: style.lineHeight, color: style.color }];
  const markerWidth = Math.max(...markers.map((m) => naturalWidth(markerRuns(m))));
  items.forEach((item, i) => {
    const block = blockOf(item, style, width - markerWidth, ctx);
    const marker = breakLines(markerRuns(markers[i]), markerWidth + 10, true)[0];
    out.push({ h: block.h, dx: 0, draw: drawListItem, data: { marker, markerWidth, block } });
  });
}

function drawListItem(this: Slice, page: PageCanvas, x: number, y: number): void {
  const { marker, markerWidth, block } = this.data as { marker: Line; markerWidth: number; block: Slice };
  drawLine(page, marker, x, y, markerWidth, 'left');
  block.draw?.(page, x + markerWidth + block.dx, y);
}

// ------------------------------------------------------------------ node

export function layoutNode(node: PdfNode, parent: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const kind = kindOf(node);
  const style = styleOf(node, parent, ctx);
  if (node.pageBreak === 'before') out.push({ h: 0, dx: 0, draw: null, brk: { orientation: node.pageOrientation } });
  const [ml, mt, mr, mb] = marginOf(node, ctx);
  const inner = width - ml - mr;
  const start = out.length;
  if (mt) out.push(spacer(mt));
  if (kind === 'text') textSlices(node as TextNode, style, inner, ctx, out);
  else if (kind === 'stack') for (const child of (node as { stack: PdfNode[] }).stack) layoutNode(child, style, inner, ctx, out);
  else if (kind === 'columns') out.push(columnsSlice(node as ColumnsNode, style, inner, ctx));
  else if (kind === 'table') tableSlices(node as TableNode, style, inner, ctx, out, blockOf);
  else if (kind === 'canvas') out.push(canvasSlice((node as CanvasNode).canvas, style, inner));
  else listSlices(node as ListNode, style, inner, ctx, out);
  if (mb) out.push(spacer(mb));
  if (ml) for (let i = start; i < out.length; i++) out[i].dx += ml;
  if ((node.unbreakable || node.keepWithNext) && out.length - start > 1) {
    const part = out.slice(start).filter((s) => !s.brk);
    const total = part.reduce((a, s) => a + s.h, 0);
    if (total <= ctx.maxBlock) out.splice(start, out.length - start, merge(part));
  }
  if (node.keepWithNext && out.length > start) out[out.length - 1].keepWithNext = true;
  if (node.pageBreak === 'after') out.push({ h: 0, dx: 0, draw: null, brk: { orientation: node.pageOrientation } });
}
