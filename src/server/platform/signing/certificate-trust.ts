/**
 * Is a signer's certificate trusted? (issue 14) A chain is built from the signer's certificate
 * through intermediates (those the signature carries and the configured ones) to a configured
 * root (trust-store.ts); every certificate in it must be valid at the signing time, every issuer a
 * CA allowed to issue (basic constraints, path length, key usage keyCertSign) and the signer's key
 * allowed to sign (key usage digitalSignature or nonRepudiation). A trusted chain is then asked
 * about revocation (revocation.ts). The verdict comes with one plain Vietnamese sentence.
 */
import type * as asn1js from 'asn1js';
import type * as pkijs from 'pkijs';
import { checkCertificateValidAt } from '../../../domain/documents/certificate-validity.ts';
import { formatVietnamDay } from '../../../domain/calendar/vietnam-time.ts';
import { type RevocationStatus, checkRevocation } from './revocation.ts';
import { type Cert, type TrustStore, readCert } from './trust-store.ts';

/** `summary` speaks of the certificate, `message` of a signature made with it (the verification page). */
export type CertificateTrust =
  | { status: 'trusted'; issuer: string; root: string; revocation: RevocationStatus; summary: string; message: string }
  | { status: 'revoked'; issuer: string; root: string; revocation: RevocationStatus; summary: string; message: string }
  | { status: 'untrusted'; reason: string; summary: string; message: string };

/** A chain from the signer to a configured root, or why none holds. */
export type CertificatePath = { ok: true; path: Cert[] } | { ok: false; reason: string };

const MAX_DEPTH = 6;
const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyCertSign: 5 };

function extension<T>(cert: Cert, oid: string): T | undefined {
  return cert.parsed.extensions?.find((e) => e.extnID === oid)?.parsedValue as T | undefined;
}

/** The key usage bits, or null when the certificate does not restrict them. */
function keyUsage(cert: Cert): ((bit: number) => boolean) | null {
  const bits = extension<asn1js.BitString>(cert, '2.5.29.15');
  if (!bits) return null;
  const bytes = bits.valueBlock.valueHexView;
  return (bit) => ((bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7))) !== 0;
}

function pathLength(cert: Cert): number | null {
  const constraints = extension<pkijs.BasicConstraints>(cert, '2.5.29.19');
  const value = constraints?.pathLenConstraint;
  if (value === undefined) return null;
  return typeof value === 'number' ? value : value.valueBlock.valueDec;
}

const issues = (cert: Cert, issuer: Cert) => cert.x509.checkIssued(issuer.x509) && cert.x509.verify(issuer.x509.publicKey);
const nameOf = (cert: Cert) => `"${cert.description.commonName}"`;

/** Why a complete chain (signer … root) does not hold at `at`, or null when it does. */
function problemOf(path: Cert[], at: Date): string | null {
  for (const cert of path) {
    const validity = checkCertificateValidAt(cert.description, at);
    if (!validity.ok) return `${validity.message.replace(/\.$/, '')} vào thời điểm ký`;
  }
  const signer = keyUsage(path[0]);
  if (signer && !signer(KEY_USAGE.digitalSignature) && !signer(KEY_USAGE.nonRepudiation)) return `chứng thư ${nameOf(path[0])} không được phép dùng để ký số (mục đích sử dụng khoá)`;
  for (const [i, ca] of path.entries()) {
    if (i === 0) continue;
    if (!ca.x509.ca) return `chứng thư ${nameOf(ca)} không phải của một tổ chức chứng thực (không được cấp chứng thư cho người khác)`;
    const usage = keyUsage(ca);
    if (usage && !usage(KEY_USAGE.keyCertSign)) return `chứng thư ${nameOf(ca)} không được phép cấp chứng thư (mục đích sử dụng khoá)`;
    const limit = pathLength(ca);
    if (limit !== null && i - 1 > limit) return `chứng thư ${nameOf(ca)} không được phép cấp qua nhiều tầng trung gian như vậy`;
  }
  return null;
}

