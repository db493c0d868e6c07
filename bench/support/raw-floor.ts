/**
 * The raw floor: the same rows a column save writes — one cell upsert per student, one audit
 * event per cell on the grade book's hash chain (hashed exactly like src/server/platform/audit/audit-log.ts), and
 * the chain-head claim and update — written with plain SQL in one transaction per column, no
 * HTTP, no framework, no reads (the writer already knows the versions). Measured against the
 * same database, the same grade books (in their own column keys and chains, so the checks
 * after the run can tell them apart) and the same concurrency.
 *
 * - SQLite: better-sqlite3 directly, prepared statements, one row per statement (in-process
 *   statements cost microseconds; one writer, so concurrency does not apply).
 * - PostgreSQL: `pg` directly with a pool of 10 (as the server's), `connections` workers;
 *   `batched`: 4 statements per column (head claim, one multi-row cell upsert, one multi-row
 *   event insert, head update) — the floor; `perRow`: one statement per row written (45 + 45 + 2),
 *   to show what the number of round trips alone costs.
 */
import { benchClock } from './bench-clock.ts';
import { randomUUID } from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { GENESIS_HASH, hashEvent } from '../../src/server/platform/audit/audit-log.ts';
import { canonicalJson } from '../../src/server/platform/canonical-json.ts';
import type { Claim, ColumnPool } from './column-pool.ts';
import { scoreTenths } from './column-pool.ts';
import type { BenchGradebook } from './gradebook-data.ts';

export const floorChain = (g: BenchGradebook) => `gradebook-floor:${g.classId}:${g.subjectId}`;

/** The floor writes its own columns ("F" + key) so its cells and the API's can be counted apart. */
export const floorGradebooks = (gradebooks: BenchGradebook[]): BenchGradebook[] =>
  gradebooks.map((g) => ({ ...g, columns: g.columns.map((c) => ({ ...c, key: `F${c.key}` })) }));

export interface FloorContext {
  schoolId: string;
  yearId: string;
  teacherUserIds: string[];
}

export interface FloorResult {
  seconds: number;
  saves: number;
  cells: number;
  savesPerSecond: number;
  cellsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: number;
  statementsPerSave: number;
  sampleFailure: string | null;
}

type Cell = { id: string; school_id: string; school_year_id: string; class_id: string; subject_id: string; student_id: string; term_no: number; column_key: string; score_tenths: number; text_value: null; version: number; updated_at: string; updated_by: string };
type Event = Parameters<typeof hashEvent>[0] & { hash: string };

const CELL_COLS = ['id', 'school_id', 'school_year_id', 'class_id', 'subject_id', 'student_id', 'term_no', 'column_key', 'score_tenths', 'text_value', 'version', 'updated_at', 'updated_by'] as const;
const EVENT_COLS = [
  'id', 'chain_key', 'seq', 'school_id', 'at', 'actor_user_id', 'actor_role', 'ip', 'user_agent', 'request_id',
  'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'reason', 'source', 'prev_hash', 'hash',
] as const;

