import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server?.close());

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

describe('retried writes are idempotent (Idempotency-Key)', () => {
  it('a retried staff creation creates one staff member and replays the answer', async () => {
    const c = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    const body = { familyName: 'Trần', middleName: 'Thị', givenName: 'Lan', sex: 'female' };
    const path = `/api/v1/schools/${server.demo!.schoolId}/staff`;
    const first = await c.post(path, body, { 'idempotency-key': 'k-staff-1' });
    const retry = await c.post(path, body, { 'idempotency-key': 'k-staff-1' });
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
    const rows = await server.database.handle.db.selectFrom('staff').select('id').where('given_name', '=', 'Lan').where('family_name', '=', 'Trần').execute();
    expect(rows).toHaveLength(1);
    const audit = await server.database.handle.db.selectFrom('audit_events').select('id').where('entity_id', '=', first.body.id).execute();
    expect(audit).toHaveLength(1);
  });

  it('the same key on another route is a conflict', async () => {
    const c = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    await c.post(`/api/v1/schools/${server.demo!.schoolId}/staff`, { familyName: 'Lê', givenName: 'Hải', sex: 'male' }, { 'idempotency-key': 'k-2' });
    const other = await c.post(`/api/v1/years/${server.demo!.yearId}/subject-groups`, { name: 'Tổ Toán' }, { 'idempotency-key': 'k-2' });
    expect(other.status).toBe(409);
  });

  it('the key is written in the change\'s own transaction: a retry after a lost answer is not applied twice', async () => {
    const c = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    const db = server.database.handle.db;
    const body = { familyName: 'Phạm', middleName: 'Văn', givenName: 'Toàn', sex: 'male' };
    const path = `/api/v1/schools/${server.demo!.schoolId}/staff`;
    const first = await c.post(path, body, { 'idempotency-key': 'k-lost-answer' });
    expect(first.status).toBe(200);
    // As if the server died after the commit and before it answered: the reserved row holds no answer.
    await db.updateTable('idempotency_keys').set({ status_code: 0, response_json: '' }).where('key', '=', 'k-lost-answer').execute();
    const retry = await c.post(path, body, { 'idempotency-key': 'k-lost-answer' });
    expect(retry.status).toBe(409);
    expect(retry.body).toMatchObject({ alreadyApplied: true });
    expect(retry.body.message).toContain('đã được thực hiện');
    const rows = await db.selectFrom('staff').select('id').where('given_name', '=', 'Toàn').where('family_name', '=', 'Phạm').execute();
    expect(rows).toHaveLength(1);
  });

  it('a request refused before any change leaves no reservation behind (nothing is marked done)', async () => {
    const c = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    const path = `/api/v1/schools/${server.demo!.schoolId}/staff`;
    const bad = await c.post(path, { familyName: '', givenName: 'Mai', sex: 'female' }, { 'idempotency-key': 'k-after-400' });
    expect(bad.status).toBe(400);
    const stored = await server.database.handle.db.selectFrom('idempotency_keys').select('status_code').where('key', '=', 'k-after-400').execute();
    expect(stored.map((r) => Number(r.status_code)).filter((code) => code === 0)).toEqual([]);
    const fixed = await c.post(path, { familyName: 'Đỗ', givenName: 'Mai', sex: 'female' }, { 'idempotency-key': 'k-after-400' });
    expect(fixed.status).toBe(200);
  });

  it('copies of one request sent at the same instant: the change is applied once, the others get 409 alreadyApplied, a later retry replays the answer', async () => {
    const c = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    const db = server.database.handle.db;
    const path = `/api/v1/schools/${server.demo!.schoolId}/staff`;
    for (let round = 0; round < 5; round++) {
      const body = { familyName: 'Vũ', middleName: 'Minh', givenName: `Song${round}`, sex: 'male' };
      const key = `k-concurrent-${round}`;
      const answers = await Promise.all(Array.from({ length: 4 }, () => c.post(path, body, { 'idempotency-key': key })));
      const ok = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 409);
      expect(ok.length + refused.length, JSON.stringify(answers.map((a) => a.status))).toBe(4);
      expect(ok.length).toBeGreaterThanOrEqual(1);
      for (const r of refused) expect(r.body.alreadyApplied ?? r.body.details?.alreadyApplied, JSON.stringify(r.body)).toBe(true);
      // however many said 200, one staff member exists, with one audit entry
      const rows = await db.selectFrom('staff').select('id').where('given_name', '=', `Song${round}`).execute();
      expect(rows, `round ${round}`).toHaveLength(1);
      expect(new Set(ok.map((a) => a.body.id))).toEqual(new Set([rows[0].id]));
      const audit = await db.selectFrom('audit_events').select('id').where('entity_id', '=', rows[0].id).execute();
      expect(audit).toHaveLength(1);
      const retry = await c.post(path, body, { 'idempotency-key': key });
      expect(retry.status).toBe(200);
      expect(retry.headers.get('idempotent-replay')).toBe('true');
      expect(retry.body.id).toBe(rows[0].id);
    }
  });
});

