#!/usr/bin/env node
/**
 * `npm test`: every suite, then every database suite again on PostgreSQL.
 *
 * 1. unit + integration + e2e on the embedded SQLite database;
 * 2. integration + e2e again with TEST_DATABASE_URL pointing at a PostgreSQL server (the URL
 *    given, or a local server at postgres://sodiem:sodiem@127.0.0.1:5432/postgres when one
 *    answers). Without a server the PostgreSQL run is skipped with a loud line — unless
 *    SODIEM_TEST_STRICT=1 (CI), where a skip is a failure.
 * The last line is `N passed, N failed` over all runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const strict = process.env.SODIEM_TEST_STRICT === '1';
const outDir = join(process.cwd(), '.test-tmp');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });

let passed = 0;
let failed = 0;
let skipped = 0;

function runVitest(label, projects, env, extra = []) {
  const out = join(outDir, `${label}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  console.log(`\n──── ${label} ────`);
  const res = spawnSync('npx', args, { stdio: 'inherit', env: { ...process.env, ...env } });
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // A suite that failed to load counts as a failure even with no failed test.
    const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.every((a) => a.status !== 'failed')).length;
    failed += brokenFiles;
  } catch {
    console.error(`!! ${label}: no report from vitest (exit ${res.status})`);
    failed += 1;
  }
  if (res.status !== 0 && failed === 0) failed += 1;
}

async function findPostgres() {
  if (process.env.TEST_DATABASE_URL) return process.env.TEST_DATABASE_URL;
  const candidate = 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres';
  try {
    const pg = (await import('pg')).default;
    const client = new pg.Client({ connectionString: candidate, connectionTimeoutMillis: 1500 });
    await client.connect();
    await client.end();
    return candidate;
  } catch {
    return null;
  }
}

// The two-process and postgres-* tests need PostgreSQL by nature: they run in the PostgreSQL pass.
runVitest('SQLite: unit, integration, browser', ['unit', 'integration', 'e2e'], { TEST_DATABASE_URL: '', SODIEM_TEST_PASS: 'sqlite' });

const pgUrl = await findPostgres();
if (pgUrl) {
  runVitest('PostgreSQL: integration, browser', ['integration', 'e2e'], { TEST_DATABASE_URL: pgUrl });
} else {
  console.log('\n' + '!'.repeat(78));
  console.log('!! SKIPPED: PostgreSQL database tests — no server (set TEST_DATABASE_URL=postgres://…)');
  console.log('!'.repeat(78));
  if (strict) {
    console.log('!! SODIEM_TEST_STRICT=1: a skipped PostgreSQL run is a failure');
    failed += 1;
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
