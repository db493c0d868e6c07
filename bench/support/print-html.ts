/**
 * The Chromium baseline's input: an HTML page with the same content as one of our PDFs, made from
 * the very document definition our builder rendered (so the same tables, rows, cells, spans,
 * texts and page breaks): text runs → spans, stacks → divs, columns → flex rows, tables →
 * <table> with <colgroup> widths, a <thead> for the header rows (Chromium repeats it on every
 * page, as our writer does), rowSpan/colSpan, unbreakable blocks and rows → break-inside: avoid,
 * landscape sections → a named landscape @page, canvas lines/boxes and the QR code → inline SVG.
 * The running title and the footer ("Trang x/y", document id, address, QR) become Chromium's
 * header and footer templates. Font: Liberation Serif (the system's Times metrics; Tinos is its
 * twin), so Chromium embeds a subset as our writer does.
 */
import type { NamedStyle, PdfDocument } from '../../src/server/platform/pdf/engine/nodes.ts';

type StyleDictionary = Record<string, NamedStyle>;

type Node = Record<string, unknown>;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const pt = (n: number) => `${+n.toFixed(2)}pt`;
const MM_PER_PT = 25.4 / 72;
/** Our writer's line is lineHeight × (ascender − descender + lineGap) of the font: 1.15 em for Tinos (Times metrics). */
const LINE = (1825 + 443 + 87) / 2048;

function box(m: unknown): string {
  if (typeof m === 'number') return pt(m);
  if (Array.isArray(m) && m.length === 2) return `${pt(m[1])} ${pt(m[0])}`;
  if (Array.isArray(m) && m.length === 4) return `${pt(m[1])} ${pt(m[2])} ${pt(m[3])} ${pt(m[0])}`;
  return '';
}

/** The node's own style properties (named styles first, then its own), as CSS. */
function css(node: Node, styles: StyleDictionary): string {
  const names = node.style === undefined ? [] : Array.isArray(node.style) ? node.style : [node.style];
  const p: Node = {};
  for (const n of names) if (typeof n === 'string') Object.assign(p, styles[n]);
  else if (n && typeof n === 'object') Object.assign(p, n);
  for (const k of ['fontSize', 'bold', 'italics', 'alignment', 'decoration', 'color', 'lineHeight', 'fillColor']) if (node[k] !== undefined) p[k] = node[k];
  const out: string[] = [];
  if (p.fontSize !== undefined) out.push(`font-size:${pt(p.fontSize as number)}`);
  if (p.bold !== undefined) out.push(`font-weight:${p.bold ? 'bold' : 'normal'}`);
  if (p.italics !== undefined) out.push(`font-style:${p.italics ? 'italic' : 'normal'}`);
  if (p.alignment) out.push(`text-align:${p.alignment}`);
  if (p.decoration === 'underline') out.push('text-decoration:underline');
  if (p.color) out.push(`color:${p.color}`);
  if (p.lineHeight !== undefined) out.push(`line-height:${+((p.lineHeight as number) * LINE).toFixed(3)}`);
  if (p.fillColor) out.push(`background:${p.fillColor}`);
  if (node.margin !== undefined) out.push(`margin:${box(node.margin)}`);
  if (node.unbreakable) out.push('break-inside:avoid');
  if (node.pageBreak === 'before') out.push('break-before:page');
  if (node.pageBreak === 'after') out.push('break-after:page');
  return out.join(';');
}

function inline(run: unknown, styles: StyleDictionary): string {
  if (typeof run === 'string' || typeof run === 'number') return esc(String(run));
  if (Array.isArray(run)) return run.map((r) => inline(r, styles)).join('');
  const n = run as Node;
  const s = css({ ...n, margin: undefined }, styles);
  return `<span${s ? ` style="${s}"` : ''}>${inline(n.text, styles)}</span>`;
}

