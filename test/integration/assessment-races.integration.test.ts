/**
 * Two saves of the same assessment from the same version at the same instant (conduct, G6;
 * primary qualities and competences, G8): exactly one is saved and audited, the other is refused
 * with 409 and the same message a stale version gets — never a lost edit answered 200, nor a
 * duplicate-row error for the first save of a student.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom6: TestClient;
let homeroom3: TestClient;
let class6: string;
let class3: string;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  class6 = server.demo!.classIds['6A1'];
  class3 = server.demo!.classIds['3A'];
  homeroom6 = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  homeroom3 = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
});
afterAll(async () => server?.close());

/** Audit entries of one stored row, in the order of their chain (a query without ORDER BY has none on PostgreSQL). */
async function eventsOf(entityType: string, entityId: string) {
  return server.database.handle.db
    .selectFrom('audit_events')
    .select(['action', 'after_json'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('chain_key')
    .orderBy('seq')
    .execute();
}

describe('conduct: two saves from the same version', () => {
  it('the first save of a student and a later edit: one 200, one 409 naming the student; the winner is stored and audited once', async () => {
    const sheet = (await homeroom6.get(`/api/v1/classes/${class6}/conduct?period=term1`)).body;
    const student = sheet.rows[3];
    const conflict = `Chưa lưu: đánh giá của ${student.fullName} vừa được sửa ở nơi khác. Hãy tải lại.`;
    const db = server.database.handle.db;
    for (const baseVersion of [0, 1, 2]) {
      const levels = ['T', 'K'] as const;
      const answers = await Promise.all(
        levels.map((level) => homeroom6.put(`/api/v1/classes/${class6}/conduct`, { period: 'term1', entries: [{ studentId: student.studentId, level, comment: `Lần ${baseVersion}: ${level}`, baseVersion }] })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[1 - winner].body).toMatchObject({ error: 'CONFLICT', message: conflict });
      const row = await db.selectFrom('conduct_assessments').selectAll().where('student_id', '=', student.studentId).where('period', '=', 'term1').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ level: levels[winner], comment: `Lần ${baseVersion}: ${levels[winner]}` });
      expect(Number(row.version)).toBe(baseVersion + 1);
      const events = await eventsOf('conduct_assessment', row.id);
      expect(events).toHaveLength(baseVersion + 1);
      expect(JSON.parse(events.at(-1)!.after_json!)).toMatchObject({ level: levels[winner], version: baseVersion + 1 });
    }
    // A stale version sent alone gets the same answer.
    const stale = await homeroom6.put(`/api/v1/classes/${class6}/conduct`, { period: 'term1', entries: [{ studentId: student.studentId, level: 'Đ', comment: '', baseVersion: 1 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(conflict);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
  });
});

describe('primary assessment: two saves from the same version', () => {
  it('the first save of a student and a later edit: one 200, one 409 naming the student; the winner is stored and audited once', async () => {
    const sheet = (await homeroom3.get(`/api/v1/classes/${class3}/primary-assessments?point=GK1`)).body;
    const student = sheet.rows[2];
    const conflict = `Chưa lưu: ${student.fullName} vừa được sửa ở nơi khác. Hãy tải lại.`;
    const db = server.database.handle.db;
    for (const baseVersion of [0, 1, 2]) {
      const comments = [`Lần ${baseVersion}: chăm chỉ`, `Lần ${baseVersion}: tiến bộ`];
      const answers = await Promise.all(
        comments.map((comment, i) =>
          homeroom3.put(`/api/v1/classes/${class3}/primary-assessments`, {
            point: 'GK1',
            entries: [{ studentId: student.studentId, qualities: Array(5).fill(i ? 'Đ' : 'T'), competences: Array(10).fill('T'), comment, baseVersion }],
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[1 - winner].body).toMatchObject({ error: 'CONFLICT', message: conflict });
      const row = await db.selectFrom('primary_assessments').selectAll().where('student_id', '=', student.studentId).where('point', '=', 'GK1').executeTakeFirstOrThrow();
      expect(row.comment).toBe(comments[winner]);
      expect(Number(row.version)).toBe(baseVersion + 1);
      const events = await eventsOf('primary_assessment', row.id);
      expect(events).toHaveLength(baseVersion + 1);
      expect(JSON.parse(events.at(-1)!.after_json!)).toMatchObject({ comment: comments[winner] });
    }
    const stale = await homeroom3.put(`/api/v1/classes/${class3}/primary-assessments`, {
      point: 'GK1',
      entries: [{ studentId: student.studentId, qualities: Array(5).fill('T'), competences: Array(10).fill('T'), baseVersion: 1 }],
    });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toBe(conflict);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
  });
});
