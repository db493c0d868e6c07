/**
 * Text into lines: runs of one style (font, size, colour, decoration) are cut into words (a
 * word keeps the spaces after it), words fill a line until the next one would pass the width,
 * "\n" ends a line, a word wider than a whole line is cut by characters. Line height and
 * baseline follow the renderer the forms were first designed with: height = (ascent − descent)
 * × size × lineHeight, baseline at the top + the line's largest ascent.
 */
import { type FontVariant, fontMetrics, textWidth } from './font-set.ts';
import type { PageCanvas } from './page-canvas.ts';

export type Alignment = 'left' | 'center' | 'right' | 'justify';

export interface RunStyle {
  variant: FontVariant;
  fontSize: number;
  lineHeight: number;
  color?: string;
  decoration?: string;
}

export interface Run extends RunStyle {
  text: string;
}

interface Piece extends RunStyle {
  text: string;
  /** advance in points, trailing spaces included */
  width: number;
  /** width of the trailing spaces */
  trail: number;
  x: number;
}

export interface Line {
  pieces: Piece[];
  /** width without the last piece's trailing spaces */
  width: number;
  height: number;
  ascent: number;
  /** ended by "\n" or the end of the text: not stretched when justified */
  last: boolean;
}

const WORDS = /[^ \n]+ *| +/g;

function widthPt(style: RunStyle, text: string): number {
  return (textWidth(style.variant, text) * style.fontSize) / 1000;
}

function emptyLine(style: RunStyle, last: boolean): Line {
  const m = fontMetrics(style.variant);
  return { pieces: [], width: 0, height: m.height * style.fontSize * style.lineHeight, ascent: m.ascent * style.fontSize, last };
}

class LineBuilder {
  readonly lines: Line[] = [];
  line: Line | null = null;
  /** width of the line so far, trailing spaces included */
  width = 0;

  constructor(private readonly merge: boolean) {}

  finish(last: boolean, style: RunStyle): void {
    const line = this.line ?? emptyLine(style, last);
    line.last = last;
    this.lines.push(line);
    this.line = null;
    this.width = 0;
  }

  add(style: RunStyle, text: string, width: number, trail: number): void {
    const line = (this.line ??= { pieces: [], width: 0, height: 0, ascent: 0, last: false });
    const prev = line.pieces.length ? line.pieces[line.pieces.length - 1] : undefined;
    if (this.merge && prev && prev.variant === style.variant && prev.fontSize === style.fontSize && prev.color === style.color && prev.decoration === style.decoration) {
      prev.text += text;
      prev.width += width;
      prev.trail = trail;
    } else {
      const m = fontMetrics(style.variant);
      line.pieces.push({ variant: style.variant, fontSize: style.fontSize, lineHeight: style.lineHeight, color: style.color, decoration: style.decoration, text, width, trail, x: this.width });
      line.height = Math.max(line.height, m.height * style.fontSize * style.lineHeight);
      line.ascent = Math.max(line.ascent, m.ascent * style.fontSize);
    }
    this.width += width;
    line.width = this.width - trail;
  }

  get empty(): boolean {
    return !this.line || !this.line.pieces.length;
  }
}

const cache = new Map<string, Line[]>();

function cacheKey(runs: Run[], maxWidth: number, merge: boolean): string {
  let key = `${Math.round(maxWidth * 100)}|${merge ? 1 : 0}`;
  for (const r of runs) key += `|${r.variant}|${r.fontSize}|${r.lineHeight}|${r.color ?? ''}|${r.decoration ?? ''}|${r.text}`;
  return key;
}

/**
 * Breaks the runs into lines no wider than `maxWidth` points (a too-long word is cut). The
 * result is never changed by its users, so the same text at the same width is broken once per
 * process (forms repeat their labels and most of their values).
 */
