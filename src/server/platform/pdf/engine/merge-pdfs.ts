/**
 * Joins PDFs made by our writer (pdf-file.ts) into one file for the printer, streamed to disk as
 * they come: each file's objects are copied with their numbers shifted (the font programs and
 * page contents byte for byte), its pages are hung under one page tree, and a new catalog,
 * information dictionary and cross-reference table close the file. A whole school's học bạ
 * (20,000 pages) never sits in memory, and joining costs a fraction of building (pdf-lib took
 * ~22 ms a học bạ, more than printing it).
 *
 * Only our writer's layout is accepted — one classic xref section, objects in order, dictionaries
 * of names, numbers and references; anything else (a signed copy with its incremental update,
 * a foreign PDF) is refused with an error rather than joined wrong.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { pdfDate, pdfString, xrefAndTrailer } from './pdf-file.ts';

interface Parsed {
  offsets: number[];
  xref: number;
  root: number;
  info: number;
}

function fail(why: string): never {
  throw new Error(`Không ghép được tệp PDF: ${why}`);
}

function parse(pdf: Buffer): Parsed {
  const tail = pdf.subarray(Math.max(0, pdf.length - 1024)).toString('latin1');
  const start = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (!start) fail('không thấy bảng tham chiếu');
  const xref = Number(start[1]);
  if (pdf.lastIndexOf('startxref') !== pdf.indexOf('startxref')) fail('tệp đã có phần cập nhật thêm (đã ký)');
  const head = pdf.subarray(xref, xref + 32).toString('latin1');
  const sub = /^xref\n0 (\d+)\n/.exec(head);
  if (!sub) fail('bảng tham chiếu không đúng dạng');
  const count = Number(sub[1]);
  const table = xref + sub[0].length;
  const offsets: number[] = [0];
  for (let i = 1; i < count; i++) offsets.push(Number(pdf.subarray(table + i * 20, table + i * 20 + 10).toString('latin1')));
  const trailer = pdf.subarray(table + count * 20, pdf.length).toString('latin1');
  const root = /\/Root (\d+) 0 R/.exec(trailer);
  const info = /\/Info (\d+) 0 R/.exec(trailer);
  if (!root || !info) fail('thiếu /Root hoặc /Info');
  return { offsets, xref, root: Number(root[1]), info: Number(info[1]) };
}

export class PdfMerger {
  private readonly fd: number;
  private offset = 0;
  private readonly offsets: number[] = [0];
  private readonly pages: number[] = [];
  /** object number of the page tree, written last but known from the start */
  private readonly pageTree: number;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
    this.pageTree = this.reserve();
    this.write(Buffer.from('%PDF-1.7\n%\xff\xff\xff\xff\n', 'latin1'));
  }

  private reserve(): number {
    this.offsets.push(-1);
    return this.offsets.length - 1;
  }

  private write(bytes: Buffer): void {
    writeSync(this.fd, bytes);
    this.offset += bytes.length;
  }

  private object(ref: number, body: Buffer | string): void {
    this.offsets[ref] = this.offset;
    this.write(Buffer.from(`${ref} 0 obj\n`, 'latin1'));
    this.write(typeof body === 'string' ? Buffer.from(body, 'latin1') : body);
    this.write(Buffer.from('\nendobj\n', 'latin1'));
  }

  private documents = 0;

  get pageCount(): number {
    return this.pages.length;
  }

  /** how many files were added */
  get documentCount(): number {
    return this.documents;
  }

  /** Appends every page of `pdf` (a file made by our writer). */
  add(pdf: Buffer): void {
    const p = parse(pdf);
    const base = this.offsets.length - 1; // old object n becomes base + n
    for (let n = 1; n < p.offsets.length; n++) this.reserve();
    const shift = (dict: string) => dict.replace(/(\d+) 0 R/g, (_, n: string) => `${base + Number(n)} 0 R`);
    const bodyOf = (n: number) => {
      const from = p.offsets[n];
      const to = n + 1 < p.offsets.length ? p.offsets[n + 1] : p.xref;
      const obj = pdf.subarray(from, to);
      const header = `${n} 0 obj\n`;
      if (obj.toString('latin1', 0, header.length) !== header) fail(`đối tượng ${n} không ở vị trí ghi trong bảng`);
      const end = obj.lastIndexOf('\nendobj');
      if (end < 0) fail(`đối tượng ${n} không có endobj`);
      return obj.subarray(header.length, end);
    };
    const catalog = bodyOf(p.root).toString('latin1');
    const treeRef = /\/Pages (\d+) 0 R/.exec(catalog);
    if (!treeRef) fail('thiếu cây trang');
    const tree = Number(treeRef[1]);
    const kids = /\/Kids \[([^\]]*)\]/.exec(bodyOf(tree).toString('latin1'));
    if (!kids) fail('cây trang không đúng dạng');
    const pageRefs = new Set([...kids[1].matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1])));
    for (let n = 1; n < p.offsets.length; n++) {
      if (n === p.root || n === tree || n === p.info) {
        this.object(base + n, 'null');
        continue;
      }
      const body = bodyOf(n);
      const split = body.indexOf('\nstream\n');
      const dictEnd = split < 0 ? body.length : split;
      let dict = shift(body.toString('latin1', 0, dictEnd));
      if (pageRefs.has(n)) dict = dict.replace(/\/Parent \d+ 0 R/, `/Parent ${this.pageTree} 0 R`);
      this.object(base + n, split < 0 ? dict : Buffer.concat([Buffer.from(dict, 'latin1'), body.subarray(split)]));
    }
    for (const m of kids[1].matchAll(/(\d+) 0 R/g)) this.pages.push(base + Number(m[1]));
    this.documents++;
  }

  /** Writes the page tree, catalog, information and cross-reference table; closes the file. */
  finish(info: { title: string; createdAt: Date; author: string }): number {
    try {
      this.object(this.pageTree, `<< /Type /Pages /Count ${this.pages.length} /Kids [${this.pages.map((k) => `${k} 0 R`).join(' ')}] >>`);
      const catalog = this.reserve();
      this.object(catalog, `<< /Type /Catalog /Pages ${this.pageTree} 0 R >>`);
      const infoRef = this.reserve();
      const date = pdfDate(info.createdAt);
      const infoDict = `<< /Title ${pdfString(info.title)} /Author ${pdfString(info.author)} /Creator ${pdfString(info.author)} /Producer ${pdfString(info.author)} /CreationDate ${date} /ModDate ${date} >>`;
      this.object(infoRef, infoDict);
      const id = createHash('md5').update(infoDict).update(String(this.pages.length)).digest('hex');
      this.write(Buffer.from(xrefAndTrailer(this.offsets, catalog, infoRef, id, this.offset), 'latin1'));
      return this.pages.length;
    } finally {
      closeSync(this.fd);
    }
  }

  /** Closes the file without finishing it (an error stopped the job). */
  abort(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
