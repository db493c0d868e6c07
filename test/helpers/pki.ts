/**
 * A throw-away PKI for the signing tests: a root CA, an intermediate CA and end-entity
 * certificates (RSA 2048, SHA-256) made with @peculiar/x509, with ASCII or Vietnamese names
 * (UTF8String), written as PEM/DER/PKCS#8 files for openssl, softhsm2-util and pdfsig, and as
 * PKCS#12 through `openssl pkcs12 -export`.
 *
 * The chain of every end entity is three certificates (signer, intermediate, root), the size the
 * PDF signature placeholder must hold.
 *
 * Every certificate is valid from a day before the PKI's clock for two years (issue 12: never
 * the wall clock). A certificate used against a server is made on that server's clock
 * (`createTestPki(dir, { clock: server.clock })`); the default is a TEST_NOW clock.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../src/server/platform/signing/reflect-metadata.ts';
import * as x509 from '@peculiar/x509';
import type { Clock } from '../../src/server/platform/clock.ts';
import { testClock } from './test-clock.ts';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const RSA: RsaHashedKeyGenParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
const ECDSA: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };

export interface NameParts {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  province?: string;
  /** Two letters, default "VN". */
  country?: string;
}

export interface TestIdentity {
  name: NameParts;
  certificate: x509.X509Certificate;
  /** DER of the certificate. */
  der: Buffer;
  /** DER chain, this certificate first (signer, intermediate, root). */
  chain: Buffer[];
  /** PKCS#8 DER of the private key. */
  keyPkcs8: Buffer;
  /** Files in the PKI directory. */
  certFile: string;
  keyFile: string;
  keyPk8File: string;
  chainFile: string;
}

export interface TestPki {
  dir: string;
  /** The clock the certificates were made on: each is valid from a day before it for two years. */
  clock: Clock;
  root: TestIdentity;
  intermediate: TestIdentity;
  /** The root certificate (PEM) to give openssl as -CAfile. */
  caFile: string;
  /**
   * Issues an end-entity certificate (key usage digitalSignature + nonRepudiation, or `keyUsage`),
   * naming a CRL and an OCSP responder when given (issue 14's revocation tests).
   */
  issue(name: NameParts, options?: IssueOptions): Promise<TestIdentity>;
  /** A CRL of the intermediate CA (the issuer of `issue`), DER, listing `revoked`; valid from a day before the clock for a week. */
  crl(revoked: TestIdentity[]): Promise<Buffer>;
  /** Writes a .p12 with `openssl pkcs12 -export`; `legacy` = 3DES/RC2-40 + SHA-1 MAC as older tools write. */
  pkcs12(identity: TestIdentity, password: string, options?: { legacy?: boolean; fileName?: string }): string;
}

function encodeName(parts: NameParts): x509.Name {
  const entries: x509.JsonAttributeAndValue[] = [{ '2.5.4.6': [{ printableString: parts.country ?? 'VN' }] }];
  if (parts.province) entries.push({ '2.5.4.8': [{ utf8String: parts.province }] });
  if (parts.locality) entries.push({ '2.5.4.7': [{ utf8String: parts.locality }] });
  if (parts.organization) entries.push({ '2.5.4.10': [{ utf8String: parts.organization }] });
  if (parts.organizationalUnit) entries.push({ '2.5.4.11': [{ utf8String: parts.organizationalUnit }] });
  entries.push({ '2.5.4.3': [{ utf8String: parts.commonName }] });
  return new x509.Name(entries);
}

