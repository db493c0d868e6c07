/**
 * Cheaper content streams in pdfkit (issue 6). pdfkit turns every drawing operator of a page
 * ("0.5 w", "q", "… re", "BT … ET") into a Buffer of its own and concatenates thousands of them
 * when the stream ends; in a class book that was the largest cost outside layout, and most of
 * the garbage collection. Here the operators are written into one growing buffer per stream
 * (the bytes written are the same).
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
  /** Operators written since the last binary chunk (ours): bytes and how many are used. */
  pendingText?: Buffer;
  pendingLength?: number;
  write(chunk: unknown): void;
  finalize(): void;
}

let installed = false;
const INITIAL_BYTES = 16 * 1024;

function flushText(ref: PdfReference): void {
  if (ref.pendingText && ref.pendingLength) {
    (ref.buffer as Uint8Array[]).push(ref.pendingText.subarray(0, ref.pendingLength));
    ref.pendingText = undefined;
    ref.pendingLength = 0;
  }
}

/** Appends `text` as latin1 bytes to the reference's growing buffer. */
function appendText(ref: PdfReference, text: string): void {
  const used = ref.pendingLength ?? 0;
  let buf = ref.pendingText;
  if (!buf || used + text.length > buf.length) {
    const grown = Buffer.allocUnsafe(Math.max(INITIAL_BYTES, 2 * (used + text.length)));
    if (buf) buf.copy(grown, 0, 0, used);
    buf = ref.pendingText = grown;
  }
  ref.pendingLength = used + buf.write(text, used, 'latin1');
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
    appendText(this, text);
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
