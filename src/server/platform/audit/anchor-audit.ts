/**
 * When checkpoints are taken (audit-checkpoints.ts): by `anchorAudit` after every lock,
 * approval and archive, by the daily scheduler, and by `sodiem anchor-audit`. The school's seal,
 * where configured (SODIEM_SEAL_*), signs each checkpoint beside the server's anchor key.
 */
import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';
import type { Row } from '../db/schema.ts';
import { createSigner } from '../signing/create-signer.ts';
import { signDetached } from '../signing/cms.ts';
import { takeCheckpoint } from './audit-checkpoints.ts';
import { requestTimestamp } from './tsa-timestamp.ts';

/** Takes a checkpoint now, signed also by the school's seal and timestamped by the TSA where configured. */
export async function anchorAudit(
  db: Db,
  env: Pick<Env, 'dataDir' | 'signing' | 'tsaUrl'>,
  now: Date,
  reason: string,
  onTimestampError?: (error: unknown) => void,
): Promise<Row<'audit_checkpoints'> | null> {
  const seal = env.signing.seal;
  const tsaUrl = env.tsaUrl;
  return takeCheckpoint(db, {
    dataDir: env.dataDir,
    now,
    reason,
    timestamp: tsaUrl ? (body) => requestTimestamp(tsaUrl, body) : undefined,
    onTimestampError,
    seal: seal
      ? async (body) => {
          const signer = await createSigner(seal);
          try {
            return await signDetached(body, signer, { signingTime: now });
          } finally {
            await signer.close?.();
          }
        }
      : undefined,
  });
}

const DAY_MS = 24 * 3600_000;
const CHECK_EVERY_MS = 10 * 60_000;

export interface AnchorScheduler {
  /** Takes the day's checkpoint if the last one is a day old; what the timer calls. */
  tick(): Promise<void>;
  stop(): void;
}

/** A checkpoint at least once a day: on start, then whenever the last one is 24 hours old. */
export function startAnchorScheduler(o: {
  db: Db;
  env: Pick<Env, 'dataDir' | 'signing' | 'tsaUrl'>;
  clock: () => Date;
  log: (message: string, error?: unknown) => void;
  /** False: no timer; the caller calls tick() (tests). */
  timer?: boolean;
}): AnchorScheduler {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const now = o.clock();
      const last = await o.db.selectFrom('audit_checkpoints').select('at').orderBy('seq', 'desc').limit(1).executeTakeFirst();
      if (!last || now.getTime() - Date.parse(last.at) >= DAY_MS) await anchorAudit(o.db, o.env, now, 'Điểm neo hằng ngày', (error) => o.log('Không lấy được dấu thời gian cho điểm neo hằng ngày', error));
    } catch (error) {
      o.log('Không lập được điểm neo nhật kí hằng ngày', error);
    } finally {
      running = false;
    }
  };
  if (o.timer === false) return { tick, stop: () => {} };
  const timer = setInterval(() => void tick(), CHECK_EVERY_MS);
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
