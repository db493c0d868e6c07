import { describe, expect, it } from 'vitest';
import { normalizeRecoveryCode } from './recovery-codes.ts';

describe('normalizeRecoveryCode: a code as typed, as stored', () => {
  it.each([
    ['abcd-efgh-jkmn', 'abcdefghjkmn'],
    [' ABCD EFGH JKMN ', 'abcdefghjkmn'],
    ['abcdefghjkmn', 'abcdefghjkmn'],
    ['abcd-efgh-jkm', null],
    ['abcd-efgh-jkmn-p', null],
    // 0, 1, i, l, o are never in a code
    ['abcd-efgh-jkm0', null],
    ['abcd-efgh-jkml', null],
    ['123456', null],
  ])('%j → %j', (typed, stored) => {
    expect(normalizeRecoveryCode(typed)).toBe(stored);
  });
});
