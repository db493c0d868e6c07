import { describe, expect, it } from 'vitest';
import { awardTt27 } from './award-tt27.ts';

describe('TT 27/2020 Điều 15 khoản 1 — end-of-year awards', () => {
  it.each([
    ['HTXS', false, 'XS'],
    ['HTXS', true, 'XS'],
    ['HTT', true, 'TB'],
    ['HTT', false, null], // P2: no title without the nomination and class recognition
    ['HT', true, null],
    ['CHT', true, null],
  ] as const)('%s, nominated %s → %s', (level, nominated, award) => {
    expect(awardTt27(level, nominated)).toBe(award);
  });
});
