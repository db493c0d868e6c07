/** The page frame's pure helpers (no database, no server). */
import { describe, expect, it } from 'vitest';
import { documentIdFor, verifyUrlFor } from './document-id.ts';
import { contentWidth, placeDateText } from './layout.ts';

describe('page frame helpers', () => {
  it('writes the place-and-date line as Nghị định 30 does (leading zero for days < 10 and months 1, 2)', () => {
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 5, month: 11, year: 2025 } })).toBe('Mỹ Hào, ngày 05 tháng 11 năm 2025');
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 12, month: 2, year: 2026 } })).toBe('Mỹ Hào, ngày 12 tháng 02 năm 2026');
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 12, month: 3, year: 2026 } })).toBe('Mỹ Hào, ngày 12 tháng 3 năm 2026');
    expect(placeDateText({ place: null, date: null })).toBe('……………, ngày …… tháng …… năm ……');
  });

  it('keeps the seal strip: the text column is narrower than the page by both margins', () => {
    expect(Math.round(contentWidth('portrait'))).toBe(439);
    expect(Math.round(contentWidth('landscape'))).toBe(686);
  });

  it('gives a stable, short document id and its verification address', () => {
    const a = documentIdFor('GDN', ['x', 1]);
    expect(a).toMatch(/^GDN-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(documentIdFor('GDN', ['x', 1])).toBe(a);
    expect(documentIdFor('GDN', ['x', 2])).not.toBe(a);
    expect(verifyUrlFor('https://so.example.vn/', a)).toBe(`https://so.example.vn/verify/${a}`);
  });
});
