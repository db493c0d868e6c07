/**
 * The trust anchors and known intermediates (issue 14): read from the configured folders and
 * files (trust-config.ts), each file parsed once and read again only when it changes (the demo
 * makes its root after start-up).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as pkijs from 'pkijs';
import { describeCertificate, parseCertificate } from './describe-certificate.ts';
import type { CertificateDescription } from './signer.ts';
import { derCertificatesOf } from './pem.ts';
import type { TrustConfig } from './trust-config.ts';

/** A certificate with its three views: DER, Node's (keys, signatures), pkijs's (extensions). */
export interface Cert {
  der: Buffer;
  x509: X509Certificate;
  parsed: pkijs.Certificate;
  description: CertificateDescription;
}

export function readCert(der: Buffer | Uint8Array): Cert {
  const bytes = Buffer.from(der);
  const parsed = parseCertificate(bytes);
  return { der: bytes, x509: new X509Certificate(bytes), parsed, description: describeCertificate(bytes, parsed) };
}

/** Self-signed: its own issuer, and its own key verifies it. */
export function isSelfSigned(cert: Cert): boolean {
  return cert.x509.checkIssued(cert.x509) && cert.x509.verify(cert.x509.publicKey);
}

export interface TrustAnchors {
  /** Self-signed certificates: a chain ending at one of them is trusted. */
  anchors: Cert[];
  /** Other CA certificates: they help to build a chain, they are never trusted by themselves. */
  intermediates: Cert[];
}

export interface TrustStore {
  load(): TrustAnchors;
  /** Ask OCSP responders and CRL servers (false: revocation is reported as not checked). */
  readonly onlineRevocation: boolean;
}

const CERT_FILE = /\.(pem|crt|cer|der)$/i;

/** The certificates of a file; none from a PEM file without one (a key beside the certificates). */
function certificatesOfFile(file: string): Cert[] {
  const bytes = readFileSync(file);
  if (bytes.includes('-----BEGIN') && !bytes.includes('-----BEGIN CERTIFICATE-----')) return [];
  try {
    return derCertificatesOf(bytes).map(readCert);
  } catch (error) {
    throw new Error(`Không đọc được chứng thư trong tệp ${file} (cấu hình chứng thư gốc tin cậy).`, { cause: error });
  }
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && CERT_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function split(certs: Cert[]): TrustAnchors {
  const anchors: Cert[] = [];
  const intermediates: Cert[] = [];
  const seen = new Set<string>();
  for (const cert of certs) {
    if (seen.has(cert.description.sha256)) continue;
    seen.add(cert.description.sha256);
    (isSelfSigned(cert) ? anchors : intermediates).push(cert);
  }
  return { anchors, intermediates };
}

/** The store of the configuration; throws (Vietnamese) now when a configured root is missing. */
export function fileTrustStore(config: TrustConfig): TrustStore {
  const cache = new Map<string, { stamp: string; certs: Cert[] }>();
  const read = (file: string): Cert[] => {
    const stat = statSync(file);
    const stamp = `${stat.mtimeMs}:${stat.size}`;
    const hit = cache.get(file);
    if (hit?.stamp === stamp) return hit.certs;
    const certs = certificatesOfFile(file);
    cache.set(file, { stamp, certs });
    return certs;
  };
  const load = (): TrustAnchors => {
    const files = [...config.roots.flatMap(filesUnder), ...config.optionalRoots.filter((f) => existsSync(f))];
    return split(files.flatMap(read));
  };
  for (const root of config.roots) {
    if (!existsSync(root)) throw new Error(`Cấu hình không hợp lệ: không có thư mục hoặc tệp chứng thư gốc tin cậy ${root} (SODIEM_TRUST_ROOTS).`);
  }
  if (!load().anchors.length) throw new Error(`Cấu hình không hợp lệ: không có chứng thư gốc (tự ký) nào trong ${config.roots.join(', ')} (SODIEM_TRUST_ROOTS).`);
  return { load, onlineRevocation: config.onlineRevocation };
}

/** A store of certificates given as DER (verifyPdfSignatures' `trustedRoots`, tests). */
export function memoryTrustStore(ders: Buffer[], options: { onlineRevocation?: boolean } = {}): TrustStore {
  const anchors = split(ders.map(readCert));
  return { load: () => anchors, onlineRevocation: options.onlineRevocation ?? false };
}

