/**
 * The page frame every printed document shares (Nghị định 30/2020/NĐ-CP layout of
 * administrative documents, adapted for school records):
 *
 * - A4, portrait or landscape; margins: left 30 mm (binding), right 25 mm of which the outer
 *   strip stays blank for the cross-page seal (đóng dấu giáp lai), top 20 mm, bottom 22 mm
 *   (the footer lives there);
 * - the first-page heading: the governing office over the school on the left, the national
 *   title and motto on the right, then the place-and-date line;
 * - a footer on every page: document id and verification address, "Trang x/y", a QR code of
 *   the verification address; a small running title on pages 2+;
 * - signature blocks, check boxes, writing lines, a thin-ruled table layout.
 *
 * Everything here is a function of plain data; nothing reads the database or the clock.
 */
import type { CanvasNode, NamedStyle, Orientation, PdfDocument, PdfNode, StackNode, TableLayout, TextNode, Vector } from './engine/nodes.ts';
import { qrCanvas } from './qr-canvas.ts';

export const MM = 72 / 25.4;
const A4 = { width: 595.28, height: 841.89 };

/** Left, top, right, bottom in points. The right margin holds the seal strip. */
export const PAGE_MARGINS: [number, number, number, number] = [30 * MM, 20 * MM, 25 * MM, 22 * MM];
/** Width of the right-edge strip kept free for the cross-page seal (inside the right margin). */
export const SEAL_STRIP_MM = 20;

export function contentWidth(orientation: Orientation = 'portrait'): number {
  const width = orientation === 'landscape' ? A4.height : A4.width;
  return width - PAGE_MARGINS[0] - PAGE_MARGINS[2];
}

export const STYLES: Record<string, NamedStyle> = {
  authority: { fontSize: 11.5 },
  school: { fontSize: 12, bold: true },
  nation: { fontSize: 12, bold: true },
  motto: { fontSize: 13, bold: true },
  placeDate: { fontSize: 13, italics: true },
  title: { fontSize: 14, bold: true, alignment: 'center' },
  subtitle: { fontSize: 13, alignment: 'center' },
  th: { fontSize: 10, bold: true, alignment: 'center' },
  td: { fontSize: 10 },
  small: { fontSize: 9 },
  footer: { fontSize: 7.5, color: '#333333' },
  sigTitle: { fontSize: 12, bold: true, alignment: 'center' },
  sigCaption: { fontSize: 11, italics: true, alignment: 'center' },
  sigName: { fontSize: 12, bold: true, alignment: 'center' },
};

/** Thin black rules, modest padding: the look of a ruled school form. */
export const GRID_LAYOUT: TableLayout = {
  hLineWidth: 0.5,
  vLineWidth: 0.5,
  hLineColor: '#000000',
  vLineColor: '#000000',
  paddingLeft: 3,
  paddingRight: 3,
  paddingTop: 2,
  paddingBottom: 2,
};

/** "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO …" over "TRƯỜNG …"; `number` prints "Số: …" under them. */
export interface SchoolHeading {
  authority: string;
  school: string;
  number?: string;
}

/** A day of the calendar as printed; null leaves blanks to fill by hand. */
export interface PrintDate {
  day: number;
  month: number;
  year: number;
}

export interface PlaceDate {
  /** The locality, e.g. "Mỹ Hào"; null prints a blank. */
  place: string | null;
  date: PrintDate | null;
}

/**
 * "Mỹ Hào, ngày 05 tháng 11 năm 2025". Nghị định 30: days below 10 and the months 1 and 2
 * take a leading zero; blanks when the date or place is not known yet.
 */
export function placeDateText(pd: PlaceDate): string {
  const place = pd.place ?? '……………';
  if (!pd.date) return `${place}, ngày …… tháng …… năm ……`;
  const { day, month, year } = pd.date;
  const dd = String(day).padStart(2, '0');
  const mm = month <= 2 ? String(month).padStart(2, '0') : String(month);
  return `${place}, ngày ${dd} tháng ${mm} năm ${year}`;
}

export function placeDateLine(pd: PlaceDate, alignment: 'left' | 'center' | 'right' = 'center'): TextNode {
  return { text: placeDateText(pd), style: 'placeDate', alignment };
}

/** A horizontal rule of `length` points centred in a column `within` points wide. */
function centredRule(length: number, within: number): CanvasNode {
  const x = Math.max(0, (within - length) / 2);
  return { canvas: [{ type: 'line', x1: x, y1: 0, x2: x + length, y2: 0, lineWidth: 0.7 }], margin: [0, 1, 0, 4] };
}

/**
 * The first-page heading: office and school (left), national title and motto (right), the
 * place-and-date line under the motto when given.
 */
