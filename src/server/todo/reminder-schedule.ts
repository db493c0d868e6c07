/**
 * The daily reminder run (issue 15): once a Vietnamese day per school, a `window_reminders` job
 * is enqueued; the worker of any process runs it (send-window-reminders.ts, idempotent per
 * teacher, window and day, so a second job of the same day changes nothing).
 */
import { vietnamDay, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import type { Db } from '../platform/db/database.ts';
import { enqueueJob } from '../platform/jobs/job-queue.ts';

export const REMINDER_JOB = 'window_reminders';
const CHECK_EVERY_MS = 60 * 60 * 1000;

/** Enqueues today's reminder job for every school that has none yet; returns how many were enqueued. */
export async function enqueueDailyReminders(db: Db, now: Date): Promise<number> {
  const since = vietnamInstant(vietnamDay(now)).toISOString();
  const schools = await db.selectFrom('schools').select('id').execute();
  const done = new Set((await db.selectFrom('jobs').select('school_id').where('kind', '=', REMINDER_JOB).where('created_at', '>=', since).execute()).map((j) => j.school_id));
  let n = 0;
  for (const s of schools) {
    if (done.has(s.id)) continue;
    await enqueueJob(db, { schoolId: s.id, kind: REMINDER_JOB, params: { schoolId: s.id }, createdBy: null, now });
    n += 1;
  }
  return n;
}

export interface ReminderScheduler {
  tick(): Promise<void>;
  stop(): void;
}

export function startReminderScheduler(o: { db: Db; clock: () => Date; log: (message: string, error?: unknown) => void; wake?: () => void; timer?: boolean }): ReminderScheduler {
  const tick = async () => {
    try {
      if (await enqueueDailyReminders(o.db, o.clock())) o.wake?.();
    } catch (error) {
      o.log('Không lập được việc nhắc hạn đợt cập nhật điểm', error);
    }
  };
  if (o.timer === false) return { tick, stop: () => {} };
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
