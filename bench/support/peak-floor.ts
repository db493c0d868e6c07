/**
 * The raw-SQL floor of the deadline evening (PostgreSQL, `pg` directly, no HTTP, no framework),
 * run with the same concurrency as the API scenario: writers save whole columns exactly as
 * bench/support/raw-floor.ts's batched floor does (chain-head claim, one multi-row cell upsert,
 * one multi-row audit event insert hashed like src/server/platform/audit/audit-log.ts, head update; one transaction)
 * but with each grade book's own school and year, into their own column keys (`F…`) and chains;
 * readers run the five SELECTs of the progress page (`loadProgress`: classes, subjects,
 * assignments ⋈ staff, enrollments, filled cells) for a school year and fetch every row — the reads
 * without the per-row aggregation in JavaScript.
 */
import { benchClock } from './bench-clock.ts';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { GENESIS_HASH, hashEvent } from '../../src/server/platform/audit/audit-log.ts';
import { canonicalJson } from '../../src/server/platform/canonical-json.ts';
import { type Claim, type ColumnPool, scoreTenths } from './column-pool.ts';
import type { ProvinceGradebook } from './province-generator.ts';

export interface FloorRun {
  seconds: number;
  saves: number;
  savesPerSecond: number;
  saveLatency: { p50: number; p99: number };
  reads: number;
  readsPerSecond: number;
  readLatency: { p50: number; p99: number };
  errors: number;
  sampleFailure: string | null;
}

const CELL_COLS = ['id', 'school_id', 'school_year_id', 'class_id', 'subject_id', 'student_id', 'term_no', 'column_key', 'score_tenths', 'text_value', 'version', 'updated_at', 'updated_by'];
const EVENT_COLS = ['id', 'chain_key', 'seq', 'school_id', 'at', 'actor_user_id', 'actor_role', 'ip', 'user_agent', 'request_id', 'action', 'entity_type', 'entity_id', 'before_json', 'after_json', 'reason', 'source', 'prev_hash', 'hash'];
const placeholders = (rows: number, cols: number) =>
  Array.from({ length: rows }, (_, r) => `(${Array.from({ length: cols }, (_, c) => `$${r * cols + c + 1}`).join(', ')})`).join(', ');
const UPSERT_TAIL =
  ' ON CONFLICT (class_id, subject_id, student_id, term_no, column_key) DO UPDATE SET score_tenths = excluded.score_tenths, text_value = excluded.text_value, version = excluded.version, updated_at = excluded.updated_at, updated_by = excluded.updated_by';
const CLAIM =
  'INSERT INTO audit_chain_heads (chain_key, seq, hash) VALUES ($1, $2, $3) ON CONFLICT (chain_key) DO UPDATE SET seq = audit_chain_heads.seq + excluded.seq RETURNING seq, hash';
const PROGRESS = [
  'SELECT * FROM classes WHERE school_year_id = $1 ORDER BY grade, name',
  'SELECT * FROM subjects WHERE school_year_id = $1 ORDER BY sort_order',
  'SELECT ta.class_id, ta.subject_id, s.family_name, s.middle_name, s.given_name FROM teaching_assignments ta JOIN staff s ON s.id = ta.staff_id WHERE ta.school_year_id = $1',
  "SELECT class_id, student_id FROM enrollments WHERE school_year_id = $1 AND status IN ('active', 'transferred_in')",
  'SELECT class_id, subject_id, column_key, student_id FROM gradebook_cells WHERE school_year_id = $1 AND term_no = 1 AND (score_tenths IS NOT NULL OR text_value IS NOT NULL)',
];

export const floorChainOf = (g: ProvinceGradebook) => `gradebook-floor:${g.classId}:${g.subjectId}`;

function stats(values: number[]) {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : Number.NaN);
  return { p50: at(0.5), p99: at(0.99) };
}

