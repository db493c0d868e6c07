/**
 * Year set-up routes (src/server/setup/setup.routes.ts) through HTTP: per route 401, 400,
 * 403 with the Vietnamese reason, then the behaviour and its audit events.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const SETUP_ONLY = 'Chỉ Hiệu trưởng và Ban quản trị phần mềm được thiết lập năm học';
const OTHER_SCHOOL = 'Tài khoản của thầy/cô không thuộc trường này.';

const db = () => server.database.handle.db;
const anon = () => new TestClient(server.baseUrl);
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const staffIdOf = async (username: string) => (await db().selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow()).staff_id as string;
const audits = (entityId: string, action?: string) => {
  let q = db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId);
  if (action) q = q.where('action', '=', action);
  return q.execute();
};
const yearBody = (y: number, extra: Record<string, unknown> = {}) => ({
  startYear: y,
  startsOn: `${y}-09-05`,
  endsOn: `${y + 1}-05-31`,
  terms: [
    { termNo: 1, startsOn: `${y}-09-05`, endsOn: `${y + 1}-01-16` },
    { termNo: 2, startsOn: `${y + 1}-01-18`, endsOn: `${y + 1}-05-31` },
  ],
  grades: [6, 7, 8, 9],
  ...extra,
});
const years = (schoolId = server.demo!.schoolId) => `/api/v1/schools/${schoolId}/years`;
let nextYear = 2040;
/** A fresh year of the THCS school (from the template), for tests that must not share data. */
async function freshYear(): Promise<string> {
  const res = await c.principal.post(years(), yearBody(nextYear++));
  expect(res.status).toBe(200);
  return res.body.year.id;
}
async function newClass(yearId: string, grade: number, name: string, homeroomStaffId: string | null = null) {
  const res = await c.principal.post(`/api/v1/years/${yearId}/classes`, { grade, name, homeroomStaffId });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { id: string; version: number };
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', gv6a1: 'gvcn.6a1', giaovien: 'giaovien', district: 'phonggd', otherPrincipal: 'th.hieutruong', guardian: 'phuhuynh' })) {
    c[key] = await login(u);
  }
});
afterAll(async () => server?.close());

describe('GET /schools/:schoolId/years', () => {
  it('401 without a session', async () => {
    expect((await anon().get(years())).status).toBe(401);
  });
  it('403 for another school’s principal and for a guardian', async () => {
    const other = await c.otherPrincipal.get(years());
    expect(other.status).toBe(403);
    expect(other.body.message).toBe(OTHER_SCHOOL);
    expect((await c.guardian.get(years())).status).toBe(403);
  });
  it('lists the years for the school’s staff and for the district officer', async () => {
    for (const client of [c.principal, c.gv6a1, c.district]) {
      const res = await client.get(years());
      expect(res.status).toBe(200);
      expect(res.body.find((y: any) => y.id === server.demo!.yearId)).toMatchObject({ startYear: 2026, name: '2026-2027', startsOn: '2026-09-05', endsOn: '2027-05-31' });
    }
  });
});

