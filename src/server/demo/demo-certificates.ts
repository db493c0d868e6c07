/**
 * Test certificates for the demo (never for real use): a demo CA "Sổ Điểm Số – CA dùng thử", a
 * .p12 per demo signer (CN = the person's full name, as the signing checks require) and the demo
 * school's seal, in DATA_DIR/demo-signing. They let someone trying `npm start` sign a học bạ end
 * to end: the demo's CA is a trust root while SODIEM_DEMO=1 (trust-config.ts), and the seal is
 * registered as the demo school's by its principal (issue 14). The certificates are made with
 * @peculiar/x509 and valid from the day before the demo's clock for five years (so a demo seeded at any date can sign at that date); `openssl pkcs12`
 * packs each .p12. Skipped (null) where openssl is missing.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate, webcrypto } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import '../platform/signing/reflect-metadata.ts';
import type * as X509 from '@peculiar/x509';
import { checkCertificateValidAt } from '../../domain/documents/certificate-validity.ts';
import { currentSealRegistration, registerSeal } from '../documents/index.ts';
import type { Db } from '../platform/db/database.ts';
import { derCertificatesOf } from '../platform/signing/pem.ts';
import { demoTrustRootFile } from '../platform/signing/trust-config.ts';
import { memoryTrustStore } from '../platform/signing/trust-store.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';

/**
 * @peculiar/x509 loaded on first use, after the Reflect polyfill above has run (a static import
 * would be hoisted above it once the server is bundled, and tsyringe would refuse to load).
 */
let x509: typeof X509;
async function loadX509(): Promise<typeof X509> {
  if (!x509) {
    x509 = await import('@peculiar/x509');
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  }
  return x509;
}

/** The demo accounts that sign: homeroom teachers, principals and the vice-principal (on a delegation, issue 22). */
const SIGNERS = ['gvcn.6a1', 'gvcn.9a1', 'gvcn.3a', 'hieutruong', 'th.hieutruong', 'phohieutruong'];
const DAY_MS = 86_400_000;
const VALID_YEARS = 5;
const EC: EcKeyGenParams = { name: 'ECDSA', namedCurve: 'P-256' };
const SIGNING: EcdsaParams = { name: 'ECDSA', hash: 'SHA-256' };

export interface DemoCertificates {
  dir: string;
  /** username → .p12 path */
  people: { username: string; file: string }[];
  seal: string;
}

export function demoCertificatesDir(dataDir: string): string {
  return dirname(demoTrustRootFile(dataDir));
}

/** The validity of every demo certificate made at `now`: from the day before, for five years. */
export function demoCertificateValidity(now: Date): { notBefore: Date; notAfter: Date } {
  const notBefore = new Date(now.getTime() - DAY_MS);
  const notAfter = new Date(notBefore);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  return { notBefore, notAfter };
}

function name(parts: { O: string; OU?: string; CN: string }): X509.Name {
  const entries: X509.JsonAttributeAndValue[] = [{ '2.5.4.6': [{ printableString: 'VN' }] }, { '2.5.4.10': [{ utf8String: parts.O }] }];
  if (parts.OU) entries.push({ '2.5.4.11': [{ utf8String: parts.OU }] });
  entries.push({ '2.5.4.3': [{ utf8String: parts.CN }] });
  return new x509.Name(entries);
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;

const serial = () => `7e${Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex')}`;

interface Ca {
  certificate: X509.X509Certificate;
  key: CryptoKey;
  file: string;
}

/** The demo's CA, written to `file` (the demo's trust root). */
async function makeCa(file: string, org: string, now: Date): Promise<Ca> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const validity = demoCertificateValidity(now);
  const notAfter = new Date(validity.notAfter);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS); // the CA outlives what it issues
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: `01${serial()}`,
    name: name({ O: org, CN: 'Sổ Điểm Số – CA dùng thử' }),
    notBefore: validity.notBefore,
    notAfter,
    keys,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  writeFileSync(file, pem('CERTIFICATE', certificate.rawData));
  return { certificate, key: keys.privateKey, file };
}

