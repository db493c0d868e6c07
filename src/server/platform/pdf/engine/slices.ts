/**
 * What layout produces: slices (strips of a known height the page flow stacks), the resolved style
 * they are laid out with, and the context of one document's layout.
 */
import type { Alignment, NamedStyle } from './nodes.ts';
import type { PageCanvas } from './page-canvas.ts';

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
  styles: Record<string, NamedStyle>;
  /** the smallest page content height: an unbreakable block taller than this is broken */
  maxBlock: number;
}
