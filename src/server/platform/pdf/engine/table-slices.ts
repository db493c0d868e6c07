/**
 * Tables into slices: column widths as the forms' first renderer computed them (rules and
 * paddings first, then fixed widths, '*' columns sharing the rest), each cell laid out as one
 * block in its width, row heights from the tallest cell (a rowSpan cell stretches its last row),
 * then one slice for the header rows (kept with the first body rows, drawn again on every page)
 * and one per group of body rows joined by a rowSpan. Rules are drawn per group, with no rule
 * inside a spanned cell. A row of another length, a span past the table, content under a span,
 * or an empty {} under none is an error.
 */
import { checkTable, nodeError } from './check-nodes.ts';
import type { LayoutContext, Slice, Style } from './slices.ts';
import type { PdfCell, PdfNode, TableLayout, TableNode } from './nodes.ts';
import type { PageCanvas, StrokeStyle } from './page-canvas.ts';

/** For a table without a layout, or a layout property left out. */
const DEFAULT_LAYOUT: Required<TableLayout> = {
  hLineWidth: 1,
  vLineWidth: 1,
  hLineColor: 'black',
  vLineColor: 'black',
  paddingLeft: 4,
  paddingRight: 4,
  paddingTop: 2,
  paddingBottom: 2,
};

interface TableGeometry {
  n: number;
  colX: number[];
  lineX: number[];
  owner: Int32Array[];
  startsAt: Cell[][];
  full: number[];
  hw: number;
  pt: number;
  vw: number;
  hStroke: StrokeStyle;
  vStroke: StrokeStyle;
}

/** Rows from…to-1 of a table: the cells' contents, then the rules (none inside a spanned cell). */
function drawTableGroup(this: Slice, page: PageCanvas, x: number, y: number): void {
  const { g, from, to } = this.data as { g: TableGeometry; from: number; to: number };
  const { n, owner, lineX, vw, hw } = g;
  const tops: number[] = [];
  let yy = y;
  for (let r = from; r < to; r++) {
    tops.push(yy);
    yy += g.full[r];
  }
  tops.push(yy);
  for (let r = from; r < to; r++) {
    for (const cell of g.startsAt[r]) cell.block.draw?.(page, x + g.colX[cell.c] + cell.block.dx, tops[r - from] + hw + g.pt);
  }
  const hs: number[] = [];
  for (let r = from; r <= to; r++) {
    const edge = r === from || r === to;
    const ly = tops[r - from] + hw / 2;
    let c = 0;
    while (c < n) {
      if (!edge && owner[r - 1][c] === owner[r][c]) {
        c++;
        continue;
      }
      let e = c;
      while (e + 1 < n && (edge || owner[r - 1][e + 1] !== owner[r][e + 1])) e++;
      hs.push(x + lineX[c], ly, x + lineX[e + 1] + vw, ly);
      c = e + 1;
    }
  }
  page.lines(hs, g.hStroke);
  const vs: number[] = [];
  for (let i = 0; i <= n; i++) {
    const outer = i === 0 || i === n;
    const lx = x + lineX[i] + vw / 2;
    let r = from;
    while (r < to) {
      if (!outer && owner[r][i - 1] === owner[r][i]) {
        r++;
        continue;
      }
      let e = r;
      while (e + 1 < to && (outer || owner[e + 1][i - 1] !== owner[e + 1][i])) e++;
      vs.push(lx, tops[r - from], lx, tops[e + 1 - from] + hw);
      r = e + 1;
    }
  }
  page.lines(vs, g.vStroke);
}

interface Cell {
  r: number;
  c: number;
  rs: number;
  cs: number;
  block: Slice;
}

/** How a cell's content becomes one block (layout-nodes' blockOf, passed in to keep the modules acyclic). */
export type LayoutCell = (node: PdfNode, parent: Style, width: number, ctx: LayoutContext) => Slice;

const isCovered = (cell: PdfCell): boolean => !!cell && typeof cell === 'object' && Object.keys(cell).length === 0;

