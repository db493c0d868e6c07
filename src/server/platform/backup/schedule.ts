/**
 * Scheduled backups (P7): the server takes a backup every day at SODIEM_BACKUP_AT (Vietnam time,
 * default 02:30) into DATA_DIR/backups/sodiem-YYYYMMDD-HHmm.backup and keeps the newest
 * SODIEM_BACKUP_KEEP (default 14), deleting older ones.
 *
 * Several app processes may share one DATA_DIR (and one PostgreSQL): each day's backup is
 * claimed by creating DATA_DIR/backups/.claim-YYYYMMDD exclusively (O_EXCL), so exactly one
 * process takes it. A server that was down at the scheduled time takes the day's backup when it
 * starts. A claim whose process died before finishing is taken over after CLAIM_STALE_MS.
 */
import { VIETNAM_OFFSET_MS, vietnamStamp } from '../../../domain/calendar/vietnam-time.ts';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../db/database.ts';
import { backupTo } from './backup.ts';
import { type Clock, systemClock } from '../clock.ts';

export const BACKUP_PREFIX = 'sodiem-';
export const BACKUP_SUFFIX = '.backup';
const DAY_MS = 24 * 3600_000;
/** A claim older than this without its backup file is taken over (its process died). */
export const CLAIM_STALE_MS = 3 * 3600_000;

export interface BackupScheduleConfig {
  /** Minutes after midnight (Vietnam time) of the daily backup, or null when disabled. */
  minuteOfDay: number | null;
  /** How many scheduled backups to keep (at least 1). */
  keep: number;
}

/** `SODIEM_BACKUP_AT` ("02:30"; "off" or "0" disables) and `SODIEM_BACKUP_KEEP` ("14"). */
export function parseBackupSchedule(at: string | undefined, keep: string | undefined): BackupScheduleConfig {
  const keepN = keep === undefined || keep === '' ? 14 : Number(keep);
  if (!Number.isInteger(keepN) || keepN < 1) throw new Error(`SODIEM_BACKUP_KEEP phải là số nguyên từ 1 trở lên (đang là "${keep}").`);
  const value = (at ?? '').trim() || '02:30';
  if (value === 'off' || value === '0') return { minuteOfDay: null, keep: keepN };
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m) throw new Error(`SODIEM_BACKUP_AT phải có dạng HH:MM (giờ Việt Nam) hoặc "off" (đang là "${at}").`);
  return { minuteOfDay: Number(m[1]) * 60 + Number(m[2]), keep: keepN };
}

/** "sodiem-20261123-0230.backup" for the given moment in Vietnam time. */
export function backupFileName(at: Date): string {
  return `${BACKUP_PREFIX}${vietnamStamp(at)}${BACKUP_SUFFIX}`;
}

/** The latest scheduled moment at or before `now` (UTC instant), and its Vietnam day "YYYYMMDD". */
export function latestSlot(now: Date, minuteOfDay: number): { at: Date; day: string } {
  const vn = now.getTime() + VIETNAM_OFFSET_MS;
  let slot = Math.floor(vn / DAY_MS) * DAY_MS + minuteOfDay * 60_000;
  if (slot > vn) slot -= DAY_MS;
  const day = new Date(slot).toISOString().slice(0, 10).replaceAll('-', '');
  return { at: new Date(slot - VIETNAM_OFFSET_MS), day };
}

/** Scheduled backups in DATA_DIR/backups, oldest first. */
export function listScheduledBackups(backupsDir: string): string[] {
  if (!existsSync(backupsDir)) return [];
  return readdirSync(backupsDir)
    .filter((n) => n.startsWith(BACKUP_PREFIX) && n.endsWith(BACKUP_SUFFIX))
    .sort();
}

function claim(path: string, now: Date): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, `${hostname()} ${process.pid} ${now.toISOString()}\n`);
      closeSync(fd);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      // A finished day stays claimed; an unfinished claim is taken over once stale, judged by the
      // time the claimant wrote from its clock (not the file's mtime: the kernel's time is not our clock).
      const content = readFileSync(path, 'utf8');
      if (attempt > 0 || content.includes(' done ')) return false;
      const claimedAt = Date.parse(content.trim().split(' ')[2] ?? '');
      const age = Number.isNaN(claimedAt) ? now.getTime() - statSync(path).mtimeMs : now.getTime() - claimedAt;
      if (age < CLAIM_STALE_MS) return false;
      rmSync(path, { force: true });
    }
  }
  return false;
}