/** The rows of one column save; events get their seq and hashes once the head is claimed. */
function columnRows(pool: ColumnPool, claim: Claim, ctx: FloorContext, cellIds: Map<string, string[]>) {
  const g = pool.gradebooks[claim.gradebook];
  const col = g.columns[claim.column];
  const idKey = `${claim.gradebook}:${claim.column}`;
  let ids = cellIds.get(idKey);
  if (!ids) cellIds.set(idKey, (ids = g.studentIds.map(() => randomUUID())));
  const now = benchClock().toISOString();
  const userId = ctx.teacherUserIds[g.teacher];
  const requestId = randomUUID();
  const version = claim.baseVersion + 1;
  const cells: Cell[] = [];
  const events: Omit<Event, 'seq' | 'prev_hash' | 'hash'>[] = [];
  g.studentIds.forEach((studentId, s) => {
    const tenths = scoreTenths(s, claim.column, version);
    cells.push({ id: ids[s], school_id: ctx.schoolId, school_year_id: ctx.yearId, class_id: g.classId, subject_id: g.subjectId, student_id: studentId, term_no: col.termNo, column_key: col.key, score_tenths: tenths, text_value: null, version, updated_at: now, updated_by: userId });
    const before = claim.baseVersion === 0 ? null : { scoreTenths: scoreTenths(s, claim.column, claim.baseVersion), text: null, version: claim.baseVersion };
    events.push({
      id: randomUUID(),
      chain_key: floorChain(g),
      school_id: ctx.schoolId,
      at: now,
      actor_user_id: userId,
      actor_role: 'teacher',
      ip: '127.0.0.1',
      user_agent: 'sodiem-bench',
      request_id: requestId,
      action: before ? 'score.changed' : 'score.entered',
      entity_type: 'gradebook_cell',
      entity_id: ids[s],
      before_json: before ? canonicalJson(before) : null,
      after_json: canonicalJson({ studentId, termNo: col.termNo, columnKey: col.key, scoreTenths: tenths, text: null, version }),
      reason: before ? 'bench: nhập lại cả cột' : '',
      source: 'typed',
    });
  });
  return { chainKey: floorChain(g), cells, events };
}

/** Seq and hashes of a batch after the head was claimed (headSeq: the head's seq after the claim). */
function chain(events: Omit<Event, 'seq' | 'prev_hash' | 'hash'>[], headSeq: number, headHash: string): { events: Event[]; last: string } {
  let prev = headHash;
  let seq = headSeq - events.length;
  const out: Event[] = [];
  for (const e of events) {
    seq += 1;
    const event = { ...e, seq, prev_hash: prev };
    const hash = hashEvent(event);
    out.push({ ...event, hash });
    prev = hash;
  }
  return { events: out, last: prev };
}

function stats(latencies: number[]) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN);
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN, mean: sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1) };
}

const HEAD_CLAIM_SQLITE =
  'INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES (?, ?, ?) ON CONFLICT (chain_key) DO UPDATE SET seq = seq + excluded.seq RETURNING seq, hash';
const CELL_UPSERT_TAIL =
  ' ON CONFLICT (class_id, subject_id, student_id, term_no, column_key) DO UPDATE SET score_tenths = excluded.score_tenths, text_value = excluded.text_value, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by';