function pem(label: string, der: Buffer): string {
  const b64 = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${b64}\n-----END ${label}-----\n`;
}

export interface IssueOptions {
  keyType?: 'rsa' | 'ec';
  notAfter?: Date;
  /** CRL Distribution Points. */
  crlUrl?: string;
  /** Authority Information Access: the OCSP responder. */
  ocspUrl?: string;
  keyUsage?: x509.KeyUsageFlags;
}

let fileCounter = 0;

async function makeIdentity(
  dir: string,
  name: NameParts,
  issuer: { certificate: x509.X509Certificate; key: CryptoKey; chain: Buffer[] } | null,
  ca: boolean,
  clock: Clock,
  options: IssueOptions = {},
): Promise<TestIdentity & { privateKey: CryptoKey }> {
  const { keyType = 'rsa', notAfter } = options;
  const keys = (await webcrypto.subtle.generateKey(keyType === 'ec' ? ECDSA : RSA, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = clock().getTime();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(ca, ca ? 1 : undefined, true),
    new x509.KeyUsagesExtension(
      options.keyUsage ?? (ca ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign : x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation),
      true,
    ),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
  ];
  if (options.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([options.crlUrl]));
  if (options.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: [options.ocspUrl] }));
  if (issuer) extensions.push(await x509.AuthorityKeyIdentifierExtension.create(issuer.certificate, false));
  const subject = encodeName(name);
  const serialNumber = `${ca ? '01' : '7e'}${Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex')}`;
  const common = { serialNumber, notBefore: new Date(now - 86_400_000), notAfter: notAfter ?? new Date(now + 2 * 365 * 86_400_000), extensions };
  // The issuer signs with RSA (the CAs are RSA); the end entity may hold an EC key.
  const signingAlgorithm = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
  const certificate = issuer
    ? await x509.X509CertificateGenerator.create({ ...common, subject, issuer: issuer.certificate.subjectName, publicKey: keys.publicKey, signingKey: issuer.key, signingAlgorithm })
    : await x509.X509CertificateGenerator.createSelfSigned({ ...common, name: subject, keys, signingAlgorithm });
  const der = Buffer.from(certificate.rawData);
  const chain = [der, ...(issuer?.chain ?? [])];
  const keyPkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  const base = join(dir, `id${++fileCounter}`);
  const files = { certFile: `${base}.crt.pem`, keyFile: `${base}.key.pem`, keyPk8File: `${base}.key.pk8`, chainFile: `${base}.chain.pem` };
  writeFileSync(files.certFile, pem('CERTIFICATE', der));
  writeFileSync(files.keyFile, pem('PRIVATE KEY', keyPkcs8));
  writeFileSync(files.keyPk8File, pem('PRIVATE KEY', keyPkcs8));
  writeFileSync(files.chainFile, chain.map((c) => pem('CERTIFICATE', c)).join(''));
  return { name, certificate, der, chain, keyPkcs8, ...files, privateKey: keys.privateKey };
}

/**
 * Creates the PKI in a fresh temporary directory (or `dir`), on `clock` (default: a clock starting
 * at TEST_NOW; pass the server's clock for certificates a server checks).
 */
export async function createTestPki(dir = mkdtempSync(join(tmpdir(), 'sodiem-pki-')), options: { clock?: Clock } = {}): Promise<TestPki> {
  const clock = options.clock ?? testClock();
  mkdirSync(dir, { recursive: true });
  const root = await makeIdentity(dir, { commonName: 'Sổ Điểm Số Test Root CA', organization: 'Sổ Điểm Số (thử nghiệm)' }, null, true, clock);
  const intermediate = await makeIdentity(
    dir,
    { commonName: 'Sổ Điểm Số Test CA cấp 2', organization: 'Sổ Điểm Số (thử nghiệm)' },
    { certificate: root.certificate, key: root.privateKey, chain: root.chain },
    true,
    clock,
  );
  const caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, pem('CERTIFICATE', root.der));
  return {
    dir,
    clock,
    root,
    intermediate,
    caFile,
    issue: (name, issueOptions) => makeIdentity(dir, name, { certificate: intermediate.certificate, key: intermediate.privateKey, chain: intermediate.chain }, false, clock, issueOptions),
    async crl(revoked) {
      const now = clock().getTime();
      const crl = await x509.X509CrlGenerator.create({
        issuer: intermediate.certificate.subjectName,
        thisUpdate: new Date(now - 86_400_000),
        nextUpdate: new Date(now + 7 * 86_400_000),
        // With a reason code: an entry without one gets an empty extension list, which RFC 5280 does not allow.
        entries: revoked.map((r) => ({ serialNumber: r.certificate.serialNumber, revocationDate: new Date(now - 3_600_000), reason: x509.X509CrlReason.keyCompromise })),
        signingKey: intermediate.privateKey,
        signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      });
      return Buffer.from(crl.rawData);
    },
    pkcs12(identity, password, options) {
      const out = join(dir, options?.fileName ?? `id${++fileCounter}.p12`);
      const legacy = options?.legacy ? ['-legacy'] : [];
      execFileSync('openssl', ['pkcs12', '-export', ...legacy, '-in', identity.certFile, '-inkey', identity.keyFile, '-certfile', intermediate.chainFile, '-passout', `pass:${password}`, '-out', out]);
      return out;
    },
  };
}

/** The Vietnamese test names of the three signers of a transcript. */
export const VIETNAMESE_NAMES = {
  homeroomTeacher: { commonName: 'Nguyễn Thị Hương', organization: 'Trường THCS Lê Quý Đôn', locality: 'Mỹ Hào', province: 'Hưng Yên' },
  principal: { commonName: 'Trần Văn Đức', organization: 'Trường THCS Lê Quý Đôn', locality: 'Mỹ Hào', province: 'Hưng Yên' },
  schoolSeal: { commonName: 'Trường THCS Lê Quý Đôn', organization: 'Trường THCS Lê Quý Đôn', organizationalUnit: 'Con dấu điện tử', locality: 'Mỹ Hào', province: 'Hưng Yên' },
} satisfies Record<string, NameParts>;

