/**
 * A throw-away database for the process-level suites (crash, two processes, peak): a fresh SQLite
 * data directory, or a new database on a PostgreSQL server (given by its admin URL), dropped after.
 * Also runs the real `sodiem` CLI against it, asynchronously (so a server can start meanwhile).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/server/db/database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface ScratchDatabase {
  dialect: Dialect;
  dataDir: string;
  /** PostgreSQL only. */
  url: string | undefined;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}

export async function createScratchDatabase(dialect: Dialect, pgAdminUrl?: string, prefix = 'sodiem_scratch'): Promise<ScratchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  if (dialect === 'sqlite') {
    return { dialect, dataDir, url: undefined, open: () => openDatabase({ dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!pgAdminUrl) throw new Error('PostgreSQL: no server URL given');
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    dialect,
    dataDir,
    url: url.toString(),
    open: () => openDatabase({ dataDir, databaseUrl: url.toString() }),
    drop: async () => {
      const c = new pg.Client({ connectionString: pgAdminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `sodiem <args>` in a child process (node --import tsx src/cli/main.ts), not blocking this one. */
export function runCliAsync(repoRoot: string, args: string[], database: { dataDir: string; url?: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src/cli/main.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATA_DIR: database.dataDir, DATABASE_URL: database.url ?? '', SODIEM_DEMO: '0', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}
