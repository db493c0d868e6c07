/**
 * One page's content stream, written with y measured from the top of the page (as the layout
 * thinks) and flipped to PDF's bottom-up space here. Only what the forms need: text runs in an
 * embedded font, straight lines (solid or dashed), rectangles stroked or filled, colours.
 *
 * Numbers are written with at most two decimals (1/7200 inch: far below what prints), and the
 * graphics state is written only when it changes.
 */
import { ContentWriter } from './content-writer.ts';
import type { DocumentFonts, FontVariant } from './font-set.ts';

export function num(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/** '#333333' or 'black' → 'r g b' in 0..1, or null for black. */
function rgb(color: string | undefined): string | null {
  if (!color || color === 'black' || color === '#000000' || color === '#000') return null;
  const named: Record<string, string> = { white: '#ffffff', red: '#ff0000', gray: '#808080', grey: '#808080' };
  const hex = (named[color] ?? color).replace('#', '');
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  const v = Number.parseInt(full, 16);
  if (!Number.isFinite(v) || full.length !== 6) return null;
  return `${num(((v >> 16) & 255) / 255)} ${num(((v >> 8) & 255) / 255)} ${num((v & 255) / 255)}`;
}

export interface StrokeStyle {
  width: number;
  color?: string;
  dash?: { length: number; space?: number };
}

export class PageCanvas {
  readonly out = new ContentWriter();
  private fill: string | null = null;
  private stroke: string | null = null;
  private lineWidth = -1;
  private dash = '';

  constructor(
    readonly width: number,
    readonly height: number,
    private readonly fonts: DocumentFonts,
  ) {}

  private fillColor(color: string | undefined): void {
    const c = rgb(color);
    if (c === this.fill) return;
    this.fill = c;
    this.out.ascii(`${c ?? '0 0 0'} rg\n`);
  }

  private strokeStyle(s: StrokeStyle): void {
    const c = rgb(s.color);
    if (c !== this.stroke) {
      this.stroke = c;
      this.out.ascii(`${c ?? '0 0 0'} RG\n`);
    }
    if (s.width !== this.lineWidth) {
      this.lineWidth = s.width;
      this.out.num(s.width).ascii('w\n');
    }
    const d = s.dash ? `[${num(s.dash.length)} ${num(s.dash.space ?? s.dash.length)}] 0 d` : '[] 0 d';
    if (d !== this.dash) {
      this.dash = d;
      this.out.ascii(`${d}\n`);
    }
  }

  /** Text whose baseline starts at (x, y): one run of one font, size and colour. */
  text(x: number, y: number, variant: FontVariant, size: number, text: string, color?: string): void {
    if (!text) return;
    this.fillColor(color);
    const o = this.out;
    o.ascii('BT /').ascii(this.fonts.resourceName(variant)).byte(32).num(size).ascii('Tf 1 0 0 1 ').num(x).num(this.height - y).ascii('Tm <');
    this.fonts.encode(variant, text, o);
    o.ascii('> Tj ET\n');
  }

  /** Straight segments [x1, y1, x2, y2, …] stroked with one style in one path. */
  lines(segments: number[], style: StrokeStyle): void {
    if (!segments.length || style.width <= 0) return;
    this.strokeStyle(style);
    const h = this.height;
    const o = this.out;
    for (let i = 0; i < segments.length; i += 4) {
      o.num(segments[i]).num(h - segments[i + 1]).ascii('m ').num(segments[i + 2]).num(h - segments[i + 3]).ascii('l\n');
    }
    o.ascii('S\n');
  }

  rect(x: number, y: number, w: number, h: number, opts: { fill?: string; stroke?: StrokeStyle }): void {
    const stroke = opts.stroke && opts.stroke.width > 0 ? opts.stroke : undefined;
    if (!opts.fill && !stroke) return;
    if (opts.fill) this.fillColor(opts.fill);
    if (stroke) this.strokeStyle(stroke);
    this.out.num(x).num(this.height - y - h).num(w).num(h).ascii(opts.fill && stroke ? 're B\n' : opts.fill ? 're f\n' : 're S\n');
  }

  /** Many filled rectangles of one colour in one path (a QR code). */
  fillRects(rects: number[], color: string): void {
    this.fillColor(color);
    const h = this.height;
    const o = this.out;
    for (let i = 0; i < rects.length; i += 4) o.num(rects[i]).num(h - rects[i + 1] - rects[i + 3]).num(rects[i + 2]).num(rects[i + 3]).ascii('re\n');
    o.ascii('f\n');
  }

  content(): Buffer {
    return this.out.bytes();
  }
}
