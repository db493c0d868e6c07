/**
 * Two app processes on one PostgreSQL database (issue 7): sessions, locks, version checks,
 * idempotency keys and audit chain heads live in the database, so processes share nothing in
 * memory. Both servers are the real src/server/main.ts in child processes. PostgreSQL only: without
 * TEST_DATABASE_URL a loud skip (npm test runs it in its PostgreSQL pass), a failure when
 * SODIEM_TEST_STRICT=1 and no PostgreSQL server answers at all.
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreText } from '../../bench/support/column-pool.ts';
import { type BenchSchool, seedBenchSchool } from '../../bench/support/gradebook-data.ts';
import { type ScratchDatabase, createScratchDatabase, runCliAsync } from '../../bench/support/scratch-database.ts';
import { type ServerProcess, startServerProcess } from '../../bench/support/server-process.ts';
import { demoSecret } from '../../src/server/demo/seed-demo.ts';
import { TestClient } from '../helpers/client.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
const PG_URL = process.env.TEST_DATABASE_URL;
const STRICT = process.env.SODIEM_TEST_STRICT === '1';

if (!PG_URL) {
  const line = 'SKIPPED: two-process.integration.test.ts needs PostgreSQL (TEST_DATABASE_URL); npm test runs it in its PostgreSQL pass';
  console.warn(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n`);
}

async function postgresAnswers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres', connectionTimeoutMillis: 1500 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

if (!PG_URL && STRICT) {
  describe('two app processes, one PostgreSQL (strict mode)', () => {
    it('has a PostgreSQL server to run on', async () => {
      expect(await postgresAnswers(), 'SODIEM_TEST_STRICT=1 and no PostgreSQL server answers: the two-process suite cannot run').toBe(true);
    });
  });
}

describe.runIf(!!PG_URL)('two app processes, one PostgreSQL', () => {
  let database: ScratchDatabase;
  let school: BenchSchool;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    database = await createScratchDatabase('postgres', PG_URL, 'sodiem_two');
    const handle = database.open();
    school = await seedBenchSchool(handle, { classes: 1, studentsPerClass: 12, subjectsPerClass: 4, teachers: 2 });
    await handle.close();
    [a, b] = await Promise.all([0, 1].map(() => startServerProcess({ repoRoot, dataDir: database.dataDir, databaseUrl: database.url })));
  }, 240_000);
  afterAll(async () => {
    await Promise.all([a, b].filter(Boolean).map((s) => s.stop()));
    await database?.drop();
  });

  /** A teacher client logged in on `server`, and the same session on `other` (the cookie is all it takes). */
  const teacherOf = async (book: number, server: ServerProcess) => new TestClient(server.baseUrl).login(school.teachers[school.gradebooks[book].teacher].username, school.password);
  const on = (client: TestClient, server: ServerProcess) => Object.assign(new TestClient(server.baseUrl), { cookie: client.cookie, csrfToken: client.csrfToken });
  const cellsPath = (book: number) => {
    const g = school.gradebooks[book];
    return `/api/v1/classes/${g.classId}/subjects/${g.subjectId}/terms/1/cells`;
  };
  const column = (book: number, col = 0) => school.gradebooks[book].columns.filter((c) => c.termNo === 1)[col].key;
  const change = (book: number, student: number, tenths: number, baseVersion: number, col = 0) => ({
    studentId: school.gradebooks[book].studentIds[student],
    columnKey: column(book, col),
    value: scoreText(tenths),
    baseVersion,
  });
  const storedCell = async (book: number, student: number, col = 0) => {
    const handle = database.open();
    try {
      const g = school.gradebooks[book];
      return await handle.db
        .selectFrom('gradebook_cells')
        .select(['id', 'score_tenths', 'version'])
        .where('class_id', '=', g.classId)
        .where('subject_id', '=', g.subjectId)
        .where('term_no', '=', 1)
        .where('column_key', '=', column(book, col))
        .where('student_id', '=', g.studentIds[student])
        .executeTakeFirst();
    } finally {
      await handle.close();
    }
  };

  it('a session opened on A works on B, and logging out on B ends it on A', async () => {
    const onA = await teacherOf(0, a);
    const onB = on(onA, b);
    const me = await onB.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user.username).toBe(school.teachers[school.gradebooks[0].teacher].username);
    const saved = await onB.post(cellsPath(0), { changes: [change(0, 0, 75, 0)] });
    expect(saved.status).toBe(200);
    expect(Number((await storedCell(0, 0))?.score_tenths)).toBe(75);
    expect((await onB.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await on(onA, a).get('/api/v1/auth/me')).status).toBe(401);
  });

  it('a lock set on A refuses a save on B (423), and its release on B lets A save', async () => {
    const principal = await new TestClient(a.baseUrl).login('hieutruong', school.password, demoSecret('hieutruong'));
    const g = school.gradebooks[1];
    const locked = await principal.post(`/api/v1/years/${school.yearId}/locks`, { classId: g.classId, subjectId: g.subjectId, reason: 'Khóa sổ để kiểm tra' });
    expect(locked.status).toBe(200);
    const teacher = await teacherOf(1, b);
    const refused = await teacher.post(cellsPath(1), { changes: [change(1, 0, 80, 0)] });
    expect(refused.status).toBe(423);
    expect(await storedCell(1, 0)).toBeUndefined();
    const lockId = locked.body.locks.find((l: { classId: string | null; releasedAt: string | null }) => l.classId === g.classId && !l.releasedAt).id;
    const released = await on(principal, b).post(`/api/v1/locks/${lockId}/release`, { reason: 'Mở lại sau kiểm tra' });
    expect(released.status).toBe(200);
    expect((await on(teacher, a).post(cellsPath(1), { changes: [change(1, 0, 80, 0)] })).status).toBe(200);
  });

  it('the same cell saved at once through A and B: exactly one wins, the other gets 409 with the current value', async () => {
    const onA = await teacherOf(2, a);
    const onB = on(onA, b);
    let version = 0;
    for (let student = 0; student < 8; student++) {
      // First entries (two INSERTs racing), then re-saves (two version-checked UPDATEs racing).
      for (const round of [0, 1]) {
        const base = round === 0 ? 0 : 1;
        const reason = round === 0 ? '' : 'Chấm lại';
        const [ra, rb] = await Promise.all([
          onA.post(cellsPath(2), { changes: [change(2, student, 61 + round, base)], reason }),
          onB.post(cellsPath(2), { changes: [change(2, student, 71 + round, base)], reason }),
        ]);
        expect([ra.status, rb.status].sort(), JSON.stringify([ra.body, rb.body])).toEqual([200, 409]);
        const winner = ra.status === 200 ? 61 + round : 71 + round;
        const stored = await storedCell(2, student);
        expect(Number(stored?.score_tenths)).toBe(winner);
        expect(Number(stored?.version)).toBe(base + 1);
        version = Number(stored?.version);
      }
    }
    expect(version).toBe(2);
  });

  it('a save retried with its Idempotency-Key on the other process applies once', async () => {
    const onA = await teacherOf(3, a);
    const body = { changes: [change(3, 0, 90, 0), change(3, 1, 91, 0)] };
    const first = await onA.post(cellsPath(3), body, { 'idempotency-key': 'two-process-retry-1' });
    const retry = await on(onA, b).post(cellsPath(3), body, { 'idempotency-key': 'two-process-retry-1' });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(retry.body).toEqual(first.body);
    const cell = await storedCell(3, 0);
    expect(Number(cell?.version)).toBe(1);
    const handle = database.open();
    try {
      const events = await handle.db.selectFrom('audit_events').select('id').where('entity_id', '=', cell!.id).execute();
      expect(events).toHaveLength(1);
    } finally {
      await handle.close();
    }
  });

  it('jobs enqueued through both processes run exactly once each, on the workers of both', { timeout: 180_000 }, async () => {
    const clerk = await new TestClient(a.baseUrl).login('vanthu', school.password);
    const handle = database.open();
    try {
      const demoClass = await handle.db.selectFrom('classes').select('id').where('school_id', '=', school.schoolId).where('name', '=', '6A1').executeTakeFirstOrThrow();
      const ids: string[] = [];
      for (let i = 0; i < 4; i++) {
        const via = i % 2 === 0 ? clerk : on(clerk, b);
        const started = await via.post(`/api/v1/schools/${school.schoolId}/print-jobs`, { kind: 'confirmation_sheet', classIds: [demoClass.id], options: {} });
        expect(started.status).toBe(202);
        ids.push(started.body.id);
      }
      const deadline = Date.now() + 170_000;
      let jobs = await handle.db.selectFrom('jobs').selectAll().where('id', 'in', ids).execute();
      while (jobs.some((j) => j.status === 'queued' || j.status === 'running') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 500));
        jobs = await handle.db.selectFrom('jobs').selectAll().where('id', 'in', ids).execute();
      }
      expect(jobs.map((j) => [j.status, Number(j.attempts), j.error])).toEqual(ids.map(() => ['done', 1, null]));
      // Which worker ran which job (both processes poll the same queue; who wins each claim is up to timing).
      console.log(`jobs run by: ${JSON.stringify(jobs.map((j) => j.locked_by))}`);
      expect(jobs.every((j) => typeof j.locked_by === 'string' && j.locked_by.length > 0)).toBe(true);
    } finally {
      await handle.close();
    }
  });

  it('every audit chain verifies after both processes wrote (sodiem verify-audit exits 0)', async () => {
    const r = await runCliAsync(repoRoot, ['verify-audit'], database);
    expect(r.stdout + r.stderr).toContain('Nhật kí toàn vẹn');
    expect(r.status).toBe(0);
  });
});
