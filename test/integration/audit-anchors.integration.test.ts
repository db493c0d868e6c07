/**
 * Issue 14 finding 3: `verify-audit` binds every stored record to its audit chain, both ways, and
 * checks signed checkpoints kept outside the database, so that direct database edits — also ones
 * that recompute the hashes — are found. Each tampering below went unnoticed before.
 */
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, hashEvent, verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { CHECKPOINT_DIR, takeCheckpoint, verifyCheckpoints } from '../../src/server/platform/audit/audit-checkpoints.ts';
import { anchorAudit, startAnchorScheduler } from '../../src/server/platform/audit/anchor-audit.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { createSigner } from '../../src/server/platform/signing/index.ts';
import { signDetached } from '../../src/server/platform/signing/cms.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { runCli } from '../helpers/cli.ts';
import { TestClient } from '../helpers/client.ts';
import { createTestPki, opensslAtTime, requireTools } from '../helpers/pki.ts';
import { TEST_NOW, startTestServer } from '../helpers/server.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
const now = new Date(TEST_NOW);
const db = () => t.handle.db;
const cli = (command: string) => runCli([command], { DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl });
const anchor = () => takeCheckpoint(db(), { dataDir: t.dataDir, now, reason: 'kiểm thử' });

/** Rewrites event `seq` of a chain and recomputes every hash after it and the head, as an insider with the code would. */
async function rewriteChain(chainKey: string, change: (events: Awaited<ReturnType<typeof chainEvents>>) => Awaited<ReturnType<typeof chainEvents>>) {
  const events = change(await chainEvents(chainKey));
  await db().deleteFrom('audit_events').where('chain_key', '=', chainKey).execute();
  let prev = GENESIS_HASH;
  for (const [i, e] of events.entries()) {
    const row = { ...e, seq: i + 1, prev_hash: prev };
    row.hash = hashEvent(row);
    prev = row.hash;
    await db().insertInto('audit_events').values(row).execute();
  }
  await db().updateTable('audit_chain_heads').set({ seq: events.length, hash: prev }).where('chain_key', '=', chainKey).execute();
}
const chainEvents = (chainKey: string) => db().selectFrom('audit_events').selectAll().where('chain_key', '=', chainKey).orderBy('seq').execute();

async function expectFound(text: string) {
  const run = cli('verify-audit');
  expect(run.stdout).toContain(text);
  expect(run.status).toBe(1);
}

