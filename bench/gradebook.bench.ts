/**
 * `npm run bench -- gradebook`: whole-column saves (45 scores, each with its audit event on the
 * grade book's hash chain, one transaction) per second over HTTP against the real server in a
 * child process, on SQLite and on PostgreSQL, each next to the raw floor — the same rows written
 * with plain SQL in one transaction per column — measured in the same run. Then checks that
 * every audit chain verifies and that the cells match the acknowledged saves, and counts the
 * SQL statements one save issues.
 *
 * Environment: BENCH_SECONDS (10) per measured run, BENCH_WARMUP (3), BENCH_CONNECTIONS (16),
 * BENCH_CLASSES (20), BENCH_TEACHERS (20), BENCH_DIALECTS (sqlite,postgres), BENCH_DATABASE_URL
 * (postgres://sodiem:sodiem@127.0.0.1:5432/postgres: a server where a database may be created),
 * BENCH_PROFILE=1 (--cpu-prof on the server; prints where its CPU time went), BENCH_KEEP=1
 * (keep the databases). CI never runs benchmarks.
 */
import { execSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { gradebookChain, verifyAuditChains } from '../src/server/platform/audit/audit-log.ts';
import type { DatabaseHandle } from '../src/server/platform/db/database.ts';
import { TestClient } from '../test/helpers/client.ts';
import { ColumnPool } from './support/column-pool.ts';
import { type CpuUse, startCpuMeter } from './support/cpu-meter.ts';
import { summarizeProfile } from './support/cpu-profile.ts';
import { type BenchDatabase, type BenchSchool, type Dialect, DEFAULT_PG_ADMIN_URL, createBenchDatabase, seedBenchSchool } from './support/gradebook-data.ts';
import { storedColumnVersion } from './support/stored-column-version.ts';
import { type LoadResult, type TeacherSession, runHttpLoad } from './support/http-load.ts';
import { type FloorResult, floorChain, floorGradebooks, runPostgresFloor, runSqliteFloor } from './support/raw-floor.ts';
import { startServerProcess } from './support/server-process.ts';
import { countingServer } from './support/statement-count.ts';

const env = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SECONDS = env('BENCH_SECONDS', 10);
const WARMUP = env('BENCH_WARMUP', 3);
const CONNECTIONS = env('BENCH_CONNECTIONS', 16);
const CLASSES = env('BENCH_CLASSES', 20);
const TEACHERS = env('BENCH_TEACHERS', 20);
const STUDENTS = 45;
const SUBJECTS = 8;
const PROFILE = process.env.BENCH_PROFILE === '1';
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];
const TARGET_PG_SAVES = 500;
const TARGET_RATIO = 2;

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n: number) => `${fmt(n, n < 10 ? 2 : 1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

interface DialectRun {
  dialect: Dialect;
  api: LoadResult;
  apiCpu: CpuUse;
  floors: { name: string; result: FloorResult; cpu: CpuUse }[];
  statements: { first: Awaited<ReturnType<Awaited<ReturnType<typeof countingServer>>['post']>>; again: Awaited<ReturnType<Awaited<ReturnType<typeof countingServer>>['post']>> };
  checks: string[];
  ok: boolean;
}

function gitState(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: repoRoot }).toString().trim();
    const dirty = execSync('git status --porcelain -- src/server src/domain src/shared', { cwd: repoRoot }).toString().trim();
    return dirty ? `${head} + uncommitted changes in: ${dirty.split('\n').map((l) => l.slice(3)).join(', ')}` : `${head} (src clean)`;
  } catch {
    return 'unknown';
  }
}

async function login(baseUrl: string, school: BenchSchool): Promise<TeacherSession[]> {
  const sessions: TeacherSession[] = [];
  for (const t of school.teachers) {
    const c = await new TestClient(baseUrl).login(t.username, school.password);
    sessions.push({ cookie: c.cookie!, csrfToken: c.csrfToken! });
  }
  return sessions;
}

/** The checks after the runs: chains verify, cells and events match the acknowledged saves. */
async function verify(handle: DatabaseHandle, api: ColumnPool, floor: ColumnPool, classIds: string[]): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  let ok = true;
  const t0 = performance.now();
  const chains = await verifyAuditChains(handle.db);
  const chainsOk = chains.breaks.length === 0;
  ok &&= chainsOk;
  lines.push(
    `audit chains: ${fmt(chains.chains)} chains, ${fmt(chains.events)} events — ${chainsOk ? 'all verify' : `${chains.breaks.length} BROKEN: ${JSON.stringify(chains.breaks.slice(0, 3))}`} (${fmt((performance.now() - t0) / 1000, 1)} s)`,
  );
  for (const [name, pool, floorKeys] of [
    ['API', api, false],
    ['raw floor', floor, true],
  ] as const) {
    const saves = pool.acked + pool.committedUnacknowledged;
    const expectedCells = pool.columns.reduce((a, cols, i) => a + cols.filter((c) => c.version > 0).length * pool.gradebooks[i].studentIds.length, 0);
    const cells = await handle.db
      .selectFrom('gradebook_cells')
      .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum('version').as('v')])
      .where('class_id', 'in', classIds)
      .where('column_key', floorKeys ? 'like' : 'not like', 'F%')
      .executeTakeFirstOrThrow();
    const events = await handle.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('chain_key', 'in', pool.gradebooks.map((g) => (floorKeys ? floorChain(g) : gradebookChain(g.classId, g.subjectId))))
      .where('entity_type', '=', 'gradebook_cell')
      .executeTakeFirstOrThrow();
    const perSave = STUDENTS;
    const match = Number(cells.n) === expectedCells && Number(cells.v) === saves * perSave && Number(events.n) === saves * perSave;
    ok &&= match && pool.failed === 0;
    lines.push(
      `${name}: ${fmt(saves)} saves committed (${fmt(pool.acked)} acknowledged + ${fmt(pool.committedUnacknowledged)} cut off by the end of a timed run), ${fmt(pool.failed)} failed → ` +
        `${fmt(Number(cells.n))} cells (expected ${fmt(expectedCells)}), sum of versions ${fmt(Number(cells.v))} (expected ${fmt(saves * perSave)}), ` +
        `${fmt(Number(events.n))} audit events (expected ${fmt(saves * perSave)}) — ${match ? 'match' : 'MISMATCH'}`,
    );
  }
  return { lines, ok };
}

async function runDialect(dialect: Dialect): Promise<DialectRun> {
  console.log(`\n--- ${dialect} ---`);
  const t0 = performance.now();
  const database: BenchDatabase = await createBenchDatabase(dialect);
  const seedHandle = database.open();
  const school = await seedBenchSchool(seedHandle, { classes: CLASSES, studentsPerClass: STUDENTS, subjectsPerClass: SUBJECTS, teachers: TEACHERS });
  await seedHandle.close();
  const columns = school.gradebooks.reduce((a, g) => a + g.columns.length, 0);
  console.log(
    `seeded (${fmt((performance.now() - t0) / 1000, 1)} s): demo school + ${CLASSES} classes × ${STUDENTS} students, ${TEACHERS} teachers, ` +
      `${school.gradebooks.length} grade books (class × scored subject), ${fmt(columns)} score columns over both terms`,
  );

  const handle = database.open(); // the bench's own connection: reconciling, statement counts, checks
  const apiPool = new ColumnPool(school.gradebooks);
  const floorPool = new ColumnPool(floorGradebooks(school.gradebooks));
  const profileDir = PROFILE ? join(tmpdir(), 'sodiem-bench-profiles') : undefined; // kept after the database is dropped
  const server = await startServerProcess({ repoRoot, dataDir: database.dataDir, databaseUrl: database.url, cpuProfileDir: profileDir });
  let sessions: TeacherSession[];
  let statements: DialectRun['statements'];
  let api: LoadResult;
  let apiCpu: CpuUse;
  let resaves: LoadResult;
  let resavesCpu: CpuUse;
  let profileWindow: { fromEndMs: number; toEndMs: number };
  try {
    sessions = await login(server.baseUrl, school);

    // Statement count: one first entry and one re-save of the same column, in-process, one at a time.
    const counter = await countingServer(handle, database.dataDir);
    try {
      const saveOnce = async (claim = apiPool.claim()) => {
        const s = sessions[school.gradebooks[claim.gradebook].teacher];
        const r = await counter.post(apiPool.path(claim), apiPool.body(claim), { cookie: s.cookie, 'x-csrf-token': s.csrfToken });
        apiPool.release(claim, r.status === 200);
        if (r.status !== 200) throw new Error(`counted save → ${r.status} ${r.body.slice(0, 300)}`);
        return { claim, r };
      };
      for (let i = 0; i < 20; i++) await saveOnce(); // warm the in-process app up
      const first = await saveOnce(); // a first entry of a fresh column
      const again = await saveOnce(apiPool.claimColumn(first.claim.gradebook, first.claim.column)); // the same column re-saved
      statements = { first: first.r, again: again.r };
    } finally {
      await counter.close();
    }

    // Warm-up, then the measured run.
    if (WARMUP > 0) {
      const w = await runHttpLoad({ baseUrl: server.baseUrl, pool: apiPool, sessions, connections: CONNECTIONS, seconds: WARMUP });
      await sleep(1000);
      const r = await apiPool.reconcile((g, c) => storedColumnVersion(handle, g, c));
      console.log(`warm-up ${WARMUP} s: ${fmt(w.savesPerSecond, 1)} saves/s, ${w.non2xx + w.errors} failures; cut off at the end: ${r.committed} committed, ${r.notCommitted} not, ${r.unknown} unknown`);
    }
    const startMeasured = performance.now();
    const meter = startCpuMeter(server.pid);
    api = await runHttpLoad({ baseUrl: server.baseUrl, pool: apiPool, sessions, connections: CONNECTIONS, seconds: SECONDS });
    apiCpu = meter();
    const endMeasured = performance.now();
    await sleep(1000);
    let r = await apiPool.reconcile((g, c) => storedColumnVersion(handle, g, c));
    if (r.unknown) console.log(`WARNING: ${r.unknown} columns in an unknown state after the run`);
    // The same load re-saving only columns already entered (45 version-checked UPDATEs instead of one INSERT).
    apiPool.onlySaved = true;
    const meter2 = startCpuMeter(server.pid);
    resaves = await runHttpLoad({ baseUrl: server.baseUrl, pool: apiPool, sessions, connections: CONNECTIONS, seconds: SECONDS });
    resavesCpu = meter2();
    await sleep(1000);
    r = await apiPool.reconcile((g, c) => storedColumnVersion(handle, g, c));
    if (r.unknown) console.log(`WARNING: ${r.unknown} columns in an unknown state after the run`);
    const stopAt = performance.now();
    profileWindow = { fromEndMs: stopAt - startMeasured, toEndMs: stopAt - endMeasured }; // the first measured run
  } finally {
    const profile = await server.stop();
    if (profile) {
      const s = summarizeProfile(profile, profileWindow!);
      console.log(`\nserver CPU profile (${profile}), measured window ${fmt(s.windowMs / 1000, 1)} s, busy ${fmt(s.busyMs / 1000, 1)} s (${fmt((100 * s.busyMs) / s.windowMs)} % of one core):`);
      console.log('  self time by component:');
      for (const c of s.components) console.log(`    ${fmt(100 * c.share, 1).padStart(5)} %  ${ms(c.ms).padStart(11)}  ${c.name}`);
      console.log('  top functions (self time):');
      for (const f of s.functions) console.log(`    ${fmt(100 * f.share, 1).padStart(5)} %  ${f.name}`);
      console.log('  native time by the first JavaScript caller outside node internals:');
      for (const c of s.nativeCallers) console.log(`    ${fmt(100 * c.share, 1).padStart(5)} %  ${c.name}`);
    }
  }

  // Raw floor on the same database, same grade books (own columns and chains), same concurrency.
  const ctx = { schoolId: school.schoolId, yearId: school.yearId, teacherUserIds: school.teachers.map((t) => t.userId) };
  const floors: DialectRun['floors'] = [];
  if (dialect === 'sqlite') {
    const file = join(database.dataDir, 'sodiem.db');
    runSqliteFloor({ file, pool: floorPool, ctx, seconds: 1 });
    const meter = startCpuMeter();
    const result = runSqliteFloor({ file, pool: floorPool, ctx, seconds: SECONDS });
    floors.push({ name: 'raw floor (better-sqlite3, prepared, 1 statement per row)', result, cpu: meter() });
  } else {
    await runPostgresFloor({ url: database.url!, pool: floorPool, ctx, seconds: 1, connections: CONNECTIONS, mode: 'batched' });
    for (const [name, mode] of [
      ['raw floor (pg, 4 statements: head claim, multi-row upsert, multi-row insert, head update)', 'batched'],
      ['plain SQL, one statement per row (pg, 92 statements)', 'perRow'],
    ] as const) {
      const meter = startCpuMeter();
      const result = await runPostgresFloor({ url: database.url!, pool: floorPool, ctx, seconds: SECONDS, connections: CONNECTIONS, mode });
      floors.push({ name, result, cpu: meter() });
    }
  }

  const checked = await verify(handle, apiPool, floorPool, school.classIds);
  await handle.close();
  if (process.env.BENCH_KEEP === '1') console.log(`kept: ${database.url ?? database.dataDir}`);
  else await database.drop();

  // Report for this dialect.
  const row = (name: string, x: { savesPerSecond: number; cellsPerSecond: number; latency: { p50: number; p99: number } }, failures: string) =>
    `  ${name.padEnd(34)} ${fmt(x.savesPerSecond, 1).padStart(9)} ${fmt(x.cellsPerSecond).padStart(9)} ${ms(x.latency.p50).padStart(10)} ${ms(x.latency.p99).padStart(10)}  ${failures}`;
  console.log(`\n  ${''.padEnd(34)} ${'saves/s'.padStart(9)} ${'cells/s'.padStart(9)} ${'p50'.padStart(10)} ${'p99'.padStart(10)}  failures`);
  const statusText = Object.entries(api.statusCounts)
    .map(([k, v]) => `${k}×${fmt(v)}`)
    .join(' ');
  console.log(row(`API over HTTP (${CONNECTIONS} connections)`, api, `${api.non2xx} non-2xx, ${api.errors} errors, ${api.timeouts} timeouts, ${api.shortAnswers} short answers [${statusText}]`));
  console.log(row('API, re-saves only', resaves!, `${resaves!.non2xx} non-2xx, ${resaves!.errors} errors, ${resaves!.timeouts} timeouts, ${resaves!.shortAnswers} short answers`));
  for (const f of floors) console.log(row(f.name.replace(/ \(.*$/, ''), f.result, `${f.result.errors} errors`));
  for (const f of floors) console.log(`    ${f.name}`);
  console.log(`  API saves in the measured run: ${fmt(api.firstEntries)} first entries + ${fmt(api.reEntries)} re-saves of a column, ${fmt(api.seconds, 1)} s`);
  if (resaves!.sampleFailure) console.log(`  first failure (re-saves): ${resaves!.sampleFailure}`);
  if (api.sampleFailure) console.log(`  first failure: ${api.sampleFailure}`);
  for (const f of floors) if (f.result.sampleFailure) console.log(`  floor failure: ${f.result.sampleFailure}`);
  const cores = availableParallelism();
  const cpuLine = (name: string, c: CpuUse, saves: number) =>
    `  CPU per save, ${name}: server ${ms(c.serverMs / saves)}, ${c.serverMs ? 'load generator' : 'bench process'} ${ms(c.selfMs / saves)}, PostgreSQL ${ms(c.postgresMs / saves)}; ` +
    `machine busy ${ms(c.machineBusyMs / saves)} per save (${fmt((100 * c.machineBusyMs) / (cores * c.wallMs))} % of ${cores} cores)`;
  console.log(cpuLine('API', apiCpu!, api.saves));
  console.log(cpuLine('API re-saves', resavesCpu!, resaves!.saves));
  for (const f of floors) console.log(cpuLine(f.name.replace(/ \(.*$/, ''), f.cpu, f.result.saves));
  const floor = floors[0].result;
  console.log(
    `  API cost / floor cost: ${fmt(floor.savesPerSecond / api.savesPerSecond, 2)}× by throughput (floor saves/s ÷ API saves/s, same concurrency), ` +
      `${fmt(api.latency.p50 / floor.latency.p50, 2)}× by median latency`,
  );
  for (const [label, s] of [
    ['first entry of a column', statements.first],
    ['re-save of a column', statements.again],
  ] as const) {
    console.log(
      `  statements per save (${label}, in-process, alone): ${s.statements} + BEGIN/COMMIT; ${ms(s.statementMs)} of ${ms(s.ms)} in statements; by kind (count, time):`,
    );
    for (const g of s.groups) console.log(`    ${String(g.count).padStart(4)}  ${ms(g.ms).padStart(10)}  ${g.label}`);
  }
  for (const line of checked.lines) console.log(`  ${line}`);
  return { dialect, api, apiCpu: apiCpu!, floors, statements, checks: checked.lines, ok: checked.ok && api.non2xx + api.errors + api.timeouts + api.shortAnswers + resaves!.non2xx + resaves!.errors + resaves!.timeouts + resaves!.shortAnswers === 0 };
}

export async function run(): Promise<void> {
  let pgVersion = '';
  if (DIALECTS.includes('postgres')) {
    try {
      const c = new pg.Client({ connectionString: process.env.BENCH_DATABASE_URL || DEFAULT_PG_ADMIN_URL });
      await c.connect();
      pgVersion = (await c.query('SHOW server_version')).rows[0].server_version;
      await c.end();
    } catch (e) {
      console.log(`PostgreSQL not reachable (${(e as Error).message}): skipped`);
      DIALECTS.splice(DIALECTS.indexOf('postgres'), 1);
    }
  }
  console.log(
    `node ${process.version}, ${cpus()[0]?.model ?? 'cpu'} ×${availableParallelism()}, ${fmt(totalmem() / 2 ** 30, 1)} GiB, load average ${loadavg()[0].toFixed(1)}` +
      `${pgVersion ? `, PostgreSQL ${pgVersion} on the same machine` : ''}`,
  );
  console.log(`source: ${gitState()}`);
  console.log(
    `server: src/server/main.ts in a child process; load: autocannon in this process, ${CONNECTIONS} connections, ${SECONDS} s measured after ${WARMUP} s warm-up; ` +
      `the server, the load generator${pgVersion ? ' and PostgreSQL' : ''} share ${availableParallelism()} cores`,
  );
  const runs: DialectRun[] = [];
  for (const d of DIALECTS) runs.push(await runDialect(d));

  console.log('\n--- summary ---');
  for (const r of runs) {
    const f = r.floors[0].result;
    const ratio = f.savesPerSecond / r.api.savesPerSecond;
    console.log(
      `${r.dialect.padEnd(8)} API ${fmt(r.api.savesPerSecond, 1)} column-saves/s (${fmt(r.api.cellsPerSecond)} cells/s, p50 ${ms(r.api.latency.p50)}, p99 ${ms(r.api.latency.p99)}), ` +
        `floor ${fmt(f.savesPerSecond, 1)}/s (p50 ${ms(f.latency.p50)}), API cost ${fmt(ratio, 2)}× the floor; checks ${r.ok ? 'passed' : 'FAILED'}`,
    );
    if (r.dialect === 'postgres') {
      console.log(
        `         target ≥ ${TARGET_PG_SAVES} column-saves/s: ${r.api.savesPerSecond >= TARGET_PG_SAVES ? 'met' : 'NOT met'}; ` +
          `target API cost ≤ ${TARGET_RATIO}× the floor: ${ratio <= TARGET_RATIO ? 'met' : 'NOT met'}`,
      );
    }
  }
}
