/**
 * May a certificate sign at this instant? (P5; RFC 5280 §4.1.2.5: the validity period includes
 * both notBefore and notAfter.) The instant is the signing clock's, never the wall clock; the
 * days in the refusal are Vietnam's days (a certificate ending 31/12 at 20:00 UTC ended on 01/01
 * in Vietnam).
 */
import { formatVietnamDay } from '../calendar/vietnam-time.ts';

export interface CertificateValidity {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
}

export type CertificateCheck = { ok: true } | { ok: false; kind: 'notYetValid' | 'expired'; message: string };

export function checkCertificateValidAt(cert: CertificateValidity, at: Date): CertificateCheck {
  // Fail closed: a date that is not one (NaN) compares false both ways and must not pass as valid.
  if ([at, cert.notBefore, cert.notAfter].some((d) => Number.isNaN(d.getTime()))) {
    return { ok: false, kind: 'notYetValid', message: `Không xác định được thời hạn hiệu lực của chứng thư số "${cert.commonName}".` };
  }
  if (at.getTime() < cert.notBefore.getTime()) {
    return { ok: false, kind: 'notYetValid', message: `Chứng thư số "${cert.commonName}" chưa có hiệu lực (hiệu lực từ ${formatVietnamDay(cert.notBefore)}).` };
  }
  if (at.getTime() > cert.notAfter.getTime()) {
    return { ok: false, kind: 'expired', message: `Chứng thư số "${cert.commonName}" đã hết hiệu lực (hiệu lực đến ${formatVietnamDay(cert.notAfter)}).` };
  }
  return { ok: true };
}