function svgCanvas(items: Node[]): string {
  let w = 1;
  let h = 1;
  const parts = items.map((c) => {
    const lw = (c.lineWidth as number | undefined) ?? 1;
    if (c.type === 'line') {
      w = Math.max(w, c.x1 as number, c.x2 as number);
      h = Math.max(h, (c.y1 as number) + lw, (c.y2 as number) + lw);
      const dash = c.dash ? ` stroke-dasharray="${(c.dash as Node).length} ${(c.dash as Node).space ?? (c.dash as Node).length}"` : '';
      return `<line x1="${c.x1}" y1="${c.y1}" x2="${c.x2}" y2="${c.y2}" stroke="black" stroke-width="${lw}"${dash}/>`;
    }
    if (c.type === 'rect') {
      w = Math.max(w, (c.x as number) + (c.w as number) + lw);
      h = Math.max(h, (c.y as number) + (c.h as number) + lw);
      return `<rect x="${c.x}" y="${c.y}" width="${c.w}" height="${c.h}" fill="${c.color ?? 'none'}" stroke="${lw ? 'black' : 'none'}" stroke-width="${lw}"/>`;
    }
    return '';
  });
  return `<svg width="${pt(w)}" height="${pt(h)}" viewBox="0 0 ${w} ${h}" style="display:block">${parts.join('')}</svg>`;
}

function table(n: Node, styles: StyleDictionary, s: string): string {
  const t = n.table as { body: unknown[][]; widths?: (number | string)[]; headerRows?: number; dontBreakRows?: boolean };
  const cols = t.body[0]?.length ?? 0;
  const covered = new Set<string>();
  const rowHtml = (row: unknown[], r: number) => {
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (covered.has(`${r}:${c}`)) return;
      const cn = (cell && typeof cell === 'object' && !Array.isArray(cell) ? cell : { text: cell ?? '' }) as Node;
      const cs = (cn.colSpan as number) ?? 1;
      const rs = (cn.rowSpan as number) ?? 1;
      for (let i = 0; i < rs; i++) for (let j = 0; j < cs; j++) if (i || j) covered.add(`${r + i}:${c + j}`);
      const span = `${cs > 1 ? ` colspan="${cs}"` : ''}${rs > 1 ? ` rowspan="${rs}"` : ''}`;
      const st = css({ ...cn, margin: undefined }, styles);
      cells.push(`<td${span}${st ? ` style="${st}"` : ''}>${node({ ...cn, colSpan: undefined, rowSpan: undefined, style: undefined, fillColor: undefined }, styles)}</td>`);
    });
    return `<tr>${cells.join('')}</tr>`;
  };
  const head = t.body.slice(0, t.headerRows ?? 0).map((row, r) => rowHtml(row, r));
  const body = t.body.slice(t.headerRows ?? 0).map((row, r) => rowHtml(row, r + (t.headerRows ?? 0)));
  const widths = (t.widths ?? Array.from({ length: cols }, () => '*')).map((w) => (w && typeof w === 'object' ? (w as { width: number | string }).width : w));
  // Our widths exclude the cell padding (the layout's); CSS fixed-layout columns include it.
  const lay = (n.layout ?? {}) as Record<string, number | undefined>;
  const px = (lay.paddingLeft ?? 4) + (lay.paddingRight ?? 4);
  const colgroup = `<colgroup>${widths.map((w) => (typeof w === 'number' ? `<col style="width:${pt(w + px + 0.5)}">` : '<col>')).join('')}</colgroup>`;
  const fixed = widths.every((w) => typeof w === 'number') ? `width:${pt(widths.reduce((a: number, w) => a + (w as number) + px + 0.5, 0))};` : '';
  const grid = ` class="p${lay.paddingTop ?? 2}-${lay.paddingLeft ?? 4}"`;
  return `<table${grid} style="${fixed}${s}"${t.dontBreakRows ? ' data-rows="keep"' : ''}>${colgroup}${head.length ? `<thead>${head.join('')}</thead>` : ''}<tbody>${body.join('')}</tbody></table>`;
}

