/**
 * The job queue lives in the `jobs` table (migration 0008), so jobs survive a restart and several
 * app processes share one queue. A worker claims a job with a conditional UPDATE (only one
 * process can win it) and holds a lease it renews while it works; a job whose lease ran out
 * (its process died) is claimed again and re-run from the start — handlers are written so a
 * re-run gives the same result.
 */
import { randomUUID } from 'node:crypto';
import type { ExpressionBuilder } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Database, Row } from '../db/schema.ts';

/** A crashed worker's job is taken over this long after its last sign of life. */
export const LEASE_MS = 30_000;
/** After this many interrupted or failed runs the job is marked failed. */
export const MAX_ATTEMPTS = 3;

export interface EnqueueJobOptions {
  schoolId: string;
  kind: string;
  params: unknown;
  createdBy: string | null;
  now: Date;
}

export async function enqueueJob(db: Executor, o: EnqueueJobOptions): Promise<Row<'jobs'>> {
  const row = {
    id: randomUUID(),
    school_id: o.schoolId,
    kind: o.kind,
    params_json: JSON.stringify(o.params),
    status: 'queued' as const,
    progress_done: 0,
    progress_total: 0,
    result_json: null,
    error: null,
    attempts: 0,
    locked_by: null,
    lease_until: null,
    created_by: o.createdBy,
    created_at: o.now.toISOString(),
    started_at: null,
    finished_at: null,
  };
  await db.insertInto('jobs').values(row).execute();
  return row;
}

/** Claims the oldest runnable job for `workerId`, or returns null. */
export async function claimNextJob(db: Executor, workerId: string, now: Date): Promise<Row<'jobs'> | null> {
  const nowIso = now.toISOString();
  const runnable = (eb: ExpressionBuilder<Database, 'jobs'>) =>
    eb.or([eb('status', '=', 'queued'), eb.and([eb('status', '=', 'running'), eb('lease_until', '<', nowIso)])]);
  const candidates = await db.selectFrom('jobs').select(['id']).where(runnable).orderBy('created_at').limit(5).execute();
  for (const { id } of candidates) {
    const result = await db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'running',
        locked_by: workerId,
        lease_until: new Date(now.getTime() + LEASE_MS).toISOString(),
        attempts: eb('attempts', '+', 1),
        started_at: eb.fn.coalesce('started_at', eb.val(nowIso)),
      }))
      .where('id', '=', id)
      .where(runnable)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      return (await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow()) as Row<'jobs'>;
    }
  }
  return null;
}

/** Records progress and renews the lease; false when the job is no longer this worker's. */
export async function reportJobProgress(db: Executor, jobId: string, workerId: string, now: Date, done: number, total: number): Promise<boolean> {
  const result = await db
    .updateTable('jobs')
    .set({ progress_done: done, progress_total: total, lease_until: new Date(now.getTime() + LEASE_MS).toISOString() })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function finishJob(db: Executor, jobId: string, workerId: string, now: Date, result: unknown): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'done', result_json: JSON.stringify(result), finished_at: now.toISOString(), lease_until: null, error: null })
    .where('id', '=', jobId)
    .where('locked_by', '=', workerId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A failed run is retried (queued again) until MAX_ATTEMPTS, then the job is failed with the message. */
export async function failJob(db: Executor, job: Row<'jobs'>, workerId: string, now: Date, message: string, retry: boolean): Promise<void> {
  const final = !retry || job.attempts >= MAX_ATTEMPTS;
  await db
    .updateTable('jobs')
    .set(final ? { status: 'failed', error: message, finished_at: now.toISOString(), lease_until: null } : { status: 'queued', error: message, lease_until: null, locked_by: null })
    .where('id', '=', job.id)
    .where('locked_by', '=', workerId)
    .execute();
}

export async function getJob(db: Executor, jobId: string): Promise<Row<'jobs'> | undefined> {
  return db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
}
