import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, newTotpSecret, totpCode, totpStepAt, totpStepOf } from './totp.ts';

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
    expect(totpStepOf(secret, totpCode(secret, now - 30_000), now)).not.toBeNull();
    expect(totpStepOf(secret, totpCode(secret, now - 60_000), now)).toBeNull();
    expect(totpStepOf(secret, 'abcdef', now)).toBeNull();
  });

  it('names the time step a code is of (30 s steps since 1970), one step either side of now', () => {
    const now = 1_700_000_000_000; // step 56 666 666, 20 s into it
    expect(totpStepOf(secret, totpCode(secret, now), now)).toBe(56_666_666);
    expect(totpStepOf(secret, totpCode(secret, now, -1), now)).toBe(56_666_665);
    expect(totpStepOf(secret, totpCode(secret, now, 1), now)).toBe(56_666_667);
    expect(totpStepOf(secret, ` ${totpCode(secret, now).slice(0, 3)} ${totpCode(secret, now).slice(3)} `, now)).toBe(56_666_666);
  });

  it('base32 round-trips', () => {
    const buf = Buffer.from([0, 1, 2, 250, 251, 255, 7]);
    expect(base32Decode(base32Encode(buf))).toEqual(buf);
  });
});

describe('totpStepAt: the business clock, and the real clock when the business clock was moved', () => {
  const secret = newTotpSecret();
  const business = new Date('2027-03-10T02:00:00Z'); // SODIEM_NOW=2027-03-10
  const real = new Date('2026-12-07T02:00:00Z'); // the phone's time
  it.each([
    ['a code of the business clock', () => totpCode(secret, business.getTime()), real, true],
    ['a code of the phone (system clock) while the business clock is moved', () => totpCode(secret, real.getTime()), real, true],
    ['a code of the phone an hour off when the clocks agree', () => totpCode(secret, business.getTime() - 3600_000), business, false],
  ])('%s → %s', (_what, code, system, ok) => {
    expect(totpStepAt(secret, code(), business, system) !== null).toBe(ok);
  });

  it("gives a code one step, counted on the business clock, whichever clock it matched", () => {
    const moved = new Date('2027-03-10T02:00:10Z'); // SODIEM_NOW=2027-03-10: whole days from the phone's time
    const phone = new Date('2026-12-07T02:00:10Z');
    const businessStep = Math.floor(moved.getTime() / 30_000);
    expect(totpStepAt(secret, totpCode(secret, moved.getTime()), moved, phone)).toBe(businessStep);
    expect(totpStepAt(secret, totpCode(secret, phone.getTime()), moved, phone)).toBe(businessStep);
    expect(totpStepAt(secret, totpCode(secret, phone.getTime(), 1), moved, phone)).toBe(businessStep + 1);
    // The same phone code 20 s later (the next step has begun): still the same step, so refused as used.
    expect(totpStepAt(secret, totpCode(secret, phone.getTime()), new Date(moved.getTime() + 20_000), new Date(phone.getTime() + 20_000))).toBe(businessStep);
  });
});
