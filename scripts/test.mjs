#!/usr/bin/env node
/**
 * `npm test`: every suite, then every database suite again on PostgreSQL.
 *
 * 0. the checks of everything, each counted as one test: the typecheck (tsc --noEmit), the lint
 *    (ESLint, eslint.config.js: `npm run lint`) and the dependency rules (dependency-cruiser,
 *    .dependency-cruiser.cjs: `npm run depcruise`); a failing check prints its violations;
 * 1. unit + integration + e2e on the embedded SQLite database;
 * 2. integration + e2e again with TEST_DATABASE_URL pointing at a PostgreSQL server (the URL
 *    given, or a local server at postgres://sodiem:sodiem@127.0.0.1:5432/postgres when one
 *    answers). Without a server the PostgreSQL run is skipped with a loud line — unless
 *    SODIEM_TEST_STRICT=1 (CI), where a skip is a failure.
 * 3. with SODIEM_TEST_CLOCK_PASSES=1 (CI, `.ci/run`): the SQLite integration suite twice more
 *    with the whole process clock moved by libfaketime (Debian's `faketime`) — 400 days ahead,
 *    and to 15 July (the summer break: retests, rollover) — proving no outcome depends on the
 *    day the suite runs (issue 12). Without faketime these passes are skipped with a loud line;
 *    under SODIEM_TEST_STRICT=1 that skip is a failure.
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

function runVitest(label, projects, env, extra = [], prefix = []) {
  const out = join(outDir, `${label.replace(/[^\p{L}\p{N}]+/gu, '-')}.json`);
  const args = ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...extra, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  console.log(`\n──── ${label} ────`);
  const [command, ...rest] = prefix.length ? [...prefix, 'npx', ...args] : ['npx', ...args];
  const res = spawnSync(command, rest, { stdio: 'inherit', env: { ...process.env, ...env } });
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

/** Runs one whole-repository check, a script of package.json (its output shows the violations); it counts as one test. */
function runCheck(script) {
  console.log(`\n──── ${script} (npm run ${script}) ────`);
  const res = spawnSync('npm', ['run', '--silent', script], { stdio: 'inherit' });
  if (res.status === 0) {
    passed += 1;
    console.log(`${script}: no errors`);
  } else {
    failed += 1;
    console.log(`!! ${script} failed`);
  }
}

// The types hold across server, web, tests and benches; the code keeps its lint rules and its shape.
runCheck('typecheck');
runCheck('lint');
runCheck('depcruise');

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

function loud(line) {
  console.log('\n' + '!'.repeat(78));
  console.log(`!! ${line}`);
  console.log('!'.repeat(78));
}

if (process.env.SODIEM_TEST_CLOCK_PASSES === '1') {
  const faketime = spawnSync('faketime', ['-f', '+0d', 'true']).status === 0;
  if (faketime) {
    // The next 15 July from today (this script may read the wall clock: it decides no test's outcome).
    const today = new Date();
    const summerYear = today.getUTCMonth() > 6 || (today.getUTCMonth() === 6 && today.getUTCDate() >= 15) ? today.getUTCFullYear() + 1 : today.getUTCFullYear();
    const sqlite = { TEST_DATABASE_URL: '', SODIEM_TEST_PASS: 'sqlite', FAKETIME_DONT_FAKE_MONOTONIC: '1' };
    runVitest('SQLite: integration, clock moved 400 days ahead (faketime)', ['integration'], sqlite, [], ['faketime', '-f', '+400d']);
    runVitest(`SQLite: integration, clock in the summer break (faketime, 15/07/${summerYear})`, ['integration'], sqlite, [], ['faketime', '-f', `@${summerYear}-07-15 10:00:00`]);
  } else {
    loud('SKIPPED: the moved-clock passes — no faketime (apt-get install faketime)');
    if (strict) {
      console.log('!! SODIEM_TEST_STRICT=1: a skipped clock pass is a failure');
      failed += 1;
    }
  }
}

console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
