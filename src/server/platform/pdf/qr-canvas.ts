/**
 * The footer's QR code as a canvas node, encoded once per document (issue 6) with uqr (the
 * encoder the web uses too): no quiet zone (the page margin is one), modules of
 * ⌊fit / modules⌋ points on a white square. Each row's runs of dark modules become one rectangle
 * (stacked equal runs too), drawn in one path: every page gets a copy of the same vectors.
 */
import { encode } from 'uqr';
import type { CanvasNode, RectVector } from './engine/nodes.ts';

/** Returns a function giving a fresh canvas node of the QR code of `text` for each page. */
export function qrCanvas(text: string, options: { fit: number; ecc: 'L' | 'M' | 'Q' | 'H'; alignment: 'left' | 'center' | 'right' }): () => CanvasNode {
  const { data, size } = encode(text, { ecc: options.ecc, border: 0 });
  const m = Math.floor(options.fit / size);
  const rect = (x: number, y: number, w: number, h: number, color: string): RectVector => ({ type: 'rect', x, y, w, h, lineWidth: 0, color });
  // Each row's neighbouring dark modules as one rectangle, rows top to bottom.
  const runs: RectVector[] = [];
  data.forEach((row, i) => {
    for (let j = 0; j < size; j++) {
      if (!row[j]) continue;
      const from = j;
      while (j + 1 < size && row[j + 1]) j++;
      runs.push(rect(from * m, i * m, (j + 1 - from) * m, m, '#000'));
    }
  });
  // Then a run continues the rectangle right above it when it spans the same columns.
  const rects: RectVector[] = [];
  const open = new Map<string, RectVector>();
  for (const r of runs) {
    const key = `${r.x}:${r.w}`;
    const above = open.get(key);
    if (above && above.y + above.h === r.y) above.h += r.h;
    else {
      rects.push(r);
      open.set(key, r);
    }
  }
  const vectors = [rect(0, 0, size * m, size * m, '#fff'), ...rects];
  return () => ({ canvas: vectors.map((v) => ({ ...v })), alignment: options.alignment });
}