export function runSqliteFloor(options: { file: string; pool: ColumnPool; ctx: FloorContext; seconds: number }): FloorResult {
  const db = new SQLite(options.file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const claimHead = db.prepare<[string, number, string], { seq: number; hash: string }>(HEAD_CLAIM_SQLITE);
  const upsertCell = db.prepare(`INSERT INTO gradebook_cells (${CELL_COLS.join(', ')}) VALUES (${CELL_COLS.map(() => '?').join(', ')})${CELL_UPSERT_TAIL}`);
  const insertEvent = db.prepare(`INSERT INTO audit_events (${EVENT_COLS.join(', ')}) VALUES (${EVENT_COLS.map(() => '?').join(', ')})`);
  const setHead = db.prepare('UPDATE audit_chain_heads SET hash = ? WHERE chain_key = ?');
  const cellIds = new Map<string, string[]>();
  const write = db.transaction((rows: ReturnType<typeof columnRows>) => {
    const head = claimHead.get(rows.chainKey, rows.events.length, GENESIS_HASH)!;
    for (const c of rows.cells) upsertCell.run(CELL_COLS.map((k) => c[k]));
    const chained = chain(rows.events, Number(head.seq), head.hash);
    for (const e of chained.events) insertEvent.run(EVENT_COLS.map((k) => e[k]));
    setHead.run(chained.last, rows.chainKey);
  });
  const latencies: number[] = [];
  let errors = 0;
  let sampleFailure: string | null = null;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  while (performance.now() < end) {
    const claim = options.pool.claim();
    const t0 = performance.now();
    try {
      write.immediate(columnRows(options.pool, claim, options.ctx, cellIds));
      latencies.push(performance.now() - t0);
      options.pool.release(claim, true);
    } catch (e) {
      errors += 1;
      sampleFailure ??= String(e);
      options.pool.release(claim, false);
    }
  }
  const seconds = (performance.now() - start) / 1000;
  db.close();
  const cellsPerSave = options.pool.gradebooks[0].studentIds.length;
  return {
    seconds,
    saves: latencies.length,
    cells: latencies.length * cellsPerSave,
    savesPerSecond: latencies.length / seconds,
    cellsPerSecond: (latencies.length * cellsPerSave) / seconds,
    latency: stats(latencies),
    errors,
    statementsPerSave: 2 * cellsPerSave + 2 + 2,
    sampleFailure,
  };
}

const placeholders = (rows: number, cols: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`).join(', ');

export async function runPostgresFloor(options: {
  url: string;
  pool: ColumnPool;
  ctx: FloorContext;
  seconds: number;
  connections: number;
  mode: 'batched' | 'perRow';
}): Promise<FloorResult> {
  const pgPool = new pg.Pool({ connectionString: options.url, max: 10 });
  const cellIds = new Map<string, string[]>();
  const n = options.pool.gradebooks[0].studentIds.length;
  const cellsSql = `INSERT INTO gradebook_cells (${CELL_COLS.join(', ')}) VALUES ${placeholders(n, CELL_COLS.length)}${CELL_UPSERT_TAIL}`;
  const eventsSql = `INSERT INTO audit_events (${EVENT_COLS.join(', ')}) VALUES ${placeholders(n, EVENT_COLS.length)}`;
  const oneCellSql = `INSERT INTO gradebook_cells (${CELL_COLS.join(', ')}) VALUES ${placeholders(1, CELL_COLS.length)}${CELL_UPSERT_TAIL}`;
  const oneEventSql = `INSERT INTO audit_events (${EVENT_COLS.join(', ')}) VALUES ${placeholders(1, EVENT_COLS.length)}`;
  const claimSql =
    'INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain_heads.seq + excluded.seq RETURNING seq, hash';

  async function write(rows: ReturnType<typeof columnRows>) {
    const client = await pgPool.connect();
    try {
      await client.query('BEGIN');
      const head = (await client.query(claimSql, [rows.chainKey, rows.events.length, GENESIS_HASH])).rows[0];
      const chained = chain(rows.events, Number(head.seq), head.hash);
      if (options.mode === 'batched') {
        await client.query(cellsSql, rows.cells.flatMap((c) => CELL_COLS.map((k) => c[k])));
        await client.query(eventsSql, chained.events.flatMap((e) => EVENT_COLS.map((k) => e[k])));
      } else {
        for (const c of rows.cells) await client.query(oneCellSql, CELL_COLS.map((k) => c[k]));
        for (const e of chained.events) await client.query(oneEventSql, EVENT_COLS.map((k) => e[k]));
      }
      await client.query('UPDATE audit_chain_heads SET hash = $1 WHERE chain_key = $2', [chained.last, rows.chainKey]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  const latencies: number[] = [];
  let errors = 0;
  let sampleFailure: string | null = null;
  const start = performance.now();
  const end = start + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) {
        const claim = options.pool.claim();
        const t0 = performance.now();
        try {
          await write(columnRows(options.pool, claim, options.ctx, cellIds));
          latencies.push(performance.now() - t0);
          options.pool.release(claim, true);
        } catch (e) {
          errors += 1;
          sampleFailure ??= String(e);
          options.pool.release(claim, false);
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  await pgPool.end();
  return {
    seconds,
    saves: latencies.length,
    cells: latencies.length * n,
    savesPerSecond: latencies.length / seconds,
    cellsPerSecond: (latencies.length * n) / seconds,
    latency: stats(latencies),
    errors,
    statementsPerSave: options.mode === 'batched' ? 4 + 2 : 2 * n + 2 + 2,
    sampleFailure,
  };
}