describe('verify-audit binds records and anchors chains', () => {
  let schoolId: string;
  beforeEach(async () => {
    t = await createTestDatabase();
    schoolId = (await seedDemo(db(), { now })).schoolId;
  });
  afterEach(async () => t?.drop());

  it('anchor-audit signs a checkpoint outside the database; verify-audit checks it (exit 0)', async () => {
    const first = cli('anchor-audit');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Đã ký điểm neo số 1 \(\d+\/\d+ chuỗi thay đổi\)/);
    expect(existsSync(join(t.dataDir, CHECKPOINT_DIR, '00000001.json'))).toBe(true);
    expect(existsSync(join(t.dataDir, 'keys', 'audit-anchor-ed25519.pem'))).toBe(true);
    expect(cli('anchor-audit').stdout).toContain('không cần điểm neo mới');
    const verify = cli('verify-audit');
    expect(verify.stdout).toContain('1 điểm neo đã ký đều hợp lệ');
    expect(verify.status).toBe(0);
  });

  it('finds two cells whose pupils were swapped', async () => {
    const [a, b] = await db().selectFrom('gradebook_cells').selectAll().where('column_key', '=', 'TX1').where('term_no', '=', 1).limit(2).execute();
    const elsewhere = await db().selectFrom('students').select('id').where('school_id', '!=', schoolId).executeTakeFirstOrThrow();
    await db().updateTable('gradebook_cells').set({ student_id: elsewhere.id }).where('id', '=', a.id).execute();
    await db().updateTable('gradebook_cells').set({ student_id: a.student_id }).where('id', '=', b.id).execute();
    await db().updateTable('gradebook_cells').set({ student_id: b.student_id }).where('id', '=', a.id).execute();
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    await expectFound(`ô điểm ${a.id} khác nhật kí`);
    await expectFound(`student_id đang lưu ${b.student_id}, nhật kí ghi ${a.student_id}`);
  });

  it('finds a cell moved to another column and a stored cell deleted', async () => {
    const [moved, deleted] = await db().selectFrom('gradebook_cells').selectAll().where('column_key', '=', 'TX1').limit(2).execute();
    await db().updateTable('gradebook_cells').set({ column_key: 'TX4' }).where('id', '=', moved.id).execute();
    await db().deleteFrom('gradebook_cells').where('id', '=', deleted.id).execute();
    const problems = await verifyStoredRecords(db());
    expect(problems.map((p) => p.entityId).sort()).toEqual([moved.id, deleted.id].sort());
    await expectFound('column_key đang lưu TX4, nhật kí ghi TX1');
    await expectFound(`ô điểm ${deleted.id} có trong nhật kí`);
  });

  it('finds direct changes to roles, locks, windows, pupils and correction requests', async () => {
    const teacher = await db().selectFrom('users').select('id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
    await db()
      .insertInto('user_roles')
      .values({ id: randomUUID(), user_id: teacher.id, role: 'principal', school_id: schoolId, org_unit_id: null, student_id: null, created_at: TEST_NOW })
      .execute();
    const student = await db().selectFrom('students').select(['id']).where('school_id', '=', schoolId).executeTakeFirstOrThrow();
    await db().updateTable('students').set({ family_name: 'Giả' }).where('id', '=', student.id).execute();
    const year = await db().selectFrom('school_years').select(['id']).where('school_id', '=', schoolId).executeTakeFirstOrThrow();
    await db()
      .insertInto('assessment_windows')
      .values({ id: randomUUID(), school_id: schoolId, school_year_id: year.id, point: 'term1', opens_on: '2026-09-01', closes_on: '2027-06-30', ordered_by: '', set_by: teacher.id, set_at: TEST_NOW, version: 1 })
      .execute();
    const pending = await db().selectFrom('correction_requests').select(['id', 'status']).where('status', '=', 'pending').executeTakeFirst();
    if (pending) await db().updateTable('correction_requests').set({ status: 'approved' }).where('id', '=', pending.id).execute();
    const tables = new Set((await verifyStoredRecords(db())).map((p) => p.table));
    expect(tables).toEqual(new Set(['user_roles', 'students', 'assessment_windows', ...(pending ? ['correction_requests'] : [])]));
    await expectFound('roles đang lưu');
    await expectFound('family_name đang lưu Giả');
    await expectFound('thời hạn nhập điểm');
  });

  it('finds a lock released straight in the database', async () => {
    const server = await startTestServer({ demo: true });
    try {
      const principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret);
      const lock = await principal.post(`/api/v1/years/${server.demo!.yearId}/locks`, { termNo: 1, reason: 'Khóa sổ học kì I' });
      expect(lock.status).toBe(200);
      // The lock was anchored before the answer came back.
      const checkpoints = await server.database.handle.db.selectFrom('audit_checkpoints').selectAll().execute();
      expect(checkpoints.map((c) => c.reason)).toContain('Sau khi khóa sổ');
      const admin = await server.database.handle.db.selectFrom('users').select('id').where('username', '=', 'quantri').executeTakeFirstOrThrow();
      await server.database.handle.db.updateTable('locks').set({ released_at: TEST_NOW, released_by: admin.id }).where('reason', '=', 'Khóa sổ học kì I').execute();
      const problems = await verifyStoredRecords(server.database.handle.db);
      expect(problems.map((p) => p.table)).toEqual(['locks']);
      expect(problems[0].problem).toContain(`released_by đang lưu ${admin.id}, nhật kí ghi trống`);
    } finally {
      await server.close();
    }
  });

  it('finds an old event rewritten with every hash after it recomputed, once anchored', async () => {
    const chainKey = `school:${schoolId}`;
    await anchor();
    await rewriteChain(chainKey, (events) => events.map((e, i) => (i === 3 ? { ...e, reason: 'viết lại' } : e)));
    // The chain alone cannot tell: every link is consistent again.
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    await expectFound(`HỎNG điểm neo số 1: chuỗi ${chainKey}: sự kiện số`);
    await expectFound('khác với lúc neo (nhật kí đến đó đã bị viết lại)');
  });

  it('finds the last events cut off with the head moved back, once anchored', async () => {
    const chainKey = `school:${schoolId}`;
    const before = await chainEvents(chainKey);
    await anchor();
    await rewriteChain(chainKey, (events) => events.slice(0, -3));
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    await expectFound(`sự kiện số ${before.length} đã được neo nhưng không còn (nhật kí bị cắt bớt)`);
  });

  it('finds a forged event appended with its hash recomputed, once a later checkpoint is compared', async () => {
    const chainKey = `school:${schoolId}`;
    await anchor();
    // Forging needs the old tail to be rewritten or the checkpoint to be replaced: both show.
    const events = await chainEvents(chainKey);
    const last = events[events.length - 1];
    await rewriteChain(chainKey, (list) => [...list.slice(0, -1), { ...last, id: randomUUID(), reason: 'giả' }, last]);
    await expectFound(`HỎNG điểm neo số 1: chuỗi ${chainKey}`);
  });

  it('finds a checkpoint deleted, altered or signed with another key', async () => {
    await anchor();
    // A second checkpoint after one more head moved.
    await db().insertInto('audit_chain_heads').values({ chain_key: 'extra', seq: 0, hash: GENESIS_HASH }).execute();
    const second = await anchor();
    expect(second?.seq).toBe(2);
    await db().deleteFrom('audit_chain_heads').where('chain_key', '=', 'extra').execute();

    // Deleted from the database: its file remembers.
    await db().deleteFrom('audit_checkpoints').where('seq', '=', 2).execute();
    await expectFound('HỎNG điểm neo số 2: điểm neo có tệp trong thư mục dữ liệu nhưng đã bị xóa khỏi cơ sở dữ liệu');

    // Altered in both places: the signature no longer holds.
    const row = await db().selectFrom('audit_checkpoints').selectAll().where('seq', '=', 1).executeTakeFirstOrThrow();
    const forgedBody = row.body.replace(/"reason":"[^"]*"/, '"reason":"sửa"');
    await db().updateTable('audit_checkpoints').set({ body: forgedBody }).where('seq', '=', 1).execute();
    const file = join(t.dataDir, CHECKPOINT_DIR, '00000001.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), body: forgedBody }));
    const check = await verifyCheckpoints(db(), t.dataDir);
    expect(check.problems.map((p) => p.problem)).toContain('chữ ký của điểm neo không hợp lệ (nội dung bị sửa hoặc ký bằng khóa khác)');

    // Re-signed with a key of the attacker's: its public key is not among the server's.
    rmSync(join(t.dataDir, 'keys'), { recursive: true });
    const other = mkdtempSync(join(tmpdir(), 'sodiem-other-'));
    await db().deleteFrom('audit_checkpoints').execute();
    await db().deleteFrom('audit_checkpoint_heads').execute();
    const forged = await takeCheckpoint(db(), { dataDir: other, now, reason: 'giả' });
    writeFileSync(file, readFileSync(join(other, CHECKPOINT_DIR, '00000001.json')));
    rmSync(join(t.dataDir, CHECKPOINT_DIR, '00000002.json'));
    const keyProblem = (await verifyCheckpoints(db(), t.dataDir)).problems.map((p) => p.problem);
    expect(keyProblem).toContain(`không tìm thấy khóa công khai ${forged!.key_id.slice(0, 16)}… trong thư mục dữ liệu để kiểm tra chữ ký điểm neo`);
  });

  it('takes a checkpoint daily on the clock, not more often', async () => {
    let clock = new Date(TEST_NOW);
    const env = parseEnv({ DATA_DIR: t.dataDir });
    const scheduler = startAnchorScheduler({ db: db(), env, clock: () => clock, log: () => {}, timer: false });
    await scheduler.tick();
    const count = async () => (await db().selectFrom('audit_checkpoints').select('seq').execute()).length;
    expect(await count()).toBe(1);
    await db().insertInto('audit_chain_heads').values({ chain_key: 'moved', seq: 0, hash: GENESIS_HASH }).execute();
    clock = new Date(clock.getTime() + 23 * 3600_000);
    await scheduler.tick();
    expect(await count()).toBe(1);
    clock = new Date(clock.getTime() + 3600_000);
    await scheduler.tick();
    expect(await count()).toBe(2);
    scheduler.stop();
  });

  it('signs with the school seal where one is configured; openssl cms verifies it', async () => {
    if (!requireTools(['openssl'])) return;
    const pki = await createTestPki();
    const seal = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Trường THCS Nguyễn Trãi', organizationalUnit: 'Con dấu điện tử' });
    const p12 = pki.pkcs12(seal, 'matkhau');
    const signer = await createSigner({ backend: 'pkcs12', file: p12, password: 'matkhau' });
    const checkpoint = await takeCheckpoint(db(), { dataDir: t.dataDir, now, reason: 'kiểm thử', seal: (body) => signDetached(body, signer, { signingTime: now }) });
    expect(checkpoint?.seal_cms).toBeTruthy();
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-anchor-'));
    writeFileSync(join(dir, 'body.json'), checkpoint!.body);
    writeFileSync(join(dir, 'body.p7s'), Buffer.from(checkpoint!.seal_cms!, 'base64'));
    const out = execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', join(dir, 'body.p7s'), '-content', join(dir, 'body.json'), '-CAfile', pki.caFile, '-purpose', 'any', ...opensslAtTime(now), '-out', '/dev/null'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(out).toBe('');
    expect((await verifyCheckpoints(db(), t.dataDir)).problems).toEqual([]);
  });

  it('asks an RFC 3161 timestamping authority where one is configured; openssl ts verifies the token', async () => {
    if (!requireTools(['openssl'])) return;
    const tsa = await startOpensslTsa();
    try {
      const env = parseEnv({ DATA_DIR: t.dataDir, SODIEM_TSA_URL: tsa.url });
      const checkpoint = await anchorAudit(db(), env, now, 'kiểm thử');
      expect(checkpoint?.tsa_token).toBeTruthy();
      writeFileSync(join(tsa.dir, 'body.json'), checkpoint!.body);
      writeFileSync(join(tsa.dir, 'token.der'), Buffer.from(checkpoint!.tsa_token!, 'base64'));
      const out = execFileSync('openssl', ['ts', '-verify', '-data', join(tsa.dir, 'body.json'), '-in', join(tsa.dir, 'token.der'), '-token_in', '-CAfile', join(tsa.dir, 'tsa.crt')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(out).toContain('Verification: OK');
      const check = await verifyCheckpoints(db(), t.dataDir);
      expect(check).toMatchObject({ checkpoints: 1, timestamped: 1, problems: [] });
      expect(cli('verify-audit').stdout).toContain('1 có dấu thời gian RFC 3161');

      // A token moved onto another checkpoint does not fit it.
      await db().insertInto('audit_chain_heads').values({ chain_key: 'moved', seq: 0, hash: GENESIS_HASH }).execute();
      const second = await takeCheckpoint(db(), { dataDir: t.dataDir, now, reason: 'kiểm thử' });
      await db().updateTable('audit_checkpoints').set({ tsa_token: checkpoint!.tsa_token }).where('seq', '=', second!.seq).execute();
      const file = join(t.dataDir, CHECKPOINT_DIR, '00000002.json');
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), tsaToken: checkpoint!.tsa_token }));
      expect((await verifyCheckpoints(db(), t.dataDir)).problems).toContainEqual({ seq: 2, problem: 'dấu thời gian RFC 3161 của điểm neo: dấu thời gian không khớp nội dung điểm neo' });
    } finally {
      await tsa.close();
    }
  });

  it('keeps the checkpoint when the timestamping authority cannot be reached', async () => {
    const errors: unknown[] = [];
    const env = parseEnv({ DATA_DIR: t.dataDir, SODIEM_TSA_URL: 'http://127.0.0.1:9/tsa' });
    const checkpoint = await anchorAudit(db(), env, now, 'kiểm thử', (e) => errors.push(e));
    expect(checkpoint).toMatchObject({ seq: 1, tsa_token: null });
    expect(errors).toHaveLength(1);
    expect((await verifyCheckpoints(db(), t.dataDir)).problems).toEqual([]);
  });
});

