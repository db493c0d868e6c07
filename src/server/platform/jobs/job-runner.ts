/**
 * The worker loop each app process runs: claim a job, run its handler with a progress callback
 * that renews the lease, record the result. Several processes may run it on one database.
 * runJob is that one run; runJobNow enqueues a job and runs it at once, outside the loop.
 */
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { AppError } from '../errors.ts';
import { type EnqueueJobOptions, LEASE_MS, claimNextJob, enqueueJob, failJob, finishJob, reportJobProgress } from './job-queue.ts';

export interface JobContext {
  db: Db;
  job: Row<'jobs'>;
  /** the job's parameters as enqueued (JSON); each handler reads its own shape */
  params: unknown;
  dataDir: string;
  /** the process configuration (e.g. the school's seal signer for archives) */
  env: Env;
  now(): Date;
  /** Records progress (and keeps the lease); throws when the job was taken over by another worker. */
  progress(done: number, total: number): Promise<void>;
}

export type JobHandler = (ctx: JobContext) => Promise<unknown>;

export interface JobRunnerOptions {
  db: Db;
  env: Env;
  handlers: Record<string, JobHandler>;
  clock: () => Date;
  pollMs?: number;
  workerId?: string;
  log?: (message: string, error?: unknown) => void;
}

export interface JobRunner {
  workerId: string;
  /** Look for work now (called after enqueueing in this process). */
  wake(): void;
  stop(): Promise<void>;
}

class LeaseLost extends Error {}

export interface RunJobOptions {
  db: Db;
  env: Env;
  /** The job, claimed by `workerId`. */
  job: Row<'jobs'>;
  handler: JobHandler | undefined;
  workerId: string;
  /** The job's clock: the handler's `now`, the time the job finishes or fails. */
  clock: () => Date;
  /** The clock the lease is kept on, the one the other workers read (default: `clock`). */
  leaseClock?: () => Date;
  /** False: a failure is final. Default: a failure other than an AppError is run again, up to MAX_ATTEMPTS. */
  retry?: boolean;
  /** True once the worker is stopping: the job's next progress report gives the job up. */
  stopping?: () => boolean;
  log?: (message: string, error?: unknown) => void;
}

/** `released`: the job is no longer this worker's (lease lost, or the worker is stopping). */
export type JobOutcome = { status: 'done'; result: unknown } | { status: 'failed'; error: unknown } | { status: 'released' };

/** Runs one claimed job: its handler with a progress callback that renews the lease, then records the result or the failure. */
export async function runJob(o: RunJobOptions): Promise<JobOutcome> {
  const { db, job, workerId } = o;
  const leaseClock = o.leaseClock ?? o.clock;
  if (!o.handler) {
    const message = `Không có bộ xử lý cho loại công việc "${job.kind}".`;
    await failJob(db, job, workerId, o.clock(), message, false);
    return { status: 'failed', error: new Error(message) };
  }
  let lastBeat = 0;
  const ctx: JobContext = {
    db,
    job,
    params: JSON.parse(job.params_json),
    dataDir: o.env.dataDir,
    env: o.env,
    now: o.clock,
    progress: async (done, total) => {
      if (o.stopping?.()) throw new LeaseLost('stopping');
      const at = performance.now(); // elapsed time only (throttling), not the business clock
      if (done < total && at - lastBeat < 250) return;
      lastBeat = at;
      if (!(await reportJobProgress(db, job.id, workerId, leaseClock(), done, total))) throw new LeaseLost('lease lost');
    },
  };
  try {
    const result = await o.handler(ctx);
    await finishJob(db, job.id, workerId, o.clock(), result ?? null);
    return { status: 'done', result };
  } catch (error) {
    if (error instanceof LeaseLost) return { status: 'released' }; // another worker owns it now, or we are shutting down
    o.log?.(`job ${job.id} (${job.kind}) failed`, error);
    const message = error instanceof AppError ? error.message : 'Lỗi hệ thống khi chạy công việc. Vui lòng thử lại hoặc báo Ban quản trị.';
    await failJob(db, job, workerId, o.clock(), message, (o.retry ?? true) && !(error instanceof AppError));
    return { status: 'failed', error };
  }
}

export interface RunJobNowOptions extends Omit<RunJobOptions, 'job' | 'stopping'> {
  enqueue: EnqueueJobOptions;
}

/**
 * Enqueues a job and runs it here at once, outside the worker loop (the demo seed makes what the
 * worker would): enqueued and claimed in one transaction, so no worker can claim it in between.
 */
export async function runJobNow(o: RunJobNowOptions): Promise<{ job: Row<'jobs'>; outcome: JobOutcome }> {
  const leaseClock = o.leaseClock ?? o.clock;
  const job = await o.db.transaction().execute(async (tx) => {
    const queued = await enqueueJob(tx, o.enqueue);
    const claim = {
      status: 'running' as const,
      locked_by: o.workerId,
      lease_until: new Date(leaseClock().getTime() + LEASE_MS).toISOString(),
      attempts: 1,
      started_at: o.clock().toISOString(),
    };
    await tx.updateTable('jobs').set(claim).where('id', '=', queued.id).execute();
    return { ...queued, ...claim };
  });
  return { job, outcome: await runJob({ ...o, job }) };
}

export function startJobRunner(o: JobRunnerOptions): JobRunner {
  const workerId = o.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const pollMs = o.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  const runOne = (job: Row<'jobs'>) =>
    runJob({ db: o.db, env: o.env, job, handler: o.handlers[job.kind], workerId, clock: o.clock, stopping: () => stopped, log: o.log });

  async function drain(): Promise<void> {
    do {
      again = false;
      while (!stopped) {
        const job = await claimNextJob(o.db, workerId, o.clock());
        if (!job) break;
        await runOne(job);
      }
    } while (again && !stopped);
  }

  function tick(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain()
      .catch((error) => o.log?.('job runner error', error))
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  }

  timer = setTimeout(tick, 10);
  return {
    workerId,
    wake() {
      if (timer) clearTimeout(timer);
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
