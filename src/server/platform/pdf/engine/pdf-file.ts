/**
 * A PDF 1.7 file put together from numbered objects: streams compressed with Flate, a classic
 * cross-reference table (what the signing step's incremental update and every verifier read),
 * the document information dictionary and a file ID derived from it (same input, same bytes).
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

/** A PDF text string: ASCII as (…), anything else as UTF-16BE hex with its BOM. */
export function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, '\\$&')})`;
  let hex = 'FEFF';
  for (let i = 0; i < s.length; i++) hex += s.charCodeAt(i).toString(16).padStart(4, '0');
  return `<${hex}>`;
}

/** D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** The classic cross-reference table (offsets[0] unused) and trailer closing a file at byte `xrefAt`. */
export function xrefAndTrailer(offsets: number[], root: number, info: number, fileId: string, xrefAt: number): string {
  let xref = `xref\n0 ${offsets.length}\n0000000000 65535 f \n`;
  for (let ref = 1; ref < offsets.length; ref++) xref += `${String(offsets[ref]).padStart(10, '0')} 00000 n \n`;
  return `${xref}trailer\n<< /Size ${offsets.length} /Root ${root} 0 R /Info ${info} 0 R /ID [<${fileId}> <${fileId}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`;
}

export class PdfFile {
  private readonly bodies: (Buffer | undefined)[] = [undefined];

  /** Reserves an object number, to be filled later with `set`. */
  reserve(): number {
    this.bodies.push(undefined);
    return this.bodies.length - 1;
  }

  set(ref: number, dict: string): void {
    this.bodies[ref] = Buffer.from(dict, 'latin1');
  }

  object(dict: string): number {
    const ref = this.reserve();
    this.set(ref, dict);
    return ref;
  }

  /** A Flate-compressed stream; `extra` goes into its dictionary. */
  stream(extra: string, data: Buffer, opts: { length1?: boolean; ref?: number } = {}): number {
    const packed = deflateSync(data, { level: 1 });
    const ref = opts.ref ?? this.reserve();
    const dict = `<< /Length ${packed.length} /Filter /FlateDecode${opts.length1 ? ` /Length1 ${data.length}` : ''}${extra ? ` ${extra}` : ''} >>\nstream\n`;
    this.bodies[ref] = Buffer.concat([Buffer.from(dict, 'latin1'), packed, Buffer.from('\nendstream', 'latin1')]);
    return ref;
  }

  /** The whole file: header, objects, xref, trailer. */
  toBuffer(root: number, info: number): Buffer {
    const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1')];
    let offset = chunks[0].length;
    const offsets: number[] = [0];
    const id = createHash('md5');
    for (let ref = 1; ref < this.bodies.length; ref++) {
      const body = this.bodies[ref];
      if (!body) throw new Error(`PDF object ${ref} was reserved and never written`);
      const head = Buffer.from(`${ref} 0 obj\n`, 'latin1');
      const tail = Buffer.from('\nendobj\n', 'latin1');
      offsets.push(offset);
      chunks.push(head, body, tail);
      offset += head.length + body.length + tail.length;
      if (ref === info) id.update(body);
    }
    chunks.push(Buffer.from(xrefAndTrailer(offsets, root, info, id.digest('hex'), offset), 'latin1'));
    return Buffer.concat(chunks);
  }
}
