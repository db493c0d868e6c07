/**
 * Issue 15 §10 (a school's slow network): the built web app's hashed files are sent compressed
 * (the build's brotli or gzip copy, as the browser accepts) and cached for a year as immutable;
 * index.html (and every client route, which is index.html) is checked again each time.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressAssets } from '../../scripts/compress-assets.mjs';
import { buildApp } from '../../src/server/app.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';
import { testClock } from '../helpers/test-clock.ts';

let database: TestDatabase;
let app: FastifyInstance;
let webRoot: string;
const SCRIPT = `export const tenths = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i, name: `Học sinh ${i}` })))};\n`;
const TINY = 'export const x = 1;\n';

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'sodiem-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html lang="vi"><script type="module" src="/assets/index-Ab12Cd34.js"></script></html>');
  writeFileSync(join(webRoot, 'assets', 'index-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(webRoot, 'assets', 'tiny-Zz99Yy88.js'), TINY);
  const totals = compressAssets(join(webRoot, 'assets'));
  expect(totals.files).toBe(1);
  expect(totals.brotli).toBeLessThan(totals.raw / 5);
  database = await createTestDatabase();
  app = await buildApp({ env: parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent' }), database: database.handle, clock: testClock(), jobWorker: false, webRoot });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
  rmSync(webRoot, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) => app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

describe('the web app on a slow network', () => {
  it('a hashed script: brotli when accepted, else gzip, else as is; cached a year, immutable', async () => {
    const br = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br');
    expect([br.statusCode, br.headers['content-encoding'], br.headers['cache-control']]).toEqual([200, 'br', 'public, max-age=31536000, immutable']);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
    expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(SCRIPT) / 5);
    expect(br.headers['content-type']).toContain('javascript');
    expect(String(br.headers.vary).toLowerCase()).toContain('accept-encoding');

    const gz = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/index-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);

    const tiny = await get('/assets/tiny-Zz99Yy88.js', 'br');
    expect([tiny.headers['content-encoding'], tiny.body, tiny.headers['cache-control']]).toEqual([undefined, TINY, 'public, max-age=31536000, immutable']);
  });

  it('index.html and a client route are checked again each time (no-cache)', async () => {
    for (const url of ['/', '/so-diem/lop-9a1']) {
      const res = await get(url, 'br');
      expect([res.statusCode, res.headers['cache-control']], url).toEqual([200, 'no-cache']);
      expect(res.body, url).toContain('<html lang="vi">');
    }
    const api = await get('/api/v1/khong-co');
    expect(api.statusCode).toBe(404);
  });
});
