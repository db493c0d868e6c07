/**
 * Account routes (src/server/accounts/accounts.routes.ts) through HTTP: lists, account
 * slips with one-time passwords, the forced password change, privileged roles, guardian
 * accounts, disabling and password resets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const MANAGE_ONLY = 'Chỉ Hiệu trưởng và Ban quản trị phần mềm được tạo, khóa tài khoản và phân quyền.';
const PRINCIPAL_ONLY = 'Chỉ Hiệu trưởng được trao hoặc thu hồi vai trò Hiệu trưởng và Ban quản trị phần mềm.';
const CHANGE_FIRST = 'Thầy/cô cần đổi mật khẩu dùng một lần trước khi tiếp tục.';
const NEW_PASSWORD = 'Hoa-Phuong-Do-2026';

const db = () => server.database.handle.db;
const anon = () => new TestClient(server.baseUrl);
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const accounts = () => `/api/v1/schools/${server.demo!.schoolId}/accounts`;
const audits = (entityId: string, action: string) => db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('action', '=', action).execute();
/** Logs in with a password alone; returns the client and the login answer. */
async function passwordLogin(username: string, password: string) {
  const client = new TestClient(server.baseUrl);
  const res = await client.post('/api/v1/auth/login', { username, password });
  if (res.status === 200) client.csrfToken = res.body.csrfToken;
  return { client, res };
}
let n = 0;
/** A new teacher account made by the admin board; returns its slip. */
async function teacherAccount(roles: string[] = ['teacher'], by = c.admin) {
  const res = await by.post(accounts(), { fullName: `Giáo viên Thử ${++n}`, username: `gv.thu${n}`, roles });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}
/** Logs in with the slip and changes the one-time password; returns the ready client. */
async function firstLogin(slip: any) {
  const { client } = await passwordLogin(slip.account.username, slip.oneTimePassword);
  expect((await client.post('/api/v1/auth/change-password', { currentPassword: slip.oneTimePassword, newPassword: NEW_PASSWORD })).status).toBe(200);
  return client;
}
const version = async (userId: string) => Number((await db().selectFrom('users').select('version').where('id', '=', userId).executeTakeFirstOrThrow()).version);

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', teacher: 'gvcn.6a1', district: 'phonggd', otherPrincipal: 'th.hieutruong' })) c[key] = await login(u);
});
afterAll(async () => server?.close());

describe('GET /schools/:schoolId/accounts', () => {
  it('401, 403 with the reason for a teacher, the district officer and another school’s principal', async () => {
    expect((await anon().get(accounts())).status).toBe(401);
    for (const client of [c.teacher, c.district, c.otherPrincipal]) {
      const res = await client.get(accounts());
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(MANAGE_ONLY);
    }
  });

  it('200 for the admin board: every account of the school with roles, never a password hash', async () => {
    const res = await c.admin.get(accounts());
    expect(res.status).toBe(200);
    expect(res.body.map((a: any) => a.username)).toEqual(expect.arrayContaining(['hieutruong', 'quantri', 'gvcn.6a1', 'vanthu', 'phuhuynh']));
    expect(res.body.map((a: any) => a.username)).not.toContain('th.hieutruong');
    expect(res.body.find((a: any) => a.username === 'hieutruong')).toMatchObject({ roles: ['principal'], roleLabels: ['Hiệu trưởng'], totpEnabled: true, disabled: false });
    expect(res.body.find((a: any) => a.username === 'phuhuynh').studentIds).toHaveLength(1);
    expect(JSON.stringify(res.body)).not.toMatch(/password_hash|argon2|totp_secret/);
  });
});

