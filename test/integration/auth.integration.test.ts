import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/server/platform/clock.ts';
import { totpCode } from '../../src/server/auth/totp.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret!;

beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server?.close());

describe('health and OpenAPI (contracts/cli.md)', () => {
  it('GET /api/health answers ok', async () => {
    const res = await new TestClient(server.baseUrl).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('the OpenAPI document lists every /api/v1 route with a tag, request and response schemas', async () => {
    const res = await new TestClient(server.baseUrl).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const paths = Object.keys(res.body.paths);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      expect(path.startsWith('/api/v1/')).toBe(true);
      for (const op of Object.values(res.body.paths[path]) as any[]) {
        expect(op.tags?.length, path).toBeGreaterThan(0);
        // 200, or 202 for a request that starts a background job (print jobs, archives)
        expect(Object.keys(op.responses ?? {}).some((code) => code === '200' || code === '202'), path).toBe(true);
      }
    }
    const tags = new Set(Object.values(res.body.paths).flatMap((p: any) => Object.values(p).flatMap((op: any) => op.tags)));
    for (const t of ['setup', 'people', 'accounts', 'audit']) expect(tags).toContain(t);
  });
});

describe('login', () => {
  it('400 names the missing field', async () => {
    const res = await new TestClient(server.baseUrl).post('/api/v1/auth/login', { username: 'giaovien' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('password');
  });

  it('401 for an unknown user or a wrong password, with the same message', async () => {
    const c = new TestClient(server.baseUrl);
    const a = await c.post('/api/v1/auth/login', { username: 'khongco', password: 'x' });
    const b = await c.post('/api/v1/auth/login', { username: 'phohieutruong', password: 'sai-mat-khau' });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.message).toBe(b.body.message);
  });

  it('401 on a protected route without a session', async () => {
    const res = await new TestClient(server.baseUrl).get('/api/v1/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/đăng nhập/);
  });

  it('a teacher logs in with a password alone and sees her abilities', async () => {
    const c = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.next).toBe('ready');
    // 6A1 this year (and the classes she led in earlier years, which the demo also has)
    expect(me.body.homeroomClassIds).toContain(server.demo!.classIds['6A1']);
    expect(me.body.homeroomClassIds).not.toContain(server.demo!.classIds['9A1']);
    expect(me.body.abilities[server.demo!.schoolId]['setup.manage']).toBe(false);
    expect(me.body.abilities[server.demo!.schoolId]['classList.reorder']).toBe(false);
  });

  it('the principal needs the TOTP code: the password alone gives no access', async () => {
    const c = new TestClient(server.baseUrl);
    const res = await c.post('/api/v1/auth/login', { username: 'hieutruong', password: server.demo!.password });
    expect(res.body.next).toBe('totp');
    c.csrfToken = res.body.csrfToken;
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    // A code valid at no step the server accepts (its clock's step and one either side).
    const at = server.clock().getTime();
    // Not a code of the server's clock nor of the system clock (a phone's; also accepted when the two differ).
    const valid = [-1, 0, 1].flatMap((step) => [totpCode(secret('hieutruong'), at, step), totpCode(secret('hieutruong'), systemClock().getTime(), step)]);
    const wrong = await c.post('/api/v1/auth/totp', { code: ['000000', '111111', '222222', '333333'].find((code) => !valid.includes(code)) });
    expect(wrong.status).toBe(401);
    // The failed code ended the half-open session: log in again.
    await c.login('hieutruong', server.demo!.password, secret('hieutruong'));
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.abilities[server.demo!.schoolId]['setup.manage']).toBe(true);
  });

  it('writes without the CSRF token are refused', async () => {
    const c = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
    const token = c.csrfToken;
    c.csrfToken = null;
    const res = await c.post('/api/v1/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('CSRF');
    c.csrfToken = token;
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('three wrong passwords from one address make the next attempt wait, even with the right password (a delay, not a lockout: login-throttle.integration)', async () => {
    const c = new TestClient(server.baseUrl);
    for (let i = 0; i < 3; i++) expect((await c.post('/api/v1/auth/login', { username: 'vanthu', password: `sai-${i}` })).status).toBe(401);
    const held = await c.post('/api/v1/auth/login', { username: 'vanthu', password: server.demo!.password });
    expect(held.status).toBe(429);
    expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(held.body.message).toContain('quá nhiều lần');
  });

  it('logins are audited', async () => {
    const row = await server.database.handle.db
      .selectFrom('audit_events')
      .select(['action'])
      .where('action', 'in', ['login.succeeded', 'login.failed', 'login.locked'])
      .execute();
    const actions = new Set(row.map((r) => r.action));
    expect(actions).toEqual(new Set(['login.succeeded', 'login.failed', 'login.locked']));
  });
});
