/**
 * Lock routes (src/server/locks/locks.routes.ts) through HTTP: a lock's scope belongs to the
 * year; a lock is released once, with its reason (the admin board's release once the principal
 * confirms it: four-eyes.integration.test.ts), even when two releases come at the same instant; the school's grade-book settings are the principal's to change, audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const ALREADY_RELEASED = 'Lệnh khóa này đã được gỡ.';

const db = () => server.database.handle.db;
const anon = () => new TestClient(server.baseUrl);
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const locksPath = () => `/api/v1/years/${server.demo!.yearId}/locks`;
const audits = (entityId: string, action: string) => db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('action', '=', action).execute();

/** The principal locks a scope; returns the new lock's id. */
async function lock(body: Record<string, unknown>): Promise<string> {
  const res = await c.principal.post(locksPath(), body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.locks.find((l: any) => !l.releasedAt && l.reason === body.reason).id;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', teacher: 'gvcn.6a1', otherPrincipal: 'th.hieutruong' })) c[key] = await login(u);
});
afterAll(async () => server?.close());

describe('POST /years/:yearId/locks', () => {
  it('a class or subject of another year is a 400 on its field; nothing is locked', async () => {
    const before = (await c.principal.get(locksPath())).body.locks.length;
    const otherClass = await c.principal.post(locksPath(), { classId: server.demo!.classIds['3A'], reason: 'Lớp khác' });
    expect(otherClass.status).toBe(400);
    expect(otherClass.body.message).toBe('Lớp không thuộc năm học này.');
    expect(JSON.stringify(otherClass.body)).toContain('classId');
    const subject = await db().selectFrom('subjects').select('id').where('school_year_id', '=', server.demo!.primaryYearId).executeTakeFirstOrThrow();
    const otherSubject = await c.principal.post(locksPath(), { subjectId: subject.id, reason: 'Môn khác' });
    expect(otherSubject.status).toBe(400);
    expect(otherSubject.body.message).toBe('Môn học không thuộc năm học này.');
    expect((await c.principal.get(locksPath())).body.locks).toHaveLength(before);
  });
});

describe('POST /locks/:lockId/release', () => {
  it('401, 400 naming the field, 403, 404; then released with its reason and audited; a second release → 409', async () => {
    const id = await lock({ grade: 7, termNo: 1, reason: 'Khóa khối 7 học kỳ I' });
    const path = `/api/v1/locks/${id}/release`;
    expect((await anon().post(path, { reason: 'Mở' })).status).toBe(401);
    const bad = await c.principal.post(path, {});
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('reason');
    expect((await c.teacher.post(path, { reason: 'Mở' })).status).toBe(403);
    expect((await c.otherPrincipal.post(path, { reason: 'Mở' })).status).toBe(403);
    expect((await c.principal.post('/api/v1/locks/00000000-0000-4000-8000-000000000000/release', { reason: 'Mở' })).status).toBe(404);

    // The admin board's release is a request; it takes effect when the principal confirms it (issue 14 §3).
    const asked = await c.admin.post(path, { reason: 'Mở để sửa điểm', orderedBy: 'Theo chỉ đạo của Hiệu trưởng' });
    expect(asked.status).toBe(202);
    const requestId = asked.body.requests.find((r: any) => r.lockId === id).id;
    const res = await c.principal.post(`/api/v1/lock-requests/${requestId}/decision`, { decision: 'confirm' });
    expect(res.status).toBe(200);
    expect(res.body.locks.find((l: any) => l.id === id)).toMatchObject({ releaseReason: 'Mở để sửa điểm (theo lệnh: Theo chỉ đạo của Hiệu trưởng)', releasedByName: expect.any(String) });
    const again = await c.principal.post(path, { reason: 'Mở lần nữa' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: 'INVALID_STATE', message: ALREADY_RELEASED });
    const events = await audits(id, 'lock.released');
    expect(events).toHaveLength(1);
    expect(events[0].reason).toBe('Mở để sửa điểm (theo lệnh: Theo chỉ đạo của Hiệu trưởng)');
  });

  it('two releases at the same instant: exactly one 200 and one 409; the lock is released and audited once', async () => {
    // Several rounds, so a double release cannot hide behind a lucky interleaving.
    for (const round of [1, 2, 3]) {
      const id = await lock({ grade: 8, termNo: 1, reason: `Khóa khối 8, vòng ${round}` });
      const reasons = [`Mở thứ nhất, vòng ${round}`, `Mở thứ hai, vòng ${round}`];
      const answers = await Promise.all(reasons.map((reason) => c.principal.post(`/api/v1/locks/${id}/release`, { reason })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[1 - winner].body).toMatchObject({ error: 'INVALID_STATE', message: ALREADY_RELEASED });
      const stored = await db().selectFrom('locks').select(['release_reason', 'released_at']).where('id', '=', id).executeTakeFirstOrThrow();
      expect(stored.release_reason).toBe(reasons[winner]);
      expect(stored.released_at).not.toBeNull();
      const events = await audits(id, 'lock.released');
      expect(events).toHaveLength(1);
      expect(events[0].reason).toBe(reasons[winner]);
    }
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
  });
});

describe('GET and PATCH /schools/:schoolId/settings', () => {
  const path = () => `/api/v1/schools/${server.demo!.schoolId}/settings`;

  it('401, 403 for another school; the school’s staff read the settings with their defaults', async () => {
    expect((await anon().get(path())).status).toBe(401);
    expect((await c.otherPrincipal.get(path())).status).toBe(403);
    const res = await c.teacher.get(path());
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ reasonRequired: expect.any(String), evidenceRequired: expect.any(String), editDeadlineDays: expect.any(Number), correctionApply: expect.any(String), reminderDaysBefore: 3 });
  });

  it('PATCH: 401, 400 naming the field, 403 for the admin board with the reason; the principal’s change is merged, saved and audited', async () => {
    expect((await anon().patch(path(), { editDeadlineDays: 5 })).status).toBe(401);
    const bad = await c.principal.patch(path(), { editDeadlineDays: 99 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('editDeadlineDays');
    const admin = await c.admin.patch(path(), { editDeadlineDays: 5 });
    expect(admin.status).toBe(403);
    expect(admin.body.message).toBe('Chỉ Hiệu trưởng được đổi quy định sửa điểm của trường.');
    const before = (await c.principal.get(path())).body;
    const res = await c.principal.patch(path(), { editDeadlineDays: 5 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ...before, editDeadlineDays: 5 });
    expect((await c.teacher.get(path())).body).toEqual({ ...before, editDeadlineDays: 5 });
    const [event] = await audits(server.demo!.schoolId, 'settings.updated');
    expect([JSON.parse(event.before_json!), JSON.parse(event.after_json!)]).toEqual([before, { ...before, editDeadlineDays: 5 }]);
  });
});
