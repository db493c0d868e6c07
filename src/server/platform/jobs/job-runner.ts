/**
 * The worker loop each app process runs: claim a job, run its handler with a progress callback
 * that renews the lease, record the result. Several processes may run it on one database.
 */
import { hostname } from 'node:os';
import type { Db } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import type { Env } from '../env.ts';
import { AppError } from '../errors.ts';
import { claimNextJob, failJob, finishJob, reportJobProgress } from './job-queue.ts';

export interface JobContext {
  db: Db;
  job: Row<'jobs'>;
  params: any;
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

export function startJobRunner(o: JobRunnerOptions): JobRunner {
  const workerId = o.workerId ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const pollMs = o.pollMs ?? 1000;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;

  async function runOne(job: Row<'jobs'>): Promise<void> {
    const handler = o.handlers[job.kind];
    if (!handler) {
      await failJob(o.db, job, workerId, o.clock(), `Không có bộ xử lý cho loại công việc "${job.kind}".`, false);
      return;
    }
    let lastBeat = 0;
    const ctx: JobContext = {
      db: o.db,
      job,
      params: JSON.parse(job.params_json),
      dataDir: o.env.dataDir,
      env: o.env,
      now: o.clock,
      progress: async (done, total) => {
        if (stopped) throw new LeaseLost('stopping');
        const at = performance.now(); // elapsed time only (throttling), not the business clock
        if (done < total && at - lastBeat < 250) return;
        lastBeat = at;
        if (!(await reportJobProgress(o.db, job.id, workerId, o.clock(), done, total))) throw new LeaseLost('lease lost');
      },
    };
    try {
      const result = await handler(ctx);
      await finishJob(o.db, job.id, workerId, o.clock(), result ?? null);
    } catch (error) {
      if (error instanceof LeaseLost) return; // another worker owns it now, or we are shutting down
      o.log?.(`job ${job.id} (${job.kind}) failed`, error);
      const message = error instanceof AppError ? error.message : 'Lỗi hệ thống khi chạy công việc. Vui lòng thử lại hoặc báo Ban quản trị.';
      await failJob(o.db, job, workerId, o.clock(), message, !(error instanceof AppError));
    }
  }

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
