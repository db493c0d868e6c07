/**
 * `npm start` runs compiled JavaScript (issue 13 §5): scripts/build.mjs bundles the server and the
 * CLI into dist/ (dependencies stay in node_modules), and `node dist/server/main.js` seeds the
 * demo into an empty DATA_DIR — certificates, printed and signed học bạ included — and serves the
 * API and the web app; `node dist/cli/main.js` runs the CLI on the same clock (SODIEM_NOW).
 */
import { vietnamDay } from '../../src/domain/calendar/vietnam-time.ts';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';

const root = process.cwd();
const DAY = '2026-11-23';
let dataDir: string;
let server: ChildProcess | null = null;
let baseUrl = '';
const env = () => ({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', SODIEM_DEMO: '1', SODIEM_NOW: DAY, PORT: '0', HOST: '127.0.0.1', SODIEM_BACKUP_AT: 'off', LOG_LEVEL: 'warn' });

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'sodiem-prod-'));
  const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--server-only'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  expect(built.status, built.stderr + built.stdout).toBe(0);
  server = spawn(process.execPath, [join(root, 'dist', 'server', 'main.js')], { cwd: root, env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  server.stderr!.on('data', (d) => (err += d));
  baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dist/server/main.js did not start in 90 s:\n${out}\n${err}`)), 90_000);
    server!.stdout!.on('data', (d) => {
      out += d;
      const m = /đang chạy tại (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    });
    server!.once('exit', (code) => reject(new Error(`dist/server/main.js exited ${code}:\n${out}\n${err}`)));
  });
}, 240_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the production build', () => {
  it('serves the API and the web app from dist/, on the configured clock', async () => {
    expect((await (await fetch(`${baseUrl}/api/health`)).json()).status).toBe('ok');
    // The web app is served from dist/web when built (npm start builds it; here the browser suites
    // running alongside do, so this test does not rebuild it under them).
    if (existsSync(join(root, 'dist', 'web', 'index.html'))) expect(await (await fetch(`${baseUrl}/`)).text()).toContain('<html lang="vi">');
    const code = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'demo-totp', 'hieutruong'], { cwd: root, env: env(), encoding: 'utf8' });
    expect(code.status, code.stderr).toBe(0);
    const principal = new TestClient(baseUrl);
    const login = await principal.post('/api/v1/auth/login', { username: 'hieutruong', password: 'SoDiem@2026' });
    expect(login.body.next).toBe('totp');
    principal.csrfToken = login.body.csrfToken;
    expect((await principal.post('/api/v1/auth/totp', { code: code.stdout.trim() })).status).toBe(200);
    const me = await principal.get('/api/v1/auth/me');
    expect(vietnamDay(me.body.now)).toBe(DAY); // SODIEM_NOW=<day>: that day in Vietnam, at the real time of day
  });

  it('seeded the living demo with its test certificates and 9A1’s học bạ waiting for signers', () => {
    const audit = spawnSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), 'verify-audit'], { cwd: root, env: env(), encoding: 'utf8' });
    expect(audit.status, audit.stderr).toBe(0);
    expect(audit.stdout).toContain('mọi bản ghi khớp nhật kí');
    expect(existsSync(join(dataDir, 'demo-signing', 'hieutruong.p12'))).toBe(true);
    const db = new SQLite(join(dataDir, 'sodiem.db'), { readonly: true });
    try {
      const transcripts = db.prepare("SELECT COUNT(*) AS n FROM documents WHERE kind = 'transcript'").get() as { n: number };
      expect(transcripts.n).toBe(40);
    } finally {
      db.close();
    }
  });
});