describe('POST /schools/:schoolId/years', () => {
  it('401 without a session', async () => {
    expect((await anon().post(years(), yearBody(2027))).status).toBe(401);
  });

  it('400 names the field: malformed date, impossible date, end before start, wrong term count', async () => {
    const malformed = await c.principal.post(years(), yearBody(2027, { startsOn: '05/09/2027' }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('startsOn');
    const impossible = await c.principal.post(years(), yearBody(2027, { endsOn: '2028-02-30' }));
    expect(impossible.status).toBe(400);
    expect(impossible.body.errors).toContainEqual(expect.objectContaining({ field: 'endsOn' }));
    const backwards = await c.principal.post(years(), yearBody(2027, { endsOn: '2027-06-01' }));
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors.map((e: any) => e.field)).toContain('endsOn');
    const oneTerm = await c.principal.post(years(), { ...yearBody(2027), terms: [yearBody(2027).terms[0]] });
    expect(oneTerm.status).toBe(400);
    expect(oneTerm.body.message).toContain('terms');
    expect(await db().selectFrom('school_years').select('id').where('start_year', '=', 2027).execute()).toEqual([]);
  });

  it('403 with the reason for a teacher, the district officer and another school’s principal', async () => {
    for (const client of [c.gv6a1, c.district, c.otherPrincipal]) {
      const res = await client.post(years(), yearBody(2027));
      expect(res.status).toBe(403);
      expect(res.body.message).toContain(SETUP_ONLY);
    }
  });

  it('creates 2027-2028 from the 2018 programme template, with periods and ĐĐGtx counts, audited; a second time → 409', async () => {
    const res = await c.principal.post(years(), yearBody(2027));
    expect(res.status).toBe(200);
    const setup = res.body;
    expect(setup.year).toMatchObject({ startYear: 2027, name: '2027-2028', status: 'active' });
    expect(setup.terms.map((t: any) => [t.termNo, t.name])).toEqual([[1, 'Học kỳ I'], [2, 'Học kỳ II']]);
    expect(setup.gradeLevels).toEqual([6, 7, 8, 9].map((grade) => ({ grade, regime: 'TT22_2021' })));
    expect(setup.classes).toEqual([]);
    for (const grade of [6, 7, 8, 9]) expect(setup.subjects.filter((s: any) => s.grade === grade).length).toBeGreaterThan(8);
    const toan6 = setup.subjects.find((s: any) => s.grade === 6 && s.code === 'TOAN');
    expect(toan6).toMatchObject({ name: 'Toán', periodsPerYear: 140, assessmentKind: 'scored', regularCount: 4 });
    expect(setup.subjects.find((s: any) => s.grade === 6 && s.code === 'GDTC')).toMatchObject({ assessmentKind: 'comment', periodsPerYear: 70, regularCount: 3 });
    const [event] = await audits(setup.year.id, 'schoolYear.created');
    expect(JSON.parse(event.after_json!)).toMatchObject({ name: '2027-2028', grades: [6, 7, 8, 9], copiedFrom: null, subjects: setup.subjects.length });

    const again = await c.admin.post(years(), yearBody(2027));
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('2027-2028');
  });

  it('copies subjects, subject groups, classes and assignments of 2026 into a new year', async () => {
    const head = await staffIdOf('gvcn.9a1');
    const group = await c.principal.post(`/api/v1/years/${server.demo!.yearId}/subject-groups`, { name: 'Tổ Toán - Tin', headStaffId: head, memberStaffIds: [await staffIdOf('giaovien')] });
    expect(group.status).toBe(200);
    const res = await c.principal.post(years(), yearBody(2028, { copyFromYearId: server.demo!.yearId }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const copy = res.body;
    const source = (await c.principal.get(`/api/v1/years/${server.demo!.yearId}`)).body;
    expect(copy.classes.map((k: any) => [k.name, k.homeroomStaffId, k.studentCount])).toEqual(source.classes.map((k: any) => [k.name, k.homeroomStaffId, 0]));
    expect(copy.subjects.map((s: any) => `${s.grade}:${s.code}:${s.periodsPerYear}`).sort()).toEqual(source.subjects.map((s: any) => `${s.grade}:${s.code}:${s.periodsPerYear}`).sort());
    expect(copy.subjectGroups).toContainEqual(expect.objectContaining({ name: 'Tổ Toán - Tin', headStaffId: head }));
    const grid = async (yearId: string) => {
      const g = (await c.principal.get(`/api/v1/years/${yearId}/assignments`)).body;
      const cls = new Map(g.classes.map((k: any) => [k.id, k.name]));
      const sub = new Map(g.subjects.map((s: any) => [s.id, s.code]));
      return g.assignments.map((a: any) => `${cls.get(a.classId)}/${sub.get(a.subjectId)}/${a.staffId}`).sort();
    };
    const copied = await grid(copy.year.id);
    expect(copied.length).toBeGreaterThan(20);
    expect(copied).toEqual(await grid(server.demo!.yearId));
  });

  it('400 when copying from a year of another school', async () => {
    const res = await c.principal.post(years(), yearBody(2029, { copyFromYearId: server.demo!.primaryYearId }));
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ field: 'copyFromYearId' }));
  });
});