describe('POST /schools/:schoolId/accounts and the first login', () => {
  it('401, 400 naming the field, 403 with the reason', async () => {
    const body = { fullName: 'Lê Văn Tâm', roles: ['teacher'] };
    expect((await anon().post(accounts(), body)).status).toBe(401);
    expect((await c.admin.post(accounts(), { ...body, roles: [] })).body.message).toContain('roles');
    const badName = await c.admin.post(accounts(), { ...body, username: 'Lê Tâm' });
    expect(badName.status).toBe(400);
    expect(badName.body.message).toContain('username');
    expect((await c.admin.post(accounts(), { ...body, roles: ['guardian'] })).status).toBe(400);
    const teacher = await c.teacher.post(accounts(), body);
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toBe(MANAGE_ONLY);
  });

  it('a slip with a one-time password; a taken username or staff record → 409; staff of another school → 400', async () => {
    const staff = await c.admin.post(`/api/v1/schools/${server.demo!.schoolId}/staff`, { familyName: 'Lê', middleName: 'Văn', givenName: 'Tâm', sex: 'male' });
    const slip = (await c.admin.post(accounts(), { fullName: 'Lê Văn Tâm', staffId: staff.body.id, roles: ['teacher'] })).body;
    expect(slip.oneTimePassword).toMatch(/^[A-Za-z2-9]{10}$/);
    expect(slip.schoolName).toBe('Trường THCS Nguyễn Trãi');
    expect(slip.account).toMatchObject({ fullName: 'Lê Văn Tâm', staffId: staff.body.id, roles: ['teacher'], mustChangePassword: true, disabled: false, version: 1 });
    expect(slip.account.username).toMatch(/^[a-z0-9._-]{3,40}$/);
    const [event] = await audits(slip.account.id, 'account.created');
    expect(JSON.parse(event.after_json!)).toMatchObject({ username: slip.account.username, staffId: staff.body.id });
    expect(event.after_json).not.toContain(slip.oneTimePassword);

    expect((await c.admin.post(accounts(), { fullName: 'Lê Văn Tâm', username: slip.account.username, roles: ['clerk'] })).status).toBe(409);
    expect((await c.admin.post(accounts(), { fullName: 'Lê Văn Tâm', staffId: staff.body.id, roles: ['teacher'] })).status).toBe(409);
    const primaryStaff = (await db().selectFrom('users').select('staff_id').where('username', '=', 'gvcn.3a').executeTakeFirstOrThrow()).staff_id;
    const foreign = await c.admin.post(accounts(), { fullName: 'Người lạ', staffId: primaryStaff, roles: ['teacher'] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'staffId' })]);
  });

  it('the one-time password leads to changePassword: every other route answers 403 until a strong password is set', async () => {
    const slip = await teacherAccount();
    const { client, res } = await passwordLogin(slip.account.username, slip.oneTimePassword);
    expect(res.status).toBe(200);
    expect(res.body.next).toBe('changePassword');
    expect((await client.get('/api/v1/auth/me')).body.next).toBe('changePassword');
    for (const path of [`/api/v1/schools/${server.demo!.schoolId}/years`, `/api/v1/schools/${server.demo!.schoolId}/staff`, '/api/v1/students/import-template.xlsx']) {
      const denied = await client.get(path);
      expect(denied.status, path).toBe(403);
      expect(denied.body.message).toBe(CHANGE_FIRST);
    }
    expect((await client.post(`/api/v1/schools/${server.demo!.schoolId}/staff`, { familyName: 'A', givenName: 'B', sex: 'male' })).status).toBe(403);

    const change = (currentPassword: string, newPassword: string) => client.post('/api/v1/auth/change-password', { currentPassword, newPassword });
    expect((await change(slip.oneTimePassword, '')).body.message).toContain('newPassword');
    for (const weak of ['ngan-qua', '01234567890123', `${slip.account.username}-2026-abc`, slip.oneTimePassword]) {
      const r = await change(slip.oneTimePassword, weak);
      expect(r.status, weak).toBe(400);
      expect(r.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    }
    const wrong = await change('sai-mat-khau', NEW_PASSWORD);
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
    expect((await client.get(`/api/v1/schools/${server.demo!.schoolId}/years`)).status).toBe(403);

    const ok = await change(slip.oneTimePassword, NEW_PASSWORD);
    expect(ok.status).toBe(200);
    expect(ok.body.next).toBe('ready');
    expect((await client.get(`/api/v1/schools/${server.demo!.schoolId}/years`)).status).toBe(200);
    expect((await passwordLogin(slip.account.username, slip.oneTimePassword)).res.status).toBe(401);
    expect((await passwordLogin(slip.account.username, NEW_PASSWORD)).res.body.next).toBe('ready');
    expect(await audits(slip.account.id, 'account.password_changed')).toHaveLength(1);
  });
});

