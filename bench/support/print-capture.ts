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
    definitions.push(copy(doc)); // pdfmake rewrites the definition in place while it lays it out
    return original.call(this, doc);
  };
  try {
    return { result: await fn(), definitions };
  } finally {
    target.createPdf = original;
  }
}

/** A deep copy of plain objects and arrays; functions (header, footer, table layouts) are kept as they are. */
function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copy) as T;
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = copy(x);
    return out as T;
  }
  return v;
}
