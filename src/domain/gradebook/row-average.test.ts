import { describe, expect, it } from 'vitest';
import { gradebookColumns } from './gradebook-columns.ts';
import { rowAverage } from './row-average.ts';

const scored = { assessmentKind: 'scored' as const, regularCount: 4, hasPeriodicTest: false };
const comment = { assessmentKind: 'comment' as const, regularCount: 2, hasPeriodicTest: false };
const s = (t: number) => ({ scoreTenths: t, text: null });
const m = (t: string) => ({ scoreTenths: null, text: t });

describe('row average (TT 22/2021 Điều 9 khoản 1)', () => {
  it('ĐTBmhk = (ΣTX + 2·GK + 3·CK) / (n + 5), exact half-up: 6,15 → 6,2 (b)', () => {
    // (6+6+6+6.5 + 2·6 + 3·6.3) / 9 = 55.4/9 = 6.155… → 6,2
    const cells = new Map([['TX1', s(60)], ['TX2', s(60)], ['TX3', s(60)], ['TX4', s(65)], ['GK', s(60)], ['CK', s(63)]]);
    expect(rowAverage(scored, gradebookColumns(scored, 1), cells)).toEqual({ display: '6,2', tenths: 62 });
  });
  it('incomplete row → no average', () => {
    const cells = new Map([['TX1', s(80)], ['GK', s(70)], ['CK', s(90)]]);
    expect(rowAverage(scored, gradebookColumns(scored, 1), cells).display).toBeNull();
  });
  it('comment subject: Đ only when every assessment is Đ (a)', () => {
    const cols = gradebookColumns(comment, 1);
    expect(rowAverage(comment, cols, new Map([['TX1', m('Đ')], ['TX2', m('Đ')], ['GK', m('Đ')], ['CK', m('Đ')]])).display).toBe('Đ');
    expect(rowAverage(comment, cols, new Map([['TX1', m('Đ')], ['TX2', m('CĐ')], ['GK', m('Đ')], ['CK', m('Đ')]])).display).toBe('CĐ');
    expect(rowAverage(comment, cols, new Map([['TX1', m('Đ')], ['GK', m('Đ')], ['CK', m('Đ')]])).display).toBeNull();
  });
  it('the columns follow the periods: 2, 3 or 4 regular assessments, then GK, CK, comment', () => {
    expect(gradebookColumns({ ...scored, regularCount: 3 }, 1).map((c) => c.key)).toEqual(['TX1', 'TX2', 'TX3', 'GK', 'CK', 'NX']);
    expect(gradebookColumns({ assessmentKind: 'primaryLevel', regularCount: null, hasPeriodicTest: true }, 2).map((c) => c.key)).toEqual(['MUC_GK', 'MUC_CK', 'KT_CK', 'NX']);
  });
});