describe('GET /years/:yearId and GET /years/:yearId/classes', () => {
  it('401, 403 for another school, 200 for the district officer', async () => {
    const path = `/api/v1/years/${server.demo!.yearId}`;
    expect((await anon().get(path)).status).toBe(401);
    expect((await anon().get(`${path}/classes`)).status).toBe(401);
    expect((await c.otherPrincipal.get(`${path}/classes`)).body.message).toBe(OTHER_SCHOOL);
    const district = await c.district.get(`${path}/classes`);
    expect(district.status).toBe(200);
    expect(district.body.map((k: any) => k.name)).toEqual(expect.arrayContaining(['6A1', '6A2', '9A1', '9A2']));
  });

  it('a teacher sees only her classes; the principal sees every class', async () => {
    const yearId = server.demo!.yearId;
    await newClass(yearId, 8, '8A7');
    const staffId = await staffIdOf('gvcn.6a1');
    const homeroom = await db().selectFrom('classes').select('id').where('homeroom_staff_id', '=', staffId).where('school_year_id', '=', yearId).execute();
    const taught = await db().selectFrom('teaching_assignments').select('class_id').where('staff_id', '=', staffId).where('school_year_id', '=', yearId).execute();
    const mine = new Set([...homeroom.map((r) => r.id), ...taught.map((r) => r.class_id)]);
    const all = await db().selectFrom('classes').select('id').where('school_year_id', '=', yearId).execute();

    const teacher = await c.gv6a1.get(`/api/v1/years/${yearId}/classes`);
    expect(teacher.status).toBe(200);
    expect(new Set(teacher.body.map((k: any) => k.id))).toEqual(mine);
    expect(teacher.body.map((k: any) => k.name)).toContain('6A1');
    expect(teacher.body.map((k: any) => k.name)).not.toContain('8A7');
    expect((await c.gv6a1.get(`/api/v1/years/${yearId}`)).body.classes.map((k: any) => k.id).sort()).toEqual([...mine].sort());

    const principal = await c.principal.get(`/api/v1/years/${yearId}/classes`);
    expect(principal.body.map((k: any) => k.id).sort()).toEqual(all.map((r) => r.id).sort());
    expect(principal.body.find((k: any) => k.name === '6A1').studentCount).toBe(40);
  });
});

describe('PUT /years/:yearId/terms', () => {
  it('401, 400 naming the field, 403 for a teacher, then the new dates are saved and audited', async () => {
    const yearId = await freshYear();
    const y = nextYear - 1;
    const path = `/api/v1/years/${yearId}/terms`;
    const terms = [
      { termNo: 1, startsOn: `${y}-09-05`, endsOn: `${y + 1}-01-10` },
      { termNo: 2, startsOn: `${y + 1}-01-12`, endsOn: `${y + 1}-05-31` },
    ];
    expect((await anon().put(path, { terms })).status).toBe(401);
    const short = await c.principal.put(path, { terms: [terms[0]] });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('terms');
    const overlap = await c.principal.put(path, { terms: [terms[0], { ...terms[1], startsOn: `${y + 1}-01-05` }] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.errors).toContainEqual(expect.objectContaining({ field: 'terms[1].startsOn' }));
    const outside = await c.principal.put(path, { terms: [terms[0], { ...terms[1], endsOn: `${y + 1}-06-30` }] });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toContainEqual(expect.objectContaining({ field: 'terms[1]' }));
    const teacher = await c.gv6a1.put(path, { terms });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);
    expect(await audits(yearId, 'terms.updated')).toEqual([]);

    const ok = await c.admin.put(path, { terms });
    expect(ok.status).toBe(200);
    expect(ok.body.terms.map((t: any) => [t.startsOn, t.endsOn])).toEqual(terms.map((t) => [t.startsOn, t.endsOn]));
    const [event] = await audits(yearId, 'terms.updated');
    expect(JSON.parse(event.before_json!)[0]).toMatchObject({ term_no: 1, ends_on: `${y + 1}-01-16` });
    expect(JSON.parse(event.after_json!)).toEqual(terms.map((t) => ({ ...t, endTestOn: null })));
  });
});

