/**
 * Lays out the part of pdfmake's document-definition language our templates use — text (plain
 * or runs), stack, columns, table (widths, colSpan/rowSpan, headerRows, layout), canvas, ol,
 * margin, style, unbreakable, pageBreak/pageOrientation — into "slices": horizontal strips of
 * a known height that the page flow (page-flow.ts) stacks onto pages. A slice is never split;
 * page breaks fall between slices: between text lines, between table rows (rows joined by a
 * rowSpan stay together), never inside columns, a table cell or an unbreakable stack.
 *
 * Geometry follows pdfmake's rules (column widths, paddings and rule widths of a table, canvas
 * sizes, margins), so the forms designed with it keep their pages.
 */
import { variantOf } from './font-set.ts';
import type { PageCanvas, StrokeStyle } from './page-canvas.ts';
import { tableSlices } from './table-slices.ts';
import { type Alignment, breakLines, drawLine, type Line, naturalWidth, type Run } from './text-lines.ts';

/** A node of the document definition (pdfmake's Content), read loosely. */
export type DefNode = string | number | null | undefined | DefNode[] | NodeObject;

export interface NodeObject {
  [key: string]: unknown;
  text?: DefNode;
  stack?: DefNode[];
  columns?: NodeObject[];
  table?: { body: DefNode[][]; widths?: (number | string)[]; headerRows?: number };
  canvas?: Vector[];
  ol?: DefNode[];
  ul?: DefNode[];
  layout?: unknown;
  margin?: number | number[];
  style?: string | string[];
  pageBreak?: 'before' | 'after';
  pageOrientation?: 'portrait' | 'landscape';
  unbreakable?: boolean;
  width?: number | string;
  colSpan?: number;
  rowSpan?: number;
}

interface Vector {
  type: 'line' | 'rect' | 'polyline' | 'ellipse';
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  points?: { x: number; y: number }[];
  lineWidth?: number;
  lineColor?: string;
  color?: string;
  dash?: { length: number; space?: number };
}


export interface Style {
  fontSize: number;
  bold: boolean;
  italics: boolean;
  alignment: Alignment;
  color?: string;
  lineHeight: number;
  decoration?: string;
  columnGap: number;
}

export interface Slice {
  h: number;
  /** offset from the left edge the flow gives */
  dx: number;
  /** called as a method (`slice.draw(…)`): module-level functions reading `this.data`, no closures per slice */
  draw: ((this: Slice, page: PageCanvas, x: number, y: number) => void) | null;
  data?: unknown;
  /** a page break here (with the new page's orientation, if it changes) */
  brk?: { orientation?: 'portrait' | 'landscape' };
  /** stay on the page of the next slice (a table's header with its first row) */
  keepWithNext?: boolean;
  /** drawn again at the top of a page this slice starts (a table's header rows) */
  header?: Slice;
}

export interface LayoutContext {
  styles: Record<string, Partial<Style> & { margin?: number[] }>;
  /** the smallest page content height: an unbreakable block taller than this is broken */
  maxBlock: number;
}

const INHERITED = ['fontSize', 'bold', 'italics', 'alignment', 'color', 'lineHeight', 'decoration', 'columnGap'] as const;

function applyProps(target: Style, source: Record<string, unknown>): void {
  for (const key of INHERITED) {
    const v = source[key];
    if (v !== undefined) (target as unknown as Record<string, unknown>)[key] = v;
  }
}

export function styleOf(node: NodeObject, parent: Style, ctx: LayoutContext): Style {
  if (!node.style) {
    let own = false;
    for (const key of INHERITED) if (node[key] !== undefined && node[key] !== parent[key]) own = true;
    if (!own) return parent;
  }
  const s: Style = { ...parent };
  if (node.style) for (const name of Array.isArray(node.style) ? node.style : [node.style]) if (ctx.styles[name]) applyProps(s, ctx.styles[name]);
  applyProps(s, node);
  return s;
}

function marginOf(node: NodeObject, ctx: LayoutContext): [number, number, number, number] {
  let m = node.margin as number | number[] | undefined;
  if (m === undefined && node.style) for (const name of Array.isArray(node.style) ? node.style : [node.style]) m = ctx.styles[name]?.margin ?? m;
  if (m === undefined) return [0, 0, 0, 0];
  if (typeof m === 'number') return [m, m, m, m];
  if (m.length === 2) return [m[0], m[1], m[0], m[1]];
  return [m[0] ?? 0, m[1] ?? 0, m[2] ?? 0, m[3] ?? 0];
}

