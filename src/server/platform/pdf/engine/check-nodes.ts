/**
 * The guard of the document language (nodes.ts): a node, run, vector, table or property the
 * engine does not draw is an error naming it, so a template can never lose content silently.
 * The types say the same at compile time; this holds for definitions built past them.
 */
import type { PdfNode } from './nodes.ts';

export type Kind = 'text' | 'stack' | 'columns' | 'table' | 'canvas' | 'ol';

const KINDS = new Set<string>(['text', 'stack', 'columns', 'table', 'canvas', 'ol']);
const RUN_STYLE = ['fontSize', 'bold', 'italics', 'color', 'lineHeight', 'decoration'];
const TEXT_STYLE = [...RUN_STYLE, 'alignment'];
const BLOCK = new Set([...TEXT_STYLE, 'style', 'margin', 'pageBreak', 'pageOrientation', 'unbreakable', 'keepWithNext', 'columnGap', 'width', 'colSpan', 'rowSpan']);
const RUN = new Set([...RUN_STYLE, 'text', 'style']);
const NAMED_STYLE = new Set([...TEXT_STYLE, 'margin']);
const TABLE = new Set(['body', 'widths', 'headerRows', 'dontBreakRows']);
const LAYOUT = new Set(['hLineWidth', 'vLineWidth', 'hLineColor', 'vLineColor', 'paddingLeft', 'paddingRight', 'paddingTop', 'paddingBottom']);
const VECTOR: Record<string, Set<string>> = {
  line: new Set(['type', 'x1', 'y1', 'x2', 'y2', 'lineWidth', 'lineColor', 'dash']),
  rect: new Set(['type', 'x', 'y', 'w', 'h', 'color', 'lineWidth', 'lineColor', 'dash']),
};
const DOCUMENT = new Set(['pageOrientation', 'pageMargins', 'styles', 'defaultStyle', 'header', 'footer', 'content']);
const ALIGNMENTS = new Set(['left', 'center', 'right', 'justify']);
const DECORATIONS = new Set(['underline', 'lineThrough']);

/** A short picture of a node for an error message. */
function show(value: unknown): string {
  const json = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'function' ? '[function]' : v)) ?? String(value);
  return json.length > 160 ? `${json.slice(0, 160)}…` : json;
}

/** The error for a node (or run, vector…) the engine cannot draw as given. */
export function nodeError(what: string, value: unknown, problem: string): Error {
  return new Error(`PDF: ${what} ${problem}: ${show(value)}`);
}

function checkKeys(value: object, allowed: Set<string>, what: string): void {
  for (const key in value) {
    if (!allowed.has(key) && (value as Record<string, unknown>)[key] !== undefined) throw nodeError(what, value, `has an unsupported property "${key}"`);
  }
}

function checkTextStyle(value: Record<string, unknown>, what: string): void {
  if (value.alignment !== undefined && !ALIGNMENTS.has(value.alignment as string)) throw nodeError(what, value, `has an unsupported alignment "${String(value.alignment)}"`);
  if (value.decoration !== undefined && !DECORATIONS.has(value.decoration as string)) throw nodeError(what, value, `has an unsupported decoration "${String(value.decoration)}"`);
}

/** The node's kind, once it is known to carry nothing the engine would not draw. */
export function kindOf(node: PdfNode): Kind {
  if (!node || typeof node !== 'object' || Array.isArray(node)) throw nodeError('a node', node, 'is not a node object ({ text }, { stack } …)');
  const n = node as unknown as Record<string, unknown>;
  let kind: Kind | undefined;
  let unsupported: string | undefined;
  for (const key in n) {
    if (n[key] === undefined) continue;
    if (KINDS.has(key)) {
      if (kind) throw nodeError(`a ${kind} node`, node, `is also a ${key} node`);
      kind = key as Kind;
    } else if (!BLOCK.has(key) && key !== 'layout') unsupported ??= key;
  }
  const what = kind ? `a ${kind} node` : 'a node';
  if (unsupported) throw nodeError(what, node, `has an unsupported property "${unsupported}"`);
  if (!kind) {
    const problem = Object.keys(n).length ? 'has no content (text, stack, columns, table, canvas or ol)' : 'is the {} of a cell covered by a span, outside any span';
    throw nodeError(what, node, problem);
  }
  if (n.layout !== undefined && kind !== 'table') throw nodeError(what, node, 'has a table layout');
  checkTextStyle(n, what);
  if (n.pageOrientation !== undefined && n.pageBreak === undefined) throw nodeError(what, node, 'sets pageOrientation without a pageBreak');
  if (typeof n.width === 'string' && n.width !== '*' && n.width !== 'auto') throw nodeError(what, node, `has an unsupported width "${n.width}"`);
  return kind;
}

/** A styled run inside a text node. */
export function checkRun(run: object): void {
  checkKeys(run, RUN, 'a text run');
  checkTextStyle(run as Record<string, unknown>, 'a text run');
}

export function checkTable(node: { table: object; layout?: unknown }): void {
  checkKeys(node.table, TABLE, 'a table');
  const t = node.table as Record<string, unknown>;
  if (t.dontBreakRows !== undefined && t.dontBreakRows !== true) throw nodeError('a table', t, 'asks for rows broken across pages');
  if (node.layout !== undefined) {
    if (!node.layout || typeof node.layout !== 'object') throw nodeError('a table node', node, 'has an unsupported layout');
    for (const [key, v] of Object.entries(node.layout)) {
      if (!LAYOUT.has(key)) throw nodeError('a table layout', node.layout, `has an unsupported property "${key}"`);
      if (typeof v !== (key.endsWith('Color') ? 'string' : 'number')) throw nodeError('a table layout', node.layout, `has "${key}" that is not a constant (one value for every line and cell)`);
    }
  }
}

export function checkVector(vector: { type?: unknown }): void {
  const allowed = VECTOR[vector?.type as string];
  if (!allowed) throw nodeError('a canvas vector', vector, 'is neither a line nor a rect');
  checkKeys(vector, allowed, `a canvas ${vector.type as string}`);
}

export function checkDocument(def: object): void {
  checkKeys(def, DOCUMENT, 'the document');
  const d = def as { styles?: Record<string, object>; defaultStyle?: object };
  for (const [name, style] of Object.entries(d.styles ?? {})) {
    checkKeys(style, NAMED_STYLE, `the style "${name}"`);
    checkTextStyle(style as Record<string, unknown>, `the style "${name}"`);
  }
  if (d.defaultStyle) {
    checkKeys(d.defaultStyle, new Set(TEXT_STYLE), 'the default style');
    checkTextStyle(d.defaultStyle as Record<string, unknown>, 'the default style');
  }
}
