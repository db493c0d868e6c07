/**
 * `npm run bench -- crash`: crash safety of column saves, 100 rounds per database (issue 7).
 * Each round kills the real server (child process) with SIGKILL at a random moment while
 * teachers save whole columns concurrently, restarts it, runs `sodiem verify-audit` on the database
 * as the crash left it and checks every acknowledged save, every batch and every version
 * (bench/support/crash-harness.ts). Prints a summary per database; exits 1 on any problem.
 *
 * Environment: CRASH_ROUNDS (100), CRASH_WORKERS (8), BENCH_DIALECTS (sqlite,postgres),
 * BENCH_DATABASE_URL (postgres://sodiem:sodiem@127.0.0.1:5432/postgres).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CrashSummary, runCrashRounds } from './support/crash-harness.ts';
import type { Dialect } from './support/scratch-database.ts';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 100);
const WORKERS = Number(process.env.CRASH_WORKERS ?? 8);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',').map((d) => d.trim()) as Dialect[];
const PG_URL = process.env.BENCH_DATABASE_URL || 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres';

export async function run(): Promise<void> {
  const summaries: CrashSummary[] = [];
  for (const dialect of DIALECTS) {
    console.log(`\n--- ${dialect}: ${ROUNDS} rounds, ${WORKERS} concurrent savers, SIGKILL 150–1200 ms into each round ---`);
    const s = await runCrashRounds({
      repoRoot,
      dialect,
      pgAdminUrl: PG_URL,
      rounds: ROUNDS,
      classes: 4,
      studentsPerClass: 40,
      subjectsPerClass: 3,
      teachers: 6,
      workers: WORKERS,
      killAfterMs: [150, 1200],
      log: (line) => {
        if (line.startsWith('PROBLEM') || /round (\d+)\//.exec(line)?.[1].endsWith('0')) console.log(line);
      },
    });
    summaries.push(s);
  }
  console.log('\n--- summary ---');
  let ok = true;
  for (const s of summaries) {
    const good = s.problems.length === 0 && s.lost === 0 && s.halfApplied === 0 && s.inconsistent === 0 && s.refused === 0 && s.verifyAuditFailures === 0;
    ok &&= good;
    console.log(
      `${s.dialect.padEnd(8)} ${s.rounds} rounds in ${s.seconds.toFixed(0)} s: ${s.acknowledged} saves acknowledged, ${s.cutOff} cut off by the kill ` +
        `(${s.cutOffFoundCommitted} found committed, ${s.retriedApplied} applied by the retry, all retried with their Idempotency-Key), ` +
        `lost = ${s.lost}, half-applied = ${s.halfApplied}, other inconsistencies = ${s.inconsistent}, refused = ${s.refused}, ` +
        `verify-audit ${s.verifyAuditRuns - s.verifyAuditFailures}/${s.verifyAuditRuns} ok — ${good ? 'PASSED' : 'FAILED'}`,
    );
    for (const p of s.problems.slice(0, 10)) console.log(`  ${p}`);
  }
  if (!ok) process.exitCode = 1;
}
