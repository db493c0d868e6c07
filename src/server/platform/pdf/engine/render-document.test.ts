/**
 * Our PDF writer, read back by standard tools: poppler's pdftotext (the text layer: every
 * Vietnamese letter, across many documents rendered in one process — the shared-font bug of the
 * first renderer lost characters from the second document on), pdffonts (Tinos embedded as subset
 * CID TrueType), pdfinfo (pages, sizes, metadata); plus page breaking, repeated table headers,
 * orientation changes and byte-for-byte determinism.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRID_LAYOUT, pageFrame } from '../layout.ts';
import type { PdfDocument, PdfNode } from './nodes.ts';
import { type DocumentInfo, renderDocument } from './render-document.ts';

const TOOLS = ['/usr/bin/pdftotext', '/usr/bin/pdffonts', '/usr/bin/pdfinfo'];
const HAVE_POPPLER = TOOLS.every((t) => existsSync(t));
const STRICT = process.env.SODIEM_TEST_STRICT === '1';
if (!HAVE_POPPLER) console.warn('\n!!!!!!!! SKIPPED: PDF writer tests need poppler-utils (pdftotext, pdffonts, pdfinfo) !!!!!!!!\n');

const INFO: DocumentInfo = { title: 'Học bạ – Nguyễn Văn An', author: 'Sổ Điểm Số', subject: 'Kiểm thử', keywords: 'documentId:HB-TEST', creator: 'Sổ Điểm Số', producer: 'Sổ Điểm Số', createdAt: new Date('2026-11-23T03:00:00Z') };
const dir = mkdtempSync(join(tmpdir(), 'sodiem-pdf-'));
let n = 0;

function save(pdf: Buffer): string {
  const file = join(dir, `doc-${++n}.pdf`);
  writeFileSync(file, pdf);
  return file;
}
const text = (file: string, ...args: string[]) => execFileSync('/usr/bin/pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const info = (file: string) => execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
const pages = (file: string) => Number(/Pages:\s+(\d+)/.exec(info(file))![1]);

function frame(content: PdfNode[], extra: Partial<PdfDocument> = {}): PdfDocument {
  return { ...pageFrame({ documentId: 'HB-TEST-0001', verifyUrl: 'https://sodiem.example.edu.vn/verify/HB-TEST-0001', runningTitle: 'Kiểm thử', content }), ...extra };
}

const VIETNAMESE = 'ẮẰẲẴẶắằẳẵặ ẤẦẨẪẬấầẩẫậ ĐđÊỀẾỂỄỆêềếểễệ ÔỒỐỔỖỘôồốổỗộ ƠỜỚỞỠỢơờớởỡợ ƯỪỨỬỮỰưừứửữự ÁÀẢÃẠáàảãạ ÍÌỈĨỊíìỉĩị ÓÒỎÕỌóòỏõọ ÚÙỦŨỤúùủũụ ÝỲỶỸỴýỳỷỹỵ';

describe.runIf(HAVE_POPPLER || STRICT)('our PDF writer', () => {
  it('writes every Vietnamese letter into the text layer, in every document of the process, in all four styles', () => {
    // Different glyph sets per document, in an order that once lost "E" from the second document.
    const docs = ['GDN-6G3 Nguyễn', 'GDN-E6G3 Trần Thị Ánh', `${VIETNAMESE}`, 'Mã văn bản: HB-7R5K-0H62-Z0NH-4XF3'];
    for (const s of docs) {
      const content: PdfNode[] = [{ text: s }, { text: s, bold: true }, { text: s, italics: true }, { text: s, bold: true, italics: true }];
      const file = save(renderDocument(frame(content), INFO));
      const out = text(file).replace(/\s+/g, ' ');
      const words = s.split(' ');
      for (const w of words) expect(out.split(w).length - 1, `"${w}" ×4 in ${s}`).toBeGreaterThanOrEqual(4);
    }
  });

  it('embeds Tinos subsets as CID TrueType (Identity-H) and writes the metadata', () => {
    const file = save(renderDocument(frame([{ text: 'Chữ thường ' }, { text: 'Chữ đậm', bold: true }, { text: 'nghiêng', italics: true }]), INFO));
    const fonts = execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/[A-Z]{6}\+Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+Tinos-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    expect(fonts).toMatch(/[A-Z]{6}\+Tinos-Italic\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    const meta = info(file);
    expect(meta).toMatch(/Title:\s+Học bạ – Nguyễn Văn An/);
    expect(meta).toMatch(/Keywords:\s+documentId:HB-TEST/);
    expect(meta).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
    expect(meta).not.toMatch(/Syntax (Error|Warning)/);
  });

  it('gives the same bytes for the same definition, and other bytes for other text', () => {
    const a = renderDocument(frame([{ text: 'Nguyễn Văn An – 8,5' }]), INFO);
    const b = renderDocument(frame([{ text: 'Nguyễn Văn An – 8,5' }]), INFO);
    const c = renderDocument(frame([{ text: 'Nguyễn Văn An – 8,6' }]), INFO);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('breaks a long table across pages between rows, repeats its header rows, numbers the pages', () => {
    const body = [
      [{ text: 'STT', style: 'th' }, { text: 'Họ và tên', style: 'th' }, { text: 'Điểm', style: 'th' }],
      ...Array.from({ length: 120 }, (_, i) => [{ text: String(i + 1) }, { text: `Học sinh số ${i + 1}` }, { text: '8,5' }]),
    ];
    const file = save(renderDocument(frame([{ table: { headerRows: 1, widths: [30, '*', 60], body }, layout: GRID_LAYOUT }]), INFO));
    const count = pages(file);
    expect(count).toBeGreaterThanOrEqual(3);
    for (let p = 1; p <= count; p++) {
      const page = text(file, '-f', String(p), '-l', String(p));
      expect(page, `header on page ${p}`).toContain('Họ và tên');
      expect(page).toContain(`Trang ${p}/${count}`);
    }
    const all = text(file);
    for (let i = 1; i <= 120; i++) expect(all.split(`Học sinh số ${i}\n`).length - 1, `row ${i} printed once`).toBe(1);
  });

  it('starts a landscape page where a node asks for it and goes back to portrait', () => {
    const file = save(
      renderDocument(
        frame([{ text: 'Trang dọc' }, { text: 'Trang ngang', pageBreak: 'before', pageOrientation: 'landscape' }, { text: 'Dọc lại', pageBreak: 'before', pageOrientation: 'portrait' }]),
        INFO,
      ),
    );
    const sizes = execFileSync('/usr/bin/pdfinfo', ['-f', '1', '-l', '3', file], { encoding: 'utf8' });
    expect(sizes).toMatch(/Page\s+1 size:\s+595\.28 x 841\.89/);
    expect(sizes).toMatch(/Page\s+2 size:\s+841\.89 x 595\.28/);
    expect(sizes).toMatch(/Page\s+3 size:\s+595\.28 x 841\.89/);
    expect(text(file, '-f', '2', '-l', '2')).toContain('Trang ngang');
  });

  it('keeps an unbreakable block whole on the next page, and a trailing page break makes no blank page', () => {
    const filler = Array.from({ length: 46 }, (_, i) => ({ text: `Dòng ${i + 1}` }));
    const block: PdfNode = { stack: [{ text: 'KHỐI CHỮ KÝ' }, { text: 'dòng 2' }, { text: 'dòng 3' }, { text: 'dòng 4' }, { text: 'dòng 5' }], unbreakable: true };
    const file = save(renderDocument(frame([...filler, block, { text: '', pageBreak: 'after' }]), INFO));
    expect(pages(file)).toBe(2);
    const second = text(file, '-f', '2', '-l', '2');
    expect(second).toContain('KHỐI CHỮ KÝ');
    expect(second).toContain('dòng 5');
  });

  it('a heading kept with the next block never stays alone at the foot of a page, wherever the page ends', () => {
    const body = [[{ text: 'Họ và tên', style: 'th' }], ...Array.from({ length: 6 }, (_, i) => [{ text: `Người đề nghị ${i + 1}` }])];
    for (let lines = 40; lines <= 56; lines++) {
      const filler = Array.from({ length: lines }, (_, i) => ({ text: `Dòng ${i + 1}` }));
      const file = save(renderDocument(frame([...filler, { text: 'MỤC PHÊ DUYỆT', bold: true, margin: [0, 8, 0, 4], keepWithNext: true }, { table: { headerRows: 1, widths: ['*'], body }, layout: GRID_LAYOUT }]), INFO));
      const count = pages(file);
      const onPage = Array.from({ length: count }, (_, p) => text(file, '-f', String(p + 1), '-l', String(p + 1)));
      const headingPage = onPage.findIndex((t) => t.includes('MỤC PHÊ DUYỆT'));
      expect(onPage[headingPage], `${lines} lines before`).toContain('Người đề nghị 1');
    }
  });

  it('wraps a long paragraph inside its width and cuts a word longer than a line', () => {
    const long = 'Giáo viên ghi giải trình cho từng lần sửa điểm và đính kèm minh chứng '.repeat(6);
    const file = save(renderDocument(frame([{ text: long, margin: [0, 0, 300, 0] }, { text: 'X'.repeat(300) }]), INFO));
    const lines = text(file, '-f', '1', '-l', '1')
      .split('\n')
      .filter((l) => l.includes('Giáo') || l.includes('sửa') || l.includes('minh'));
    expect(lines.length).toBeGreaterThan(6);
    const xs = text(file).replace(/[^X]/g, '');
    expect(xs.length).toBe(300);
  });
});