describe('privileged roles', () => {
  it('the admin board cannot grant principal or admin (403 with the reason); the principal can, and TOTP is then required', async () => {
    for (const roles of [['principal'], ['admin'], ['teacher', 'admin']]) {
      const res = await c.admin.post(accounts(), { fullName: 'Phó ban quản trị', roles });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(PRINCIPAL_ONLY);
    }
    const slip = await teacherAccount(['admin'], c.principal);
    expect(slip.account.roles).toEqual(['admin']);
    const { client } = await passwordLogin(slip.account.username, slip.oneTimePassword);
    const changed = await client.post('/api/v1/auth/change-password', { currentPassword: slip.oneTimePassword, newPassword: NEW_PASSWORD });
    expect(changed.body.next).toBe('setupTotp');
    const denied = await client.get(accounts());
    expect(denied.status).toBe(403);
    expect(denied.body.message).toContain('TOTP');
  });

  it('the 403 of a pending step carries `next`, which the web client uses to open that step', async () => {
    // src/web/api/client.ts routes a 403 with `next` to the login step; requireAuth sends it.
    const slip = await teacherAccount();
    const { client } = await passwordLogin(slip.account.username, slip.oneTimePassword);
    for (const path of [`/api/v1/schools/${server.demo!.schoolId}/years`, `/api/v1/years/${server.demo!.yearId}/classes`]) {
      const denied = await client.get(path);
      expect(denied.status).toBe(403);
      expect(denied.body, path).toMatchObject({ message: CHANGE_FIRST, next: 'changePassword' });
    }
  });

  it('PATCH roles: 401, 400, 403 for a teacher and for another school, the admin board cannot add principal, the principal can', async () => {
    const slip = await teacherAccount();
    const path = `/api/v1/accounts/${slip.account.id}`;
    expect((await anon().patch(path, { roles: ['clerk'], version: 1 })).status).toBe(401);
    expect((await c.admin.patch(path, { roles: ['clerk'] })).body.message).toContain('version');
    expect((await c.admin.patch(path, { roles: [], version: 1 })).body.message).toContain('roles');
    expect((await c.teacher.patch(path, { roles: ['clerk'], version: 1 })).body.message).toBe(MANAGE_ONLY);
    expect((await c.otherPrincipal.patch(path, { roles: ['clerk'], version: 1 })).status).toBe(403);
    const admin = await c.admin.patch(path, { roles: ['teacher', 'principal'], version: 1 });
    expect(admin.status).toBe(403);
    expect(admin.body.message).toBe(PRINCIPAL_ONLY);
    const principalId = (await c.admin.get(accounts())).body.find((a: any) => a.username === 'hieutruong');
    expect((await c.admin.patch(`/api/v1/accounts/${principalId.id}`, { roles: ['teacher'], version: principalId.version })).body.message).toBe(PRINCIPAL_ONLY);

    const ok = await c.principal.patch(path, { roles: ['teacher', 'vice_principal'], version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ roles: ['teacher', 'vice_principal'], version: 2 });
    const [event] = await audits(slip.account.id, 'account.rolesChanged');
    expect([JSON.parse(event.before_json!).roles, JSON.parse(event.after_json!).roles]).toEqual([['teacher'], ['teacher', 'vice_principal']]);
    expect((await c.principal.patch(path, { roles: ['teacher'], version: 1 })).status).toBe(409);
  });

});

describe('POST /schools/:schoolId/guardian-accounts', () => {
  it('401, 400, 403; the guardian account is tied to its student and sees only that child', async () => {
    const path = `/api/v1/schools/${server.demo!.schoolId}/guardian-accounts`;
    const list = (await c.principal.get(`/api/v1/classes/${server.demo!.classIds['6A2']}/students`)).body.entries;
    const [child, other] = [list[3].student, list[4].student];
    expect((await anon().post(path, { fullName: 'Phụ huynh', studentIds: [child.id] })).status).toBe(401);
    expect((await c.admin.post(path, { fullName: 'Phụ huynh', studentIds: [] })).body.message).toContain('studentIds');
    expect((await c.teacher.post(path, { fullName: 'Phụ huynh', studentIds: [child.id] })).body.message).toBe(MANAGE_ONLY);
    const primaryChild = (await db().selectFrom('students').select('id').where('school_id', '=', server.demo!.primarySchoolId).executeTakeFirstOrThrow()).id;
    const foreign = await c.admin.post(path, { fullName: 'Phụ huynh', studentIds: [primaryChild] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'studentIds' })]);

    const slip = (await c.admin.post(path, { fullName: 'Nguyễn Văn Cha', username: 'ph.6a2.4', studentIds: [child.id] })).body;
    expect(slip.account).toMatchObject({ username: 'ph.6a2.4', roles: ['guardian'], studentIds: [child.id], mustChangePassword: true });
    const guardian = await firstLogin(slip);
    expect((await guardian.get(`/api/v1/students/${child.id}`)).status).toBe(200);
    const denied = await guardian.get(`/api/v1/students/${other.id}`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Phụ huynh chỉ xem được thông tin của con mình.');
    expect((await guardian.get(`/api/v1/classes/${server.demo!.classIds['6A2']}/students`)).status).toBe(403);
    const patch = await c.admin.patch(`/api/v1/accounts/${slip.account.id}`, { roles: ['teacher'], version: await version(slip.account.id) });
    expect(patch.status).toBe(409);
  });
});