export function nationalHeading(h: SchoolHeading, orientation: Orientation = 'portrait', placeDate?: PlaceDate): PdfNode {
  const width = contentWidth(orientation);
  const leftWidth = orientation === 'landscape' ? width * 0.42 : width * 0.43;
  const rightWidth = width - leftWidth;
  const left: PdfNode[] = [
    { text: h.authority.toLocaleUpperCase('vi'), style: 'authority', alignment: 'center' },
    { text: h.school.toLocaleUpperCase('vi'), style: 'school', alignment: 'center' },
    centredRule(leftWidth / 3, leftWidth),
  ];
  if (h.number) left.push({ text: `Số: ${h.number}`, fontSize: 12, alignment: 'center' });
  const right: PdfNode[] = [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', style: 'nation', alignment: 'center' },
    { text: 'Độc lập - Tự do - Hạnh phúc', style: 'motto', alignment: 'center', decoration: 'underline' },
  ];
  if (placeDate) right.push({ ...placeDateLine(placeDate), margin: [0, 8, 0, 0] });
  return {
    columns: [
      { width: leftWidth, stack: left, margin: [0, 0, 6, 0] },
      { width: rightWidth, stack: right },
    ],
    columnGap: 0,
    margin: [0, 0, 0, 14],
  };
}

/** The centred document title with optional lines under it. */
export function documentTitle(title: string, lines: string[] = []): StackNode {
  return {
    stack: [{ text: title, style: 'title' }, ...lines.map((l) => ({ text: l, style: 'subtitle' }))],
    margin: [0, 4, 0, 12],
  };
}

/** "Label: value" with the value in bold; an empty value prints a dotted blank. */
export function labelValue(label: string, value: string | null | undefined, extra: Partial<{ fontSize: number; margin: [number, number, number, number] }> = {}): TextNode {
  return { text: [{ text: `${label}: ` }, value ? { text: value, bold: true } : { text: '………………………………' }], fontSize: extra.fontSize ?? 12, margin: extra.margin ?? [0, 1, 0, 1] };
}

/** A check box drawn as a square (Tinos has no ☐), crossed when checked, then its label. */
export function checkbox(label: string, checked = false, fontSize = 10): PdfNode {
  const s = fontSize * 0.8;
  const box: Vector[] = [{ type: 'rect', x: 0, y: 0, w: s, h: s, lineWidth: 0.7 }];
  if (checked) {
    box.push({ type: 'line', x1: 1.5, y1: 1.5, x2: s - 1.5, y2: s - 1.5, lineWidth: 1 });
    box.push({ type: 'line', x1: s - 1.5, y1: 1.5, x2: 1.5, y2: s - 1.5, lineWidth: 1 });
  }
  return {
    columns: [
      { width: s + 4, canvas: box, margin: [0, fontSize * 0.18, 0, 0] },
      { width: '*', text: label, fontSize },
    ],
    columnGap: 0,
  };
}

/** Check boxes laid out `perRow` to a row. */
export function checkboxGrid(items: { label: string; checked?: boolean }[], perRow: number, fontSize = 10): StackNode {
  const rows: PdfNode[] = [];
  for (let i = 0; i < items.length; i += perRow) {
    const slice = items.slice(i, i + perRow);
    const cells: PdfNode[] = slice.map((it) => ({ width: '*', stack: [checkbox(it.label, it.checked, fontSize)] }));
    while (cells.length < perRow) cells.push({ width: '*', text: '' });
    rows.push({ columns: cells, columnGap: 6, margin: [0, 1, 0, 1] });
  }
  return { stack: rows };
}

/** `count` dotted lines `width` points long, room to write by hand. */
export function writingLines(count: number, width: number, gap = 16): CanvasNode {
  const canvas: Vector[] = [];
  for (let i = 1; i <= count; i++) canvas.push({ type: 'line', x1: 0, y1: i * gap, x2: width, y2: i * gap, lineWidth: 0.4, dash: { length: 1, space: 2 } });
  return { canvas, margin: [0, 0, 0, 4] };
}

export interface Signer {
  /** e.g. "HIỆU TRƯỞNG", "NGƯỜI ĐỀ NGHỊ", or "KT. HIỆU TRƯỞNG". */
  title: string;
  /** Title lines under the title, e.g. "PHÓ HIỆU TRƯỞNG" under "KT. HIỆU TRƯỞNG" (several joined by "\n"). */
  subtitle?: string;
  /** Defaults to "(Ký, ghi rõ họ tên)". */
  caption?: string;
  /** Printed under the signing space; null leaves the line for a handwritten name. */
  name?: string | null;
  /** A small line under the name (e.g. "Đã cập nhật lúc 09:12 06/11/2025"). */
  note?: string;
}

