/**
 * Issue 14 (findings 5 and 8): login and the second factor done right, through the real app on
 * the demo. The app runs on a clock the test moves by hand, so every wait is exact.
 * - an unknown name and a known one answer alike, and both run the password hash;
 * - wrong passwords slow a name down with growing waits, never lock it; throttled answers are
 *   alike for every name;
 * - a stranger hammering the principal's name from elsewhere does not keep her out of her known
 *   device;
 * - 60 wrong TOTP codes: after three, each attempt waits longer (counted in the database);
 * - a TOTP code is accepted once; recovery codes work once each;
 * - typing the password again inside a session is throttled like a login;
 * - a lost second factor is turned off by the principal, or for her by the server's operator.
 */
import * as argon2 from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { totpCode } from '../../src/server/auth/totp.ts';
import { type DemoSeed, seedDemo } from '../../src/server/demo/seed-demo.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { type TestDatabase, createTestDatabase } from '../helpers/database.ts';
import { runCli } from '../helpers/cli.ts';
import { TEST_NOW } from '../helpers/test-clock.ts';

// The password hash, counted: an unknown name must run it as a known one does.
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});
const hashChecks = () => vi.mocked(argon2.verify).mock.calls.length;

let nowMs = Date.parse(TEST_NOW);
const clock = () => new Date(nowMs);
const wait = (seconds: number) => {
  nowMs += seconds * 1000;
};

let database: TestDatabase;
let app: FastifyInstance;
let demo: DemoSeed;
const env = () => parseEnv({ DATA_DIR: database.dataDir, LOG_LEVEL: 'silent' });
const secret = (username: string) => demo.logins.find((l) => l.username === username)!.totpSecret!;

/** A browser at one address: keeps its cookies, sends the CSRF token on writes. */
class Browser {
  cookies: Record<string, string> = {};
  csrf: string | null = null;
  constructor(
    readonly ip: string,
    readonly server: () => FastifyInstance = () => app,
  ) {}