async function issue(dir: string, ca: Ca, fileName: string, subject: X509.Name, now: Date): Promise<string> {
  const keys = (await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: ca.certificate.subjectName,
    ...demoCertificateValidity(now),
    publicKey: keys.publicKey,
    signingKey: ca.key,
    signingAlgorithm: SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.certificate, false),
    ],
  });
  const crt = join(dir, `${fileName}.crt.pem`);
  const key = join(dir, `${fileName}.key.pem`);
  const p12 = join(dir, `${fileName}.p12`);
  writeFileSync(crt, pem('CERTIFICATE', certificate.rawData));
  writeFileSync(key, pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', keys.privateKey)), { mode: 0o600 });
  execFileSync('openssl', ['pkcs12', '-export', '-in', crt, '-inkey', key, '-certfile', ca.file, '-name', fileName, '-passout', `pass:${DEMO_PASSWORD}`, '-out', p12], { stdio: 'ignore' });
  return p12;
}

function validAt(certFile: string, now: Date): boolean {
  try {
    const cert = new X509Certificate(readFileSync(certFile));
    return checkCertificateValidAt({ commonName: cert.subject, notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) }, now).ok;
  } catch {
    return false;
  }
}

/** Creates the demo certificates once (valid at `now`, the demo's clock); returns null without openssl. */
export async function ensureDemoCertificates(db: Db, dataDir: string, now: Date): Promise<DemoCertificates | null> {
  const dir = demoCertificatesDir(dataDir);
  const sealFile = join(dir, 'con-dau-truong.p12');
  const users = await db.selectFrom('users').select(['username', 'full_name', 'school_id']).where('username', 'in', SIGNERS).orderBy('username').execute();
  const people = users.map((u) => ({ username: u.username, file: join(dir, `${u.username}.p12`) }));
  // Made earlier and still valid at `now`: kept. Made for another date (a demo re-seeded at an
  // earlier day into the same DATA_DIR): made again, or the seed could not sign at its own date.
  if (existsSync(sealFile) && validAt(join(dir, 'con-dau-truong.crt.pem'), now)) {
    await registerDemoSeal(db, dataDir, now, false);
    return { dir, people, seal: sealFile };
  }
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mkdirSync(dir, { recursive: true });
  await loadX509();
  const org = 'Sổ Điểm Số – dùng thử, không có giá trị pháp lý';
  const ca = await makeCa(demoTrustRootFile(dataDir), org, now);
  for (const u of users) await issue(dir, ca, u.username, name({ O: org, CN: u.full_name }), now);
  const secondary = await db.selectFrom('users').innerJoin('schools', 'schools.id', 'users.school_id').select('schools.name').where('users.username', '=', 'hieutruong').executeTakeFirst();
  const schoolName = secondary?.name ?? 'Trường dùng thử';
  const seal = await issue(dir, ca, 'con-dau-truong', name({ O: schoolName, OU: 'Con dấu điện tử (dùng thử)', CN: schoolName }), now);
  await registerDemoSeal(db, dataDir, now, true);
  return { dir, people, seal };
}

/**
 * The demo seal, registered as its school's by the demo principal (hieutruong) as she would in the
 * app: a new seal always (it replaces the one made before), a kept one only where the school has
 * none (a seal the principal registered herself stays).
 */
async function registerDemoSeal(db: Db, dataDir: string, now: Date, made: boolean): Promise<void> {
  const principal = await db.selectFrom('users').select(['id', 'school_id']).where('username', '=', 'hieutruong').executeTakeFirst();
  if (!principal?.school_id) return;
  if (!made && (await currentSealRegistration(db, principal.school_id))) return;
  const root = derCertificatesOf(readFileSync(demoTrustRootFile(dataDir)));
  const chain = [...derCertificatesOf(readFileSync(join(demoCertificatesDir(dataDir), 'con-dau-truong.crt.pem'))), ...root];
  await registerSeal({
    db,
    schoolId: principal.school_id,
    chain,
    trust: memoryTrustStore(root),
    audit: { actorUserId: principal.id, actorRole: 'principal', ip: '127.0.0.1', userAgent: 'sodiem seed-demo', requestId: 'seed-demo:seal', now: now.toISOString() },
    now,
  });
}
