/**
 * P6, P9, Q3: the year-end archive of the demo school year — built signed by the school's seal
 * (a .p12 through the signing module), checked offline with `sodiem archive verify` (intact → 0;
 * a changed byte, a deleted file, an extra file → 1 naming each; a tampered manifest → the
 * signature fails), accepted by `openssl cms -verify` and `sha256sum -c`, and its zip holds the
 * same files. Then the same through HTTP: the principal starts a `year_archive` job, lists it and
 * downloads the zip; a teacher is refused; the retention table is served.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumsText } from '../../src/server/archive/archive-package.ts';
import { type YearArchiveResult, buildYearArchive } from '../../src/server/archive/build-year-archive.ts';
import { storeDocument } from '../../src/server/platform/files/store-document.ts';
import { storeEvidenceFile } from '../../src/server/platform/files/store-file.ts';
import { createPkcs12Signer } from '../../src/server/platform/signing/pkcs12-signer.ts';
import { runCli } from '../helpers/cli.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestPki, createTestPki, opensslAtTime } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const OPENSSL = '/usr/bin/openssl';
const haveOpenssl = existsSync(OPENSSL);
const work = mkdtempSync(join(tmpdir(), 'sodiem-archive-'));
let server: TestServer;
let archive: YearArchiveResult;
let pki: TestPki;
/** The instant the archive was built (and sealed) on the server's clock. */
let builtAt: Date;
let schoolId: string;
let yearId: string;

function requireOpenssl(): boolean {
  if (haveOpenssl) return true;
  console.warn(`\n!!!!!!!! SKIPPED: the CMS checks need ${OPENSSL} (apt-get install openssl) !!!!!!!!\n`);
  if (process.env.SODIEM_TEST_STRICT === '1') throw new Error('openssl missing under SODIEM_TEST_STRICT=1');
  return false;
}

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(root)
    .sort()
    .flatMap((name) => (statSync(join(root, name)).isDirectory() ? listFiles(join(root, name), `${prefix}${name}/`) : [`${prefix}${name}`]));
}

const cli = (args: string[]) => runCli(args, { DATA_DIR: server.database.dataDir, DATABASE_URL: server.database.databaseUrl, SODIEM_NOW: server.clock().toISOString() });