describe('POST /years/:yearId/subjects and PATCH /subjects/:subjectId', () => {
  it('401, 400 naming the field, 403, 200 with the regular count, 409 for a duplicate code', async () => {
    const yearId = await freshYear();
    const path = `/api/v1/years/${yearId}/subjects`;
    const body = { grade: 6, code: 'GDDP', name: 'Giáo dục địa phương', periodsPerYear: 35, assessmentKind: 'comment' };
    expect((await anon().post(path, body)).status).toBe(401);
    const bad = await c.principal.post(path, { ...body, code: 'gd dp' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('code');
    const teacher = await c.gv6a1.post(path, body);
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);

    const res = await c.principal.post(path, { ...body, code: 'TCTOAN', name: 'Tự chọn Toán', assessmentKind: 'scored' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ grade: 6, code: 'TCTOAN', periodsPerYear: 35, regularCount: 2, subjectGroupId: null });
    expect((await audits(res.body.id, 'subject.created')).length).toBe(1);
    const setup = (await c.principal.get(`/api/v1/years/${yearId}`)).body;
    expect(setup.subjects.filter((s: any) => s.grade === 6).at(-1).code).toBe('TCTOAN');
    expect((await c.principal.post(path, { ...body, code: 'TCTOAN' })).status).toBe(409);
  });

  it('PATCH: 401, 400, 403, then periods change the regular count, audited with before and after', async () => {
    const yearId = await freshYear();
    const toan = (await c.principal.get(`/api/v1/years/${yearId}`)).body.subjects.find((s: any) => s.grade === 7 && s.code === 'TOAN');
    const path = `/api/v1/subjects/${toan.id}`;
    expect((await anon().patch(path, { periodsPerYear: 70 })).status).toBe(401);
    const bad = await c.principal.patch(path, { periodsPerYear: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('periodsPerYear');
    const teacher = await c.giaovien.patch(path, { periodsPerYear: 70 });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);
    const ok = await c.admin.patch(path, { periodsPerYear: 70, learningTopicCluster: true });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ periodsPerYear: 70, learningTopicCluster: true, regularCount: 4 });
    const [event] = await audits(toan.id, 'subject.updated');
    expect(JSON.parse(event.before_json!).periods_per_year).toBe(140);
    expect(JSON.parse(event.after_json!).periods_per_year).toBe(70);
  });

  it('a subject group that does not exist is a 400 on the field, not a server error', async () => {
    const yearId = await freshYear();
    const res = await c.principal.post(`/api/v1/years/${yearId}/subjects`, { grade: 8, code: 'KNS', name: 'Kỹ năng sống', periodsPerYear: 35, assessmentKind: 'comment', subjectGroupId: 'khong-co-to-nay' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('subjectGroupId');
  });

  it('a subject group of another school is refused (400), on create and on patch', async () => {
    const yearId = await freshYear();
    const foreign = await c.otherPrincipal.post(`/api/v1/years/${server.demo!.primaryYearId}/subject-groups`, { name: 'Tổ khối 3' });
    expect(foreign.status).toBe(200);
    const created = await c.principal.post(`/api/v1/years/${yearId}/subjects`, { grade: 8, code: 'KNS', name: 'Kỹ năng sống', periodsPerYear: 35, assessmentKind: 'comment', subjectGroupId: foreign.body.id });
    expect(created.status).toBe(400);
    const toan = (await c.principal.get(`/api/v1/years/${yearId}`)).body.subjects.find((s: any) => s.code === 'TOAN');
    const patched = await c.principal.patch(`/api/v1/subjects/${toan.id}`, { subjectGroupId: foreign.body.id });
    expect(patched.status).toBe(400);
    const row = await db().selectFrom('subjects').select('subject_group_id').where('id', '=', toan.id).executeTakeFirstOrThrow();
    expect(row.subject_group_id).toBeNull();
  });
});

describe('POST /years/:yearId/classes and PATCH /classes/:classId', () => {
  it('401, 400 naming the field, 403, 200, 409 duplicate, 400 unknown grade, 400 homeroom of another school', async () => {
    const yearId = await freshYear();
    const path = `/api/v1/years/${yearId}/classes`;
    const homeroom = await staffIdOf('gvcn.9a1');
    expect((await anon().post(path, { grade: 6, name: '6A1' })).status).toBe(401);
    const bad = await c.principal.post(path, { grade: 6, name: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('name');
    const teacher = await c.gv6a1.post(path, { grade: 6, name: '6A1' });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);

    const ok = await c.principal.post(path, { grade: 6, name: '6A1', homeroomStaffId: homeroom, room: 'P201' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ grade: 6, name: '6A1', homeroomStaffId: homeroom, room: 'P201', studentCount: 0, version: 1 });
    expect(ok.body.homeroomName).toBeTruthy();
    expect((await audits(ok.body.id, 'class.created')).length).toBe(1);

    const dup = await c.principal.post(path, { grade: 6, name: '6A1' });
    expect(dup.status).toBe(409);
    const grade = await c.principal.post(path, { grade: 10, name: '10A1' });
    expect(grade.status).toBe(400);
    expect(grade.body.errors).toContainEqual(expect.objectContaining({ field: 'grade' }));
    const primaryStaff = await staffIdOf('gvcn.3a');
    const foreign = await c.principal.post(path, { grade: 6, name: '6A2', homeroomStaffId: primaryStaff });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toContainEqual(expect.objectContaining({ field: 'homeroomStaffId' }));
    expect((await c.principal.get(path)).body.map((k: any) => k.name)).toEqual(['6A1']);
  });

  it('PATCH: a new homeroom teacher can then reorder that class list', async () => {
    const cls = await newClass(server.demo!.yearId, 7, '7A8');
    const path = `/api/v1/classes/${cls.id}`;
    const staffId = await staffIdOf('giaovien');
    expect((await anon().patch(path, { homeroomStaffId: staffId })).status).toBe(401);
    expect((await c.principal.patch(path, { name: '' })).body.message).toContain('name');
    const teacher = await c.giaovien.patch(path, { homeroomStaffId: staffId });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);
    const foreign = await c.principal.patch(path, { homeroomStaffId: await staffIdOf('gvcn.3a') });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toContainEqual(expect.objectContaining({ field: 'homeroomStaffId' }));
    expect((await c.principal.patch(path, { name: '6A1' })).status).toBe(409);

    const before = await c.giaovien.put(`${path}/list-order`, { mode: 'abc' });
    expect(before.status).toBe(403);
    expect(before.body.message).toContain('Chỉ giáo viên chủ nhiệm của lớp');
    const ok = await c.principal.patch(path, { homeroomStaffId: staffId, room: 'P305' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ homeroomStaffId: staffId, room: 'P305', version: 2 });
    const [event] = await audits(cls.id, 'homeroom.assigned');
    expect(JSON.parse(event.before_json!).homeroom_staff_id).toBeNull();
    expect(JSON.parse(event.after_json!).homeroom_staff_id).toBe(staffId);
    expect((await c.giaovien.put(`${path}/list-order`, { mode: 'abc' })).status).toBe(200);
    expect((await c.giaovien.get(`${path}/students`)).status).toBe(200);
  });
});

describe('subject groups', () => {
  it('401, 400, 403, create with the head among the members, then update; members of another school → 400', async () => {
    const yearId = await freshYear();
    const path = `/api/v1/years/${yearId}/subject-groups`;
    const [head, member] = [await staffIdOf('gvcn.6a1'), await staffIdOf('giaovien')];
    expect((await anon().post(path, { name: 'Tổ Văn' })).status).toBe(401);
    expect((await c.principal.post(path, { name: ' ' })).body.message).toContain('name');
    const teacher = await c.gv6a1.post(path, { name: 'Tổ Văn' });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);
    const foreign = await c.principal.post(path, { name: 'Tổ Văn', memberStaffIds: [member, await staffIdOf('gvcn.3a')] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toContainEqual(expect.objectContaining({ field: 'memberStaffIds[1]' }));

    const res = await c.principal.post(path, { name: 'Tổ Ngữ văn', headStaffId: head, memberStaffIds: [member] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ name: 'Tổ Ngữ văn', headStaffId: head });
    expect(res.body.memberStaffIds.sort()).toEqual([head, member].sort());
    expect((await audits(res.body.id, 'subjectGroup.created')).length).toBe(1);

    const put = `/api/v1/subject-groups/${res.body.id}`;
    expect((await anon().put(put, { name: 'Tổ Văn - Sử' })).status).toBe(401);
    expect((await c.giaovien.put(put, { name: 'Tổ Văn - Sử' })).status).toBe(403);
    expect((await c.principal.put('/api/v1/subject-groups/khong-co', { name: 'x' })).status).toBe(404);
    const updated = await c.admin.put(put, { name: 'Tổ Văn - Sử', headStaffId: member, memberStaffIds: [] });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ id: res.body.id, name: 'Tổ Văn - Sử', headStaffId: member, memberStaffIds: [member] });
    const setup = (await c.principal.get(`/api/v1/years/${yearId}`)).body;
    expect(setup.subjectGroups).toEqual([updated.body]);
    expect((await audits(res.body.id, 'subjectGroup.updated')).length).toBe(1);
  });
});

describe('GET and PUT /years/:yearId/assignments', () => {
  it('GET: 401, 403 for another school, 200 for staff with classes × subjects → teacher', async () => {
    const path = `/api/v1/years/${server.demo!.yearId}/assignments`;
    expect((await anon().get(path)).status).toBe(401);
    expect((await c.otherPrincipal.get(path)).status).toBe(403);
    const res = await c.gv6a1.get(path);
    expect(res.status).toBe(200);
    const sixA1 = res.body.classes.find((k: any) => k.name === '6A1');
    const grade6 = res.body.subjects.filter((s: any) => s.grade === 6).map((s: any) => s.id).sort();
    expect(res.body.assignments.filter((a: any) => a.classId === sixA1.id).map((a: any) => a.subjectId).sort()).toEqual(grade6);
  });

  it('PUT: 401, 400 naming the field, 403, a subject of another grade → 400 and nothing changed; a valid change gives the teacher the class', async () => {
    const yearId = server.demo!.yearId;
    const path = `/api/v1/years/${yearId}/assignments`;
    const cls = await newClass(yearId, 7, '7A9');
    const subjects = (await c.principal.get(path)).body.subjects;
    const toan7 = subjects.find((s: any) => s.grade === 7 && s.code === 'TOAN');
    const toan9 = subjects.find((s: any) => s.grade === 9 && s.code === 'TOAN');
    const staffId = await staffIdOf('giaovien');
    const change = { classId: cls.id, subjectId: toan7.id, staffId };
    expect((await anon().put(path, { changes: [change] })).status).toBe(401);
    const empty = await c.principal.put(path, { changes: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('changes');
    const teacher = await c.gv6a1.put(path, { changes: [change] });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toContain(SETUP_ONLY);

    const gridBefore = (await c.principal.get(path)).body.assignments;
    const auditsBefore = await db().selectFrom('audit_events').select('id').where('action', '=', 'teachingAssignment.changed').execute();
    const wrong = await c.principal.put(path, { changes: [change, { classId: cls.id, subjectId: toan9.id, staffId }] });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'changes[1].subjectId' })]);
    expect(wrong.body.message).toContain('changes[1].subjectId');
    expect((await c.principal.get(path)).body.assignments).toEqual(gridBefore);
    expect(await db().selectFrom('audit_events').select('id').where('action', '=', 'teachingAssignment.changed').execute()).toHaveLength(auditsBefore.length);

    const denied = await c.giaovien.get(`/api/v1/classes/${cls.id}/students`);
    expect(denied.status).toBe(403);
    expect(denied.body.message).toBe('Thầy/cô không được phân công chủ nhiệm hay giảng dạy lớp này.');
    const ok = await c.principal.put(path, { changes: [change] });
    expect(ok.status).toBe(200);
    expect(ok.body.assignments).toContainEqual(change);
    const [event] = await audits(`${cls.id}:${toan7.id}`, 'teachingAssignment.changed');
    expect(JSON.parse(event.after_json!)).toEqual({ staffId });
    expect((await c.giaovien.get(`/api/v1/classes/${cls.id}/students`)).status).toBe(200);
    expect((await c.giaovien.get(`/api/v1/years/${yearId}/classes`)).body.map((k: any) => k.id)).toContain(cls.id);

    const unassign = await c.principal.put(path, { changes: [{ ...change, staffId: null }] });
    expect(unassign.body.assignments).not.toContainEqual(change);
    expect((await c.giaovien.get(`/api/v1/classes/${cls.id}/students`)).status).toBe(403);
  });
});