/**
 * Builds the chain of `signer` to a root of `store`, trying every candidate issuer, and checks it
 * at `at` (the signing time).
 */
export function buildCertificatePath(signer: Cert, carried: Cert[], store: TrustStore, at: Date): CertificatePath {
  const { anchors, intermediates } = store.load();
  const pool = [...carried.filter((c) => !c.der.equals(signer.der)), ...intermediates];
  let problem: string | null = null;
  const extend = (path: Cert[]): Cert[] | null => {
    const current = path[path.length - 1];
    const complete = anchors.some((a) => a.der.equals(current.der)) ? [path] : anchors.filter((a) => issues(current, a)).map((a) => [...path, a]);
    for (const candidate of complete) {
      problem = problemOf(candidate, at);
      if (!problem) return candidate;
    }
    if (path.length >= MAX_DEPTH) return null;
    for (const next of pool) {
      if (path.some((p) => p.der.equals(next.der)) || !issues(current, next)) continue;
      const found = extend([...path, next]);
      if (found) return found;
    }
    return null;
  };
  const path = extend([signer]);
  if (path) return { ok: true, path };
  return { ok: false, reason: problem ?? `không tìm thấy chuỗi chứng thư từ tổ chức cấp "${signer.description.issuerCommonName ?? signer.description.issuer}" đến một tổ chức chứng thực gốc được tin cậy` };
}

/** A clause as a sentence: capitalised, with its full stop. */
const sentence = (clause: string) => `${clause.charAt(0).toLocaleUpperCase('vi')}${clause.slice(1)}.`;

function revocationSentence(revocation: RevocationStatus): string {
  if (revocation.status === 'good') return `đã kiểm tra thu hồi (${revocation.source === 'ocsp' ? 'OCSP' : 'CRL'}): chưa bị thu hồi`;
  if (revocation.status === 'unknown') return `chưa kiểm tra được thu hồi (${revocation.reason})`;
  return 'đã bị thu hồi';
}

/**
 * The trust verdict of a signer's certificate (DER, first) with the certificates the signature
 * carries, at the signing time `at`; revocation asked as the store allows, on the clock's `now`.
 */
export async function assessCertificate(chain: Buffer[], store: TrustStore, at: Date, now: Date): Promise<CertificateTrust> {
  const [signer, ...carried] = chain.map(readCert);
  const built = buildCertificatePath(signer, carried, store, at);
  if (!built.ok) {
    const summary = `chứng thư KHÔNG thuộc tổ chức chứng thực được tin cậy (${built.reason})`;
    return { status: 'untrusted', reason: built.reason, summary: sentence(summary), message: `Chữ ký đúng nhưng ${summary}.` };
  }
  const issuer = signer.description.issuerCommonName ?? signer.description.issuer;
  const root = built.path[built.path.length - 1].description.commonName;
  const revocation = await checkRevocation(built.path, { online: store.onlineRevocation, now });
  if (revocation.status === 'revoked') {
    const summary = `Chứng thư đã bị thu hồi: ${revokedClause(revocation)}.`;
    return { status: 'revoked', issuer, root, revocation, summary, message: summary };
  }
  const summary = `chứng thư do ${issuer} cấp, được tin cậy (chuỗi đến ${root}); ${revocationSentence(revocation)}`;
  return { status: 'trusted', issuer, root, revocation, summary: sentence(summary), message: `Chữ ký hợp lệ, ${summary}.` };
}

/** "chứng thư "X" bị thu hồi từ ngày dd/mm/yyyy (theo CRL của tổ chức chứng thực)". */
export function revokedClause(revocation: Extract<RevocationStatus, { status: 'revoked' }>): string {
  const when = revocation.revokedAt ? ` từ ngày ${formatVietnamDay(revocation.revokedAt)}` : '';
  return `chứng thư "${revocation.certificate}" bị thu hồi${when} (theo ${revocation.source === 'ocsp' ? 'OCSP' : 'CRL'} của tổ chức chứng thực)`;
}
