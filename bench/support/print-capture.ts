/**
 * Catches the document definitions our builders render (bench only): while `capture` runs `fn`,
 * every definition given to renderPdf is recorded. The Chromium baseline prints HTML made from
 * exactly these definitions. Outside `capture` nothing is recorded.
 */
import type { PdfDocument as TDocumentDefinitions } from '../../src/server/platform/pdf/engine/nodes.ts';
import { observeDefinitions } from '../../src/server/platform/pdf/render-pdf.ts';

export async function capture<T>(fn: () => Promise<T>): Promise<{ result: T; definitions: TDocumentDefinitions[] }> {
  const definitions: TDocumentDefinitions[] = [];
  observeDefinitions((d) => definitions.push(d));
  try {
    return { result: await fn(), definitions };
  } finally {
    observeDefinitions(null);
  }
}
