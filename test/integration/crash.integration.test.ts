/**
 * Crash safety (issue 7): the real server in a child process, killed with SIGKILL at random moments
 * while teachers save whole columns concurrently, restarted; after every round no acknowledged save
 * is lost, no batch is half applied, cut-off saves retried with their Idempotency-Key apply once,
 * versions match the audit events and `sodiem verify-audit` exits 0. On SQLite, or on PostgreSQL
 * when TEST_DATABASE_URL is set (npm test runs both). `npm run bench -- crash` runs 100 rounds.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCrashRounds } from '../../bench/support/crash-harness.ts';
import { testDialect } from '../helpers/database.ts';

describe(`crash safety of column saves (${testDialect()})`, () => {
  it('survives SIGKILL at random moments: nothing acknowledged lost, nothing half applied, audit intact', { timeout: 400_000 }, async () => {
    const summary = await runCrashRounds({
      repoRoot: join(import.meta.dirname, '..', '..'),
      dialect: testDialect(),
      pgAdminUrl: process.env.TEST_DATABASE_URL || undefined,
      rounds: 5,
      classes: 2,
      studentsPerClass: 25,
      subjectsPerClass: 3,
      teachers: 3,
      workers: 6,
      killAfterMs: [200, 900],
      log: (line) => console.log(line),
    });
    expect(summary.problems).toEqual([]);
    expect(summary.rounds).toBe(5);
    expect(summary.acknowledged).toBeGreaterThan(0);
    expect(summary.lost).toBe(0);
    expect(summary.halfApplied).toBe(0);
    expect(summary.inconsistent).toBe(0);
    expect(summary.refused).toBe(0);
    expect(summary.verifyAuditRuns).toBe(5);
    expect(summary.verifyAuditFailures).toBe(0);
  });
});