export async function runPeakFloor(options: { url: string; pool: ColumnPool; teacherUserIds: string[]; yearIds: string[]; writers: number; readers: number; seconds: number }): Promise<FloorRun> {
  const { pool } = options;
  const pgPool = new pg.Pool({ connectionString: options.url, max: 10 });
  const cellIds = new Map<string, string[]>();
  let errors = 0;
  let sampleFailure: string | null = null;

  async function save(claim: Claim) {
    const g = pool.gradebooks[claim.gradebook] as ProvinceGradebook;
    const col = g.columns[claim.column];
    const idKey = `${claim.gradebook}:${claim.column}`;
    let ids = cellIds.get(idKey);
    if (!ids) cellIds.set(idKey, (ids = g.studentIds.map(() => randomUUID())));
    const now = benchClock().toISOString();
    const userId = options.teacherUserIds[g.teacher];
    const requestId = randomUUID();
    const version = claim.baseVersion + 1;
    const chainKey = floorChainOf(g);
    const cells: unknown[] = [];
    const events: Record<string, unknown>[] = [];
    g.studentIds.forEach((studentId, s) => {
      const tenths = scoreTenths(s, claim.column, version);
      cells.push(ids[s], g.schoolId, g.yearId, g.classId, g.subjectId, studentId, col.termNo, `F${col.key}`, tenths, null, version, now, userId);
      const before = claim.baseVersion === 0 ? null : { scoreTenths: scoreTenths(s, claim.column, claim.baseVersion), text: null, version: claim.baseVersion };
      events.push({
        id: randomUUID(), chain_key: chainKey, school_id: g.schoolId, at: now, actor_user_id: userId, actor_role: 'teacher', ip: '127.0.0.1', user_agent: 'sodiem-peak-floor',
        request_id: requestId, action: before ? 'score.changed' : 'score.entered', entity_type: 'gradebook_cell', entity_id: ids[s],
        before_json: before ? canonicalJson(before) : null,
        after_json: canonicalJson({ studentId, termNo: col.termNo, columnKey: `F${col.key}`, scoreTenths: tenths, text: null, version }),
        reason: before ? 'bench: nhập lại cả cột' : '', source: 'typed',
      });
    });
    const client = await pgPool.connect();
    try {
      await client.query('BEGIN');
      const head = (await client.query(CLAIM, [chainKey, events.length, GENESIS_HASH])).rows[0];
      let seq = Number(head.seq) - events.length;
      let prev: string = head.hash;
      for (const e of events) {
        seq += 1;
        Object.assign(e, { seq, prev_hash: prev });
        e.hash = hashEvent(e as Parameters<typeof hashEvent>[0]);
        prev = e.hash as string;
      }
      const n = g.studentIds.length;
      await client.query(`INSERT INTO gradebook_cells (${CELL_COLS.join(', ')}) VALUES ${placeholders(n, CELL_COLS.length)}${UPSERT_TAIL}`, cells);
      await client.query(`INSERT INTO audit_events (${EVENT_COLS.join(', ')}) VALUES ${placeholders(n, EVENT_COLS.length)}`, events.flatMap((e) => EVENT_COLS.map((k) => e[k])));
      await client.query('UPDATE audit_chain_heads SET hash = $1 WHERE chain_key = $2', [prev, chainKey]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => {});
      throw e;
    } finally {
      client.release();
    }
  }

  async function read(yearId: string) {
    const client = await pgPool.connect();
    try {
      for (const q of PROGRESS) await client.query(q, [yearId]);
    } finally {
      client.release();
    }
  }

  const saveLat: number[] = [];
  const readLat: number[] = [];
  const start = performance.now();
  const end = start + options.seconds * 1000;
  let nextYear = 0;
  await Promise.all([
    ...Array.from({ length: options.writers }, async () => {
      while (performance.now() < end) {
        const claim = pool.claim();
        const t0 = performance.now();
        try {
          await save(claim);
          saveLat.push(performance.now() - t0);
          pool.release(claim, true);
        } catch (e) {
          errors += 1;
          sampleFailure ??= String(e);
          pool.release(claim, false);
        }
      }
    }),
    ...Array.from({ length: options.readers }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await read(options.yearIds[nextYear++ % options.yearIds.length]);
          readLat.push(performance.now() - t0);
        } catch (e) {
          errors += 1;
          sampleFailure ??= String(e);
        }
      }
    }),
  ]);
  const seconds = (performance.now() - start) / 1000;
  await pgPool.end();
  return {
    seconds,
    saves: saveLat.length,
    savesPerSecond: saveLat.length / seconds,
    saveLatency: stats(saveLat),
    reads: readLat.length,
    readsPerSecond: readLat.length / seconds,
    readLatency: stats(readLat),
    errors,
    sampleFailure,
  };
}
