/**
 * `npm run bench -- peak`: the deadline evening on PostgreSQL (issue 7). A province generated
 * straight into a new database (bench/support/province-generator.ts: 300 schools, 150,000 students
 * by default), the real server in a child process, and at once: teachers saving whole columns in
 * their own classes (autocannon, PEAK_WRITERS connections) while the leadership opens the schools'
 * progress pages (PEAK_READERS connections). Then the raw-SQL floor (bench/support/peak-floor.ts:
 * the same writes and reads in plain SQL through pg, same concurrency) in the same run, the ratio,
 * and the checks: every acknowledged save stored, every audit chain verifies.
 *
 * Environment: PEAK_SCALE (1: 300 schools, 150,000 students; 0.1: 30 schools, 15,000),
 * PEAK_SCHOOLS / PEAK_STUDENTS (override), PEAK_TEACHERS (120 logged in, spread over the schools),
 * PEAK_WRITERS (16), PEAK_READERS (4), PEAK_SECONDS (20), BENCH_WARMUP (3), BENCH_DATABASE_URL
 * (postgres://sodiem:sodiem@127.0.0.1:5432/postgres), BENCH_KEEP=1 (keep the database).
 */
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { verifyAuditChains } from '../src/server/platform/audit/audit-log.ts';
import { ColumnPool } from './support/column-pool.ts';
import { runPeakFloor } from './support/peak-floor.ts';
import { castPeak, checkPeakStored, newPeakPool, runPeak } from './support/peak-load.ts';
import { PROVINCE_DEFAULT, generateProvince } from './support/province-generator.ts';
import { createScratchDatabase } from './support/scratch-database.ts';
import { startServerProcess } from './support/server-process.ts';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const num = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SCALE = num('PEAK_SCALE', 1);
const SCHOOLS = num('PEAK_SCHOOLS', Math.max(1, Math.round(PROVINCE_DEFAULT.schools * SCALE)));
const STUDENTS = num('PEAK_STUDENTS', Math.round(PROVINCE_DEFAULT.students * SCALE));
const TEACHERS = num('PEAK_TEACHERS', 120);
const WRITERS = num('PEAK_WRITERS', 16);
const READERS = num('PEAK_READERS', 4);
const SECONDS = num('PEAK_SECONDS', 20);
const WARMUP = num('BENCH_WARMUP', 3);
const PG_URL = process.env.BENCH_DATABASE_URL || 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres';
const fmt = (n: number, d = 0) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export async function run(): Promise<void> {
  console.log(`node ${process.version}, ${availableParallelism()} cores, load average ${loadavg()[0].toFixed(1)}; PostgreSQL at ${new URL(PG_URL).host}`);
  console.log(`generating ${fmt(SCHOOLS)} schools, ${fmt(STUDENTS)} students …`);
  const database = await createScratchDatabase('postgres', PG_URL, 'sodiem_peak');
  try {
    const handle = database.open();
    const province = await generateProvince(handle, { schools: SCHOOLS, students: STUDENTS }, console.log);
    const size = (await new Promise<string>((resolve, reject) => {
      const c = new pg.Client({ connectionString: database.url });
      c.connect()
        .then(() => c.query('SELECT pg_size_pretty(pg_database_size(current_database())) AS s'))
        .then((r) => c.end().then(() => resolve(r.rows[0].s)))
        .catch(reject);
    }));
    const c = province.counts;
    console.log(
      `generated in ${fmt(province.seconds, 1)} s: ${fmt(c.schools)} schools, ${fmt(c.classes)} classes, ${fmt(c.students)} students, ${fmt(c.teachers)} teachers, ` +
        `${fmt(c.assignments)} teaching assignments, ${fmt(c.gradebooks)} scored grade books; database ${size}`,
    );

    const server = await startServerProcess({ repoRoot, dataDir: database.dataDir, databaseUrl: database.url });
    const cast = await castPeak(server.baseUrl, province, TEACHERS);
    const pool = newPeakPool(cast);
    console.log(`${cast.sessions.length} teachers logged in (${fmt(cast.gradebooks.length)} grade books), ${cast.leaders.length} vice-principals opening progress pages`);
    if (WARMUP > 0) await runPeak({ baseUrl: server.baseUrl, cast, pool, writers: WRITERS, readers: READERS, seconds: WARMUP });
    const loadBefore = loadavg()[0];
    const api = await runPeak({ baseUrl: server.baseUrl, cast, pool, writers: WRITERS, readers: READERS, seconds: SECONDS });
    console.log(`API run: load average ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
    await server.stop(); // SIGTERM: in-flight saves finish, then the database tells what was stored
    const stored = await checkPeakStored(handle, pool);

    const floorPool = new ColumnPool(cast.gradebooks);
    const floorLoad = loadavg()[0];
    const floor = await runPeakFloor({ url: database.url!, pool: floorPool, teacherUserIds: cast.teacherUserIds, yearIds: cast.leaders.map((l) => l.yearId), writers: WRITERS, readers: READERS, seconds: SECONDS });
    console.log(`floor run: load average ${floorLoad.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`);
    const chains = await verifyAuditChains(handle.db);
    await handle.close();

    const s = api.saves;
    const r = api.reads;
    const ms = (x: number) => `${fmt(x, x < 10 ? 1 : 0)} ms`;
    console.log(`\n  ${''.padEnd(40)} ${'per s'.padStart(8)} ${'p50'.padStart(9)} ${'p99'.padStart(9)}  errors`);
    console.log(`  ${`API column saves (${WRITERS} connections)`.padEnd(40)} ${fmt(s.savesPerSecond, 1).padStart(8)} ${ms(s.latency.p50).padStart(9)} ${ms(s.latency.p99).padStart(9)}  ${s.non2xx} non-2xx, ${s.errors} errors, ${s.timeouts} timeouts`);
    console.log(`  ${`API progress pages (${READERS} connections)`.padEnd(40)} ${fmt(r.perSecond, 1).padStart(8)} ${ms(r.latency.p50).padStart(9)} ${ms(r.latency.p99).padStart(9)}  ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
    console.log(`  ${'raw SQL column saves'.padEnd(40)} ${fmt(floor.savesPerSecond, 1).padStart(8)} ${ms(floor.saveLatency.p50).padStart(9)} ${ms(floor.saveLatency.p99).padStart(9)}  ${floor.errors} errors`);
    console.log(`  ${'raw SQL progress queries'.padEnd(40)} ${fmt(floor.readsPerSecond, 1).padStart(8)} ${ms(floor.readLatency.p50).padStart(9)} ${ms(floor.readLatency.p99).padStart(9)}`);
    if (s.sampleFailure) console.log(`  first API failure: ${s.sampleFailure}`);
    if (floor.sampleFailure) console.log(`  first floor failure: ${floor.sampleFailure}`);
    console.log(
      `  API cost / floor cost (floor throughput ÷ API throughput, same concurrency): saves ${fmt(floor.savesPerSecond / s.savesPerSecond, 2)}×, progress pages ${fmt(floor.readsPerSecond / r.perSecond, 2)}×`,
    );
    console.log(`  stored: ${fmt(stored.savedColumns)} columns saved of ${fmt(stored.checkedColumns)} checked — ${stored.problems.length ? `PROBLEMS: ${stored.problems.slice(0, 5).join('; ')}` : 'every acknowledged save stored'}`);
    console.log(`  audit chains: ${fmt(chains.chains)} chains, ${fmt(chains.events)} events — ${chains.breaks.length ? `${chains.breaks.length} BROKEN` : 'all verify'}`);
    const ok = stored.problems.length === 0 && chains.breaks.length === 0 && s.non2xx + s.errors + s.timeouts + s.shortAnswers + r.non2xx + r.errors + r.timeouts + floor.errors === 0;
    console.log(`\n--- summary ---\npeak ${fmt(c.schools)} schools / ${fmt(c.students)} students: API ${fmt(s.savesPerSecond, 1)} saves/s (p99 ${ms(s.latency.p99)}) + ${fmt(r.perSecond, 1)} progress pages/s (p99 ${ms(r.latency.p99)}); floor ${fmt(floor.savesPerSecond, 1)} saves/s + ${fmt(floor.readsPerSecond, 1)} reads/s; checks ${ok ? 'passed' : 'FAILED'}`);
    if (!ok) process.exitCode = 1;
  } finally {
    if (process.env.BENCH_KEEP === '1') console.log(`kept: ${database.url}`);
    else await database.drop();
  }
}
