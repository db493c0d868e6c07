/**
 * P7: `sodiem backup FILE` and `sodiem restore FILE` round-trip the whole database, into an
 * empty database only, and across databases (SQLite ⇄ PostgreSQL when a server is available).
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase } from '../../src/server/platform/db/database.ts';
import { TABLES_IN_ORDER } from '../../src/server/platform/db/schema.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { runCli } from '../helpers/cli.ts';
import { TEST_NOW } from '../helpers/server.ts';
import { type TestDatabase, createPostgresDatabase, createTestDatabase } from '../helpers/database.ts';

let source: TestDatabase;
let backupFile: string;
const work = mkdtempSync(join(tmpdir(), 'sodiem-backup-'));

async function dump(db: TestDatabase['handle']['db']) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES_IN_ORDER) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemo(source.handle.db, { now: new Date(TEST_NOW) });
  mkdirSync(join(source.dataDir, 'files', 'evidence'), { recursive: true });
  writeFileSync(join(source.dataDir, 'files', 'evidence', 'bai-kiem-tra.pdf'), '%PDF-1.4 minh chứng');
  backupFile = join(work, 'sodiem-backup.jsonl.gz');
  const run = runCli(['backup', backupFile], { DATA_DIR: source.dataDir, DATABASE_URL: source.databaseUrl });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
afterAll(async () => {
  await source?.drop();
  rmSync(work, { recursive: true, force: true });
});

async function restoreInto(kind: 'sqlite' | 'postgres') {
  const dataDir = mkdtempSync(join(work, 'target-'));
  let databaseUrl: string | undefined;
  let drop = async () => {};
  if (kind === 'postgres') {
    const created = await createPostgresDatabase('sodiem_restore');
    databaseUrl = created.url;
    drop = created.drop;
  }
  const run = runCli(['restore', backupFile], { DATA_DIR: dataDir, DATABASE_URL: databaseUrl });
  const handle = openDatabase({ dataDir, databaseUrl });
  return { run, handle, dataDir, databaseUrl, drop: async () => { await handle.close(); await drop(); } };
}

const targets: ('sqlite' | 'postgres')[] = process.env.TEST_DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

describe.each(targets)(`backup of ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'} restored into %s`, (kind) => {
  it('restores every row and file, and the audit chains still verify', async () => {
    const target = await restoreInto(kind);
    try {
      expect(target.run.stderr).toBe('');
      expect(target.run.status).toBe(0);
      expect(await dump(target.handle.db)).toEqual(await dump(source.handle.db));
      expect(readFileSync(join(target.dataDir, 'files', 'evidence', 'bai-kiem-tra.pdf'), 'utf8')).toBe('%PDF-1.4 minh chứng');
      const verify = runCli(['verify-audit'], { DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl });
      expect(verify.status).toBe(0);
      // Restoring again onto the now non-empty database is refused with exit 2 and changes nothing.
      const again = runCli(['restore', backupFile], { DATA_DIR: target.dataDir, DATABASE_URL: target.databaseUrl });
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('không trống');
      expect(await dump(target.handle.db)).toEqual(await dump(source.handle.db));
    } finally {
      await target.drop();
    }
  });
});

describe('a damaged backup is refused and changes nothing', () => {
  it('an altered line fails the checksum (exit 2), leaving the target empty', async () => {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const i = lines.findIndex((l) => l.includes('"table":"students"'));
    lines[i] = lines[i].replace(/"given_name":"[^"]*"/, '"given_name":"Giả mạo"');
    const forged = join(work, 'forged.jsonl.gz');
    writeFileSync(forged, gzipSync(lines.join('\n')));
    const dataDir = mkdtempSync(join(work, 'forged-'));
    const run = runCli(['restore', forged], { DATA_DIR: dataDir });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SHA-256');
    const handle = openDatabase({ dataDir });
    await migrateToLatest(handle.db);
    const n = await handle.db.selectFrom('students').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    await handle.close();
  });
});