export interface ScheduledBackupResult {
  /** The file written, or null when this day's backup was already claimed (here or by another process). */
  file: string | null;
  deleted: string[];
}

/** Takes the backup of the latest slot unless some process already claimed it, then prunes. */
export async function runScheduledBackup(database: DatabaseHandle, dataDir: string, config: BackupScheduleConfig, now: Date): Promise<ScheduledBackupResult> {
  if (config.minuteOfDay === null) return { file: null, deleted: [] };
  const backupsDir = join(dataDir, 'backups');
  mkdirSync(backupsDir, { recursive: true });
  const slot = latestSlot(now, config.minuteOfDay);
  const claimPath = join(backupsDir, `.claim-${slot.day}`);
  if (!claim(claimPath, now)) return { file: null, deleted: [] };
  const file = join(backupsDir, backupFileName(now));
  const part = `${file}.${process.pid}.${randomUUID()}.part`;
  try {
    await backupTo(database, dataDir, part, now);
    renameSync(part, file);
    writeFileSync(claimPath, `${hostname()} ${process.pid} done ${backupFileName(now)}\n`);
  } catch (e) {
    rmSync(part, { force: true });
    rmSync(claimPath, { force: true });
    throw e;
  }
  const deleted: string[] = [];
  const all = listScheduledBackups(backupsDir);
  for (const name of all.slice(0, Math.max(0, all.length - config.keep))) {
    rmSync(join(backupsDir, name), { force: true });
    deleted.push(name);
  }
  // Claims older than the kept backups are not needed any more.
  const claims = readdirSync(backupsDir).filter((n) => n.startsWith('.claim-')).sort();
  for (const name of claims.slice(0, Math.max(0, claims.length - config.keep - 1))) rmSync(join(backupsDir, name), { force: true });
  return { file, deleted };
}

export interface BackupScheduler {
  /** Checks now whether the day's backup is due (the timer calls it; tests call it directly). */
  tick(): Promise<ScheduledBackupResult>;
  stop(): void;
}

export interface BackupSchedulerOptions {
  database: DatabaseHandle;
  dataDir: string;
  config: BackupScheduleConfig;
  clock?: Clock;
  log?: (message: string, error?: unknown) => void;
  /** Start the timer (default true); false leaves only tick() (tests). */
  timer?: boolean;
}

/** How often the timer re-reads the clock at most (a suspended machine, a changed clock). */
const MAX_SLEEP_MS = 15 * 60_000;

export function startBackupScheduler(o: BackupSchedulerOptions): BackupScheduler {
  const clock = o.clock ?? systemClock;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<ScheduledBackupResult> | null = null;
  const tick = () => {
    running ??= runScheduledBackup(o.database, o.dataDir, o.config, clock()).finally(() => {
      running = null;
    });
    return running;
  };
  const schedule = () => {
    if (stopped || o.config.minuteOfDay === null) return;
    const now = clock();
    const next = latestSlot(now, o.config.minuteOfDay).at.getTime() + DAY_MS;
    timer = setTimeout(
      () => {
        tick()
          .then((r) => r.file && o.log?.(`Đã sao lưu tự động vào ${r.file}${r.deleted.length ? `; đã xóa ${r.deleted.join(', ')}` : ''}`))
          .catch((e) => o.log?.('Sao lưu tự động thất bại', e))
          .finally(schedule);
      },
      Math.max(1000, Math.min(MAX_SLEEP_MS, next - now.getTime())),
    );
    timer.unref();
  };
  if (o.timer !== false && o.config.minuteOfDay !== null) {
    // The day's backup is taken at start when the server was down at the scheduled time.
    tick()
      .then((r) => r.file && o.log?.(`Đã sao lưu tự động vào ${r.file}`))
      .catch((e) => o.log?.('Sao lưu tự động thất bại', e))
      .finally(schedule);
  }
  return {
    tick,
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
