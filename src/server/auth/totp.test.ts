import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, totpCode, totpMatches, verifyTotp } from './totp.ts';

// RFC 6238 Appendix B test vectors (SHA-1 secret "12345678901234567890"), last 6 digits.
const secret = base32Encode(Buffer.from('12345678901234567890'));

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '287082'],
    [1111111109, '081804'],
    [1111111111, '050471'],
    [1234567890, '005924'],
    [2000000000, '279037'],
  ])('at %i s the code is %s', (t, code) => {
    expect(totpCode(secret, t * 1000)).toBe(code);
  });

  it('accepts one step of clock drift and refuses two', () => {
    const now = 1_700_000_000_000;
    expect(verifyTotp(secret, totpCode(secret, now - 30_000), now)).toBe(true);
    expect(verifyTotp(secret, totpCode(secret, now - 60_000), now)).toBe(false);
    expect(verifyTotp(secret, 'abcdef', now)).toBe(false);
  });

  it('base32 round-trips', () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 255, 7]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });
});

describe('totpMatches: the business clock, and the real clock when the business clock was moved', () => {
  const secret = newTotpSecret();
  const business = new Date('2027-03-10T02:00:00Z'); // SODIEM_NOW=2027-03-10
  const real = new Date('2026-12-07T02:00:00Z'); // the phone's time
  it.each([
    ['a code of the business clock', () => totpCode(secret, business.getTime()), real, true],
    ['a code of the phone (system clock) while the business clock is moved', () => totpCode(secret, real.getTime()), real, true],
    ['a code of the phone an hour off when the clocks agree', () => totpCode(secret, business.getTime() - 3600_000), business, false],
  ])('%s → %s', (_what, code, system, ok) => {
    expect(totpMatches(secret, code(), business, system)).toBe(ok);
  });
});
