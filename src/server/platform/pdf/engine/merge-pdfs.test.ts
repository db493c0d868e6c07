/**
 * Joining our PDFs for the printer: pages in order, text intact (pdftotext), a file poppler reads
 * without complaint, fonts of every document kept; a signed copy (incremental update) is refused.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFrame } from '../layout.ts';
import { PdfMerger } from './merge-pdfs.ts';
import type { PdfNode } from './nodes.ts';
import { renderDocument } from './render-document.ts';

const HAVE_POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdfinfo'].every((t) => existsSync(t));
const STRICT = process.env.SODIEM_TEST_STRICT === '1';
if (!HAVE_POPPLER) console.warn('\n!!!!!!!! SKIPPED: PDF merge tests need poppler-utils (pdftotext, pdfinfo) !!!!!!!!\n');

const dir = mkdtempSync(join(tmpdir(), 'sodiem-merge-'));
const info = { title: 't', author: 'Sổ Điểm Số', subject: 's', keywords: 'k', creator: 'Sổ Điểm Số', producer: 'Sổ Điểm Số', createdAt: new Date('2026-11-23T03:00:00Z') };

function doc(name: string, pages: number): Buffer {
  const content: PdfNode[] = [];
  for (let p = 1; p <= pages; p++) content.push({ text: `${name} – trang ${p}`, bold: p % 2 === 0, ...(p > 1 ? { pageBreak: 'before' as const } : {}) });
  return renderDocument(pageFrame({ documentId: `HB-${name}`, verifyUrl: `https://x/verify/HB-${name}`, runningTitle: name, content }), info);
}

describe.runIf(HAVE_POPPLER || STRICT)('joining our PDFs (the print job’s merged file)', () => {
  it('keeps every page in order with its text, in a file poppler reads cleanly', () => {
    const names = ['Nguyễn Văn An', 'Trần Thị Bích', 'Lê Đức Ánh'];
    const file = join(dir, 'merged.pdf');
    const merger = new PdfMerger(file);
    names.forEach((n, i) => merger.add(doc(n, i + 1)));
    expect(merger.finish({ title: 'In hàng loạt – 9A1', author: 'Sổ Điểm Số', createdAt: new Date('2026-11-23T03:00:00Z') })).toBe(6);
    const meta = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(meta).toMatch(/Pages:\s+6/);
    expect(meta).toMatch(/Title:\s+In hàng loạt – 9A1/);
    const order = ['Nguyễn Văn An – trang 1', 'Trần Thị Bích – trang 1', 'Trần Thị Bích – trang 2', 'Lê Đức Ánh – trang 1', 'Lê Đức Ánh – trang 2', 'Lê Đức Ánh – trang 3'];
    order.forEach((line, i) => expect(execFileSync('/usr/bin/pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' })).toContain(line));
    // pdftoppm draws every page without a syntax error on stderr
    const drawn = spawnSync('/usr/bin/pdftoppm', ['-png', '-r', '20', file, join(dir, 'm')], { encoding: 'utf8' });
    expect(drawn.status).toBe(0);
    expect(drawn.stderr).toBe('');
    expect(readFileSync(file).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('refuses a file with an incremental update (a signed copy) rather than join it wrong', () => {
    const signedLike = Buffer.concat([doc('A', 1), Buffer.from('1 0 obj\n<< >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\nstartxref\n10\n%%EOF\n', 'latin1')]);
    const file = join(dir, 'refused.pdf');
    const merger = new PdfMerger(file);
    expect(() => merger.add(signedLike)).toThrow(/Không ghép được tệp PDF/);
    merger.abort();
  });
});