export function breakLines(runs: Run[], maxWidth: number, merge: boolean): Line[] {
  const key = cacheKey(runs, maxWidth, merge);
  const hit = cache.get(key);
  if (hit) return hit;
  const lines = breakLinesUncached(runs, maxWidth, merge);
  if (cache.size > 50_000) cache.clear();
  cache.set(key, lines);
  return lines;
}

function breakLinesUncached(runs: Run[], maxWidth: number, merge: boolean): Line[] {
  const b = new LineBuilder(merge);
  let lastStyle: RunStyle | null = null;
  for (const run of runs) {
    lastStyle = run;
    const paragraphs = run.text.indexOf('\n') >= 0 ? run.text.split('\n') : [run.text];
    for (let p = 0; p < paragraphs.length; p++) {
      if (p > 0) b.finish(true, run);
      WORDS.lastIndex = 0;
      const para = paragraphs[p];
      for (let m = WORDS.exec(para); m; m = WORDS.exec(para)) {
        let word = m[0];
        const trimmed = word.trimEnd();
        if (!trimmed && b.empty) continue; // spaces at the start of a line
        let full = widthPt(run, word);
        let bare = trimmed.length === word.length ? full : widthPt(run, trimmed);
        if (!b.empty && b.width + bare > maxWidth + 0.01) b.finish(false, run);
        // A word longer than a line: as many characters as fit, then the rest on new lines.
        while (bare > maxWidth + 0.01 && trimmed.length > 1) {
          let cut = 1;
          while (cut < word.length && widthPt(run, word.slice(0, cut + 1)) <= maxWidth + 0.01) cut++;
          const head = word.slice(0, cut);
          b.add(run, head, widthPt(run, head), 0);
          b.finish(false, run);
          word = word.slice(cut);
          if (!word.trim()) break;
          full = widthPt(run, word);
          bare = widthPt(run, word.trimEnd());
        }
        if (!word.trim() && b.empty) continue;
        b.add(run, word, full, full - bare);
      }
    }
  }
  if (b.line || (lastStyle && !b.lines.length && runs.some((r) => r.text.length > 0))) b.finish(true, lastStyle ?? runs[0]);
  return b.lines;
}

/** Draws a line whose box starts at (x, top) in a column `maxWidth` wide. */
export function drawLine(page: PageCanvas, line: Line, x: number, top: number, maxWidth: number, alignment: Alignment): void {
  const free = maxWidth - line.width;
  const dx = alignment === 'center' ? free / 2 : alignment === 'right' ? free : 0;
  let stretch = 0;
  if (alignment === 'justify' && !line.last && line.pieces.length > 1 && free > 0) stretch = free / (line.pieces.length - 1);
  const baseline = top + line.ascent;
  for (let i = 0; i < line.pieces.length; i++) {
    const p = line.pieces[i];
    const px = x + dx + p.x + stretch * i;
    page.text(px, baseline, p.variant, p.fontSize, p.text, p.color);
    if (p.decoration === 'underline' || p.decoration === 'lineThrough') {
      const m = fontMetrics(p.variant);
      const ascent = m.ascent * p.fontSize;
      const descent = m.height * p.fontSize * p.lineHeight - ascent;
      const y = p.decoration === 'underline' ? top + line.ascent + descent * 0.45 : top + line.ascent - ascent * 0.25;
      const lw = 0.5 + Math.floor(Math.max(p.fontSize - 8, 0) / 2) * 0.12;
      page.lines([px, y, px + p.width - p.trail, y], { width: lw, color: p.color });
    }
  }
}

/** The widest line when only "\n" breaks (the natural width of an 'auto' column). */
export function naturalWidth(runs: Run[]): number {
  let best = 0;
  let cur = 0;
  for (const run of runs) {
    const parts = run.text.split('\n');
    parts.forEach((part, i) => {
      if (i > 0) {
        best = Math.max(best, cur);
        cur = 0;
      }
      cur += widthPt(run, part);
    });
  }
  return Math.max(best, cur);
}
