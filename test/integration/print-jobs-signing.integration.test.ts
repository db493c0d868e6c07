/**
 * Bulk printing as jobs and the signing chain of the học bạ (P1–P5, Q3), through the real server:
 * the clerk prints a class book and the học bạ of a class (progress, zip, merged PDF); a job left
 * by a dead worker is taken over; the homeroom teacher, the principal and the school's seal sign
 * in order, each over what they saw; pdfsig verifies all three (Vietnamese names); the public
 * verification confirms the signed copy and rejects a modified one.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestPki, createTestPki, pdfsig, requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { shippedTrustRootsDir } from '../../src/server/platform/signing/trust-config.ts';

const OUT = join(process.cwd(), 'test-results', 'signing');
const PASSWORD = 'Mật khẩu 123';
const haveTools = requireTools(['pdfsig', 'openssl']);

let server: TestServer;
let pki: TestPki;
let clerk: TestClient;
let homeroom: TestClient;
let principal: TestClient;
let subjectTeacher: TestClient;
let anonymous: TestClient;
let schoolId: string;
let class9A1: string;
let homeroomP12: string;
let principalP12: string;
let strangerP12: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const p12 = (file: string) => readFileSync(file).toString('base64');

async function waitForJob(client: TestClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/v1/jobs/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

async function upload(path: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'hoc-ba.pdf');
  return (await fetch(`${server.baseUrl}${path}`, { method: 'POST', body: form })).json();
}

beforeAll(async () => {
  // The server checks a certificate at its business clock, so every certificate here is made on
  // the server's clock. The seal's .p12 is only read when the seal signs: the server is told its
  // path first, and the file is written once the server (and its clock) exists.
  const pkiDir = mkdtempSync(join(tmpdir(), 'sodiem-pki-'));
  const sealFile = 'con-dau-truong.p12';
  server = await startTestServer({
    demo: true,
    demoScores: true,
    // The test PKI's root is trusted (issue 14) beside the shipped roots: its folder is read when a signature is checked.
    env: { SODIEM_SEAL_BACKEND: 'pkcs12', SODIEM_SEAL_P12_FILE: join(pkiDir, sealFile), SODIEM_SEAL_P12_PASSWORD: PASSWORD, SODIEM_TRUST_ROOTS: `${shippedTrustRootsDir()},${pkiDir}` },
  });
  pki = await createTestPki(pkiDir, { clock: server.clock });
  const seal = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Trường THCS Nguyễn Trãi', organizationalUnit: 'Con dấu điện tử' });
  pki.pkcs12(seal, PASSWORD, { fileName: sealFile });
  const db = server.database.handle.db;
  schoolId = server.demo!.schoolId;
  class9A1 = server.demo!.classIds['9A1'];
  const name = async (u: string) => (await db.selectFrom('users').select('full_name').where('username', '=', u).executeTakeFirstOrThrow()).full_name;
  homeroomP12 = pki.pkcs12(await pki.issue({ commonName: await name('gvcn.9a1'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD);
  principalP12 = pki.pkcs12(await pki.issue({ commonName: await name('hieutruong'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD);
  strangerP12 = pki.pkcs12(await pki.issue({ commonName: 'Lê Thị Người Khác' }), PASSWORD);
  clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
  homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  subjectTeacher = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
  anonymous = new TestClient(server.baseUrl);
  mkdirSync(OUT, { recursive: true });
}, 120_000);
afterAll(async () => server?.close());

describe('bulk printing as jobs', () => {
  it('the clerk prints the class book of a class: progress, a zip with one file, a merged PDF', async () => {
    const started = await clerk.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'class_book', classIds: [server.demo!.classIds['6A1']], options: { scope: 'hk1' } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', progressDone: 0 });
    const job = await waitForJob(clerk, started.body.id);
    expect(job).toMatchObject({ status: 'done', error: null });
    expect(job.progressDone).toBe(job.progressTotal);
    expect(job.result.documents).toHaveLength(1);
    const zip = await clerk.get(job.result.zipUrl);
    expect(zip.headers.get('content-type')).toBe('application/zip');
    const files = unzipSync(new Uint8Array(zip.body as Buffer));
    expect(Object.keys(files)).toEqual([job.result.documents[0].filename]);
    const merged = await clerk.get(job.result.pdfUrl);
    expect((merged.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(job.result.pages).toBeGreaterThan(3);
    const stored = await clerk.get(`/api/v1/documents/${job.result.documents[0].id}`);
    expect(stored.body).toMatchObject({ kind: 'class_book', status: 'draft' });
  });

  it('the học bạ of a class: one file per student with confirmed years, the others listed as skipped', async () => {
    const started = await clerk.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'transcript', classIds: [class9A1] });
    const job = await waitForJob(clerk, started.body.id);
    expect(job.status).toBe('done');
    const withRecords = await server.database.handle.db.selectFrom('transcript_records').select('student_id').distinct().execute();
    expect(job.result.documents.length).toBeGreaterThan(0);
    expect(job.result.documents.length + job.result.skipped.length).toBe(job.progressTotal - 1);
    expect(job.result.documents.length).toBeLessThanOrEqual(withRecords.length);
    for (const s of job.result.skipped) expect(s.message).toContain('chưa có năm học nào');
    const files = unzipSync(new Uint8Array((await clerk.get(job.result.zipUrl)).body as Buffer));
    expect(Object.keys(files)).toHaveLength(job.result.documents.length);
    // Named by the run's class and list number, though the pages end with last year's class (issue 15 §8).
    for (const name of Object.keys(files)) expect(name).toMatch(/^hoc-ba-9a1-\d{2}-[a-z-]+\.pdf$/);
  });

  it('who may print: a subject teacher may not bulk-print a class (403); bad options name the field (400)', async () => {
    expect((await subjectTeacher.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'class_book', classIds: [class9A1] })).status).toBe(403);
    expect((await homeroom.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'class_book', classIds: [server.demo!.classIds['6A1']] })).status).toBe(403);
    const bad = await clerk.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'class_book', classIds: [class9A1], options: { scope: 'hk9' } });
    const job = await waitForJob(clerk, bad.body.id);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('hk9');
    expect((await anonymous.get(`/api/v1/jobs/${bad.body.id}`)).status).toBe(401);
  });

  it('a job whose worker died (lease run out) is taken over and finished', async () => {
    const db = server.database.handle.db;
    const id = randomUUID();
    const past = '2026-01-01T00:00:00.000Z'; // long before the server's (fixed) clock: the lease ran out
    await db
      .insertInto('jobs')
      .values({
        id,
        school_id: schoolId,
        kind: 'print_documents',
        params_json: JSON.stringify({ kind: 'class_book', classIds: [class9A1], options: { scope: 'hk1' }, baseUrl: server.baseUrl, name: 'so-theo-doi-9A1', actorRole: 'clerk' }),
        status: 'running',
        progress_done: 0,
        progress_total: 2,
        attempts: 1,
        locked_by: 'a-dead-process',
        lease_until: past,
        created_by: null,
        created_at: past,
        started_at: past,
      })
      .execute();
    const job = await waitForJob(clerk, id);
    expect(job.status).toBe('done');
    const row = await db.selectFrom('jobs').select(['locked_by', 'attempts']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.locked_by).not.toBe('a-dead-process');
    expect(row.attempts).toBe(2);
  });
});

describe('the học bạ signing chain: homeroom teacher → principal → seal', () => {
  let doc: { id: string; currentSha256: string };

  beforeAll(async () => {
    const list = await homeroom.get(`/api/v1/schools/${schoolId}/documents?kind=transcript&awaiting=me`);
    expect(list.status).toBe(200);
    expect(list.body.length).toBeGreaterThan(0);
    doc = list.body[0];
  });

  it('refuses out of order, the wrong person, a certificate in another name, a stale view', async () => {
    const body = (file: string, seq: number, sha = doc.currentSha256) => ({ method: 'pkcs12', seq, expectedSha256: sha, p12: p12(file), password: PASSWORD });
    expect((await principal.post(`/api/v1/documents/${doc.id}/signatures`, body(principalP12, 1))).status).toBe(403);
    const early = await principal.post(`/api/v1/documents/${doc.id}/signatures`, body(principalP12, 2));
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('Giáo viên chủ nhiệm');
    const stranger = await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, body(strangerP12, 1));
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toContain('Lê Thị Người Khác');
    const wrongPassword = await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, { ...body(homeroomP12, 1), password: 'sai' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body.errors[0].field).toBe('password');
    expect((await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, body(homeroomP12, 1, '0'.repeat(64)))).status).toBe(409);
    expect((await subjectTeacher.post(`/api/v1/documents/${doc.id}/signatures`, body(homeroomP12, 1))).status).toBe(403);
  });

  it('signs in order; pdfsig and the verification page confirm; a flipped byte is caught', async () => {
    const seen1 = await homeroom.get(`/api/v1/documents/${doc.id}/pdf`);
    expect(seen1.status).toBe(200);
    const s1 = await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'pkcs12', seq: 1, expectedSha256: doc.currentSha256, p12: p12(homeroomP12), password: PASSWORD });
    expect(s1.status).toBe(200);
    expect(s1.body).toMatchObject({ status: 'signing', canSign: null });
    expect(s1.body.signatures.map((s: { status: string }) => s.status)).toEqual(['signed', 'pending', 'pending']);
    const mine = await principal.get(`/api/v1/schools/${schoolId}/documents?kind=transcript&awaiting=me`);
    expect(mine.body.map((d: { id: string }) => d.id)).toContain(doc.id);
    const s2 = await principal.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'pkcs12', seq: 2, expectedSha256: s1.body.currentSha256, p12: p12(principalP12), password: PASSWORD });
    expect(s2.status).toBe(200);
    // The seal: the school's certificate configured on the server; a teacher may not apply it.
    expect((await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 })).status).toBe(403);
    // Issue 14: no seal before the principal registers the school's certificate; then she registers the configured one.
    const unregistered = await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 });
    expect(unregistered.status).toBe(400);
    expect(unregistered.body.message).toContain('chưa đăng kí chứng thư số con dấu');
    expect((await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'configured' })).status).toBe(200);
    const s3 = await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 });
    expect(s3.status).toBe(200);
    expect(s3.body.status).toBe('signed');
    expect(s3.body.signatures.map((s: { roleLabel: string }) => s.roleLabel)).toEqual(['Giáo viên chủ nhiệm', 'Hiệu trưởng', 'Con dấu số của nhà trường']);

    const signed = (await clerk.get(`/api/v1/documents/${doc.id}/pdf`)).body as Buffer;
    const file = join(OUT, 'hoc-ba-signed.pdf');
    writeFileSync(file, signed);
    if (haveTools) {
      const sigs = pdfsig(file);
      expect(sigs).toHaveLength(3);
      for (const s of sigs) expect(s.validation).toBe('Signature is Valid.');
      expect(sigs.map((s) => s.commonName)).toEqual([s1.body.signatures[0].signerName, s2.body.signatures[1].signerName, 'Trường THCS Nguyễn Trãi']);
      expect(sigs[2].totalDocumentSigned).toBe(true);
      execFileSync('pdftoppm', ['-png', '-r', '50', '-f', '1', '-l', '2', file, join(OUT, 'hoc-ba-signed')]);
    }

    const pub = await anonymous.get(`/api/v1/verify/${doc.id}`);
    expect(pub.body).toMatchObject({ found: true, status: 'signed', statusLabel: 'Đã ký đủ' });
    expect(pub.body.signatures.every((s: { status: string }) => s.status === 'signed')).toBe(true);
    const ok = await upload(`/api/v1/verify/${doc.id}/check`, signed);
    expect(ok).toMatchObject({ matches: true });
    expect(ok.signatures).toHaveLength(3);
    expect(ok.signatures.every((s: { valid: boolean }) => s.valid)).toBe(true);
    const earlier = await upload(`/api/v1/verify/${doc.id}/check`, seen1.body as Buffer);
    expect(earlier).toMatchObject({ matches: true, stage: 'Bản in gốc (trước khi ký số)' });
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Trang 1/');
    tampered[at > 0 ? at + 6 : 2000] ^= 0x01;
    const bad = await upload(`/api/v1/verify/${doc.id}/check`, tampered);
    expect(bad.matches).toBe(false);
    if (haveTools) {
      const badFile = join(OUT, 'hoc-ba-tampered.pdf');
      writeFileSync(badFile, tampered);
      expect(pdfsig(badFile).some((s) => s.validation !== 'Signature is Valid.')).toBe(true);
    }
    // A signed document never changes: no step left, and signing again is refused.
    expect((await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s3.body.currentSha256 })).status).toBe(409);
    const events = await server.database.handle.db.selectFrom('audit_events').select('action').where('entity_id', '=', doc.id).orderBy('seq').execute();
    expect(events.map((e) => e.action)).toEqual(['document.create', 'document.sign', 'document.sign', 'document.sign']);
  });
});

describe('the year-end archive holds the signed học bạ and is sealed (P6, Q3)', () => {
  it('the archive job signs its manifest with the school seal; `sodiem archive verify` accepts it offline', async () => {
    // The signed học bạ belongs to the year of its latest confirmed record (its class's year).
    const db = server.database.handle.db;
    const signed = await db.selectFrom('documents').select(['id', 'subject_json']).where('status', '=', 'signed').executeTakeFirstOrThrow();
    const classId = JSON.parse(signed.subject_json).classId as string;
    const { school_year_id: yearId } = await db.selectFrom('classes').select('school_year_id').where('id', '=', classId).executeTakeFirstOrThrow();
    const started = await principal.post(`/api/v1/schools/${schoolId}/archives`, { schoolYearId: yearId });
    expect(started.status).toBe(202);
    let list = await principal.get(`/api/v1/schools/${schoolId}/archives`);
    for (let i = 0; i < 400 && !['done', 'failed'].includes(list.body[0]?.status); i += 1) {
      await new Promise((r) => setTimeout(r, 250));
      list = await principal.get(`/api/v1/schools/${schoolId}/archives`);
    }
    expect(list.body[0]).toMatchObject({ status: 'done' });
    expect(list.body[0].result.signed).toBe(true);
    const zip = (await principal.get(list.body[0].result.zipUrl)).body as Buffer;
    const files = unzipSync(new Uint8Array(zip));
    const names = Object.keys(files);
    expect(names.some((n) => n.endsWith('/manifest.json.p7s'))).toBe(true);
    expect(names.some((n) => n.includes(signed.id))).toBe(true);
    const dir = join(OUT, 'archive');
    const zipFile = join(OUT, 'archive.zip');
    writeFileSync(zipFile, zip);
    const { runCli } = await import('../helpers/cli.ts');
    const verified = runCli(['archive', 'verify', zipFile], { DATA_DIR: dir });
    expect(verified.stdout + verified.stderr).toContain('Trường THCS Nguyễn Trãi');
    expect(verified.status).toBe(0);
  }, 180_000);
});