  async send(method: 'GET' | 'POST', url: string, payload?: unknown) {
    const res = await this.server().inject({
      method,
      url,
      remoteAddress: this.ip,
      cookies: this.cookies,
      headers: this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {},
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    for (const c of res.cookies as { name: string; value: string }[]) {
      if (c.value) this.cookies[c.name] = c.value;
      else delete this.cookies[c.name];
    }
    const body = res.headers['content-type']?.toString().includes('json') ? res.json() : res.body;
    return { status: res.statusCode, body, retryAfter: res.headers['retry-after'], cookies: res.cookies as { name: string; value: string; path?: string; httpOnly?: boolean; sameSite?: string }[] };
  }

  async password(username: string, password = demo.password) {
    const res = await this.send('POST', '/api/v1/auth/login', { username, password });
    if (res.status === 200) this.csrf = res.body.csrfToken;
    return res;
  }

  totp(code: string) {
    return this.send('POST', '/api/v1/auth/totp', { code });
  }

  recovery(code: string) {
    return this.send('POST', '/api/v1/auth/totp/recovery', { code });
  }

  /** A minute later (a code is accepted once: its step must be new), the password, then the TOTP code. */
  async logIn(username: string) {
    wait(60);
    const first = await this.password(username);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await this.totp(totpCode(secret(username), nowMs));
    expect(second.status, JSON.stringify(second.body)).toBe(200);
    return second;
  }
}

const events = (action: string) =>
  database.handle.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('chain_key').orderBy('seq').execute();
const userId = async (username: string) => (await database.handle.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  database = await createTestDatabase();
  demo = await seedDemo(database.handle.db, { now: clock() });
  app = await buildApp({ env: env(), database: database.handle, clock, jobWorker: false });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.drop();
});

describe('the password step tells no one which names exist', () => {
  it('an unknown name, a wrong password and a disabled account: the same status and body, and each runs the password hash', async () => {
    await database.handle.db.updateTable('users').set({ disabled: 1 }).where('username', '=', 'sogd').execute();
    const answers = [];
    for (const [username, password] of [
      ['khong-ai-ten-nay', 'mat-khau-bat-ky'],
      ['giaovien', 'sai-mat-khau'],
      ['sogd', demo.password],
    ]) {
      const before = hashChecks();
      const res = await new Browser('203.0.113.10').password(username, password);
      expect(hashChecks() - before, username).toBe(1);
      answers.push({ status: res.status, body: res.body });
    }
    expect(answers[0]).toEqual({ status: 401, body: { error: 'UNAUTHENTICATED', message: 'Tên đăng nhập hoặc mật khẩu không đúng.' } });
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
  });

  it('throttled, an unknown name and a known one still answer alike (429, Retry-After, one message)', async () => {
    const attacker = new Browser('203.0.113.11');
    const answers = [];
    for (const username of ['khong-ai-ten-nay-2', 'vanthu']) {
      for (let i = 0; i < 3; i++) expect((await attacker.password(username, `sai-${i}`)).status).toBe(401);
      const res = await attacker.password(username, 'sai-nua');
      answers.push({ status: res.status, body: res.body, retryAfter: res.retryAfter });
    }
    expect(answers[0]).toEqual({ status: 429, body: { error: 'RATE_LIMITED', message: 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 2 giây.' }, retryAfter: '2' });
    expect(answers[1]).toEqual(answers[0]);
  });
});

describe('wrong passwords slow a name down, never lock it', () => {
  it('after three from one address each attempt waits twice as long, the right password included; after the wait it goes through', async () => {
    const b = new Browser('203.0.113.20');
    for (let i = 0; i < 3; i++) expect((await b.password('gvcn.9a1', `sai-${i}`)).status).toBe(401);
    const held = await b.password('gvcn.9a1');
    expect([held.status, held.retryAfter]).toEqual([429, '2']);
    wait(2);
    expect((await b.password('gvcn.9a1', 'sai-3')).status).toBe(401);
    expect((await b.password('gvcn.9a1')).retryAfter).toBe('4');
    wait(4);
    expect((await b.password('gvcn.9a1')).status).toBe(200);
    // The success cleared the count: three free failures again (from another browser: this one is now a known device).
    const other = new Browser('203.0.113.20');
    for (let i = 0; i < 3; i++) expect((await other.password('gvcn.9a1', `sai-${i}`)).status).toBe(401);
    expect((await other.password('gvcn.9a1')).status).toBe(429);
    const audited = await events('login.locked');
    expect(audited.at(-1)).toMatchObject({ entity_id: await userId('gvcn.9a1'), ip: '203.0.113.20' });
    expect(JSON.parse(audited.at(-1)!.after_json!)).toMatchObject({ failedLogins: 3 });
  });

  it('the count is in the database: another server on it (a restart, a second instance) holds the name back too', async () => {
    const b = new Browser('203.0.113.21');
    for (let i = 0; i < 3; i++) expect((await b.password('phuhuynh', `sai-${i}`)).status).toBe(401);
    // Built like the app: the counters are nowhere but in the database.
    const restarted = await buildApp({ env: env(), database: database.handle, clock, jobWorker: false });
    try {
      const res = await new Browser('203.0.113.21', () => restarted).password('phuhuynh');
      expect([res.status, res.retryAfter]).toEqual([429, '2']);
    } finally {
      await restarted.close();
    }
  });
});

describe('typing the password again inside a session is a login attempt too', () => {
  it('a stolen session cannot guess the current password through "change password": three wrong, then each waits longer; each failure audited', async () => {
    const b = new Browser('203.0.113.30');
    expect((await b.password('giaovien')).body.next).toBe('ready');
    const change = (currentPassword: string) => b.send('POST', '/api/v1/auth/change-password', { currentPassword, newPassword: 'MatKhauMoi#2026-rat-dai' });
    for (let i = 0; i < 3; i++) {
      const wrong = await change(`doan-${i}`);
      expect([wrong.status, wrong.body.errors?.[0]?.field]).toEqual([400, 'currentPassword']);
    }
    const held = await change(demo.password);
    expect([held.status, held.retryAfter]).toEqual([429, '2']);
    wait(2);
    expect((await change('doan-3')).status).toBe(400);
    expect((await change(demo.password)).retryAfter).toBe('4');
    const teacher = await userId('giaovien');
    const here = async (action: string) => (await events(action)).filter((e) => e.entity_id === teacher && e.ip === '203.0.113.30');
    expect((await here('login.failed')).length + (await here('login.locked')).length).toBe(4);
    expect(await here('account.password_changed')).toHaveLength(0);
    wait(8);
  });
});

describe('the principal and the admin board see a name held back, and release it', () => {
  it('the accounts list shows until when; a password reset releases the name at once', async () => {
    const principal = new Browser('203.0.113.41');
    await principal.logIn('hieutruong');
    for (let i = 1; i <= 4; i++) {
      const stranger = new Browser(`203.0.113.${30 + i}`);
      for (let j = 0; j < 3; j++) await stranger.password('phuhuynh', `doan-${i}-${j}`);
    }
    expect((await new Browser('203.0.113.40').password('phuhuynh')).status).toBe(429);
    const accounts = await principal.send('GET', `/api/v1/schools/${demo.schoolId}/accounts`);
    const held = accounts.body.find((a: { username: string }) => a.username === 'phuhuynh');
    expect(Date.parse(held.lockedUntil)).toBeGreaterThan(nowMs);
    const reset = await principal.send('POST', `/api/v1/accounts/${held.id}/reset-password`);
    expect(reset.status).toBe(200);
    expect((await new Browser('203.0.113.40').password('phuhuynh', reset.body.oneTimePassword)).status).toBe(200);
  });
});

describe('no stranger keeps the principal out', () => {
  it('strangers at forty addresses fail on her name: a new browser waits a minute at most; her own browser (known device) logs in at once, even behind the same address', async () => {
    const own = new Browser('198.51.100.200');
    await own.logIn('hieutruong');
    const device = own.cookies.sodiem_device;
    expect(device).toMatch(/^[\w-]{43}$/);
    await own.send('POST', '/api/v1/auth/logout');

    let refused = 0;
    for (let i = 1; i <= 40; i++) {
      const stranger = new Browser(`198.51.100.${i}`);
      for (let j = 0; j < 3; j++) if ((await stranger.password('hieutruong', `doan-${i}-${j}`)).status === 429) refused++;
    }
    expect(refused).toBeGreaterThan(90);
    // The name is held back for anyone without her device cookie, but never long.
    const newBrowser = await new Browser('198.51.100.201').password('hieutruong');
    expect(newBrowser.status).toBe(429);
    expect(Number(newBrowser.retryAfter)).toBeLessThanOrEqual(60);

    // Her own browser, at home and behind the strangers' own address (a school's shared address).
    for (const ip of ['198.51.100.200', '198.51.100.1']) {
      const b = Object.assign(new Browser(ip), { cookies: { sodiem_device: device } });
      await b.logIn('hieutruong');
      expect((await b.send('GET', '/api/v1/auth/me')).status).toBe(200);
    }
  });

  it('the known-device cookie: HttpOnly, SameSite=Strict, only for the login routes, set only once the whole login is done', async () => {
    const b = new Browser('198.51.100.210');
    wait(60);
    const first = await b.password('hieutruong');
    expect(first.cookies.map((c) => c.name)).toEqual(['sodiem_session']);
    const second = await b.totp(totpCode(secret('hieutruong'), nowMs, 0));
    expect(second.status).toBe(200);
    expect(second.cookies.find((c) => c.name === 'sodiem_device')).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
  });
});

describe('the second factor', () => {
  it('60 wrong TOTP codes: the first three are checked, then each waits longer (429, Retry-After, one message); the right code after the wait logs in', async () => {
    const attacker = new Browser('192.0.2.50');
    wait(60);
    const right = [-1, 0, 1].map((d) => totpCode(secret('quantri'), nowMs, d));
    const wrong = ['000000', '111111', '222222', '333333', '444444'].filter((c) => !right.includes(c));
    const statuses: number[] = [];
    const refusals = new Set<string>();
    for (let i = 0; i < 60; i++) {
      // A wrong code ends the half-open login; a throttled one keeps it.
      if (!attacker.cookies.sodiem_session || statuses.at(-1) === 401) expect((await attacker.password('quantri')).status).toBe(200);
      const res = await attacker.totp(wrong[i % wrong.length]);
      statuses.push(res.status);
      if (res.status === 429) refusals.add(`${res.retryAfter} ${res.body.message}`);
    }
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    expect([...refusals]).toEqual(['2 Nhập sai mã xác thực quá nhiều lần. Vui lòng thử lại sau 2 giây.']);
    const throttled = await events('login.totp_throttled');
    expect(throttled.map((e) => JSON.parse(e.after_json!).failedLogins)).toEqual([3]);

    wait(2);
    expect((await attacker.totp(wrong[0])).status).toBe(401);
    expect((await attacker.password('quantri')).status).toBe(200);
    expect((await attacker.totp(wrong[1])).retryAfter).toBe('4');
    wait(4);
    expect((await attacker.totp(totpCode(secret('quantri'), nowMs, 0))).status).toBe(200);
    // The success cleared the count.
    const again = new Browser('192.0.2.51');
    expect((await again.password('quantri')).status).toBe(200);
    expect((await again.totp(wrong[0])).status).toBe(401);
  });

  it('a code is accepted once: the same code again is refused, so is an older one of the window; the next step’s code works', async () => {
    const b = new Browser('192.0.2.60');
    await b.logIn('hieutruong');
    await b.send('POST', '/api/v1/auth/logout');
    expect((await b.password('hieutruong')).status).toBe(200);
    const replay = await b.totp(totpCode(secret('hieutruong'), nowMs, 0));
    expect(replay.status).toBe(401);
    expect(replay.body.message).toContain('Mã xác thực không đúng');
    expect((await b.password('hieutruong')).status).toBe(200);
    expect((await b.totp(totpCode(secret('hieutruong'), nowMs, -1))).status).toBe(401);
    expect((await b.password('hieutruong')).status).toBe(200);
    expect((await b.totp(totpCode(secret('hieutruong'), nowMs, 1))).status).toBe(200);
    expect((await events('login.totp_replayed')).length).toBe(2);
  });

  it('the same code sent by two logins at once logs in one of them', async () => {
    const [a, b] = [new Browser('192.0.2.61'), new Browser('192.0.2.62')];
    wait(60);
    expect((await a.password('hieutruong')).status).toBe(200);
    expect((await b.password('hieutruong')).status).toBe(200);
    const code = totpCode(secret('hieutruong'), nowMs, 0);
    const answers = await Promise.all([a.totp(code), b.totp(code)]);
    // The other is refused: the code is used (401), or it came while the first was being checked (429).
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status !== 200).map((r) => r.status)).toSatisfy((s: number[]) => s[0] === 401 || s[0] === 429);
  });
});

describe('recovery codes', () => {
  it('made with the TOTP set-up and usable once it is on', async () => {
    const b = new Browser('192.0.2.70');
    expect((await b.password('phohieutruong')).body.next).toBe('ready');
    const setup = await b.send('POST', '/api/v1/auth/totp/setup');
    expect(setup.body.recoveryCodes).toHaveLength(10);
    expect(setup.body.recoveryCodes[0]).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(new Set(setup.body.recoveryCodes).size).toBe(10);
    expect((await b.send('POST', '/api/v1/auth/totp/enable', { code: totpCode(setup.body.secret, nowMs) })).status).toBe(200);
    // The enabling code is used: it does not log in again.
    const c = new Browser('192.0.2.71');
    expect((await c.password('phohieutruong')).body.next).toBe('totp');
    expect((await c.totp(totpCode(setup.body.secret, nowMs))).status).toBe(401);
    expect((await c.password('phohieutruong')).status).toBe(200);
    const res = await c.recovery(setup.body.recoveryCodes[3]);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ next: 'ready', recoveryCodesLeft: 9 });
  });

  it('the owner makes new ones after typing her password; each works once, typed any way; the old ones stop; every use is audited with the count left', async () => {
    const owner = new Browser('192.0.2.80');
    await owner.logIn('hieutruong');
    expect((await owner.send('GET', '/api/v1/auth/recovery-codes')).body).toEqual({ totpEnabled: true, left: 0 });
    const wrong = await owner.send('POST', '/api/v1/auth/recovery-codes', { password: 'khong-phai-mat-khau' });
    expect([wrong.status, wrong.body.message]).toEqual([400, 'Mật khẩu không đúng.']);
    const made = await owner.send('POST', '/api/v1/auth/recovery-codes', { password: demo.password });
    expect(made.status).toBe(200);
    const codes: string[] = made.body.codes;
    expect(codes).toHaveLength(10);
    expect((await owner.send('GET', '/api/v1/auth/recovery-codes')).body).toEqual({ totpEnabled: true, left: 10 });
    const stored = await database.handle.db.selectFrom('recovery_codes').select('code_hash').where('user_id', '=', await userId('hieutruong')).execute();
    expect(stored.map((r) => r.code_hash).some((h) => codes.some((c) => h.includes(c.replaceAll('-', ''))))).toBe(false);

    const phoneLost = new Browser('192.0.2.81');
    expect((await phoneLost.password('hieutruong')).status).toBe(200);
    const used = await phoneLost.recovery(` ${codes[0].toUpperCase().replaceAll('-', ' ')} `);
    expect(used.status).toBe(200);
    expect(used.body).toMatchObject({ next: 'ready', recoveryCodesLeft: 9 });
    expect((await phoneLost.send('GET', '/api/v1/auth/me')).status).toBe(200);

    const again = new Browser('192.0.2.82');
    expect((await again.password('hieutruong')).status).toBe(200);
    expect((await again.recovery(codes[0])).status).toBe(401);
    expect((await again.send('GET', '/api/v1/auth/me')).status).toBe(401);

    const audited = await events('login.recovery_code_used');
    expect(audited.map((e) => [e.entity_id, JSON.parse(e.after_json!)])).toContainEqual([await userId('hieutruong'), { remaining: 9 }]);
    expect((await events('login.recovery_code_failed')).length).toBe(1);
    expect((await events('account.recovery_codes_generated')).length).toBe(1);

    // New codes: the old ones stop working.
    const renewed = await owner.send('POST', '/api/v1/auth/recovery-codes', { password: demo.password });
    expect(renewed.status).toBe(200);
    const late = new Browser('192.0.2.83');
    expect((await late.password('hieutruong')).status).toBe(200);
    expect((await late.recovery(codes[1])).status).toBe(401);
    expect((await late.password('hieutruong')).status).toBe(200);
    expect((await late.recovery(renewed.body.codes[1])).body.recoveryCodesLeft).toBe(9);
  });

  it('an account without TOTP has none to make, and a teacher cannot send one as a second step', async () => {
    const t = new Browser('192.0.2.90');
    expect((await t.password('giaovien')).body.next).toBe('ready');
    expect((await t.send('POST', '/api/v1/auth/recovery-codes', { password: demo.password })).status).toBe(409);
    expect((await t.recovery('abcd-efgh-jkmn')).status).toBe(401);
  });
});

