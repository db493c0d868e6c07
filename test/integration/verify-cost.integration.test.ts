/**
 * The public verification routes cannot be knocked over (issue 14, finding 1): anyone may upload a
 * PDF to /api/v1/verify/<id>/check or /verify/<id>, so the scan of the upload is linear and capped
 * (8,000 /ByteRange entries took 12 s and blocked every request), the upload is size-capped, the
 * server keeps answering while a large file is checked, and each address is rate-limited.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { MAX_PDF_SIGNATURES } from '../../src/server/platform/signing/find-pdf-signatures.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';

const ID = 'HB-0000-0000-0000-0000';

/** A "PDF" of `count` distinct /ByteRange entries (8,000 of them: about 200 KB). */
function byteRanges(count: number): Buffer {
  let text = '%PDF-1.7\n';
  for (let i = 0; i < count; i++) text += `/ByteRange[0 ${i} ${i + 1} 3]\n`;
  return Buffer.from(text, 'latin1');
}

/** About `megabytes` MB: MAX_PDF_SIGNATURES signature objects that never end, then many fields pointing at them. */
function largePdf(megabytes: number): Buffer {
  const parts = ['%PDF-1.7\n'];
  for (let i = 0; i < MAX_PDF_SIGNATURES; i++) parts.push(`${i + 5} 0 obj\n<< /Type /Sig /ByteRange [0 ${i + 1} 99999999 1] /Contents <00> /Reason (x)\n`);
  const field = (i: number) => `<< /FT /Sig /V ${(i % MAX_PDF_SIGNATURES) + 5} 0 R /T (field ${i}) >>\n`;
  let size = parts.join('').length;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    parts.push(field(i));
    size += field(i).length;
  }
  return Buffer.from(parts.join(''), 'latin1');
}

function form(bytes: Buffer): FormData {
  const body = new FormData();
  body.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'ban-sao.pdf');
  return body;
}

const capMessage = `Tệp có hơn ${MAX_PDF_SIGNATURES} chữ ký số`;

describe('the cost of checking an upload', () => {
  let server: TestServer;
  const check = (bytes: Buffer) => fetch(`${server.baseUrl}/api/v1/verify/${ID}/check`, { method: 'POST', body: form(bytes) });

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => server?.close());

  it('refuses 8,000 byte ranges, and 16,000, with a 400 naming the cap (bounded work, not a 500)', async () => {
    for (const count of [8000, 16_000]) {
      const res = await check(byteRanges(count));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'VALIDATION', message: expect.stringContaining(capMessage) });
    }
    const page = await fetch(`${server.baseUrl}/verify/${ID}`, { method: 'POST', body: form(byteRanges(8000)) });
    expect(page.status).toBe(400);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain(capMessage);
  });

  it('refuses a file over 20 MB with a 400 naming the limit', async () => {
    const res = await check(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(20 * 1024 * 1024)]));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'VALIDATION', message: 'Tệp lớn quá 20 MB.' });
  });

  it('answers health while a large file is being checked', async () => {
    const done: string[] = [];
    const checking = check(largePdf(19)).then(async (res) => {
      done.push('check');
      return { status: res.status, body: await res.json() };
    });
    const health = fetch(`${server.baseUrl}/api/health`).then((res) => {
      done.push('health');
      return res.status;
    });
    const [checked, healthStatus] = await Promise.all([checking, health]);
    expect(healthStatus).toBe(200);
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ matches: false, stage: null });
    expect(checked.body.signatures).toHaveLength(MAX_PDF_SIGNATURES);
    expect(done).toEqual(['health', 'check']);
  });
});

describe('the rate limit per address', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let baseUrl: string;
  // The server's clock moves only when the test says so.
  let now = Date.parse(TEST_NOW);
  const tinyPdf = Buffer.from('%PDF-1.7\n%%EOF\n');

  beforeAll(async () => {
    database = await createTestDatabase();
    app = await buildApp({ env: parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent', PORT: '0' }), database: database.handle, clock: () => new Date(now) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it('allows 30 checks a minute from one address, then 429 with Retry-After; the page shares the count; other addresses are not slowed', async () => {
    for (let i = 0; i < 30; i++) {
      expect((await fetch(`${baseUrl}/api/v1/verify/${ID}/check`, { method: 'POST', body: form(tinyPdf) })).status).toBe(200);
    }
    const refused = await fetch(`${baseUrl}/api/v1/verify/${ID}/check`, { method: 'POST', body: form(tinyPdf) });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(await refused.json()).toEqual({ error: 'RATE_LIMITED', message: 'Bạn đã gửi quá 30 tệp để kiểm tra trong một phút. Vui lòng thử lại sau 2 giây.' });

    const page = await fetch(`${baseUrl}/verify/${ID}`, { method: 'POST', body: form(tinyPdf) });
    expect(page.status).toBe(429);
    expect(page.headers.get('retry-after')).toBe('2');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Vui lòng thử lại sau 2 giây.');

    const elsewhere = await app.inject({ method: 'POST', url: `/api/v1/verify/${ID}/check`, remoteAddress: '203.0.113.9', payload: form(tinyPdf) });
    expect(elsewhere.statusCode).toBe(200);

    now += 2000;
    expect((await fetch(`${baseUrl}/api/v1/verify/${ID}/check`, { method: 'POST', body: form(tinyPdf) })).status).toBe(200);
    expect((await fetch(`${baseUrl}/api/v1/verify/${ID}/check`, { method: 'POST', body: form(tinyPdf) })).status).toBe(429);
  });

  it('allows 120 look-ups a minute from one address across the JSON and the page, then 429', async () => {
    for (let i = 0; i < 120; i++) {
      const res = await fetch(i % 2 ? `${baseUrl}/api/v1/verify/${ID}` : `${baseUrl}/verify/${ID}`);
      expect(res.status).toBe(i % 2 ? 200 : 404);
    }
    const json = await fetch(`${baseUrl}/api/v1/verify/${ID}`);
    expect(json.status).toBe(429);
    expect(Number(json.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await json.json()).message).toContain('Bạn đã tra cứu quá 120 lần trong một phút.');
    const page = await fetch(`${baseUrl}/verify/${ID}`);
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Bạn đã tra cứu quá 120 lần trong một phút.');
    expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  });
});
