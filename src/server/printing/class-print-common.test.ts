import { describe, expect, it } from 'vitest';
import { isoDateToPrinted, latestInstant, levelNameOf, printedDataVersion, slug } from './class-print-common.ts';

describe('class-level print helpers', () => {
  it('names the level by grade', () => {
    expect([1, 5, 6, 9, 10, 12].map(levelNameOf)).toEqual(['TIỂU HỌC', 'TIỂU HỌC', 'TRUNG HỌC CƠ SỞ', 'TRUNG HỌC CƠ SỞ', 'TRUNG HỌC PHỔ THÔNG', 'TRUNG HỌC PHỔ THÔNG']);
  });

  it('versions the printed data by content, not by key order', () => {
    const a = printedDataVersion({ b: [1, '8,5'], a: { x: null } });
    expect(printedDataVersion({ a: { x: null }, b: [1, '8,5'] })).toBe(a);
    expect(printedDataVersion({ a: { x: null }, b: [1, '8,0'] })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('takes the latest instant, or the fallback', () => {
    expect(latestInstant(['2026-11-01T00:00:00.000Z', null, '2026-11-20T03:00:00.000Z', undefined], '2026-09-01T00:00:00.000Z').toISOString()).toBe('2026-11-20T03:00:00.000Z');
    expect(latestInstant([null], '2026-09-01T00:00:00.000Z').toISOString()).toBe('2026-09-01T00:00:00.000Z');
  });

  it('prints ISO dates as dd/mm/yyyy and file names as ASCII slugs', () => {
    expect(isoDateToPrinted('2015-03-04')).toBe('04/03/2015');
    expect(slug('Học kì II – 2026 - 2027')).toBe('hoc-ki-ii-2026-2027');
    expect(slug('Đạo đức')).toBe('dao-duc');
  });
});
