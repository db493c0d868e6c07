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
import { type DatabaseHandle, openDatabase } from '../../src/server/platform/db/database.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface ScratchDatabase {
  dialect: Dialect;
  dataDir: string;
  /** PostgreSQL only. */
  url: string | undefined;
  open(): DatabaseHandle;
  drop(): Promise<void>;
}

/** The local PostgreSQL server's admin URL the benches use when none is given. */
export const DEFAULT_PG_ADMIN_URL = 'postgres://sodiem:sodiem@127.0.0.1:5432/postgres';

/** Creates an empty PostgreSQL database on the server at `adminUrl`; `drop` removes it (closing its connections). */
export async function createPostgresDatabase(adminUrl: string, prefix: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export async function createScratchDatabase(dialect: Dialect, pgAdminUrl?: string, prefix = 'sodiem_scratch'): Promise<ScratchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix.replace(/_/g, '-')}-`));
  if (dialect === 'sqlite') {
    return { dialect, dataDir, url: undefined, open: () => openDatabase({ dataDir }), drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!pgAdminUrl) throw new Error('PostgreSQL: no server URL given');
  const created = await createPostgresDatabase(pgAdminUrl, prefix);
  return {
    dialect,
    dataDir,
    url: created.url,
    open: () => openDatabase({ dataDir, databaseUrl: created.url }),
    drop: async () => {
      await created.drop();
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
