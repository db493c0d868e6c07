/**
 * A PostgreSQL connection ended by the server while it sits idle in our pool (a restart, an
 * administrator's pg_terminate_backend, a database dropped WITH (FORCE) just after pool.end(),
 * which resolves before the sockets close) must not stop the process with an uncaught 'error'
 * event — it did once, in CI — and the next query must simply get a fresh connection.
 * PostgreSQL only (npm test runs it in its PostgreSQL pass; a loud skip without TEST_DATABASE_URL).
 */
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../src/server/platform/db/database.ts';
import { createPostgresDatabase } from '../helpers/database.ts';

const PG_URL = process.env.TEST_DATABASE_URL;
if (!PG_URL) console.warn('\n!!!!!!!! SKIPPED: postgres-connection.integration.test.ts needs PostgreSQL (TEST_DATABASE_URL); npm test runs it in its PostgreSQL pass !!!!!!!!\n');

describe.runIf(PG_URL || process.env.SODIEM_TEST_STRICT === '1')('PostgreSQL connections ended by the server', () => {
  let handle: DatabaseHandle;
  let drop: () => Promise<void>;
  const uncaught: unknown[] = [];
  const onUncaught = (e: unknown) => uncaught.push(e);

  beforeAll(async () => {
    if (!PG_URL) throw new Error('SODIEM_TEST_STRICT=1 and TEST_DATABASE_URL is not set');
    const created = await createPostgresDatabase('sodiem_conn');
    drop = created.drop;
    handle = openDatabase({ dataDir: '/nonexistent', databaseUrl: created.url });
    process.on('uncaughtException', onUncaught);
  });

  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await handle?.close();
    await drop?.();
  });

  it('an idle connection terminated by an administrator: no uncaught error, the next query works', async () => {
    const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
    const pid = first.rows[0].pid;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    const killed = await admin.query('select pg_terminate_backend($1) as ok', [pid]);
    await admin.end();
    expect(killed.rows[0].ok).toBe(true);
    await new Promise((r) => setTimeout(r, 300)); // let the FATAL message arrive on the idle socket
    const next = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(handle.db);
    expect(next.rows[0].pid).not.toBe(pid);
    expect(uncaught).toEqual([]);
  });
});
