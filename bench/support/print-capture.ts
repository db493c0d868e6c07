/**
 * Catches the pdfmake document definitions our builders render (bench only): while `capture` runs
 * `fn`, every `pdfmake.createPdf(definition)` is recorded, then rendered as usual. The Chromium
 * baseline prints HTML made from exactly these definitions. Outside `capture` nothing is changed.
 */
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';

type CreatePdf = (doc: TDocumentDefinitions) => unknown;

export async function capture<T>(fn: () => Promise<T>): Promise<{ result: T; definitions: TDocumentDefinitions[] }> {
  const target = pdfmake as unknown as { createPdf: CreatePdf };
  const original = target.createPdf;
  const definitions: TDocumentDefinitions[] = [];
  target.createPdf = function (this: unknown, doc: TDocumentDefinitions) {
    definitions.push(doc);
    return original.call(this, doc);
  };
  try {
    return { result: await fn(), definitions };
  } finally {
    target.createPdf = original;
  }
}
