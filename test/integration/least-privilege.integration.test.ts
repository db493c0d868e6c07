/**
 * Issue 22, Q4 (least privilege): a subject teacher's class list and student record carry names
 * and what she grades, not the personal record; the homeroom teacher, the leadership and the
 * admin board get it, and each such read is logged. A guardian reading her own child is not
 * logged. The clerk's menu shows only what the clerk may do.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDENT_BASIC_FIELDS, STUDENT_PERSONAL_FIELDS } from '../../src/domain/policies/student-fields.ts';
import { NAV_ITEMS, navVisible } from '../../src/web/app/nav.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const db = () => server.database.handle.db;
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const events = (action: string, entityId: string) => db().selectFrom('audit_events').selectAll().where('action', '=', action).where('entity_id', '=', entityId).orderBy('seq').execute();
/** A class `giaovien` teaches and is not the homeroom teacher of, with its homeroom teacher's login. */
let taught: { id: string; homeroomLogin: string };

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const users = { principal: 'hieutruong', vice: 'phohieutruong', admin: 'quantri', giaovien: 'giaovien', guardian: 'phuhuynh', clerk: 'vanthu', district: 'phonggd' };
  for (const [key, u] of Object.entries(users)) c[key] = await login(u);
  const me = (await c.giaovien.get('/api/v1/auth/me')).body;
  const names = Object.fromEntries(Object.entries(server.demo!.classIds).map(([name, id]) => [id, name]));
  const classId = me.teaching.map((t: { classId: string }) => t.classId).find((id: string) => !me.homeroomClassIds.includes(id) && server.demo!.logins.some((l) => l.username === `gvcn.${names[id]?.toLowerCase()}`));
  expect(classId, 'giaovien teaches a class with a homeroom login').toBeTruthy();
  taught = { id: classId, homeroomLogin: `gvcn.${names[classId].toLowerCase()}` };
  c.homeroom = await login(taught.homeroomLogin);
});
afterAll(async () => server?.close());

const listPath = () => `/api/v1/classes/${taught.id}/students`;

describe('GET /classes/:classId/students (Q4)', () => {
  it('a subject teacher gets names, birth dates, sex and codes: no personal ID, guardians, phone, religion, address; her read is not logged', async () => {
    const before = (await events('classList.viewed', taught.id)).length;
    const res = await c.giaovien.get(listPath());
    expect(res.status).toBe(200);
    expect(res.body.entries.length).toBeGreaterThan(0);
    for (const e of res.body.entries) {
      expect(Object.keys(e.student).sort()).toEqual([...STUDENT_BASIC_FIELDS].sort());
      for (const key of ['nationalId', 'guardians', 'phone', 'religion', 'address', 'ethnicity', 'placeOfBirth']) expect(e.student, key).not.toHaveProperty(key);
      expect(e.student.fullName).toBeTruthy();
      expect(e.student.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    expect(JSON.stringify(res.body)).not.toMatch(/"nationalId"|"guardians"|"religion"/);
    expect(await events('classList.viewed', taught.id)).toHaveLength(before);
  });

  it('the homeroom teacher, the principal and the admin board get the personal record, and each read writes one classList.viewed', async () => {
    const readers = [['homeroom', c.homeroom], ['principal', c.principal], ['admin', c.admin], ['vice-principal', c.vice]] as const;
    for (const [who, client] of readers) {
      const before = (await events('classList.viewed', taught.id)).length;
      const res = await client.get(listPath());
      expect(res.status, who).toBe(200);
      const first = res.body.entries[0].student;
      for (const key of STUDENT_PERSONAL_FIELDS) expect(first, `${who}: ${key}`).toHaveProperty(key);
      expect(first.nationalId).toMatch(/^\d{12}$/);
      expect(first.guardians.length).toBeGreaterThan(0);
      const logged = await events('classList.viewed', taught.id);
      expect(logged, who).toHaveLength(before + 1);
      expect(logged.at(-1)).toMatchObject({ entity_type: 'class', actor_user_id: (await client.get('/api/v1/auth/me')).body.user.id });
      expect(JSON.parse(logged.at(-1)!.after_json!)).toEqual({ students: res.body.entries.length });
    }
  });

  it('the clerk and an officer above the school read the list without the personal record', async () => {
    for (const [who, client] of [['clerk', c.clerk], ['district', c.district]] as const) {
      const res = await client.get(listPath());
      expect(res.status, who).toBe(200);
      expect(res.body.entries[0].student, who).not.toHaveProperty('nationalId');
      expect(res.body.entries[0].student, who).not.toHaveProperty('guardians');
    }
  });
});

describe('GET /students/:studentId (Q4)', () => {
  it('a subject teacher gets the basic record; the homeroom teacher the whole one', async () => {
    const id = (await c.principal.get(listPath())).body.entries[0].student.id;
    const basic = await c.giaovien.get(`/api/v1/students/${id}`);
    expect(basic.status).toBe(200);
    expect(Object.keys(basic.body.student).sort()).toEqual([...STUDENT_BASIC_FIELDS].sort());
    expect(basic.body.enrollments.length).toBeGreaterThan(0);
    const full = await c.homeroom.get(`/api/v1/students/${id}`);
    for (const key of STUDENT_PERSONAL_FIELDS) expect(full.body.student).toHaveProperty(key);
  });

  it('a guardian reads her own child’s whole record, and that read is not logged', async () => {
    const me = (await c.guardian.get('/api/v1/auth/me')).body;
    const childId = me.grants.find((g: { role: string }) => g.role === 'guardian').studentId as string;
    const before = (await events('student.viewed', childId)).length;
    const res = await c.guardian.get(`/api/v1/students/${childId}`);
    expect(res.status).toBe(200);
    for (const key of STUDENT_PERSONAL_FIELDS) expect(res.body.student).toHaveProperty(key);
    expect(await events('student.viewed', childId)).toHaveLength(before);
    expect((await c.principal.get(`/api/v1/students/${childId}`)).status).toBe(200);
    expect(await events('student.viewed', childId)).toHaveLength(before + 1);
  });
});

describe('the clerk’s menu matches what the clerk may do', () => {
  it('no archive item (the server refuses her the archive); every item shown is one she may use', async () => {
    const me = (await c.clerk.get('/api/v1/auth/me')).body;
    const schoolId = server.demo!.schoolId;
    const can = (a: string) => me.abilities[schoolId]?.[a] === true;
    const shown = NAV_ITEMS.filter((item) => navVisible(item, me, can as never, 'secondary'));
    expect(shown.map((i) => i.href)).not.toContain('/luu-tru');
    const archives = await c.clerk.get(`/api/v1/schools/${schoolId}/archives`);
    expect(archives.status).toBe(403);
    expect(archives.body.message).toBe('Chỉ Hiệu trưởng và Ban quản trị phần mềm được lập và tải gói lưu trữ hồ sơ năm học.');
    // Shown without the item's own ability only where she has another power there: the seal on Ký số.
    expect(shown.filter((i) => i.ability && !can(i.ability)).map((i) => i.href)).toEqual(['/ky-so']);
    expect(can('document.applySeal')).toBe(true);
    const principal = (await c.principal.get('/api/v1/auth/me')).body;
    expect(NAV_ITEMS.filter((item) => navVisible(item, principal, (a) => principal.abilities[schoolId]?.[a] === true, 'secondary')).map((i) => i.href)).toContain('/luu-tru');
  });
});
