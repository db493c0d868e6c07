/**
 * Renders a pdfmake document definition to PDF bytes with the Tinos fonts (Times New Roman
 * metrics, full Vietnamese). Templates build the definition from prepared data; this file only
 * prints it.
 *
 * Deterministic: the creation date comes from the data (never the clock), pdfkit derives the
 * file ID from the info dictionary and the font subset tags from the font order, so the same
 * input gives the same bytes.
 *
 * The fonts are read once into pdfmake's virtual file system, and pdfmake may read no other
 * local file and fetch no URL (templates never point at images on disk or on the network).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import { speedUpPdfmakeStyles } from './pdfmake-styles.ts';
import { speedUpPdfmakeVectors } from './pdfmake-vectors.ts';
import { tunePdfkitStreams } from './pdfkit-streams.ts';

export const PDF_FONT = 'Tinos';
export const PDF_AUTHOR = 'Sổ Điểm Số';

const FONT_FILES = {
  normal: '400Regular/Tinos_400Regular.ttf',
  bold: '700Bold/Tinos_700Bold.ttf',
  italics: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

interface VirtualFs {
  writeFileSync(name: string, content: Buffer): void;
}

let configured = false;

function configure(): void {
  if (configured) return;
  const require = createRequire(import.meta.url);
  const fontDir = dirname(require.resolve('@expo-google-fonts/tinos/package.json'));
  const vfs = (pdfmake as unknown as { virtualfs: VirtualFs }).virtualfs;
  const family: Record<string, string> = {};
  for (const [style, file] of Object.entries(FONT_FILES)) {
    const name = `sodiem-fonts/${file.split('/')[1]}`;
    vfs.writeFileSync(name, readFileSync(join(fontDir, file)));
    family[style] = name;
  }
  pdfmake.addFonts({ [PDF_FONT]: family as { normal: string; bold: string; italics: string; bolditalics: string } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  // Not shareParsedFonts(): a fontkit font shared across documents keeps glyph objects made by an
  // earlier document's subset (with no code points), so later documents lost characters in their
  // text layer (pdftotext read "GDN- 6G3" for "GDN-E6G3"; the page looked right). Each document
  // parses its fonts again until that is solved (src/server/pdf/font-cache.ts).
  tunePdfkitStreams();
  speedUpPdfmakeStyles();
  speedUpPdfmakeVectors();
  configured = true;
}

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

/** Renders the definition (fonts default to Tinos) to a PDF Buffer. */
export async function renderPdf(definition: TDocumentDefinitions, info: PdfInfo): Promise<Buffer> {
  configure();
  const doc: TDocumentDefinitions = {
    ...definition,
    defaultStyle: { font: PDF_FONT, fontSize: 12, ...definition.defaultStyle },
    info: {
      title: info.title,
      author: PDF_AUTHOR,
      subject: info.subject,
      keywords: [...(info.keywords ?? []), `documentId:${info.documentId}`].join(', '),
      creator: PDF_AUTHOR,
      producer: PDF_AUTHOR,
      creationDate: info.createdAt,
      modDate: info.createdAt,
    },
  };
  return pdfmake.createPdf(doc).getBuffer();
}
