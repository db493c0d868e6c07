/**
 * Has a CA revoked a certificate? (issue 14) Asked of the OCSP responder named in the certificate
 * (Authority Information Access), else of its CRL (CRL Distribution Points), over plain HTTP with
 * a short timeout. Only ever asked for a chain already built to a trusted root, so the addresses
 * are the CA's own. An answer counts only when signed by the issuing CA (or, for OCSP, by a
 * responder it delegated with id-kp-OCSPSigning). Unreachable, switched off or nowhere to ask:
 * "unknown" — reported as not checked, never as a failure.
 */
import { X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { verifySignedBytes } from './signature-algorithms.ts';
import type { Cert } from './trust-store.ts';

export type RevocationStatus =
  | { status: 'good'; source: 'ocsp' | 'crl' }
  | { status: 'revoked'; source: 'ocsp' | 'crl'; certificate: string; revokedAt: Date | null }
  | { status: 'unknown'; reason: string };

export interface RevocationOptions {
  online: boolean;
  /** The business clock's instant: a CRL past its nextUpdate no longer says "good". */
  now: Date;
  timeoutMs?: number;
}

const OID = {
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  crlDistributionPoints: '2.5.29.31',
  ocsp: '1.3.6.1.5.5.7.48.1',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
};
const URI = 6;
const TIMEOUT_MS = 4000;
const MAX_OCSP_BYTES = 64 * 1024;
const MAX_CRL_BYTES = 20 * 1024 * 1024;
const CACHE_MS = 10 * 60_000;
const FAILURE_CACHE_MS = 60_000;
const CACHE_ENTRIES = 500;

class Unanswered extends Error {}

/** Answers kept a while (monotonic time, not the business clock): a public page does not hammer a CA. */
const cache = new Map<string, { until: number; value: Promise<unknown> }>();
function cached<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const now = performance.now();
  const hit = cache.get(key);
  if (hit && hit.until > now) return hit.value as Promise<T>;
  if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  const value = compute();
  cache.set(key, { until: now + CACHE_MS, value });
  value.catch(() => cache.set(key, { until: performance.now() + FAILURE_CACHE_MS, value }));
  return value;
}

function urisOf(names: pkijs.GeneralName[] | undefined): string[] {
  return (names ?? []).filter((n) => n.type === URI && typeof n.value === 'string').map((n) => n.value as string);
}

/** The OCSP responders and CRL addresses a certificate names (http and https only). */
export function revocationUrls(cert: Cert): { ocsp: string[]; crl: string[] } {
  const ext = (oid: string) => cert.parsed.extensions?.find((e) => e.extnID === oid)?.parsedValue;
  const aia = ext(OID.authorityInfoAccess) as pkijs.InfoAccess | undefined;
  const cdp = ext(OID.crlDistributionPoints) as pkijs.CRLDistributionPoints | undefined;
  const ocsp = urisOf(aia?.accessDescriptions.filter((d) => d.accessMethod === OID.ocsp).map((d) => d.accessLocation));
  const crl = (cdp?.distributionPoints ?? []).flatMap((p) => (Array.isArray(p.distributionPoint) ? urisOf(p.distributionPoint) : []));
  const web = (u: string) => /^https?:\/\//i.test(u);
  return { ocsp: ocsp.filter(web), crl: crl.filter(web) };
}

async function download(url: string, init: RequestInit, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  const response = await fetch(url, { ...init, redirect: 'follow', signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok || !response.body) throw new Unanswered(`HTTP ${response.status}`);
  const reader = response.body.getReader();
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(parts);
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Unanswered('response too large');
    }
    parts.push(Buffer.from(value));
  }
}

