/**
 * The deadline evening at smoke scale (issue 7): a generated province of 3 schools × 200 students
 * (bench/support/province-generator.ts, bulk inserts through our schema), the real server in a
 * child process, teachers saving whole columns in their own classes while the leadership opens
 * the progress pages, for a few seconds. Zero errors, and everything acknowledged is stored.
 * Never asserts timings: `npm run bench -- peak` measures at province scale.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPeakStored, castPeak, newPeakPool, runPeak } from '../../bench/support/peak-load.ts';
import { type Province, generateProvince } from '../../bench/support/province-generator.ts';
import { type ServerProcess, startServerProcess } from '../../bench/support/server-process.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';

const repoRoot = join(import.meta.dirname, '..', '..');
let database: TestDatabase;
let province: Province;
let server: ServerProcess | null;

beforeAll(async () => {
  database = await createTestDatabase();
  province = await generateProvince(database.handle, { schools: 3, students: 600 });
  server = await startServerProcess({ repoRoot, dataDir: database.dataDir, databaseUrl: database.databaseUrl });
}, 240_000);
afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

describe(`peak load, smoke scale (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('generates a province the app works on', async () => {
    expect(province.counts).toMatchObject({ schools: 3, students: 600 });
    expect(province.counts.classes).toBeGreaterThanOrEqual(12);
    const { db } = database.handle;
    const enrolled = await db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(enrolled.n)).toBe(600);
    // Every class × subject of the 2018 programme has a teacher.
    const missing = await db
      .selectFrom('classes')
      .innerJoin('subjects', (j) => j.onRef('subjects.school_year_id', '=', 'classes.school_year_id').onRef('subjects.grade', '=', 'classes.grade'))
      .leftJoin('teaching_assignments', (j) => j.onRef('teaching_assignments.class_id', '=', 'classes.id').onRef('teaching_assignments.subject_id', '=', 'subjects.id'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('teaching_assignments.id', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(missing.n)).toBe(0);
  });

  it('teachers save columns while the leadership opens progress pages: no errors, everything acknowledged stored', { timeout: 120_000 }, async () => {
    const baseUrl = server!.baseUrl;
    const cast = await castPeak(baseUrl, province, 12);
    expect(cast.leaders).toHaveLength(3);
    const pool = newPeakPool(cast);
    const result = await runPeak({ baseUrl, cast, pool, writers: 6, readers: 2, seconds: 4 });
    expect(result.saves.sampleFailure).toBeNull();
    expect(result.saves.non2xx + result.saves.errors + result.saves.timeouts + result.saves.shortAnswers).toBe(0);
    expect(result.saves.saves).toBeGreaterThan(0);
    expect(result.reads.requests).toBeGreaterThan(0);
    expect(result.reads.non2xx + result.reads.errors + result.reads.timeouts).toBe(0);
    // Saves cut off by the end of the timed run: SIGTERM lets the server finish them, then the database tells.
    await server!.stop();
    server = null;
    const stored = await checkPeakStored(database.handle, pool);
    expect(stored.problems).toEqual([]);
    expect(stored.savedColumns).toBeGreaterThan(0);
    const chains = await verifyAuditChains(database.handle.db);
    expect(chains.breaks).toEqual([]);
  });
});
