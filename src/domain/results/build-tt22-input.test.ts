import { describe, expect, it } from 'vitest';
import { evaluateTt22 } from '../assessment/evaluate-tt22.ts';
import { buildTt22Input, cellKey } from './build-tt22-input.ts';

import type { CellValue } from '../gradebook/parse-cell-input.ts';

const s = (t: number): CellValue => ({ scoreTenths: t, text: null });
const m = (t: string): CellValue => ({ scoreTenths: null, text: t });

describe('grade-book cells → TT 22/2021 year input (G7)', () => {
  const subjects = [
    { id: 'toan', code: 'TOAN', kind: 'scored' as const, regularCount: 2 },
    { id: 'gdtc', code: 'GDTC', kind: 'comment' as const, regularCount: 2 },
  ];
  const cells = new Map<string, CellValue>([
    [cellKey('toan', 1, 'TX1'), s(80)],
    [cellKey('toan', 1, 'TX2'), s(90)],
    [cellKey('toan', 1, 'GK'), s(70)],
    [cellKey('toan', 1, 'CK'), s(85)],
    [cellKey('toan', 2, 'TX1'), s(60)],
    [cellKey('gdtc', 1, 'TX1'), m('Đ')],
    [cellKey('gdtc', 3, 'KTL'), m('Đ')],
  ]);

  it('maps stored cells to terms in column order, missing ones as null', () => {
    const input = buildTt22Input({ studentId: 'a', subjects, cells, conduct: { term1: 'T', term2: null, summer: null }, absences: 3 });
    expect(input.subjects[0]).toEqual({
      subject: 'TOAN',
      kind: 'scored',
      regularCount: 2,
      term1: { regular: [80, 90], midterm: 70, endOfTerm: 85 },
      term2: { regular: [60, null], midterm: null, endOfTerm: null },
      retest: null,
    });
    expect(input.subjects[1]).toMatchObject({ kind: 'comment', term1: { regular: ['Đ', null], midterm: null, endOfTerm: null }, retest: 'Đ' });
    expect(input.absences).toBe(3);
  });

  it('the engine sees term I of Toán complete (ĐTBmhk 8,1) and the year incomplete', () => {
    const r = evaluateTt22(buildTt22Input({ studentId: 'a', subjects, cells, conduct: { term1: 'T', term2: null, summer: null }, absences: 0 }));
    // (8 + 9 + 2·7 + 3·8,5) / (2 + 5) = 56,5 / 7 = 8,071… → 8,1 (Điều 9 khoản 1 điểm b)
    expect(r.subjects[0]).toMatchObject({ term1: 81, term2: null, year: null });
    expect(r.year.academic).toBeNull();
  });
});
