/**
 * Test certificates for the demo (never for real use): a demo CA "Sổ Điểm Số – CA dùng thử", a
 * .p12 per demo signer (CN = the person's full name, as the signing checks require) and the demo
 * school's seal, made with the openssl command in DATA_DIR/demo-signing. They let someone trying
 * `npm start` sign a học bạ end to end. Skipped (with a note) where openssl is missing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../database.ts';
import { DEMO_PASSWORD } from './seed-demo.ts';

/** The demo accounts that sign: homeroom teachers and principals. */
const SIGNERS = ['gvcn.6a1', 'gvcn.9a1', 'gvcn.3a', 'hieutruong', 'th.hieutruong'];

export interface DemoCertificates {
  dir: string;
  /** username → .p12 path */
  people: { username: string; file: string }[];
  seal: string;
}

export function demoCertificatesDir(dataDir: string): string {
  return join(dataDir, 'demo-signing');
}

const subj = (parts: Record<string, string>) =>
  Object.entries(parts)
    .map(([k, v]) => `/${k}=${v.replace(/[/\\]/g, ' ')}`)
    .join('');

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: 'ignore' });
}

function issue(dir: string, name: string, subject: string): string {
  const key = join(dir, `${name}.key.pem`);
  const csr = join(dir, `${name}.csr`);
  const crt = join(dir, `${name}.crt.pem`);
  const p12 = join(dir, `${name}.p12`);
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
  openssl(['req', '-new', '-utf8', '-key', key, '-subj', subject, '-out', csr]);
  writeFileSync(join(dir, 'ext.cnf'), 'keyUsage=critical,digitalSignature,nonRepudiation\nbasicConstraints=CA:FALSE\n');
  openssl(['x509', '-req', '-in', csr, '-CA', join(dir, 'ca.crt.pem'), '-CAkey', join(dir, 'ca.key.pem'), '-CAcreateserial', '-days', '1825', '-sha256', '-extfile', join(dir, 'ext.cnf'), '-out', crt]);
  openssl(['pkcs12', '-export', '-in', crt, '-inkey', key, '-certfile', join(dir, 'ca.crt.pem'), '-name', name, '-passout', `pass:${DEMO_PASSWORD}`, '-out', p12]);
  return p12;
}

/** Creates the demo certificates once; returns null (and says why) without openssl. */
export async function ensureDemoCertificates(db: Db, dataDir: string): Promise<DemoCertificates | null> {
  const dir = demoCertificatesDir(dataDir);
  const sealFile = join(dir, 'con-dau-truong.p12');
  const users = await db.selectFrom('users').select(['username', 'full_name', 'school_id']).where('username', 'in', SIGNERS).execute();
  const people = users.map((u) => ({ username: u.username, file: join(dir, `${u.username}.p12`) }));
  if (existsSync(sealFile)) return { dir, people, seal: sealFile };
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mkdirSync(dir, { recursive: true });
  const org = 'Sổ Điểm Số – dùng thử, không có giá trị pháp lý';
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', join(dir, 'ca.key.pem')]);
  openssl(['req', '-new', '-x509', '-utf8', '-key', join(dir, 'ca.key.pem'), '-subj', subj({ C: 'VN', O: org, CN: 'Sổ Điểm Số – CA dùng thử' }), '-days', '3650', '-sha256', '-out', join(dir, 'ca.crt.pem')]);
  for (const u of users) issue(dir, u.username, subj({ C: 'VN', O: org, CN: u.full_name }));
  const secondary = await db.selectFrom('users').innerJoin('schools', 'schools.id', 'users.school_id').select('schools.name').where('users.username', '=', 'hieutruong').executeTakeFirst();
  const schoolName = secondary?.name ?? 'Trường dùng thử';
  const seal = issue(dir, 'con-dau-truong', subj({ C: 'VN', O: schoolName, OU: 'Con dấu điện tử (dùng thử)', CN: schoolName }));
  return { dir, people, seal };
}