export function tableSlices(node: TableNode, style: Style, width: number, ctx: LayoutContext, out: Slice[], layoutCell: LayoutCell): void {
  checkTable(node);
  const t = node.table;
  const body = t.body;
  if (!body.length) return;
  const n = body[0].length;
  body.forEach((row, r) => {
    if (row.length !== n) throw nodeError('a table', t, `has ${row.length} cells in row ${r + 1} but ${n} in row 1`);
  });
  if (t.widths && t.widths.length !== n) throw nodeError('a table', t, `has ${t.widths.length} widths for ${n} columns`);
  const L = node.layout;
  const hw = L?.hLineWidth ?? DEFAULT_LAYOUT.hLineWidth;
  const vw = L?.vLineWidth ?? DEFAULT_LAYOUT.vLineWidth;
  const pl = L?.paddingLeft ?? DEFAULT_LAYOUT.paddingLeft;
  const pr = L?.paddingRight ?? DEFAULT_LAYOUT.paddingRight;
  const pt = L?.paddingTop ?? DEFAULT_LAYOUT.paddingTop;
  const pb = L?.paddingBottom ?? DEFAULT_LAYOUT.paddingBottom;
  const hStroke: StrokeStyle = { width: hw, color: L?.hLineColor ?? DEFAULT_LAYOUT.hLineColor };
  const vStroke: StrokeStyle = { width: vw, color: L?.vLineColor ?? DEFAULT_LAYOUT.vLineColor };

  // Column widths (offsets = rules + paddings; '*' columns share what is left).
  const off = Array.from({ length: n }, (_, i) => (i ? pr : 0) + vw + pl);
  const total = off.reduce((a, b) => a + b, 0) + pr + vw;
  const spec = t.widths ?? new Array<'*'>(n).fill('*');
  const w = new Array<number>(n).fill(0);
  let free = width - total;
  let stars = 0;
  spec.forEach((s, i) => {
    if (typeof s === 'number') {
      w[i] = s;
      free -= s;
    } else if (s === '*') stars++;
    else throw nodeError('a table', t, `has an unsupported column width "${String(s)}"`);
  });
  spec.forEach((s, i) => {
    if (typeof s !== 'number') w[i] = Math.max(0, free) / stars;
  });
  const colX: number[] = [];
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += off[i];
    colX.push(acc);
    acc += w[i];
  }
  const lineX: number[] = [0];
  for (let i = 1; i <= n; i++) lineX.push(colX[i - 1] + w[i - 1] + pr);

  // Cells, and which cell covers each position.
  const owner: Int32Array[] = body.map(() => new Int32Array(n).fill(-1));
  const cells: Cell[] = [];
  for (let r = 0; r < body.length; r++) {
    for (let c = 0; c < n; c++) {
      const raw = body[r][c];
      if (owner[r][c] !== -1) {
        if (!isCovered(raw)) throw nodeError('a table cell', raw, `in row ${r + 1}, column ${c + 1} lies under a span (only {} may)`);
        continue;
      }
      const cell = raw as PdfNode;
      const cs = cell.colSpan ?? 1;
      const rs = cell.rowSpan ?? 1;
      if (cs < 1 || rs < 1 || c + cs > n || r + rs > body.length) throw nodeError('a table cell', cell, `in row ${r + 1}, column ${c + 1} spans past its table`);
      const cellWidth = colX[c + cs - 1] + w[c + cs - 1] - colX[c];
      const id = cells.length;
      cells.push({ r, c, rs, cs, block: layoutCell(cell, style, cellWidth, ctx) });
      for (let rr = r; rr < r + rs; rr++) for (let cc = c; cc < c + cs; cc++) owner[rr][cc] = id;
    }
  }
  const rowH = new Array<number>(body.length).fill(0);
  for (const cell of cells) if (cell.rs === 1) rowH[cell.r] = Math.max(rowH[cell.r], cell.block.h);
  for (const cell of cells) {
    if (cell.rs === 1) continue;
    let room = (cell.rs - 1) * (pb + hw + pt);
    for (let r = cell.r; r < cell.r + cell.rs; r++) room += rowH[r];
    if (cell.block.h > room) rowH[cell.r + cell.rs - 1] += cell.block.h - room;
  }
  const full = rowH.map((h) => hw + pt + h + pb);
  const startsAt: Cell[][] = body.map(() => []);
  for (const cell of cells) startsAt[cell.r].push(cell);

  const geometry: TableGeometry = { n, colX, lineX, owner, startsAt, full, hw, pt, vw, hStroke, vStroke };
  const group = (from: number, to: number): Slice => {
    let h = 0;
    for (let r = from; r < to; r++) h += full[r];
    return { h, dx: 0, draw: drawTableGroup, data: { g: geometry, from, to } };
  };

  // Rows joined by a rowSpan form one group; the header rows are one group, repeated.
  const headerRows = Math.min(body.length, t.headerRows ?? 0);
  let header: Slice | undefined;
  if (headerRows > 0) {
    header = group(0, headerRows);
    header.keepWithNext = headerRows < body.length;
    out.push(header);
  }
  let from = headerRows;
  let reach = from;
  for (let r = headerRows; r < body.length; r++) {
    for (const cell of startsAt[r]) reach = Math.max(reach, cell.r + cell.rs - 1);
    if (reach === r) {
      const g = group(from, r + 1);
      if (header) g.header = header;
      out.push(g);
      from = r + 1;
      reach = from;
    }
  }
  out.push({ h: hw, dx: 0, draw: null }); // the table's last rule
}
