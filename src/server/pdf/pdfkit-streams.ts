/**
 * Cheaper content streams in pdfkit (issue 6). pdfkit turns every drawing operator of a page
 * ("0.5 w", "q", "… re", "BT … ET") into a Buffer of its own and concatenates thousands of them
 * when the stream ends; in a class book that was the largest cost outside layout, and most of
 * the garbage collection. Here the operators are collected as one string and turned into bytes
 * once per stream (the bytes written are the same).
 *
 * (A lower zlib level than the default 6 was measured: level 1 made a class book 22 % larger
 * for no measurable time, so the default stays.)
 *
 * Pinned to pdfkit 0.19's PDFReference (`buffer`, `data`, `compress`, `uncompressedLength`,
 * `write`, `finalize`), reached through a reference of a throw-away document.
 */
import { createRequire } from 'node:module';

interface PdfReference {
  buffer: Uint8Array[] | Buffer;
  data: { Length?: number; Filter?: string };
  compress: boolean;
  uncompressedLength: number;
  /** Operators written since the last binary chunk (ours). */
  pendingText?: string[];
  write(chunk: unknown): void;
  finalize(): void;
}

let installed = false;

function flushText(ref: PdfReference): void {
  if (ref.pendingText?.length) {
    (ref.buffer as Uint8Array[]).push(Buffer.from(ref.pendingText.join(''), 'latin1'));
    ref.pendingText = [];
  }
}

/** Installs the string-collecting `write` (once per process). */
export function tunePdfkitStreams(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(createRequire(import.meta.url).resolve('pdfmake'));
  const PdfKit = require('pdfkit') as new (options: object) => { ref(data?: object): PdfReference };
  const proto = Object.getPrototypeOf(new PdfKit({ autoFirstPage: false, compress: false }).ref()) as PdfReference & { tuned?: boolean };
  if (proto.tuned) return;
  const write = proto.write;
  const finalize = proto.finalize;

  proto.write = function (this: PdfReference, chunk: unknown) {
    if (chunk instanceof Uint8Array) {
      flushText(this);
      write.call(this, chunk);
      return;
    }
    // As pdfkit: the operator and a newline, as 'binary' (latin1) bytes.
    const text = `${chunk}\n`;
    (this.pendingText ??= []).push(text);
    this.uncompressedLength += text.length;
    this.data.Length = (this.data.Length ?? 0) + text.length;
    if (this.compress) this.data.Filter = 'FlateDecode';
  };

  proto.finalize = function (this: PdfReference) {
    flushText(this);
    finalize.call(this);
  };
  proto.tuned = true;
}
