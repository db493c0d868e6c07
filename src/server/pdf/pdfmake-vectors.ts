/**
 * A shorter road for the commonest vectors pdfmake draws (issue 6): the table rules (solid lines
 * in one colour) and filled rectangles (the QR code's modules). pdfmake's Renderer.renderVector
 * makes some ten pdfkit calls per vector — line width, dash, join, cap, the path, the colour
 * (normalised again each time), the opacity state, the paint operator — which made it the
 * largest single piece of rendering a class book (a rule per cell side).
 *
 * For those vectors this writes exactly the operators pdfkit would write, in the same order, in
 * one piece; any other vector (dashes, gradients, patterns, opacity, joins or caps, ellipses,
 * polylines, paths) and the first use of an opacity state go through pdfmake as before. The
 * tests check the bytes are the same.
 *
 * Pinned to pdfmake 0.3's Renderer and pdfkit 0.19's operators (`_normalizeColor`,
 * `_opacityRegistry`, `page.ext_gstates`, `_fillColor`, `addContent`).
 */
import { createRequire } from 'node:module';

interface Vector {
  type: string;
  x?: number;
  y?: number;
  w?: number;
  h?: number;
  r?: number;
  x1?: number;
  y1?: number;
  x2?: number;
  y2?: number;
  lineWidth?: number;
  dash?: unknown;
  lineJoin?: unknown;
  lineCap?: unknown;
  linearGradient?: unknown;
  color?: unknown;
  lineColor?: unknown;
  fillOpacity?: unknown;
  strokeOpacity?: unknown;
}

interface PdfKitDocument {
  _normalizeColor(color: unknown): unknown;
  _opacityRegistry: Record<string, [unknown, string] | undefined>;
  _fillColor?: unknown;
  page: { ext_gstates: Record<string, unknown> };
  addContent(data: string): unknown;
}

interface Renderer {
  pdfDocument: PdfKitDocument;
  renderVector(vector: Vector): void;
}

/** pdfkit's number formatting (PDFObject.number). */
function num(n: number): number {
  if (n > -1e21 && n < 1e21) return Math.round(n * 1e6) / 1e6;
  throw new Error(`unsupported number: ${n}`);
}

/**
 * "r g b" as pdfkit writes the colour pdfmake resolves (`resolveColor(color, 'black')`: an
 * unknown colour name is black), or null when it is not a plain RGB colour given as a string.
 */
function rgbOf(doc: PdfKitDocument, color: unknown): string | null {
  const c = color || 'black';
  if (typeof c !== 'string') return null;
  const normalized = doc._normalizeColor(c);
  if (normalized === null) return c === 'black' ? null : rgbOf(doc, 'black');
  return Array.isArray(normalized) && normalized.length === 3 ? normalized.join(' ') : null;
}

/** The opacity state pdfkit would select for `key` ("null_1": stroke, "1_null": fill), if made already. */
function opacityState(doc: PdfKitDocument, key: string): string | null {
  const entry = doc._opacityRegistry[key];
  if (!entry) return null;
  doc.page.ext_gstates[entry[1]] = entry[0];
  return entry[1];
}

let installed = false;

export function speedUpPdfmakeVectors(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(import.meta.url);
  const RendererClass = (require('pdfmake/js/Renderer.js') as { default: { prototype: Renderer & { fastVectors?: boolean } } }).default;
  const proto = RendererClass.prototype;
  if (proto.fastVectors) return;
  const original = proto.renderVector;

  proto.renderVector = function (this: Renderer, v: Vector): void {
    const plain = !v.dash && !v.lineJoin && !v.lineCap && !v.linearGradient;
    const doc = this.pdfDocument;
    if (plain && v.type === 'line' && !v.color && v.strokeOpacity === undefined) {
      const rgb = rgbOf(doc, v.lineColor);
      const gs = rgb === null ? null : opacityState(doc, 'null_1');
      if (gs) {
        doc.addContent(`${num(v.lineWidth || 1)} w\n[] 0 d\n0 j\n0 J\n${num(v.x1!)} ${num(v.y1!)} m\n${num(v.x2!)} ${num(v.y2!)} l\n/DeviceRGB CS\n${rgb} SCN\n/${gs} gs\nS`);
        return;
      }
    } else if (plain && v.type === 'rect' && !v.r && typeof v.color === 'string' && !v.lineColor && v.fillOpacity === undefined) {
      const rgb = doc._normalizeColor(v.color) === null ? null : rgbOf(doc, v.color);
      const gs = rgb === null ? null : opacityState(doc, '1_null');
      if (gs) {
        doc.addContent(`${num(v.lineWidth || 1)} w\n[] 0 d\n0 j\n0 J\n${num(v.x!)} ${num(v.y!)} ${num(v.w!)} ${num(v.h!)} re\n/DeviceRGB cs\n${rgb} scn\n/${gs} gs\nf`);
        doc._fillColor = [v.color, 1];
        return;
      }
    }
    original.call(this, v);
  };
  proto.fastVectors = true;
}