/** A timestamping authority on this machine: `openssl ts -reply` with a self-made TSA certificate. */
async function startOpensslTsa(): Promise<{ url: string; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'sodiem-tsa-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'tsa.key'), '-out', join(dir, 'tsa.crt'), '-subj', '/CN=TSA kiem thu/O=Sodiem', '-days', '3650', '-addext', 'extendedKeyUsage=critical,timeStamping', '-addext', 'keyUsage=critical,digitalSignature'], { stdio: 'ignore' });
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(
    join(dir, 'tsa.cnf'),
    [
      '[ tsa ]',
      'default_tsa = tsa1',
      '[ tsa1 ]',
      `serial = ${join(dir, 'serial')}`,
      `signer_cert = ${join(dir, 'tsa.crt')}`,
      `signer_key = ${join(dir, 'tsa.key')}`,
      'signer_digest = sha256',
      'default_policy = 1.2.3.4.1',
      'digests = sha256',
      'ess_cert_id_alg = sha256',
      'ess_cert_id_chain = no',
      'accuracy = secs:1',
      'ordering = no',
      'tsa_name = no',
      '',
    ].join('\n'),
  );
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      writeFileSync(join(dir, 'query.tsq'), Buffer.concat(chunks));
      execFileSync('openssl', ['ts', '-reply', '-config', join(dir, 'tsa.cnf'), '-queryfile', join(dir, 'query.tsq'), '-out', join(dir, 'reply.tsr')], { stdio: 'ignore' });
      res.writeHead(200, { 'Content-Type': 'application/timestamp-reply' });
      res.end(readFileSync(join(dir, 'reply.tsr')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/tsa`, dir, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
