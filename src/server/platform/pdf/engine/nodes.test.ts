/**
 * The document language (nodes.ts): every kind of node and property the engine supports draws
 * (read back as content-stream operators, and with poppler as text), and anything else — a node
 * kind it does not know, a property it would ignore — is an error naming the node, never a blank.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GRID_LAYOUT, STYLES, pageFrame } from '../layout.ts';
import { DocumentFonts } from './font-set.ts';
import { blockOf } from './layout-nodes.ts';
import type { LayoutContext, Style } from './slices.ts';
import type { PdfDocument, PdfNode } from './nodes.ts';
import { PageCanvas } from './page-canvas.ts';
import { type DocumentInfo, renderDocument } from './render-document.ts';

const BASE: Style = { fontSize: 12, bold: false, italics: false, alignment: 'left', lineHeight: 1, columnGap: 0 };
const CTX: LayoutContext = { styles: STYLES, maxBlock: 600 };
const INFO: DocumentInfo = { title: 't', author: 'Sổ Điểm Số', subject: 's', keywords: 'k', creator: 'Sổ Điểm Số', producer: 'Sổ Điểm Số', createdAt: new Date('2026-11-23T03:00:00Z') };

/** The node drawn in a 400 pt column: its height and the page's content-stream operators. */
function draw(node: PdfNode): { h: number; ops: string } {
  const page = new PageCanvas(595.28, 841.89, new DocumentFonts());
  const block = blockOf(node, BASE, 400, CTX);
  block.draw?.(page, 50 + block.dx, 50);
  return { h: block.h, ops: page.content().toString('latin1') };
}
const count = (ops: string, op: RegExp) => ops.match(new RegExp(op.source, 'gm'))?.length ?? 0;
const frame = (content: PdfNode[]): PdfDocument => pageFrame({ documentId: 'HB-TEST', verifyUrl: 'https://x.vn/verify/HB-TEST', runningTitle: 'Kiểm thử', content });