/** A copy of the package to tamper with. */
function copyOfPackage(name: string): string {
  const dir = join(work, name);
  cpSync(archive.dir, dir, { recursive: true });
  return dir;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: true });
  schoolId = server.demo!.schoolId;
  yearId = server.demo!.yearId;
  const db = server.database.handle.db;
  const dataDir = server.database.dataDir;
  const audit = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'test', requestId: 'archive-test', now: server.clock().toISOString() };
  // A stored học bạ of 9A1 and an evidence photo of a correction request, as the app stores them.
  const classId = server.demo!.classIds['9A1'];
  await storeDocument(
    db,
    {
      kind: 'transcript',
      documentId: 'HB-TEST-ARCH-0001-0001',
      title: 'Học bạ – Nguyễn Văn An – lớp 9A1',
      publicHeader: 'Học bạ, lớp 9A1',
      subject: { classId, schoolYearId: yearId },
      seriesKey: `transcript:test:${yearId}`,
      inputsVersion: 'v1',
      filename: 'hoc-ba-9a1-nguyen-van-an.pdf',
      pdf: Buffer.from('%PDF-1.4\n% học bạ thử\n%%EOF\n'),
    },
    { schoolId, dataDir, audit },
  );
  const request = await db.selectFrom('correction_requests').select(['id']).where('school_id', '=', schoolId).orderBy('number').executeTakeFirstOrThrow();
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
  const uploader = await db.selectFrom('users').select('id').where('username', '=', 'quantri').executeTakeFirstOrThrow();
  await db.transaction().execute((tx) =>
    storeEvidenceFile(tx, { dataDir, schoolId, ownerType: 'correction_request', ownerId: request.id, filename: 'Bài kiểm tra 15 phút.png', buffer: png, userId: uploader.id, now: audit.now }),
  );

  let signer;
  if (haveOpenssl) {
    // The seal's certificate is made on the server's clock (issue 12: never the wall clock).
    pki = await createTestPki(join(work, 'pki'), { clock: server.clock });
    const seal = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi (con dấu số)', organization: 'Trường THCS Nguyễn Trãi' });
    signer = await createPkcs12Signer({ file: pki.pkcs12(seal, 'matkhau', { fileName: 'seal.p12' }), password: 'matkhau' });
  }
  builtAt = server.clock();
  archive = await buildYearArchive(db, { schoolId, schoolYearId: yearId, dataDir, outDir: join(work, 'out'), now: builtAt, signer });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe(`year-end archive (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'})`, () => {
  it('holds the documents, edit logs, corrections with evidence, audit export and data, each with a retention period', () => {
    expect(archive.warnings).toEqual([]);
    const manifest = JSON.parse(readFileSync(join(archive.dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ format: 'sodiem-year-archive', formatVersion: 1, school: { id: schoolId }, schoolYear: { id: yearId } });
    const byPath = new Map<string, { recordType: string; retention: { years: number | null; label: string; legalBasis: string } }>(manifest.files.map((f: { path: string }) => [f.path, f]));
    const transcript = [...byPath].find(([p]) => p.startsWith('tai-lieu/hoc-ba/9a1/'));
    expect(transcript?.[1]).toMatchObject({ recordType: 'transcript', retention: { years: null, label: 'Vĩnh viễn' } });
    expect(transcript?.[1].retention.legalBasis).toContain('27/2016/TT-BGDĐT');
    expect([...byPath.keys()].some((p) => /^giay-de-nghi\/so-001-.*\/minh-chung\/bai-kiem-tra-15-phut\.png$/.test(p))).toBe(true);
    expect([...byPath.keys()].filter((p) => /^nhat-ki-sua-diem\/.+\/\d{4}-\d{2}\.csv$/.test(p)).length).toBeGreaterThan(0);
    expect(byPath.get('nhat-ki-he-thong/su-kien.jsonl')?.recordType).toBe('audit_export');
    expect(byPath.get('du-lieu/gradebook_cells.json')?.recordType).toBe('data_export');
    expect(byPath.has('README.txt')).toBe(true);
    for (const f of manifest.files) expect(f.retention.label).toMatch(/^(Vĩnh viễn|\d+ năm)$/);
    const readme = readFileSync(join(archive.dir, 'README.txt'), 'utf8');
    expect(readme).toContain('archive verify');
    expect(readme).toContain('sha256sum -c SHA256SUMS');
    expect(readme).toContain('openssl cms -verify');
    const users = JSON.parse(readFileSync(join(archive.dir, 'du-lieu', 'users.json'), 'utf8'));
    expect(users.length).toBeGreaterThan(0);
    expect(JSON.stringify(users)).not.toContain('password_hash');
  });

  it('sodiem archive verify: 0 for the intact package, naming the seal certificate', () => {
    const run = cli(['archive', 'verify', archive.dir]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('Gói lưu trữ nguyên vẹn');
    if (haveOpenssl) expect(run.stdout).toContain('Chữ ký số hợp lệ trên manifest.json, chứng thư: CN=Trường THCS Nguyễn Trãi (con dấu số)');
    expect(run.status).toBe(0);
  });

  it('reports each altered, missing and extra file by path with exit 1', () => {
    const dir = copyOfPackage('tampered');
    const altered = join(dir, 'du-lieu', 'gradebook_cells.json');
    const bytes = readFileSync(altered);
    bytes[bytes.length - 3] ^= 1;
    writeFileSync(altered, bytes);
    const evidence = listFiles(dir).find((p) => p.includes('/minh-chung/')) as string;
    rmSync(join(dir, evidence));
    writeFileSync(join(dir, 'tai-lieu', 'ghi-them.txt'), 'tệp lạ');
    const run = cli(['archive', 'verify', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('BỊ SỬA du-lieu/gradebook_cells.json');
    expect(run.stdout).toContain(`THIẾU ${evidence}`);
    expect(run.stdout).toContain('THỪA tai-lieu/ghi-them.txt');
    expect(run.stdout).toContain('KHÔNG nguyên vẹn: 3 vấn đề');
  });

  it('recomputes the audit chains of the export: an edited event is found even when the manifest was rewritten to match', () => {
    const dir = copyOfPackage('chain');
    const file = join(dir, 'nhat-ki-he-thong', 'su-kien.jsonl');
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const i = lines.findIndex((l) => l.includes('"score.entered"'));
    lines[i] = lines[i].replace('"score.entered"', '"score.changed"');
    const edited = Buffer.from(`${lines.join('\n')}\n`);
    writeFileSync(file, edited);
    // Someone also rewrites the manifest entry and SHA256SUMS, and drops the signature.
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    const entry = manifest.files.find((f: { path: string }) => f.path === 'nhat-ki-he-thong/su-kien.jsonl');
    entry.size = edited.length;
    entry.sha256 = createHash('sha256').update(edited).digest('hex');
    manifest.signatureFile = null;
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(dir, 'manifest.json'), manifestBytes);
    rmSync(join(dir, 'manifest.json.p7s'), { force: true });
    writeFileSync(join(dir, 'SHA256SUMS'), checksumsText([...manifest.files, { path: 'manifest.json', sha256: createHash('sha256').update(manifestBytes).digest('hex') }]));
    const run = cli(['archive', 'verify', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('Gói không có chữ ký số');
    expect(run.stdout).toMatch(/CHUỖI HỎNG nhat-ki-he-thong\/su-kien\.jsonl: chuỗi gradebook:[^ ]+: sự kiện số \d+: nội dung đã bị sửa/);
    expect(run.stdout).toContain('KHÔNG nguyên vẹn: 1 vấn đề');
  });

  it('a tampered manifest fails its signature; openssl accepts the original', () => {
    if (!requireOpenssl()) return;
    const ok = spawnSync(OPENSSL, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(archive.dir, 'manifest.json.p7s'), '-content', join(archive.dir, 'manifest.json'), '-CAfile', pki.caFile, ...opensslAtTime(builtAt), '-purpose', 'any', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(ok.stderr).toContain('Verification successful');
    expect(ok.status).toBe(0);

    const dir = copyOfPackage('manifest');
    appendFileSync(join(dir, 'manifest.json'), ' ');
    const run = cli(['archive', 'verify', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('CHỮ KÝ HỎNG manifest.json.p7s: manifest.json đã bị sửa sau khi ký');
    expect(run.stdout).toContain('Chữ ký số KHÔNG hợp lệ');
    const bad = spawnSync(OPENSSL, ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'manifest.json.p7s'), '-content', join(dir, 'manifest.json'), '-noverify', '-out', '/dev/null'], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
  });

  it('sha256sum -c SHA256SUMS passes on the package', () => {
    const run = spawnSync('sha256sum', ['-c', '--quiet', 'SHA256SUMS'], { cwd: archive.dir, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('the zip holds the same files with the same bytes', () => {
    const entries = unzipSync(readFileSync(archive.zipFile));
    const inZip = Object.keys(entries).map((p) => p.replace(`${archive.name}/`, '')).sort();
    expect(inZip).toEqual(listFiles(archive.dir));
    for (const p of inZip) expect(Buffer.from(entries[`${archive.name}/${p}`]).equals(readFileSync(join(archive.dir, p)))).toBe(true);
    // The zip itself can be checked as burned.
    const run = cli(['archive', 'verify', archive.zipFile]);
    expect(run.stdout).toContain('Gói lưu trữ nguyên vẹn');
    expect(run.status).toBe(0);
  });

  it('sodiem archive create builds a package of the year by school code and year name', () => {
    const out = join(work, 'cli');
    const run = cli(['archive', 'create', '--school', schoolId, '--year', '2026-2027', '--out', out]);
    expect(run.stderr).not.toContain('Error');
    expect(run.status).toBe(0);
    const dir = readdirSync(out).find((n) => !n.endsWith('.zip')) as string;
    expect(cli(['archive', 'verify', join(out, dir)]).status).toBe(0);
  });
});

describe('archives through HTTP', () => {
  const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret ?? undefined;

  it('the principal starts a year archive job, follows it and downloads the zip; a teacher may not', async () => {
    const principal = await new TestClient(server.baseUrl).login('hieutruong', 'SoDiem@2026', secret('hieutruong'));
    const started = await principal.post(`/api/v1/schools/${schoolId}/archives`, { schoolYearId: yearId });
    expect(started.status).toBe(202);
    let list = await principal.get(`/api/v1/schools/${schoolId}/archives`);
    for (let i = 0; i < 120 && list.body[0]?.status !== 'done' && list.body[0]?.status !== 'failed'; i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      list = await principal.get(`/api/v1/schools/${schoolId}/archives`);
    }
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ id: started.body.id, status: 'done', schoolYearId: yearId });
    const zip = await principal.get(list.body[0].result.zipUrl);
    expect(zip.status).toBe(200);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const names = Object.keys(unzipSync(new Uint8Array(zip.body as Buffer)));
    expect(names.some((n) => n.endsWith('/manifest.json'))).toBe(true);

    const teacher = await new TestClient(server.baseUrl).login('giaovien', 'SoDiem@2026');
    const refused = await teacher.post(`/api/v1/schools/${schoolId}/archives`, { schoolYearId: yearId });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('gói lưu trữ');
    expect((await teacher.get(list.body[0].result.zipUrl)).status).toBe(403);
    const retention = await teacher.get(`/api/v1/schools/${schoolId}/retention`);
    expect(retention.status).toBe(200);
    expect(retention.body.find((r: { recordType: string }) => r.recordType === 'transcript')).toMatchObject({ label: 'Vĩnh viễn', years: null });
  }, 60_000);
});
