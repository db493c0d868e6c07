/**
 * May a certificate sign at this instant? (P5; RFC 5280 §4.1.2.5: "the validity period for a
 * certificate is the period of time from notBefore through notAfter, inclusive".) The instant is
 * the signing clock's (issue 12); the refusal names Vietnam's day (UTC+7), not the UTC day.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type CertificateValidity, checkCertificateValidAt } from './certificate-validity.ts';

// notBefore is 01:00 on 01/01/2026 in Vietnam (still 31/12/2025 in UTC); notAfter is 03:00 on
// 01/01/2027 in Vietnam (still 31/12/2026 in UTC): both refusals must name the Vietnamese day.
const cert: CertificateValidity = {
  commonName: 'Nguyễn Văn Hùng',
  notBefore: new Date('2025-12-31T18:00:00.000Z'),
  notAfter: new Date('2026-12-31T20:00:00.000Z'),
};
const at = (iso: string) => new Date(iso);
const shift = (d: Date, ms: number) => new Date(d.getTime() + ms);

describe('validity is inclusive at both ends (RFC 5280 §4.1.2.5), to the millisecond', () => {
  it.each([
    ['1 ms before notBefore: not yet valid', shift(cert.notBefore, -1), 'notYetValid'],
    ['exactly at notBefore: valid', cert.notBefore, null],
    ['1 ms after notBefore: valid', shift(cert.notBefore, 1), null],
    ['in the middle of the period: valid', at('2026-06-15T03:00:00.000Z'), null],
    ['1 ms before notAfter: valid', shift(cert.notAfter, -1), null],
    ['exactly at notAfter: valid (the last instant counts)', cert.notAfter, null],
    ['1 ms after notAfter: expired', shift(cert.notAfter, 1), 'expired'],
    ['a year after notAfter: expired', at('2027-12-31T20:00:00.000Z'), 'expired'],
    ['a day before notBefore: not yet valid', at('2025-12-30T18:00:00.000Z'), 'notYetValid'],
  ] as const)('%s', (_label, instant, kind) => {
    const check = checkCertificateValidAt(cert, instant);
    if (kind === null) expect(check).toEqual({ ok: true });
    else expect(check).toMatchObject({ ok: false, kind });
  });

  it('a certificate valid for a single instant signs at that instant only', () => {
    const instant = at('2026-12-07T17:00:00.000Z');
    const once = { ...cert, notBefore: instant, notAfter: instant };
    expect(checkCertificateValidAt(once, instant).ok).toBe(true);
    expect(checkCertificateValidAt(once, shift(instant, -1))).toMatchObject({ ok: false, kind: 'notYetValid' });
    expect(checkCertificateValidAt(once, shift(instant, 1))).toMatchObject({ ok: false, kind: 'expired' });
  });
});

describe('the refusal names the day in Vietnam (UTC+7)', () => {
  it('expired: a certificate ending 31/12/2026 20:00 UTC last signed on 01/01/2027 in Vietnam', () => {
    const check = checkCertificateValidAt(cert, shift(cert.notAfter, 1));
    expect(check).toEqual({ ok: false, kind: 'expired', message: 'Chứng thư số "Nguyễn Văn Hùng" đã hết hiệu lực (hiệu lực đến 01/01/2027).' });
  });

  it('not yet valid: a certificate starting 31/12/2025 18:00 UTC starts on 01/01/2026 in Vietnam', () => {
    const check = checkCertificateValidAt(cert, shift(cert.notBefore, -1));
    expect(check).toEqual({ ok: false, kind: 'notYetValid', message: 'Chứng thư số "Nguyễn Văn Hùng" chưa có hiệu lực (hiệu lực từ 01/01/2026).' });
  });

  it.each([
    ['ends at 23:59:59 in Vietnam on 31/12', '2026-12-31T16:59:59.000Z', 'hiệu lực đến 31/12/2026'],
    ['ends at 00:00 in Vietnam on 01/01', '2026-12-31T17:00:00.000Z', 'hiệu lực đến 01/01/2027'],
    ['ends at 03:00 in Vietnam on 01/01', '2026-12-31T20:00:00.000Z', 'hiệu lực đến 01/01/2027'],
    ['ends on the leap day in Vietnam, 28/02 in UTC', '2028-02-28T18:00:00.000Z', 'hiệu lực đến 29/02/2028'],
  ])('expired: a certificate that %s (notAfter %s) says "%s"', (_label, notAfter, text) => {
    const c = { ...cert, notAfter: at(notAfter) };
    const check = checkCertificateValidAt(c, shift(c.notAfter, 1));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(text);
  });

  it.each([
    ['starts at 23:00 in Vietnam on 07/12', '2026-12-07T16:00:00.000Z', 'hiệu lực từ 07/12/2026'],
    ['starts at 00:00 in Vietnam on 08/12', '2026-12-07T17:00:00.000Z', 'hiệu lực từ 08/12/2026'],
  ])('not yet valid: a certificate that %s (notBefore %s) says "%s"', (_label, notBefore, text) => {
    const c = { ...cert, notBefore: at(notBefore) };
    const check = checkCertificateValidAt(c, shift(c.notBefore, -1));
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.message).toContain(text);
  });
});

describe('the signing instant is the argument, never the wall clock (issue 12)', () => {
  afterEach(() => vi.useRealTimers());
  it.each([
    ['before the certificate starts', '2025-01-01T00:00:00.000Z'],
    ['after the certificate ends', '2030-01-01T00:00:00.000Z'],
  ])('with the system time %s (%s), the answer follows the given instant', (_label, systemTime) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(systemTime));
    expect(checkCertificateValidAt(cert, cert.notAfter).ok).toBe(true);
    expect(checkCertificateValidAt(cert, shift(cert.notAfter, 1))).toMatchObject({ ok: false, kind: 'expired' });
  });
});

describe('a date that is not one fails closed', () => {
  const cert = { commonName: 'X', notBefore: new Date('2026-01-01T00:00:00Z'), notAfter: new Date('2026-12-31T20:00:00Z') };
  it.each([
    ['the signing instant is invalid', cert, new Date('garbage')],
    ['notAfter is invalid', { ...cert, notAfter: new Date(Number.NaN) }, new Date('2030-01-01T00:00:00Z')],
    ['notBefore is invalid', { ...cert, notBefore: new Date(Number.NaN) }, new Date('2026-06-01T00:00:00Z')],
  ])('%s → refused', (_what, c, at) => {
    expect(checkCertificateValidAt(c, at).ok).toBe(false);
  });
});