export function asObject(node: DefNode): NodeObject | null {
  if (node === null || node === undefined) return null;
  if (typeof node === 'string' || typeof node === 'number') return { text: String(node) };
  if (Array.isArray(node)) return { stack: node };
  return node;
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
export function blockOf(node: DefNode, parent: Style, width: number, ctx: LayoutContext): Slice {
  const out: Slice[] = [];
  layoutNode(node, parent, width, ctx, out);
  const content = out.filter((s) => !s.brk);
  return content.length === 1 ? content[0] : merge(content);
}

// ------------------------------------------------------------------ text

function runsOf(text: DefNode, style: Style, ctx: LayoutContext, out: Run[]): void {
  if (text === null || text === undefined) return;
  if (typeof text === 'string' || typeof text === 'number') {
    out.push({ text: String(text).normalize('NFC'), variant: variantOf(style.bold, style.italics), fontSize: style.fontSize, lineHeight: style.lineHeight, color: style.color, decoration: style.decoration });
    return;
  }
  if (Array.isArray(text)) {
    for (const t of text) runsOf(t, style, ctx, out);
    return;
  }
  runsOf(text.text, styleOf(text, style, ctx), ctx, out);
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

function textSlices(node: NodeObject, style: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const runs: Run[] = [];
  runsOf(node.text, style, ctx, runs);
  if (!runs.length || runs.every((r) => r.text.length === 0)) return;
  const alignment = style.alignment;
  for (const line of breakLines(runs, width, alignment !== 'justify')) {
    out.push({ h: line.height, dx: 0, draw: drawTextLine, data: { line, width, alignment } satisfies TextLineData });
  }
}

function naturalWidthOf(node: DefNode, parent: Style, ctx: LayoutContext): number {
  const n = asObject(node);
  if (!n) return 0;
  const style = styleOf(n, parent, ctx);
  const [ml, , mr] = marginOf(n, ctx);
  let w = 0;
  if (n.text !== undefined) {
    const runs: Run[] = [];
    runsOf(n.text, style, ctx, runs);
    w = naturalWidth(runs);
  } else if (n.stack) w = Math.max(0, ...n.stack.map((c) => naturalWidthOf(c, style, ctx)));
  else if (n.columns) w = n.columns.reduce((a, c) => a + naturalWidthOf(c, style, ctx), 0);
  else if (n.canvas) w = canvasSize(n.canvas).w;
  return w + ml + mr;
}

// ------------------------------------------------------------------ columns

function columnsSlice(node: NodeObject, style: Style, width: number, ctx: LayoutContext): Slice {
  const cols = node.columns ?? [];
  const gap = (node.columnGap as number | undefined) ?? style.columnGap ?? 0;
  let free = width - gap * Math.max(0, cols.length - 1);
  const widths: number[] = new Array(cols.length).fill(0);
  let stars = 0;
  cols.forEach((c, i) => {
    const w = c?.width;
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
    const w = c?.width;
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
    if (v.type === 'rect') {
      w = Math.max(w, (v.x ?? 0) + (v.w ?? 0));
      h = Math.max(h, (v.y ?? 0) + (v.h ?? 0));
    } else if (v.type === 'line') {
      w = Math.max(w, v.x1 ?? 0, v.x2 ?? 0);
      h = Math.max(h, v.y1 ?? 0, v.y2 ?? 0);
    } else if (v.type === 'polyline') {
      for (const p of v.points ?? []) {
        w = Math.max(w, p.x);
        h = Math.max(h, p.y);
      }
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
    if (v.type === 'line') page.lines([x + v.x1!, y0 + v.y1!, x + v.x2!, y0 + v.y2!], stroke);
    else if (v.type === 'polyline' && v.points?.length) {
      const segs: number[] = [];
      for (let i = 1; i < v.points.length; i++) segs.push(x + v.points[i - 1].x, y0 + v.points[i - 1].y, x + v.points[i].x, y0 + v.points[i].y);
      page.lines(segs, stroke);
    } else if (v.type === 'rect') {
      if (v.color && !v.lineColor && !v.lineWidth) {
        const list = fills.get(v.color) ?? [];
        list.push(x + v.x!, y0 + v.y!, v.w!, v.h!);
        fills.set(v.color, list);
      } else page.rect(x + v.x!, y0 + v.y!, v.w!, v.h!, { fill: v.color, stroke: v.color && !v.lineColor ? undefined : { ...stroke, color: v.lineColor } });
    }
  }
  for (const [color, rects] of fills) page.fillRects(rects, color);
}

// ------------------------------------------------------------------ lists

function listSlices(node: NodeObject, style: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const items = node.ol ?? node.ul ?? [];
  const ordered = !!node.ol;
  const markers = items.map((_, i) => (ordered ? `${i + 1}. ` : '• '));
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

export function layoutNode(raw: DefNode, parent: Style, width: number, ctx: LayoutContext, out: Slice[]): void {
  const node = asObject(raw);
  if (!node) return;
  const style = styleOf(node, parent, ctx);
  if (node.pageBreak === 'before') out.push({ h: 0, dx: 0, draw: null, brk: { orientation: node.pageOrientation } });
  const [ml, mt, mr, mb] = marginOf(node, ctx);
  const inner = width - ml - mr;
  const start = out.length;
  if (mt) out.push(spacer(mt));
  if (node.text !== undefined) textSlices(node, style, inner, ctx, out);
  else if (node.stack) for (const child of node.stack) layoutNode(child, style, inner, ctx, out);
  else if (node.columns) out.push(columnsSlice(node, style, inner, ctx));
  else if (node.table) tableSlices(node, style, inner, ctx, out, blockOf);
  else if (node.canvas) out.push(canvasSlice(node.canvas, style, inner));
  else if (node.ol || node.ul) listSlices(node, style, inner, ctx, out);
  if (mb) out.push(spacer(mb));
  if (ml) for (let i = start; i < out.length; i++) out[i].dx += ml;
  if (node.unbreakable && out.length - start > 1) {
    const part = out.slice(start).filter((s) => !s.brk);
    const total = part.reduce((a, s) => a + s.h, 0);
    if (total <= ctx.maxBlock) out.splice(start, out.length - start, merge(part));
  }
  if (node.pageBreak === 'after') out.push({ h: 0, dx: 0, draw: null, brk: { orientation: node.pageOrientation } });
}