function derOf(bytes: Buffer, label: string): Buffer {
  const text = bytes.subarray(0, 64).toString('latin1');
  if (!text.includes(`-----BEGIN ${label}`)) return bytes;
  const body = bytes.toString('latin1').match(new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`))?.[1] ?? '';
  return Buffer.from(body.replace(/\s+/g, ''), 'base64');
}

const serialOf = (cert: pkijs.Certificate) => Buffer.from(cert.serialNumber.valueBlock.valueHexView).toString('hex');

/** RFC 6960: asks `url` about `cert`; the answer must be signed by `issuer` or a responder it delegated. */
async function askOcsp(url: string, cert: Cert, issuer: Cert, options: RevocationOptions): Promise<RevocationStatus> {
  const request = new pkijs.OCSPRequest();
  await request.createForCertificate(cert.parsed, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer.parsed });
  const body = Buffer.from(request.toSchema(true).toBER());
  const bytes = await download(url, { method: 'POST', body, headers: { 'content-type': 'application/ocsp-request', accept: 'application/ocsp-response' } }, options.timeoutMs ?? TIMEOUT_MS, MAX_OCSP_BYTES);
  const response = pkijs.OCSPResponse.fromBER(new Uint8Array(bytes));
  if (response.responseStatus.valueBlock.valueDec !== 0 || response.responseBytes?.responseType !== OID.ocspBasic) throw new Unanswered('OCSP not successful');
  const basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView));
  const delegated = (basic.certs ?? [])
    .filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())))
    .filter((c) => c.checkIssued(issuer.x509) && c.verify(issuer.x509.publicKey) && (c.keyUsage ?? []).includes(OID.ocspSigning))
    .filter((c) => Date.parse(c.validFrom) <= options.now.getTime() && options.now.getTime() <= Date.parse(c.validTo));
  const signedBy = [issuer.x509, ...delegated].find((signer) =>
    verifySignedBytes(basic.signatureAlgorithm.algorithmId, basic.tbsResponseData.tbsView, signer.publicKey, basic.signature.valueBlock.valueHexView),
  );
  if (!signedBy) throw new Unanswered('OCSP response not signed by the CA');
  const status = await basic.getCertificateStatus(cert.parsed, issuer.parsed);
  if (!status.isForCertificate || status.status === 2) throw new Unanswered('OCSP: unknown certificate');
  if (status.status === 0) return { status: 'good', source: 'ocsp' };
  const single = basic.tbsResponseData.responses.find((r) => Buffer.from(r.certID.serialNumber.valueBlock.valueHexView).toString('hex') === serialOf(cert.parsed));
  const time = (single?.certStatus as asn1js.Constructed | undefined)?.valueBlock.value[0] as asn1js.GeneralizedTime | undefined;
  return { status: 'revoked', source: 'ocsp', certificate: cert.description.commonName, revokedAt: time && 'toDate' in time ? time.toDate() : null };
}

/** RFC 5280 §6.3, plainly: the CRL of `url`, issued and signed by `issuer`, lists `cert` or not. */
async function askCrl(url: string, cert: Cert, issuer: Cert, options: RevocationOptions): Promise<RevocationStatus> {
  const bytes = await cached(`crl:${url}`, () => download(url, { method: 'GET' }, options.timeoutMs ?? TIMEOUT_MS, MAX_CRL_BYTES));
  const crl = pkijs.CertificateRevocationList.fromBER(new Uint8Array(derOf(bytes, 'X509 CRL')));
  if (!crl.issuer.isEqual(cert.parsed.issuer)) throw new Unanswered('CRL of another issuer');
  if (!verifySignedBytes(crl.signatureAlgorithm.algorithmId, crl.tbsView, issuer.x509.publicKey, crl.signatureValue.valueBlock.valueHexView)) {
    throw new Unanswered('CRL not signed by the CA');
  }
  const serial = serialOf(cert.parsed);
  const entry = crl.revokedCertificates?.find((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).toString('hex') === serial);
  if (entry) return { status: 'revoked', source: 'crl', certificate: cert.description.commonName, revokedAt: entry.revocationDate.value };
  if (crl.nextUpdate && crl.nextUpdate.value.getTime() < options.now.getTime()) throw new Unanswered('CRL out of date');
  return { status: 'good', source: 'crl' };
}

async function checkOne(cert: Cert, issuer: Cert, options: RevocationOptions): Promise<RevocationStatus> {
  const urls = revocationUrls(cert);
  if (!urls.ocsp.length && !urls.crl.length) return { status: 'unknown', reason: `chứng thư "${cert.description.commonName}" không ghi nơi kiểm tra thu hồi` };
  if (!options.online) return { status: 'unknown', reason: 'máy chủ không kiểm tra thu hồi trực tuyến (SODIEM_REVOCATION_CHECK=off)' };
  for (const url of urls.ocsp) {
    try {
      return await cached(`ocsp:${url}:${cert.description.sha256}`, () => askOcsp(url, cert, issuer, options));
    } catch {
      // try the next address, then the CRL
    }
  }
  for (const url of urls.crl) {
    try {
      return await askCrl(url, cert, issuer, options);
    } catch {
      // try the next address
    }
  }
  return { status: 'unknown', reason: 'không liên lạc được với nơi kiểm tra thu hồi của tổ chức chứng thực' };
}

/**
 * The status of a chain built to a trusted root (signer first, the root last, which is not
 * asked): revoked when any certificate is, good when every one asked is known good, else
 * unknown. The signer's certificate is always asked; an intermediate CA only when it names
 * where to ask (a CA that publishes nothing about its own certificate).
 */
export async function checkRevocation(path: Cert[], options: RevocationOptions): Promise<RevocationStatus> {
  const asked = path.slice(0, -1).flatMap((cert, i) => {
    const urls = revocationUrls(cert);
    return i === 0 || urls.ocsp.length || urls.crl.length ? [{ cert, issuer: path[i + 1] }] : [];
  });
  const results = await Promise.all(asked.map(({ cert, issuer }) => checkOne(cert, issuer, options)));
  return results.find((r) => r.status === 'revoked') ?? results.find((r) => r.status === 'unknown') ?? results[0] ?? { status: 'unknown', reason: 'không có chứng thư để kiểm tra' };
}