describe('disabling an account and resetting a password', () => {
  it('disable: 409 for a stale version, then its sessions end (401) and login fails; enabling again lets it in', async () => {
    const slip = await teacherAccount();
    const user = await firstLogin(slip);
    const path = `/api/v1/accounts/${slip.account.id}`;
    expect((await c.admin.patch(path, { disabled: true, version: 1 })).status).toBe(409);
    const res = await c.admin.patch(path, { disabled: true, version: await version(slip.account.id) });
    expect(res.status).toBe(200);
    expect(res.body.disabled).toBe(true);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    expect(await db().selectFrom('sessions').select('id').where('user_id', '=', slip.account.id).execute()).toEqual([]);
    expect((await passwordLogin(slip.account.username, NEW_PASSWORD)).res.status).toBe(401);
    expect(await audits(slip.account.id, 'account.disabled')).toHaveLength(1);

    const self = (await c.admin.get(accounts())).body.find((a: any) => a.username === 'quantri');
    expect((await c.admin.patch(`/api/v1/accounts/${self.id}`, { disabled: true, version: self.version })).status).toBe(409);

    expect((await c.admin.patch(path, { disabled: false, version: res.body.version })).body.disabled).toBe(false);
    expect((await passwordLogin(slip.account.username, NEW_PASSWORD)).res.body.next).toBe('ready');
  });

  it('reset: 401, 403, 404; a new slip, the old password and sessions end; the admin board cannot reset the principal', async () => {
    const slip = await teacherAccount();
    const user = await firstLogin(slip);
    const path = `/api/v1/accounts/${slip.account.id}/reset-password`;
    expect((await anon().post(path)).status).toBe(401);
    expect((await c.teacher.post(path)).body.message).toBe(MANAGE_ONLY);
    expect((await c.admin.post('/api/v1/accounts/khong-co/reset-password')).status).toBe(404);
    const res = await c.admin.post(path);
    expect(res.status).toBe(200);
    expect(res.body.oneTimePassword).not.toBe(slip.oneTimePassword);
    expect(res.body.account.mustChangePassword).toBe(true);
    expect((await user.get('/api/v1/auth/me')).status).toBe(401);
    expect((await passwordLogin(slip.account.username, NEW_PASSWORD)).res.status).toBe(401);
    expect((await passwordLogin(slip.account.username, res.body.oneTimePassword)).res.body.next).toBe('changePassword');
    expect(await audits(slip.account.id, 'account.passwordReset')).toHaveLength(1);

    const principal = (await c.admin.get(accounts())).body.find((a: any) => a.username === 'hieutruong');
    const denied = await c.admin.post(`/api/v1/accounts/${principal.id}/reset-password`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe(PRINCIPAL_ONLY);
  });
});

describe('the principal’s own account', () => {
  it('the admin board cannot disable the principal’s account (403 with the reason)', async () => {
    const principal = (await c.admin.get(accounts())).body.find((a: any) => a.username === 'hieutruong');
    const res = await c.admin.patch(`/api/v1/accounts/${principal.id}`, { disabled: true, version: principal.version });
    try {
      expect(res.status).toBe(403);
      expect(res.body.message).toBe(PRINCIPAL_ONLY);
    } finally {
      if (res.status === 200) await c.admin.patch(`/api/v1/accounts/${principal.id}`, { disabled: false, version: res.body.version });
    }
  });
});

describe('PATCH /accounts/:userId from the same version at the same instant', () => {
  it('exactly one 200 and one 409; the winner’s roles are stored and audited once', async () => {
    // Several rounds, so a lost edit cannot hide behind a lucky interleaving.
    for (let round = 0; round < 3; round += 1) {
      const slip = await teacherAccount();
      const path = `/api/v1/accounts/${slip.account.id}`;
      const from = await version(slip.account.id);
      const edits = [{ roles: ['teacher', 'clerk'] }, { roles: ['vice_principal'] }];
      const answers = await Promise.all(edits.map((edit) => c.admin.patch(path, { ...edit, version: from })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[winner].body).toMatchObject({ roles: edits[winner].roles, version: from + 1 });
      expect(answers[1 - winner].body).toMatchObject({ error: 'CONFLICT', message: 'Tài khoản vừa được người khác sửa. Hãy tải lại trang.' });
      const roles = await db().selectFrom('user_roles').select('role').where('user_id', '=', slip.account.id).execute();
      expect(roles.map((r) => r.role).sort()).toEqual([...edits[winner].roles].sort());
      expect(await version(slip.account.id)).toBe(from + 1);
      const events = await audits(slip.account.id, 'account.rolesChanged');
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].after_json!)).toMatchObject({ roles: edits[winner].roles });
    }
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
  });
});