export function node(c: unknown, styles: StyleDictionary): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string' || typeof c === 'number') return `<div>${esc(String(c)) || '&nbsp;'}</div>`;
  if (Array.isArray(c)) return c.map((x) => node(x, styles)).join('');
  const n = c as Node;
  let s = css(n, styles);
  if (n.pageOrientation === 'landscape') s = `page:landscape;${s}`;
  const attr = s ? ` style="${s}"` : '';
  if (n.stack) return `<div${attr}>${node(n.stack, styles)}</div>`;
  if (n.columns) {
    const gap = (n.columnGap as number | undefined) ?? 0;
    const cols = (n.columns as Node[]).map((col) => {
      const w = col.width;
      const flex = typeof w === 'number' ? `flex:0 0 ${pt(w)}` : w === 'auto' ? 'flex:0 0 auto' : 'flex:1 1 0';
      return `<div style="${flex};min-width:0">${node({ ...col, width: undefined }, styles)}</div>`;
    });
    return `<div style="display:flex;gap:${pt(gap)};${s}">${cols.join('')}</div>`;
  }
  if (n.table) return table(n, styles, s);
  if (n.canvas) return `<div${attr}>${svgCanvas(n.canvas as Node[])}</div>`;
  if (n.ol || n.ul) {
    const tag = n.ol ? 'ol' : 'ul';
    return `<${tag}${attr}>${((n.ol ?? n.ul) as unknown[]).map((li) => `<li>${node(li, styles)}</li>`).join('')}</${tag}>`;
  }
  if (n.text !== undefined) {
    const body = inline(n.text, styles);
    return `<div${attr}>${body || '&nbsp;'}</div>`;
  }
  return `<div${attr}></div>`;
}

export interface PrintableHtml {
  html: string;
  headerTemplate: string;
  footerTemplate: string;
  margin: { top: string; right: string; bottom: string; left: string };
}

const PAGE = 987_651;
const PAGES = 987_652;

/** The HTML page (and Chromium header/footer templates) equivalent to a document definition. */
export function definitionToHtml(def: PdfDocument): PrintableHtml {
  const styles = def.styles ?? {};
  const [l, t, r, b] = def.pageMargins;
  const mm = (v: number) => `${(v * MM_PER_PT).toFixed(2)}mm`;
  const d = (def.defaultStyle ?? {}) as Node;
  const head = `<style>
@page { size: A4 portrait; margin: ${mm(t)} ${mm(r)} ${mm(b)} ${mm(l)}; }
@page landscape { size: A4 landscape; }
html { -webkit-print-color-adjust: exact; }
body { margin: 0; font-family: 'Liberation Serif', 'Times New Roman', serif; font-size: ${pt((d.fontSize as number) ?? 12)}; line-height: ${+(((d.lineHeight as number) ?? 1) * LINE).toFixed(3)}; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; }
table.p2-3 td { padding: 2pt 3pt; }
table.p1-2 td { padding: 1pt 2pt; }
table[data-rows="keep"] tr { break-inside: avoid; }
thead { display: table-header-group; }
ol, ul { margin: 0; padding-left: 14pt; }
</style>`;
  const html = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title></title>${head}</head><body>${node(def.content, styles)}</body></html>`;
  const tpl = (c: unknown) =>
    `<div style="width:100%;box-sizing:border-box;padding:0 ${mm(r)} 0 ${mm(l)};font-family:'Liberation Serif',serif;font-size:7.5pt">${node(c, styles)
      .replace(String(PAGE), '<span class="pageNumber"></span>')
      .replace(String(PAGES), '<span class="totalPages"></span>')}</div>`;
  const header = def.header?.(2, PAGES);
  const footer = def.footer?.(PAGE, PAGES);
  return {
    html,
    headerTemplate: tpl({ ...(header as unknown as Node), margin: undefined }),
    footerTemplate: tpl({ ...(footer as unknown as Node), margin: undefined }),
    margin: { top: mm(t), right: mm(r), bottom: mm(b), left: mm(l) },
  };
}