describe('every node kind the engine supports draws', () => {
  it('text: a string, and runs in bold, italics, colour, underline and strike-through', () => {
    expect(count(draw({ text: 'Nguyễn Văn An' }).ops, / Tj ET$/)).toBe(1);
    const { ops } = draw({
      text: ['thường ', { text: 'đậm ', bold: true }, { text: 'nghiêng ', italics: true }, { text: 'xám ', color: '#333333' }, { text: 'gạch chân ', decoration: 'underline' }, { text: '8,0', decoration: 'lineThrough' }],
    });
    expect(ops).toContain('/F2 12 Tf'); // bold
    expect(ops).toContain('/F3 12 Tf'); // italics
    expect(ops).toContain('0.2 0.2 0.2 rg');
    expect(count(ops, / l$/)).toBe(2); // the underline and the strike-through
  });

  it('stack, with a named style and margins of every form', () => {
    const one = draw({ text: 'a' }).h;
    expect(draw({ stack: [{ text: 'a' }, { text: 'b' }] }).h).toBeCloseTo(2 * one);
    expect(draw({ text: 'TIÊU ĐỀ', style: 'title' }).ops).toContain('/F2 14 Tf');
    expect(draw({ text: 'a', margin: 5 }).h).toBeCloseTo(one + 10);
    expect(draw({ text: 'a', margin: [5, 3] }).h).toBeCloseTo(one + 6);
    expect(draw({ text: 'a', margin: [0, 2, 0, 7] }).h).toBeCloseTo(one + 9);
  });

  it('columns of fixed, star and auto widths side by side', () => {
    const { ops } = draw({ columns: [{ width: 100, text: 'một' }, { width: '*', text: 'hai' }, { width: 'auto', text: 'ba' }], columnGap: 8 });
    const xs = [...ops.matchAll(/1 0 0 1 ([\d.]+) [\d.]+ Tm/g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(3);
    expect(xs[0]).toBe(50);
    expect(xs[1]).toBe(158);
    expect(xs[2]).toBeGreaterThan(xs[1]);
  });

  it('a table with widths, header rows, spans and a layout', () => {
    const { ops } = draw({
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [30, '*', 60],
        body: [
          [{ text: 'STT', style: 'th' }, { text: 'Họ và tên', style: 'th', colSpan: 2 }, {}],
          [{ text: '1' }, { text: 'Trần Thu Anh' }, { text: '8,5', rowSpan: 2 }],
          [{ text: '2' }, { text: 'Chu Hà Khánh Chi' }, {}],
        ],
      },
      layout: GRID_LAYOUT,
    });
    expect(count(ops, / Tj ET$/)).toBe(7);
    expect(ops).toContain('0.5 w');
    expect(count(ops, /^S$/)).toBeGreaterThan(0);
  });

  it('canvas: dashed lines, stroked and filled rectangles', () => {
    const { ops, h } = draw({
      canvas: [
        { type: 'line', x1: 0, y1: 10, x2: 100, y2: 10, lineWidth: 0.4, dash: { length: 1, space: 2 } },
        { type: 'rect', x: 0, y: 0, w: 8, h: 8, lineWidth: 0.7 },
        { type: 'rect', x: 20, y: 0, w: 30, h: 30, lineWidth: 0, color: '#000' },
      ],
    });
    expect(h).toBe(30);
    expect(ops).toContain('[1 2] 0 d');
    expect(ops).toMatch(/ re S$/m);
    expect(ops).toMatch(/ re\nf$/m);
  });

  it('a numbered list', () => {
    expect(count(draw({ ol: [{ text: 'một' }, { text: 'hai' }] }).ops, / Tj ET$/)).toBe(4); // markers and items
  });

  it('page breaks with orientation, unbreakable blocks and every kind in one document, read back as text', () => {
    const content: PdfNode[] = [
      { text: ['Chữ ', { text: 'đậm', bold: true }] },
      { columns: [{ width: 'auto', text: 'Cột một' }, { width: '*', stack: [{ text: 'Cột hai' }] }] },
      { table: { widths: ['*'], body: [[{ text: 'Ô bảng' }]] }, layout: GRID_LAYOUT },
      { ol: [{ text: 'Mục một' }] },
      { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 50, y2: 0 }] },
      { stack: [{ text: 'Trang ngang' }, { text: 'khối liền' }], unbreakable: true, pageBreak: 'before', pageOrientation: 'landscape' },
    ];
    const pdf = renderDocument(frame(content), INFO);
    if (!existsSync('/usr/bin/pdftotext')) return;
    const file = join(mkdtempSync(join(tmpdir(), 'sodiem-nodes-')), 'all.pdf');
    writeFileSync(file, pdf);
    const page = (p: number) => execFileSync('/usr/bin/pdftotext', ['-f', String(p), '-l', String(p), file, '-'], { encoding: 'utf8' });
    for (const t of ['Chữ đậm', 'Cột một', 'Cột hai', 'Ô bảng', '1. Mục một']) expect(page(1)).toContain(t);
    expect(page(2)).toContain('Trang ngang');
    expect(execFileSync('/usr/bin/pdfinfo', ['-f', '2', '-l', '2', file], { encoding: 'utf8' })).toMatch(/Page\s+2 size:\s+841\.89 x 595\.28/);
  });
});

