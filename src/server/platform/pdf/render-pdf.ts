/**
 * Renders a document definition (our document language, engine/nodes.ts: the templates describe
 * forms in it) to PDF bytes with our own writer (engine/): Tinos fonts (Times New Roman metrics,
 * full Vietnamese), A4, subset fonts with a ToUnicode map. Templates build the definition from
 * prepared data; this file only prints it.
 *
 * Deterministic: the creation date comes from the data (never the clock), the file ID from the
 * information dictionary and the font subset tags from the glyphs used, so the same input gives
 * the same bytes. Nothing is read from disk or the network but the bundled fonts.
 */
import type { PdfDocument } from './engine/nodes.ts';
import { renderDocument } from './engine/render-document.ts';

export const PDF_FONT = 'Tinos';
export const PDF_AUTHOR = 'Sổ Điểm Số';

export interface PdfInfo {
  /** Shown as the document title by PDF readers, e.g. "Nhật kí sửa điểm tháng 10/2025 – Nguyễn Thị Hoa". */
  title: string;
  subject: string;
  /** The stable document id (also printed in the footer and the QR code). */
  documentId: string;
  /** From the data (e.g. the last change it shows), never the clock: same input, same bytes. */
  createdAt: Date;
  keywords?: string[];
}

let observer: ((definition: PdfDocument) => void) | null = null;

/** Calls `fn` with every definition rendered until called again with null (the benchmark prints the same definitions with Chromium). */
export function observeDefinitions(fn: ((definition: PdfDocument) => void) | null): void {
  observer = fn;
}

/** Renders the definition to a PDF Buffer. */
export async function renderPdf(definition: PdfDocument, info: PdfInfo): Promise<Buffer> {
  observer?.(definition);
  return renderDocument(definition, {
    title: info.title,
    author: PDF_AUTHOR,
    subject: info.subject,
    keywords: [...(info.keywords ?? []), `documentId:${info.documentId}`].join(', '),
    creator: PDF_AUTHOR,
    producer: PDF_AUTHOR,
    createdAt: info.createdAt,
  });
}
