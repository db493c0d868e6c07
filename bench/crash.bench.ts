/**
 * `npm run bench -- crash`: crash safety of column saves, 100 rounds per database (issue 7).
 * Each round kills the real server (child process) with SIGKILL at a random moment while
 * teachers save whole columns concurrently, restarts it, runs `sodiem verify-audit` on the database
 * as the crash left it and checks every acknowledged save, every batch and every version
 * (bench/support/crash-harness.ts). Prints a summary per database; exits 1 on any problem.
 *
 * Environment: CRASH_ROUNDS (100), CRASH_WORKERS (8), CRASH_VERIFY_EVERY (1: `sodiem verify-audit`
 * after every round; n: after every n-th, the same checks in-process in between), CRASH_MINUTES
 * (no limit: a time budget per database, no new round after it), BENCH_DIALECTS (sqlite,postgres),
 * BENCH_DATABASE_URL (postgres://sodiem:sodiem@127.0.0.1:5432/postgres).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CrashSummary, runCrashRounds } from './support/crash-harness.ts';
import type { Dialect } from './support/scratch-database.ts';

const repoRoot = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 100);
const WORKERS = Number(process.env.CRASH_WORKERS ?? 8);
const VERIFY_EVERY = Number(process.env.CRASH_VERIFY_EVERY ?? 1);
const MINUTES = process.env.CRASH_MINUTES ? Number(process.env.CRASH_MINUTES) : undefined;
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
      verifyEvery: VERIFY_EVERY,
      budgetMinutes: MINUTES,
      log: (line) => {
        console.log(line);
      },
    });
    summaries.push(s);
    report(s);
  }
  console.log('\n--- summary ---');
  let ok = true;
  for (const s of summaries) ok &&= report(s);
  if (!ok) process.exitCode = 1;
}

function report(s: CrashSummary): boolean {
    const good = s.rounds > 0 && s.problems.length === 0 && s.lost === 0 && s.halfApplied === 0 && s.inconsistent === 0 && s.refused === 0 && s.verifyAuditFailures === 0;
    console.log(
      `${s.dialect.padEnd(8)} ${s.rounds} rounds in ${s.seconds.toFixed(0)} s: ${s.acknowledged} saves acknowledged, ${s.cutOff} cut off by the kill ` +
        `(${s.cutOffFoundCommitted} found committed, ${s.retriedApplied} applied by the retry, all retried with their Idempotency-Key), ` +
        `lost = ${s.lost}, half-applied = ${s.halfApplied}, other inconsistencies = ${s.inconsistent}, refused = ${s.refused}, ` +
        `audit verified after every round (${s.verifyAuditRuns} by \`sodiem verify-audit\`, ${s.inProcessVerifications} in-process), failures = ${s.verifyAuditFailures} — ${good ? 'PASSED' : 'FAILED'}`,
    );
    for (const p of s.problems.slice(0, 10)) console.log(`  ${p}`);
  return good;
}
