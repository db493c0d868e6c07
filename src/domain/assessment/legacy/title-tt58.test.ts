import { describe, expect, it } from 'vitest';
import { titleTt58 } from './title-tt58.ts';

describe('TT 58/2011 Điều 18 — Học sinh Giỏi / Tiên tiến (per term and year)', () => {
  it.each([
    ['G', 'T', 'HSG'],
    ['G', 'K', 'HSTT'],
    ['K', 'T', 'HSTT'],
    ['K', 'K', 'HSTT'],
    ['TB', 'T', null],
    ['G', 'TB', null],
    [null, 'T', null],
  ] as const)('học lực %s, hạnh kiểm %s → %s', (academic, conduct, title) => {
    expect(titleTt58(academic, conduct)).toBe(title);
  });
});