/** The caption of a block signed and sealed (the principal's). */
export const PRINCIPAL_CAPTION = '(Ký, ghi rõ họ tên và đóng dấu)';

/** The principal's block: "HIỆU TRƯỞNG", or "KT. HIỆU TRƯỞNG" over "PHÓ HIỆU TRƯỞNG" when a vice-principal signs in her place (R1). */
export function principalBlock(name: string | null, deputy: boolean): Signer {
  return deputy ? { title: 'KT. HIỆU TRƯỞNG', subtitle: 'PHÓ HIỆU TRƯỞNG', caption: PRINCIPAL_CAPTION, name } : { title: 'HIỆU TRƯỞNG', caption: PRINCIPAL_CAPTION, name };
}

/** How many title lines a signer's block has. */
const titleLinesOf = (s: Signer): number => 1 + (s.subtitle ? s.subtitle.split('\n').length : 0);

export function signatureBlock(s: Signer, titleLines = titleLinesOf(s)): StackNode {
  const stack: PdfNode[] = [{ text: s.title, style: 'sigTitle' }];
  if (s.subtitle) stack.push({ text: s.subtitle, style: 'sigTitle' });
  // Blocks side by side keep their captions and names level.
  for (let i = titleLinesOf(s); i < titleLines; i++) stack.push({ text: ' ', style: 'sigTitle' });
  stack.push({ text: s.caption ?? '(Ký, ghi rõ họ tên)', style: 'sigCaption' });
  stack.push({ text: s.name ? s.name : '……………………………', style: 'sigName', margin: [0, 56, 0, 0] });
  if (s.note) stack.push({ text: s.note, fontSize: 9, italics: true, alignment: 'center' });
  return { stack };
}

/**
 * Signature blocks side by side, kept on one page; with `placeDate`, the place-and-date line
 * sits above the last block (the signer who dates the document, as in Nghị định 30). Pass
 * `keepWith` (e.g. the table's last row as a table of its own) to carry it over to the
 * signatures' page, so they never stand alone on a page.
 */
export function signatureRow(signers: Signer[], placeDate?: PlaceDate, keepWith?: PdfNode): StackNode {
  const titleLines = Math.max(...signers.map(titleLinesOf));
  const blocks = signers.map((s, i) => {
    const stack: PdfNode[] = [];
    if (placeDate) stack.push(i === signers.length - 1 ? { ...placeDateLine(placeDate), fontSize: 12 } : { text: ' ', fontSize: 12 });
    stack.push(signatureBlock(s, titleLines));
    return { width: '*' as const, stack };
  });
  const row: PdfNode = { columns: blocks, columnGap: 8, margin: [0, 14, 0, 0] };
  return { stack: keepWith ? [keepWith, row] : [row], unbreakable: true };
}

export interface FrameInput {
  orientation?: Orientation;
  documentId: string;
  /** `<baseUrl>/verify/<documentId>`: printed in the footer and encoded in its QR code. */
  verifyUrl: string;
  /** A short line at the top of pages 2 and after, so a loose page still says what it is. */
  runningTitle: string;
  content: PdfNode[];
}

/** The complete document definition: orientation, margins, styles, running title, footer. */
export function pageFrame(input: FrameInput): PdfDocument {
  const orientation = input.orientation ?? 'portrait';
  const [left, , right] = PAGE_MARGINS;
  const qr = qrCanvas(input.verifyUrl, { fit: 15 * MM, ecc: 'M', alignment: 'right' });
  return {
    pageOrientation: orientation,
    pageMargins: PAGE_MARGINS,
    styles: STYLES,
    defaultStyle: { fontSize: 12, lineHeight: 1.1 },
    header: (currentPage: number) =>
      currentPage > 1 ? { text: input.runningTitle, style: 'footer', italics: true, alignment: 'right', margin: [left, 10 * MM, right, 0] } : null,
    // "Trang x/y" over the document id and address; the QR code on the right.
    footer: (currentPage: number, pageCount: number) => ({
      margin: [left, 2.5 * MM, right, 0],
      columns: [
        {
          width: '*',
          stack: [
            { text: `Trang ${currentPage}/${pageCount}`, fontSize: 10, alignment: 'center', margin: [16 * MM, 0, 0, 3] },
            { text: `Mã văn bản: ${input.documentId}`, style: 'footer' },
            { text: `Kiểm tra bản gốc: ${input.verifyUrl}`, style: 'footer' },
          ],
        },
        { width: 16 * MM, stack: [qr()] },
      ],
    }),
    content: input.content,
  };
}
