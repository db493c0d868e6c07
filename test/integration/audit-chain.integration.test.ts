/**
 * Q3: the audit log is tamper-evident. Any direct change to audit rows — edited, deleted,
 * inserted or reordered — is found by `sodiem verify-audit`, which names the first broken link.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { seedDemo } from '../../src/server/demo/seed-demo.ts';
import { runCli } from '../helpers/cli.ts';
import { TEST_NOW } from '../helpers/server.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';

let t: TestDatabase;
let chainKey: string;

beforeEach(async () => {
  t = await createTestDatabase();
  const demo = await seedDemo(t.handle.db, { now: new Date(TEST_NOW) });
  chainKey = `school:${demo.schoolId}`;
});
afterEach(async () => t?.drop());

const events = () => t.handle.db.selectFrom('audit_events').selectAll().where('chain_key', '=', chainKey).orderBy('seq').execute();
const cli = () => runCli(['verify-audit'], { DATA_DIR: t.dataDir, DATABASE_URL: t.databaseUrl });

describe('verify-audit', () => {
  it('passes on an intact log (exit 0)', async () => {
    const result = await verifyAuditChains(t.handle.db);
    expect(result.breaks).toEqual([]);
    expect(result.events).toBeGreaterThan(100);
    const run = cli();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('toàn vẹn');
  });

  it('finds an edited event and names it (exit 1)', async () => {
    const target = (await events())[10];
    await t.handle.db.updateTable('audit_events').set({ after_json: '{"forged":true}' }).where('id', '=', target.id).execute();
    const run = cli();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`HỎNG chuỗi ${chainKey} tại sự kiện số ${target.seq}`);
    expect(run.stdout).toContain(target.id);
  });

  it('finds a deleted event in the middle', async () => {
    const target = (await events())[5];
    await t.handle.db.deleteFrom('audit_events').where('id', '=', target.id).execute();
    const { breaks } = await verifyAuditChains(t.handle.db);
    expect(breaks).toHaveLength(1);
    expect(breaks[0].seq).toBe(Number(target.seq));
  });

  it('finds the last event deleted (the chain head remembers)', async () => {
    const all = await events();
    await t.handle.db.deleteFrom('audit_events').where('id', '=', all[all.length - 1].id).execute();
    const { breaks } = await verifyAuditChains(t.handle.db);
    expect(breaks).toHaveLength(1);
    expect(breaks[0].problem).toContain('đầu chuỗi');
  });

  it('finds an inserted event, even one with a recomputed hash', async () => {
    const all = await events();
    const after = all[3];
    // Shift later events up by one and slip a forged event in, copying the shape of a real one.
    const shifted = all.filter((e) => Number(e.seq) > Number(after.seq)).reverse();
    for (const e of shifted) await t.handle.db.updateTable('audit_events').set({ seq: Number(e.seq) + 1 }).where('id', '=', e.id).execute();
    await t.handle.db
      .insertInto('audit_events')
      .values({ ...after, id: randomUUID(), seq: Number(after.seq) + 1, prev_hash: after.hash, action: 'student.updated', after_json: '{"forged":true}' })
      .execute();
    const { breaks } = await verifyAuditChains(t.handle.db);
    expect(breaks).toHaveLength(1);
    expect(breaks[0].seq).toBe(Number(after.seq) + 1);
  });

  it('finds two events swapped', async () => {
    const all = await events();
    const [a, b] = [all[7], all[8]];
    await t.handle.db.updateTable('audit_events').set({ seq: -1 }).where('id', '=', a.id).execute();
    await t.handle.db.updateTable('audit_events').set({ seq: Number(a.seq) }).where('id', '=', b.id).execute();
    await t.handle.db.updateTable('audit_events').set({ seq: Number(b.seq) }).where('id', '=', a.id).execute();
    const { breaks } = await verifyAuditChains(t.handle.db);
    expect(breaks).toHaveLength(1);
    expect(breaks[0].seq).toBe(Number(a.seq));
  });

  it('finds a score changed in the database without its audit entry', async () => {
    const cell = await t.handle.db.selectFrom('gradebook_cells').selectAll().where('score_tenths', 'is not', null).executeTakeFirstOrThrow();
    await t.handle.db.updateTable('gradebook_cells').set({ score_tenths: Number(cell.score_tenths) === 100 ? 90 : 100 }).where('id', '=', cell.id).execute();
    const run = cli();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`HỎNG dữ liệu bảng gradebook_cells (chuỗi gradebook:${cell.class_id}:${cell.subject_id}): ô điểm ${cell.id} khác nhật kí`);
    // the chains themselves are intact: only the stored value disagrees
    expect((await verifyAuditChains(t.handle.db)).breaks).toEqual([]);
  });

  it('finds a score inserted in the database with no audit entry at all', async () => {
    const cell = await t.handle.db.selectFrom('gradebook_cells').selectAll().executeTakeFirstOrThrow();
    await t.handle.db.insertInto('gradebook_cells').values({ ...cell, id: randomUUID(), term_no: 2, column_key: 'CK', score_tenths: 100, text_value: null, version: 1 }).execute();
    const run = cli();
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('không có sự kiện nào trong nhật kí');
  });
});
