import type { PdfCell, PdfNode } from '../../platform/pdf/engine/nodes.ts';
import { describe, expect, it } from 'vitest';
import { tableOverhead, tableWithSignatures, td, th } from './class-book-cells.ts';

const rows = (n: number): PdfCell[][] => Array.from({ length: n }, (_, i) => [td(String(i + 1)), td(`Học sinh ${i + 1}`)]);

describe('tableWithSignatures', () => {
  it('carries the last rows with the signatures so they never stand alone', () => {
    const body = [[th('Số TT'), th('Họ và tên')], ...rows(5)];
    const seen: PdfNode[] = [];
    const out = tableWithSignatures(body, 1, [20, '*'], (keep) => {
      seen.push(keep);
      return { stack: [keep, { text: 'KÝ' }], unbreakable: true };
    });
    expect(out).toHaveLength(2);
    const main = out[0] as { table: { body: PdfCell[][]; headerRows: number } };
    expect(main.table.headerRows).toBe(1);
    expect(main.table.body).toHaveLength(4); // header + 3 rows
    expect((seen[0] as { table: { body: PdfCell[][] } }).table.body).toHaveLength(2);
    expect((out[1] as { unbreakable: boolean }).unbreakable).toBe(true);
  });

  it('keeps a short table whole with the header', () => {
    const body = [[th('Số TT'), th('Họ và tên')], ...rows(1)];
    const out = tableWithSignatures(body, 1, [20, '*'], (keep) => ({ stack: [keep] }));
    expect(out).toHaveLength(1);
    const kept = (out[0] as { stack: { table: { body: PdfCell[][] } }[] }).stack[0];
    expect(kept.table.body).toHaveLength(2);
  });

  it('counts padding and rules of a table', () => {
    expect(tableOverhead(10)).toBe(10 * 4 + 11 * 0.5);
  });
});