describe('a lost phone and lost recovery codes', () => {
  const resetPath = async (username: string) => `/api/v1/accounts/${await userId(username)}/reset-second-factor`;
  it('the principal turns off the admin board\'s second factor: its sessions end, its codes go, it logs in with the password and must set TOTP up again; the admin board cannot do it to the principal, a teacher to no one', async () => {
    const board = new Browser('198.51.100.71');
    await board.logIn('quantri');
    const denied = await board.send('POST', await resetPath('hieutruong'));
    expect([denied.status, denied.body.message]).toEqual([403, 'Chỉ Hiệu trưởng được trao hoặc thu hồi vai trò Hiệu trưởng và Ban quản trị phần mềm.']);
    const teacher = new Browser('198.51.100.72');
    expect((await teacher.password('giaovien')).body.next).toBe('ready');
    expect((await teacher.send('POST', await resetPath('quantri'))).status).toBe(403);

    const principal = new Browser('198.51.100.73');
    await principal.logIn('hieutruong');
    const done = await principal.send('POST', await resetPath('quantri'));
    expect([done.status, done.body.totpEnabled]).toEqual([200, false]);
    expect((await board.send('GET', '/api/v1/auth/me')).status).toBe(401);
    expect(await database.handle.db.selectFrom('recovery_codes').select('id').where('user_id', '=', await userId('quantri')).execute()).toHaveLength(0);
    const again = new Browser('198.51.100.71');
    expect((await again.password('quantri')).body.next).toBe('setupTotp');
    const boardId = await userId('quantri');
    expect((await events('account.secondFactorReset')).filter((e) => e.entity_id === boardId)).toHaveLength(1);
    expect((await principal.send('POST', await resetPath('quantri'))).status).toBe(409);
  });

  it('the principal\'s own: the server\'s operator runs `sodiem reset-second-factor`, audited with no actor', async () => {
    const res = runCli(['reset-second-factor', 'th.hieutruong'], { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl, SODIEM_NOW: new Date(nowMs).toISOString() });
    expect([res.status, res.stderr]).toEqual([0, '']);
    expect(res.stdout).toContain('Đã tắt xác thực hai lớp của th.hieutruong');
    wait(60);
    expect((await new Browser('198.51.100.74').password('th.hieutruong')).body.next).toBe('setupTotp');
    const principalId = await userId('th.hieutruong');
    const [event] = (await events('account.secondFactorReset')).filter((e) => e.entity_id === principalId);
    expect(event).toMatchObject({ actor_user_id: null, actor_role: 'system' });
    expect(runCli(['reset-second-factor', 'khong-co'], { DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl }).status).toBe(1);
  });
});