describe('what the engine does not draw is an error, never a blank', () => {
  const cell = (text: string) => ({ text });
  const cases: [string, unknown, RegExp][] = [
    ['an image', { image: 'data:image/png;base64,AAAA' }, /a node has an unsupported property "image": \{"image":/],
    ['a QR node', { qr: 'https://x.vn/verify/HB-1' }, /unsupported property "qr"/],
    ['a bulleted list', { ul: [{ text: 'a' }] }, /unsupported property "ul"/],
    ['a node of no kind', { margin: 4 }, /has no content/],
    ['a span placeholder outside a table', {}, /the \{\} of a cell covered by a span/],
    ['a bare string', 'chữ', /is not a node object/],
    ['two kinds', { text: 'a', stack: [] }, /a text node is also a stack node/],
    ['an unknown text property', { text: 'a', noWrap: true }, /a text node has an unsupported property "noWrap": \{"text":"a","noWrap":true\}/],
    ['another decoration', { text: 'a', decoration: 'overline' }, /unsupported decoration "overline"/],
    ['another alignment', { text: 'a', alignment: 'middle' }, /unsupported alignment "middle"/],
    ['a run property', { text: [{ text: 'a', alignment: 'right' }] }, /a text run has an unsupported property "alignment"/],
    ['text that is no string', { text: 12 }, /is not a string, a run or a list of them/],
    ['an unknown style', { text: 'a', style: 'nope' }, /unknown style "nope"/],
    ['a margin of 3', { text: 'a', margin: [1, 2, 3] }, /margin of neither 2 nor 4/],
    ['an orientation without a break', { text: 'a', pageOrientation: 'landscape' }, /pageOrientation without a pageBreak/],
    ['a percentage column', { columns: [{ width: '50%', text: 'a' }] }, /unsupported width "50%"/],
    ['an auto column around a table', { columns: [{ width: 'auto', table: { body: [[cell('a')]] } }] }, /cannot size an 'auto' column/],
    ['an ellipse', { canvas: [{ type: 'ellipse', x: 0, y: 0, r1: 3, r2: 3 }] }, /neither a line nor a rect/],
    ['a line cap', { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 1, y2: 1, lineCap: 'round' }] }, /a canvas line has an unsupported property "lineCap"/],
    ['auto table widths', { table: { widths: ['auto'], body: [[cell('a')]] } }, /unsupported column width "auto"/],
    ['table heights', { table: { heights: 20, body: [[cell('a')]] } }, /a table has an unsupported property "heights"/],
    ['rows broken across pages', { table: { dontBreakRows: false, body: [[cell('a')]] } }, /rows broken across pages/],
    ['a short row', { table: { body: [[cell('a'), cell('b'), cell('c')], [cell('a'), cell('b')]] } }, /2 cells in row 2 but 3 in row 1/],
    ['too few widths', { table: { widths: [10], body: [[cell('a'), cell('b')]] } }, /1 widths for 2 columns/],
    ['content under a span', { table: { body: [[{ text: 'a', colSpan: 2 }, cell('lost')]] } }, /row 1, column 2 lies under a span/],
    ['a placeholder under no span', { table: { body: [[cell('a'), {}]] } }, /the \{\} of a cell covered by a span, outside any span/],
    ['a span past the table', { table: { body: [[{ text: 'a', rowSpan: 2 }]] } }, /spans past its table/],
    ['a layout function', { table: { body: [[cell('a')]] }, layout: { hLineWidth: () => 1 } }, /"hLineWidth" that is not a constant/],
    ['a cell fill', { table: { body: [[cell('a')]] }, layout: { fillColor: '#eee' } }, /a table layout has an unsupported property "fillColor"/],
    ['a named layout', { table: { body: [[cell('a')]] }, layout: 'noBorders' }, /unsupported layout/],
  ];
  for (const [what, node, error] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => renderDocument(frame([node as PdfNode]), INFO)).toThrow(error);
    });
  }

  it('refuses document and style properties it does not use', () => {
    expect(() => renderDocument({ ...frame([]), watermark: 'BẢN NHÁP' } as PdfDocument, INFO)).toThrow(/the document has an unsupported property "watermark"/);
    expect(() => renderDocument({ ...frame([]), styles: { x: { font: 'Roboto' } } } as unknown as PdfDocument, INFO)).toThrow(/the style "x" has an unsupported property "font"/);
  });

  it('refuses a footer node it cannot draw', () => {
    expect(() => renderDocument({ ...frame([{ text: 'a' }]), footer: () => ({ qr: 'x' }) as unknown as PdfNode }, INFO)).toThrow(/unsupported property "qr"/);
  });
});
