/**
 * The document language of our PDF writer: exactly what the engine lays out, nothing more. The
 * shapes are those of the declarative definitions the forms were first designed in, cut to what
 * the templates use: text (plain or styled runs), stack, columns, table, canvas (lines and
 * rectangles: rules, check boxes, the QR code), numbered list, margins, named styles, page
 * breaks with a change of orientation, unbreakable blocks. The layout checks every node against
 * this (check-nodes.ts): anything else is an error naming the node, never a blank.
 */

export type Orientation = 'portrait' | 'landscape';
export type Alignment = 'left' | 'center' | 'right' | 'justify';
/** All sides; [horizontal, vertical]; or [left, top, right, bottom]. */
export type Margin = number | [number, number] | [number, number, number, number];

/** What a run of text can set (and inherits from the nodes around it). */
export interface RunStyle {
  fontSize?: number;
  bold?: boolean;
  italics?: boolean;
  color?: string;
  lineHeight?: number;
  decoration?: 'underline' | 'lineThrough';
}

/** What a block sets for the text inside it. */
export interface TextStyle extends RunStyle {
  alignment?: Alignment;
}

/** A named style of the document's dictionary (`style: 'th'`). */
export interface NamedStyle extends TextStyle {
  margin?: Margin;
}

/** Text inside a text node: a string, a styled run, or a sequence of them. */
export type PdfInline = string | PdfRun | PdfInline[];

export interface PdfRun extends RunStyle {
  text: PdfInline;
  style?: string;
}

/** What every block may carry besides its content. */
export interface BlockProps extends TextStyle {
  style?: string;
  margin?: Margin;
  /** a new page before or after the node; `pageOrientation` is the new page's */
  pageBreak?: 'before' | 'after';
  pageOrientation?: Orientation;
  /** kept on one page (unless taller than a page) */
  unbreakable?: boolean;
  /** a heading: kept whole on the page where the next block starts (and that block's own kept-together start, e.g. a table's header and first row) */
  keepWithNext?: boolean;
  /** the gap between the columns of a columns node (inherited by the columns inside) */
  columnGap?: number;
  /** as a column: points, '*' (a share of what is left) or 'auto' (the content's natural width) */
  width?: number | '*' | 'auto';
  /** as a table cell: how many columns and rows it covers */
  colSpan?: number;
  rowSpan?: number;
}

export interface TextNode extends BlockProps {
  text: PdfInline;
}

export interface StackNode extends BlockProps {
  stack: PdfNode[];
}

export interface ColumnsNode extends BlockProps {
  columns: PdfNode[];
}

export interface TableNode extends BlockProps {
  table: PdfTable;
  layout?: TableLayout;
}

export interface CanvasNode extends BlockProps {
  canvas: Vector[];
}

/** A numbered list ("1. ", "2. " …). */
export interface ListNode extends BlockProps {
  ol: PdfNode[];
}

export type PdfNode = TextNode | StackNode | ColumnsNode | TableNode | CanvasNode | ListNode;

/** The empty object standing where a colSpan or rowSpan covers a cell. */
export type Covered = Record<string, never>;
export const SPANNED: Covered = {};

export type PdfCell = PdfNode | Covered;

export interface PdfTable {
  body: PdfCell[][];
  /** points or '*' (the columns share what is left); all '*' when omitted */
  widths?: (number | '*')[];
  /** rows repeated at the top of every page the table runs onto */
  headerRows?: number;
  /** rows are never split across pages (the engine's only way): kept for the Chromium baseline */
  dontBreakRows?: true;
}

/** One table's rules and paddings (the same for every line and cell). */
export interface TableLayout {
  hLineWidth?: number;
  vLineWidth?: number;
  hLineColor?: string;
  vLineColor?: string;
  paddingLeft?: number;
  paddingRight?: number;
  paddingTop?: number;
  paddingBottom?: number;
}

interface StrokeProps {
  /** 1 when omitted; 0 draws no outline */
  lineWidth?: number;
  lineColor?: string;
  dash?: { length: number; space?: number };
}

export interface LineVector extends StrokeProps {
  type: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface RectVector extends StrokeProps {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  /** the fill */
  color?: string;
}

export type Vector = LineVector | RectVector;

/** A whole document: A4 pages, Tinos. */
export interface PdfDocument {
  pageOrientation?: Orientation;
  /** left, top, right, bottom */
  pageMargins: [number, number, number, number];
  styles?: Record<string, NamedStyle>;
  defaultStyle?: TextStyle;
  /** drawn at the top of each page, knowing its number and the page count */
  header?: (currentPage: number, pageCount: number) => PdfNode | null;
  /** drawn in the bottom margin of each page */
  footer?: (currentPage: number, pageCount: number) => PdfNode | null;
  content: PdfNode[];
}
