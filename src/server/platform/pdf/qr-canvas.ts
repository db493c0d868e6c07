/**
 * The footer's QR code as a pdfmake canvas, encoded once per document (issue 6).
 *
 * pdfmake's `{ qr }` node encodes the text again on every page and draws every dark module as a
 * rectangle of its own (each with its own line width, colour and opacity operators); in a class
 * book that was a fifth of the time. Here the same encoder (pdfmake's) runs once, each row's
 * runs of dark modules become one rectangle (stacked equal runs too), and every page gets a copy (pdfmake moves the
 * vectors it places). Same modules, same size, same place: the code looks and scans the same.
 */
import { createRequire } from 'node:module';
import type { CanvasRect, ContentCanvas } from 'pdfmake/interfaces';

interface QrRect {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  color: string;
}

const qrEnc = (createRequire(import.meta.url)('pdfmake/js/qrEnc.js') as { default: { measure(node: object): { _canvas: QrRect[] } } }).default;

/** Returns a function giving a fresh canvas node of the QR code of `text` for each page. */
export function qrCanvas(text: string, options: { fit: number; eccLevel: 'L' | 'M' | 'Q' | 'H'; alignment: 'left' | 'center' | 'right' }): () => ContentCanvas {
  const [background, ...modules] = qrEnc.measure({ qr: text, fit: options.fit, eccLevel: options.eccLevel })._canvas;
  // Modules come row by row, left to right: join each row's neighbours into one rectangle.
  const runs: QrRect[] = [];
  for (const m of modules) {
    const last = runs.at(-1);
    if (last && last.y === m.y && last.h === m.h && last.color === m.color && last.x + last.w === m.x) last.w += m.w;
    else runs.push({ ...m });
  }
  // Then a run continues the rectangle right above it when it spans the same columns.
  const rects: QrRect[] = [];
  const open = new Map<string, QrRect>();
  for (const r of runs) {
    const key = `${r.x}:${r.w}:${r.color}`;
    const above = open.get(key);
    if (above && above.y + above.h === r.y) above.h += r.h;
    else {
      rects.push(r);
      open.set(key, r);
    }
  }
  const vectors = [background, ...rects].map((r) => ({ type: 'rect' as const, x: r.x, y: r.y, w: r.w, h: r.h, lineWidth: 0, color: r.color }));
  return () => ({ canvas: vectors.map((v) => ({ ...v }) as CanvasRect), alignment: options.alignment } as ContentCanvas);
}
