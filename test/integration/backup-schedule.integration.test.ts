/**
 * P7: scheduled backups. With an injected clock the scheduler takes the day's backup once (also
 * when a second process on the same DATA_DIR asks), keeps the newest N, and the newest restores
 * into an empty database with `sodiem restore`, every row identical and `verify-audit` intact.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupFileName, latestSlot, listScheduledBackups, parseBackupSchedule, runScheduledBackup, startBackupScheduler } from '../../src/server/platform/backup/schedule.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { TABLES_IN_ORDER } from '../../src/server/platform/db/schema.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { runCli } from '../helpers/cli.ts';
import { type TestDatabase, createPostgresDatabase, createTestDatabase } from '../helpers/database.ts';
import { TEST_NOW } from '../helpers/server.ts';

let source: TestDatabase;
const work = mkdtempSync(join(tmpdir(), 'sodiem-backup-schedule-'));

async function dump(db: TestDatabase['handle']['db']) {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES_IN_ORDER) {
    const rows = await db.selectFrom(table).selectAll().execute();
    out[table] = rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
  }
  return out;
}

beforeAll(async () => {
  source = await createTestDatabase();
  await seedDemo(source.handle.db, { now: new Date(TEST_NOW) });
}, 60_000);
afterAll(async () => {
  await source?.drop();
  rmSync(work, { recursive: true, force: true });
});

describe('the schedule configuration', () => {
  it('defaults to daily at 02:30 keeping 14; "off" disables; bad values are refused in Vietnamese', () => {
    expect(parseBackupSchedule(undefined, undefined)).toEqual({ minuteOfDay: 150, keep: 14 });
    expect(parseBackupSchedule('23:05', '3')).toEqual({ minuteOfDay: 23 * 60 + 5, keep: 3 });
    expect(parseBackupSchedule('off', '14').minuteOfDay).toBeNull();
    expect(() => parseBackupSchedule('25:00', '14')).toThrow(/SODIEM_BACKUP_AT/);
    expect(() => parseBackupSchedule('02:30', '0')).toThrow(/SODIEM_BACKUP_KEEP/);
  });

  it('names files in Vietnam time and finds the latest slot across midnight UTC', () => {
    expect(backupFileName(new Date('2026-11-22T19:30:00Z'))).toBe('sodiem-20261123-0230.backup');
    // 01:00 on 24/11 in Vietnam: the latest 02:30 slot is that of 23/11.
    expect(latestSlot(new Date('2026-11-23T18:00:00Z'), 150)).toEqual({ at: new Date('2026-11-22T19:30:00Z'), day: '20261123' });
    expect(latestSlot(new Date('2026-11-23T19:31:00Z'), 150).day).toBe('20261124');
  });
});

describe('an unfinished claim (a process died while backing up)', () => {
  it('is taken over once it is three hours old by the clock the claimant wrote, whatever the file time says', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sodiem-backup-claim-'));
    try {
      const config = { minuteOfDay: 150, keep: 3 };
      const now = new Date('2026-11-22T19:31:00Z'); // 02:31 on 23/11 in Vietnam
      const backups = join(dataDir, 'backups');
      mkdirSync(backups, { recursive: true });
      const claimPath = join(backups, `.claim-${latestSlot(now, 150).day}`);
      // Claimed 2 h before by a process that died: still fresh, nobody takes it.
      writeFileSync(claimPath, `other-host 4242 ${new Date(now.getTime() - 2 * 3600_000).toISOString()}\n`);
      expect((await runScheduledBackup(source.handle, dataDir, config, now)).file).toBeNull();
      // Claimed 4 h before: stale, taken over (the file's mtime is now, by the kernel's clock).
      writeFileSync(claimPath, `other-host 4242 ${new Date(now.getTime() - 4 * 3600_000).toISOString()}\n`);
      const taken = await runScheduledBackup(source.handle, dataDir, config, now);
      expect(taken.file).toBe(join(backups, backupFileName(now)));
      expect(readFileSync(claimPath, 'utf8')).toContain(' done ');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe(`scheduled backups of ${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'SQLite'}`, () => {
  it('takes one backup a day across two processes, keeps the newest 3, and the newest restores intact', async () => {
    let now = new Date('2026-11-22T19:31:00Z'); // 02:31 on 23/11, Vietnam time
    const config = { minuteOfDay: 150, keep: 3 };
    const a = startBackupScheduler({ database: source.handle, dataDir: source.dataDir, config, clock: () => now, timer: false });
    // A second app process on the same DATA_DIR and database.
    const other = openDatabase({ dataDir: source.dataDir, databaseUrl: source.databaseUrl });
    const b = startBackupScheduler({ database: other, dataDir: source.dataDir, config, clock: () => now, timer: false });
    try {
      const taken: string[] = [];
      for (let day = 0; day < 5; day += 1) {
        const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
        const files = [ra.file, rb.file].filter(Boolean);
        expect(files).toHaveLength(1);
        taken.push(files[0] as string);
        // Later the same day nothing more is taken.
        now = new Date(now.getTime() + 6 * 3600_000);
        expect((await a.tick()).file).toBeNull();
        expect((await b.tick()).file).toBeNull();
        now = new Date(now.getTime() + 18 * 3600_000);
      }
      const backupsDir = join(source.dataDir, 'backups');
      expect(listScheduledBackups(backupsDir)).toEqual(['sodiem-20261125-0231.backup', 'sodiem-20261126-0231.backup', 'sodiem-20261127-0231.backup']);
      expect(readdirSync(backupsDir).filter((n) => n.endsWith('.part'))).toEqual([]);

      // The restore drill on the newest.
      const newest = taken.at(-1) as string;
      const dataDir = mkdtempSync(join(work, 'restore-'));
      const target = process.env.TEST_DATABASE_URL ? await createPostgresDatabase('sodiem_sched') : null;
      const env = { DATA_DIR: dataDir, DATABASE_URL: target?.url };
      try {
        const restore = runCli(['restore', newest], env);
        expect(restore.stderr).toBe('');
        expect(restore.status).toBe(0);
        const verify = runCli(['verify-audit'], env);
        expect(verify.stdout).toContain('Nhật kí toàn vẹn');
        expect(verify.status).toBe(0);
        const restored = openDatabase({ dataDir, databaseUrl: target?.url });
        try {
          expect(await dump(restored.db)).toEqual(await dump(source.handle.db));
        } finally {
          await restored.close();
        }
      } finally {
        await target?.drop();
      }
    } finally {
      a.stop();
      b.stop();
      await other.close();
    }
  }, 180_000);
});
