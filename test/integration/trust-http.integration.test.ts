/**
 * Issue 14 (findings 6, 8, 9) through the real server: printed documents name SODIEM_PUBLIC_URL
 * whatever the Host header says; X-Forwarded-* counts only from a proxy the operator configured;
 * HSTS and Secure cookies over HTTPS; C1 controls, bidi overrides and bytes that are not UTF-8 are
 * refused; an Idempotency-Key sent again with another body is 422.
 */
import { execFileSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/server/platform/env.ts';
import { TestClient } from '../helpers/client.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';

const PUBLIC_URL = 'https://sodiem.truong.edu.vn';
const MONTH = new Date(Date.parse(TEST_NOW) + 7 * 3600_000).toISOString().slice(0, 7);

/** The demo behind a configured proxy on this machine, at a configured public address. */
let proxied: TestServer;
/** No configuration: no proxy trusted. */
let plain: TestServer;
let principal: TestClient;

beforeAll(async () => {
  proxied = await startTestServer({ demo: true, env: { SODIEM_PUBLIC_URL: `${PUBLIC_URL}/`, SODIEM_TRUST_PROXY: 'loopback' } });
  plain = await startTestServer();
  const secret = proxied.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret;
  principal = await new TestClient(proxied.baseUrl).login('hieutruong', proxied.demo!.password, secret);
}, 60_000);
afterAll(async () => {
  await proxied?.close();
  await plain?.close();
});

/** A GET with headers fetch will not send (Host). */
function rawGet(baseUrl: string, path: string, headers: Record<string, string>): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('documents name their own home (SODIEM_PUBLIC_URL)', () => {
  it('a document printed with Host and X-Forwarded-Host of evil.example points to the configured address', async () => {
    const teacherId = (await proxied.database.handle.db.selectFrom('users').select('id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow()).id;
    const res = await rawGet(proxied.baseUrl, `/api/v1/schools/${proxied.demo!.schoolId}/edit-log.pdf?teacherUserId=${teacherId}&month=${MONTH}`, {
      host: 'evil.example',
      'x-forwarded-host': 'evil2.example',
      'x-forwarded-proto': 'http',
      cookie: principal.cookie!,
    });
    expect(res.status, res.body.toString().slice(0, 200)).toBe(200);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-', '-'], { input: res.body, encoding: 'utf8' });
    expect(text).toMatch(new RegExp(`Kiểm tra bản gốc: ${PUBLIC_URL.replaceAll('.', '\\.')}/verify/[A-Z0-9-]+`));
    expect(text).not.toContain('evil');
  });

  it('SODIEM_PUBLIC_URL must be an http(s) address without a path; production outside the demo refuses to start without it', () => {
    expect(parseEnv({ SODIEM_PUBLIC_URL: 'https://sodiem.truong.edu.vn/' }).publicUrl).toBe('https://sodiem.truong.edu.vn');
    expect(parseEnv({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    for (const bad of ['sodiem.truong.edu.vn', 'ftp://sodiem.vn', 'https://sodiem.vn/so-diem', 'https://sodiem.vn/?a=1', 'https://u:p@sodiem.vn']) {
      expect(() => parseEnv({ SODIEM_PUBLIC_URL: bad }), bad).toThrow(/SODIEM_PUBLIC_URL/);
    }
    expect(() => parseEnv({ NODE_ENV: 'production', SODIEM_DEMO: '0' })).toThrow(/chưa đặt SODIEM_PUBLIC_URL/);
    expect(parseEnv({ NODE_ENV: 'production', SODIEM_DEMO: '0', SODIEM_PUBLIC_URL: PUBLIC_URL }).publicUrl).toBe(PUBLIC_URL);
  });
});

describe('X-Forwarded-* only from a proxy the operator configured', () => {
  it('by default X-Forwarded-For from this machine is ignored: the per-IP login throttle still counts', async () => {
    let throttled = false;
    for (let i = 0; i < 40 && !throttled; i++) {
      const res = await plain.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '127.0.0.9',
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        payload: { username: `khong-co-${i}`, password: 'sai-mat-khau' },
      });
      throttled = res.statusCode === 429;
    }
    expect(throttled).toBe(true);
  });

  it('HSTS and a Secure session cookie over HTTPS: X-Forwarded-Proto counts from the configured proxy only', async () => {
    const hsts = 'max-age=31536000; includeSubDomains';
    const viaProxy = await fetch(`${proxied.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
      body: JSON.stringify({ username: 'vanthu', password: proxied.demo!.password }),
    });
    expect(viaProxy.status).toBe(200);
    expect(viaProxy.headers.get('strict-transport-security')).toBe(hsts);
    expect(viaProxy.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const page = await fetch(`${proxied.baseUrl}/verify/khong-co`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(page.headers.get('strict-transport-security')).toBe(hsts);

    const overHttp = await fetch(`${proxied.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vanthu', password: proxied.demo!.password }),
    });
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
    const untrusted = await fetch(`${plain.baseUrl}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(untrusted.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('text fields refuse control characters, bidi overrides and bytes that are not UTF-8', () => {
  const studentsPath = () => `/api/v1/classes/${proxied.demo!.classIds['6A1']}/students`;
  const student = (familyName: string) => ({ student: { familyName, givenName: 'Thử', sex: 'male', dateOfBirth: '2015-01-01' }, startsOn: '2026-11-23' });
  const auditCount = async () => Number((await proxied.database.handle.db.selectFrom('audit_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  for (const [what, name] of [
    ['C1 control (NEL)', 'Nguyễn\u0085An'],
    ['C1 control (CSI)', 'Nguyễn\u009bAn'],
    ['right-to-left override', 'Nguyễn\u202eAn'],
    ['left-to-right embedding', 'Nguyễn\u202aAn'],
    ['first-strong isolate', 'Nguyễn\u2068An\u2069'],
  ] as const) {
    it(`${what}: 400 naming the field, nothing stored`, async () => {
      const before = await auditCount();
      const res = await principal.post(studentsPath(), student(name));
      expect(res.status).toBe(400);
      expect(res.body.message).toContain('student.familyName');
      expect(res.body.message).toContain('kí tự điều khiển');
      expect(await auditCount()).toBe(before);
    });
  }

  it('a body with bytes that are not UTF-8: 400 naming the field, nothing stored', async () => {
    const before = await auditCount();
    const json = JSON.stringify(student('Nguyễn@An'));
    const [head, tail] = json.split('@');
    const body = Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(tail)]);
    const res = await fetch(`${proxied.baseUrl}${studentsPath()}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: principal.cookie!, 'x-csrf-token': principal.csrfToken! },
      body,
    });
    const answer = await res.json();
    expect(res.status, JSON.stringify(answer)).toBe(400);
    expect(answer.message).toContain('student.familyName');
    expect(await auditCount()).toBe(before);
  });

  it('tabs and line breaks stay allowed in free text', async () => {
    const res = await principal.post(studentsPath(), student('Nguyễn\tVăn'));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('an Idempotency-Key names one request', () => {
  it('sent again with a different body: 422 with a Vietnamese message, nothing done; with the same body: the answer replayed', async () => {
    const path = `/api/v1/schools/${proxied.demo!.schoolId}/staff`;
    const body = { familyName: 'Hoàng', middleName: 'Thị', givenName: 'Nhung', sex: 'female' };
    const first = await principal.post(path, body, { 'idempotency-key': 'k-trust-1' });
    expect(first.status).toBe(200);
    const other = await principal.post(path, { ...body, givenName: 'Hạnh' }, { 'idempotency-key': 'k-trust-1' });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác');
    expect(other.headers.get('idempotent-replay')).toBeNull();
    const db = proxied.database.handle.db;
    expect(await db.selectFrom('staff').select('id').where('given_name', '=', 'Hạnh').where('family_name', '=', 'Hoàng').execute()).toHaveLength(0);
    const retry = await principal.post(path, body, { 'idempotency-key': 'k-trust-1' });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('idempotent-replay')).toBe('true');
    expect(retry.body.id).toBe(first.body.id);
  });
});