// ---------------------------------------------------------------------------------------------
// External tools of the signing tests: pdfsig (poppler-utils), openssl, softhsm2. Missing tools
// skip loudly, and fail under SODIEM_TEST_STRICT=1 (the pattern of test/e2e/support.ts).

export const STRICT = process.env.SODIEM_TEST_STRICT === '1';
export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

function hasCommand(command: string, args: string[]): boolean {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** True when the tools are there (or strict mode wants the failure); prints the loud skip line. */
export function requireTools(tools: Array<'pdfsig' | 'openssl' | 'softhsm2'>): boolean {
  const missing = tools.filter((tool) => {
    if (tool === 'pdfsig') return !hasCommand('pdfsig', ['-v']);
    if (tool === 'openssl') return !hasCommand('openssl', ['version']);
    return !hasCommand('softhsm2-util', ['--version']) || !existsSync(SOFTHSM_MODULE);
  });
  if (missing.length === 0) return true;
  const line = `SKIPPED: signing tests need ${missing.join(', ')} (apt-get install poppler-utils openssl softhsm2)`;
  console.warn(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n`);
  return STRICT;
}

export interface PdfsigSignature {
  commonName: string;
  distinguishedName: string;
  signatureType: string;
  validation: string;
  totalDocumentSigned: boolean;
}

/** Runs pdfsig on a PDF file and parses its per-signature report. */
export function pdfsig(file: string): PdfsigSignature[] {
  let output: string;
  try {
    output = execFileSync('pdfsig', [file], { encoding: 'utf8' });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? '');
  }
  return output
    .split(/^Signature #\d+:$/m)
    .slice(1)
    .map((block) => {
      const field = (label: string) => block.match(new RegExp(`- ${label}: (.*)$`, 'm'))?.[1]?.trim() ?? '';
      return {
        commonName: field('Signer Certificate Common Name'),
        distinguishedName: field('Signer full Distinguished Name'),
        signatureType: field('Signature Type'),
        validation: field('Signature Validation'),
        totalDocumentSigned: /^\s*- Total document signed$/m.test(block),
      };
    });
}

/** A one-page PDF made the way every print of the app is made (renderPdf + pageFrame). */
export async function samplePdf(title = 'HỌC BẠ'): Promise<Buffer> {
  const { renderPdf } = await import('../../src/server/platform/pdf/render-pdf.ts');
  const { pageFrame } = await import('../../src/server/platform/pdf/layout.ts');
  const documentId = 'HB-2026-000123';
  return renderPdf(
    pageFrame({
      documentId,
      verifyUrl: `https://sodiem.example.vn/verify/${documentId}`,
      runningTitle: `${title} – Nguyễn Văn An`,
      content: [
        { text: title, style: 'title', alignment: 'center' },
        { text: 'Họ và tên học sinh: Nguyễn Văn An — Lớp 9A1 — Năm học 2026-2027', margin: [0, 12, 0, 0] },
        { text: 'Trường THCS Lê Quý Đôn, thị xã Mỹ Hào, tỉnh Hưng Yên', margin: [0, 6, 0, 0] },
      ],
    }),
    { title: `${title} – Nguyễn Văn An`, subject: title, documentId, createdAt: new Date('2026-11-20T03:00:00Z') },
  );
}

/**
 * Checks one PDF signature with openssl: the CMS cut out of /Contents, the two /ByteRange parts
 * as the detached content, the chain checked against `caFile` at the instant `at` (openssl
 * -attime, so the check never depends on the wall clock). Returns openssl's stderr line
 * ("CMS Verification successful"); throws when openssl refuses.
 */
export function opensslVerifyPdfSignature(pdf: Buffer, byteRange: [number, number, number, number], caFile: string, at: Date): string {
  const [a, b, c, d] = byteRange;
  const dir = mkdtempSync(join(tmpdir(), 'sodiem-cms-'));
  const content = join(dir, 'content.bin');
  const cms = join(dir, 'signature.p7s');
  writeFileSync(content, Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]));
  const hex = pdf.subarray(a + b + 1, c - 1).toString('latin1');
  writeFileSync(cms, Buffer.from(hex, 'hex'));
  const result = spawnSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cms, '-content', content, '-CAfile', caFile, ...opensslAtTime(at), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`openssl cms -verify failed: ${result.stderr}`);
  return result.stderr.trim();
}

/** openssl's `-attime` arguments: check certificates at `at` instead of the wall clock. */
export function opensslAtTime(at: Date): string[] {
  return ['-attime', String(Math.floor(at.getTime() / 1000))];
}
