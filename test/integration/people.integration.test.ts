/**
 * Staff and student routes (src/server/people/people.routes.ts) through HTTP: class lists
 * and their order, students, enrollment changes with history, staff, and the year rollover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
const OTHER_SCHOOL = 'Tài khoản của thầy/cô không thuộc trường này.';
const ENROLLMENT_ONLY = 'Chỉ Hiệu trưởng và Ban quản trị phần mềm được chuyển lớp, chuyển trường và lên lớp cho học sinh.';

const db = () => server.database.handle.db;
const anon = () => new TestClient(server.baseUrl);
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const cls = (name: string) => server.demo!.classIds[name];
const audits = (entityId: string, action: string) => db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('action', '=', action).execute();
const countStudents = async () => Number((await db().selectFrom('students').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const list = async (classId: string) => (await c.principal.get(`/api/v1/classes/${classId}/students`)).body.entries as any[];
/** A student still studying in the class, taken from the end of the list (the guardian’s child is first in 6A1). */
const studying = async (classId: string, fromEnd = 1) => list(classId).then((e) => e.filter((x) => x.status === 'active').at(-fromEnd).student);
let seq = 0;
const newStudent = (extra: Record<string, unknown> = {}) => ({
  familyName: 'Phạm',
  middleName: 'Thị',
  givenName: `Thử${++seq}`,
  sex: 'female',
  dateOfBirth: '2015-03-08',
  nationalId: `0342150${String(90000 + seq).padStart(5, '0')}`,
  ...extra,
});
async function emptyClass(name: string, grade: number) {
  const res = await c.principal.post(`/api/v1/years/${server.demo!.yearId}/classes`, { grade, name });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  const users = { principal: 'hieutruong', admin: 'quantri', gv6a1: 'gvcn.6a1', gv9a1: 'gvcn.9a1', giaovien: 'giaovien', guardian: 'phuhuynh', district: 'phonggd', otherPrincipal: 'th.hieutruong', clerk: 'vanthu' };
  for (const [key, u] of Object.entries(users)) c[key] = await login(u);
});
afterAll(async () => server?.close());

describe('GET /classes/:classId/students', () => {
  it('401, 404, 403 for an unassigned teacher and another school, 200 in list order for the homeroom teacher and the district', async () => {
    const path = `/api/v1/classes/${cls('6A1')}/students`;
    expect((await anon().get(path)).status).toBe(401);
    expect((await c.principal.get('/api/v1/classes/khong-co/students')).status).toBe(404);
    const other = await c.otherPrincipal.get(path);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe(OTHER_SCHOOL);
    const unassigned = await c.giaovien.get(`/api/v1/classes/${await emptyClass('8A5', 8)}/students`);
    expect(unassigned.status).toBe(403);
    expect(unassigned.body.message).toBe('Thầy/cô không được phân công chủ nhiệm hay giảng dạy lớp này.');
    const res = await c.gv6a1.get(path);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ classId: cls('6A1'), className: '6A1', grade: 6 });
    expect(res.body.entries.map((e: any) => e.listNumber)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect((await c.district.get(path)).status).toBe(200);
  });
});

describe('PUT /classes/:classId/list-order', () => {
  const path = () => `/api/v1/classes/${cls('9A1')}/list-order`;
  const key = (e: any) => ({ ...e.student, id: e.enrollmentId });

  it('401, 400 naming the field, 403 with the reason for a teacher who is not the homeroom teacher', async () => {
    expect((await anon().put(path(), { mode: 'abc' })).status).toBe(401);
    const bad = await c.gv9a1.put(path(), { mode: 'manual', enrollmentIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('enrollmentIds');
    const res = await c.gv6a1.put(path(), { mode: 'abc' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Chỉ giáo viên chủ nhiệm của lớp, Hiệu trưởng hoặc Ban quản trị được sắp xếp số thứ tự trong danh sách lớp.');
  });

  it('manual order must contain each current enrollment once (400, nothing changed); then the given order; ABC puts it back', async () => {
    const entries = await list(cls('9A1'));
    const ids = entries.map((e) => e.enrollmentId);
    const reversed = [...ids].reverse();
    for (const wrong of [ids.slice(1), [...ids.slice(1), ids[1]], [...ids.slice(1), 'khong-co']]) {
      const res = await c.gv9a1.put(path(), { mode: 'manual', enrollmentIds: wrong });
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'enrollmentIds' })]);
    }
    expect((await list(cls('9A1'))).map((e) => e.enrollmentId)).toEqual(ids);

    const manual = await c.gv9a1.put(path(), { mode: 'manual', enrollmentIds: reversed });
    expect(manual.status).toBe(200);
    expect(manual.body.entries.map((e: any) => [e.listNumber, e.enrollmentId])).toEqual(reversed.map((id, i) => [i + 1, id]));
    const [event] = await audits(cls('9A1'), 'classList.reordered');
    expect(JSON.parse(event.after_json!)[reversed[0]]).toBe(1);

    const sortedBefore = (await audits(cls('9A1'), 'classList.sortedAbc')).length;
    const abc = await c.gv9a1.put(path(), { mode: 'abc' });
    expect(abc.status).toBe(200);
    const expected = sortStudentsVietnamese(abc.body.entries.map(key)).map((s: any) => s.id);
    expect(abc.body.entries.map((e: any) => e.enrollmentId)).toEqual(expected);
    expect(abc.body.entries.map((e: any) => e.listNumber)).toEqual(expected.map((_: string, i: number) => i + 1));
    expect(await audits(cls('9A1'), 'classList.sortedAbc')).toHaveLength(sortedBefore + 1);
  });
});

describe('GET /students/:studentId', () => {
  it('401, 404; a guardian reads only his child; a teacher only students of her classes', async () => {
    const child = (await db().selectFrom('user_roles').innerJoin('users', 'users.id', 'user_roles.user_id').select('student_id').where('username', '=', 'phuhuynh').executeTakeFirstOrThrow()).student_id!;
    expect((await anon().get(`/api/v1/students/${child}`)).status).toBe(401);
    expect((await c.principal.get('/api/v1/students/khong-co')).status).toBe(404);
    const mine = await c.guardian.get(`/api/v1/students/${child}`);
    expect(mine.status).toBe(200);
    expect(mine.body.enrollments).toEqual([expect.objectContaining({ classId: cls('6A1'), className: '6A1', status: 'active', listNumber: 1 })]);
    const classmate = await studying(cls('6A1'), 2);
    const other = await c.guardian.get(`/api/v1/students/${classmate.id}`);
    expect(other.status).toBe(403);
    expect(other.body.message).toBe('Phụ huynh chỉ xem được thông tin của con mình.');
    expect((await c.otherPrincipal.get(`/api/v1/students/${child}`)).body.message).toBe(OTHER_SCHOOL);
    expect((await c.clerk.get(`/api/v1/students/${child}`)).status).toBe(200);
  });
});

describe('POST /classes/:classId/students', () => {
  const path = () => `/api/v1/classes/${cls('6A2')}/students`;
  it('401, 400 naming the field, 403 for the homeroom teacher', async () => {
    expect((await anon().post(path(), { student: newStudent(), startsOn: '2026-09-05' })).status).toBe(401);
    const noName = await c.principal.post(path(), { student: newStudent({ givenName: '' }), startsOn: '2026-09-05' });
    expect(noName.status).toBe(400);
    expect(noName.body.message).toContain('student.givenName');
    const badId = await c.principal.post(path(), { student: newStudent({ nationalId: '12345' }), startsOn: '2026-09-05' });
    expect(badId.status).toBe(400);
    expect(badId.body.message).toContain('student.nationalId');
    const res = await c.gv6a1.post(`/api/v1/classes/${cls('6A1')}/students`, { student: newStudent(), startsOn: '2026-09-05' });
    expect(res.status).toBe(403);
    expect(res.body.message).toBe('Chỉ Hiệu trưởng và Ban quản trị phần mềm được tiếp nhận học sinh mới.');
  });

  it('adds a student in ABC place (the class keeps its order), audited as typed; a transfer-in is marked as such', async () => {
    const before = await list(cls('6A2'));
    const res = await c.admin.post(path(), { student: newStudent({ guardians: [{ relation: 'mother', fullName: 'Lê Thị Hạnh' }] }), startsOn: '2026-10-01', note: 'Nhập học muộn' });
    expect(res.status).toBe(200);
    expect(res.body.student).toMatchObject({ familyName: 'Phạm', ethnicity: 'Kinh', status: 'studying', version: 1 });
    expect(res.body.enrollments).toEqual([expect.objectContaining({ className: '6A2', status: 'active', origin: 'intake', startsOn: '2026-10-01', note: 'Nhập học muộn' })]);
    const after = await list(cls('6A2'));
    expect(after).toHaveLength(before.length + 1);
    const current = after.filter((e: any) => e.status === 'active' || e.status === 'transferred_in');
    expect(current.map((e: any) => e.student.id)).toEqual(sortStudentsVietnamese(current.map((e: any) => e.student)).map((s: any) => s.id));
    expect(after.find((e: any) => e.student.id === res.body.student.id).listNumber).toBe(res.body.enrollments[0].listNumber);
    const [event] = await audits(res.body.student.id, 'student.created');
    expect(event.source).toBe('typed');
    expect(JSON.parse(event.after_json!).enrollment.class_id).toBe(cls('6A2'));

    const moved = await c.principal.post(path(), { student: newStudent(), startsOn: '2026-11-02', origin: 'transfer_in' });
    expect(moved.body.enrollments[0]).toMatchObject({ status: 'transferred_in', origin: 'transfer_in' });
    expect(await audits(moved.body.student.id, 'student.transferredIn')).toHaveLength(1);
  });

  it('a national ID already used in the school → 400 naming the field, nothing written', async () => {
    const taken = (await studying(cls('9A2'))).nationalId;
    const n = await countStudents();
    const res = await c.principal.post(path(), { student: newStudent({ nationalId: taken }), startsOn: '2026-09-05' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'nationalId' })]);
    expect(res.body.message).toContain(taken);
    expect(await countStudents()).toBe(n);
  });
});

describe('PUT /students/:studentId', () => {
  it('401, 400, 403, 409 for a stale version or a taken ID, 200 for the homeroom teacher with the version bumped', async () => {
    const s = await studying(cls('6A1'), 3);
    const path = `/api/v1/students/${s.id}`;
    const input = { ...s, address: 'Thôn Đông, xã Mỹ Hào' };
    for (const k of ['id', 'fullName', 'status', 'version']) delete input[k];
    expect((await anon().put(path, { student: input, version: s.version })).status).toBe(401);
    expect((await c.gv6a1.put(path, { student: input })).body.message).toContain('version');
    const teacher = await c.giaovien.put(path, { student: input, version: s.version });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toBe('Chỉ giáo viên chủ nhiệm của lớp, Hiệu trưởng hoặc Ban quản trị được sửa sơ yếu lý lịch học sinh.');
    const stale = await c.gv6a1.put(path, { student: input, version: s.version - 1 });
    expect(stale.status).toBe(409);
    const taken = (await studying(cls('6A2'), 5)).nationalId;
    const dup = await c.gv6a1.put(path, { student: { ...input, nationalId: taken }, version: s.version });
    expect(dup.status).toBe(409);
    expect(dup.body.errors).toEqual([expect.objectContaining({ field: 'nationalId' })]);

    const ok = await c.gv6a1.put(path, { student: input, version: s.version });
    expect(ok.status).toBe(200);
    expect(ok.body.student).toMatchObject({ address: 'Thôn Đông, xã Mỹ Hào', version: s.version + 1 });
    expect((await c.gv6a1.put(path, { student: input, version: s.version })).status).toBe(409);
    const [event] = await audits(s.id, 'student.updated');
    expect(JSON.parse(event.before_json!).address).toBe(s.address);
    expect(JSON.parse(event.after_json!).address).toBe('Thôn Đông, xã Mỹ Hào');
  });
});

describe('transfer-out, change-class, drop-out', () => {
  it('401, 400 naming the field, 403 for the homeroom teacher', async () => {
    const s = await studying(cls('6A1'), 4);
    const path = `/api/v1/students/${s.id}`;
    expect((await anon().post(`${path}/transfer-out`, { date: '2026-12-01', toSchool: 'THCS Lê Lợi' })).status).toBe(401);
    expect((await c.principal.post(`${path}/transfer-out`, { date: '2026-12-01' })).body.message).toContain('toSchool');
    const noReason = await c.principal.post(`${path}/drop-out`, { date: '2026-12-01', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    expect((await c.principal.post(`${path}/change-class`, { date: '2026-12-01' })).body.message).toContain('toClassId');
    for (const [route, body] of [['transfer-out', { date: '2026-12-01', toSchool: 'THCS Lê Lợi' }], ['drop-out', { date: '2026-12-01', reason: 'Gia đình chuyển đi' }], ['change-class', { date: '2026-12-01', toClassId: cls('6A2') }]] as const) {
      const res = await c.gv6a1.post(`${path}/${route}`, body);
      expect(res.status, route).toBe(403);
      expect(res.body.message).toBe(ENROLLMENT_ONLY);
    }
    expect((await list(cls('6A1'))).find((e) => e.student.id === s.id).status).toBe('active');
  });

  it('transfer-out closes the enrollment, keeps it in the list, and a second one is refused', async () => {
    const s = await studying(cls('6A1'), 5);
    const path = `/api/v1/students/${s.id}/transfer-out`;
    const early = await c.principal.post(path, { date: '2026-08-01', toSchool: 'THCS Lê Lợi' });
    expect(early.status).toBe(400);
    expect(early.body.errors).toEqual([expect.objectContaining({ field: 'date' })]);
    const res = await c.principal.post(path, { date: '2026-12-01', toSchool: 'THCS Lê Lợi', reason: 'Theo bố mẹ' });
    expect(res.status).toBe(200);
    expect(res.body.student.status).toBe('transferred_out');
    expect(res.body.enrollments).toEqual([expect.objectContaining({ status: 'transferred_out', endsOn: '2026-12-01', note: 'Chuyển đến THCS Lê Lợi: Theo bố mẹ' })]);
    expect((await list(cls('6A1'))).find((e) => e.student.id === s.id).status).toBe('transferred_out');
    expect(await audits(s.id, 'student.transferredOut')).toHaveLength(1);
    expect((await c.principal.post(path, { date: '2026-12-02', toSchool: 'THCS Lê Lợi' })).status).toBe(409);
  });

  it('change-class keeps the history: two enrollments, the old one closed as moved_class', async () => {
    const s = await studying(cls('6A2'), 6);
    const path = `/api/v1/students/${s.id}/change-class`;
    expect((await c.principal.post(path, { date: '2026-11-15', toClassId: cls('6A2') })).body.errors).toEqual([expect.objectContaining({ field: 'toClassId' })]);
    const foreign = await c.principal.post(path, { date: '2026-11-15', toClassId: cls('3A') });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([expect.objectContaining({ field: 'toClassId' })]);
    expect((await c.principal.post(path, { date: '2026-11-15', toClassId: 'khong-co' })).status).toBe(404);
    const res = await c.principal.post(path, { date: '2026-11-15', toClassId: cls('6A1'), reason: 'Theo nguyện vọng' });
    expect(res.status).toBe(200);
    expect(res.body.student.status).toBe('studying');
    expect(res.body.enrollments).toEqual([
      expect.objectContaining({ classId: cls('6A2'), status: 'moved_class', endsOn: '2026-11-15', note: 'Chuyển sang lớp 6A1: Theo nguyện vọng' }),
      expect.objectContaining({ classId: cls('6A1'), status: 'active', origin: 'class_change', startsOn: '2026-11-15', endsOn: null, note: 'Từ lớp 6A2' }),
    ]);
    expect(await audits(s.id, 'student.classChanged')).toHaveLength(1);
    expect((await c.gv6a1.get(`/api/v1/students/${s.id}`)).status).toBe(200);
  });

  it('drop-out needs a reason and records it', async () => {
    const s = await studying(cls('6A2'), 7);
    const res = await c.admin.post(`/api/v1/students/${s.id}/drop-out`, { date: '2027-02-01', reason: 'Hoàn cảnh gia đình khó khăn' });
    expect(res.status).toBe(200);
    expect(res.body.student.status).toBe('dropped_out');
    expect(res.body.enrollments[0]).toMatchObject({ status: 'dropped_out', endsOn: '2027-02-01', note: 'Thôi học: Hoàn cảnh gia đình khó khăn' });
    const [event] = await audits(s.id, 'student.droppedOut');
    expect(event.reason).toBe('Hoàn cảnh gia đình khó khăn');
  });
});

describe('staff', () => {
  const path = () => `/api/v1/schools/${server.demo!.schoolId}/staff`;
  const body = { familyName: 'Đỗ', middleName: 'Thu', givenName: 'Trang', sex: 'female', speciality: 'Ngữ văn' };

  it('GET: 401, 403 for another school, 200 in Vietnamese name order for a teacher', async () => {
    expect((await anon().get(path())).status).toBe(401);
    expect((await c.otherPrincipal.get(path())).body.message).toBe(OTHER_SCHOOL);
    const res = await c.giaovien.get(path());
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThanOrEqual(16);
    const keyed = res.body.map((s: any) => ({ ...s, dateOfBirth: s.dateOfBirth ?? '' }));
    expect(res.body.map((s: any) => s.id)).toEqual(sortStudentsVietnamese(keyed).map((s: any) => s.id));
  });

  it('POST and PATCH: 401, 400 naming the field, 403, 200 audited, 409 for a stale version', async () => {
    expect((await anon().post(path(), body)).status).toBe(401);
    expect((await c.principal.post(path(), { ...body, sex: 'x' })).body.message).toContain('sex');
    const teacher = await c.gv6a1.post(path(), body);
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toBe('Chỉ Hiệu trưởng và Ban quản trị phần mềm được quản lý danh sách cán bộ, giáo viên.');
    const created = await c.admin.post(path(), body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ fullName: 'Đỗ Thu Trang', position: 'teacher', active: true, version: 1 });
    expect(await audits(created.body.id, 'staff.created')).toHaveLength(1);

    const patch = `/api/v1/staff/${created.body.id}`;
    expect((await anon().patch(patch, { phone: '0912000111', version: 1 })).status).toBe(401);
    expect((await c.principal.patch(patch, { phone: '0912000111' })).body.message).toContain('version');
    expect((await c.gv6a1.patch(patch, { phone: '0912000111', version: 1 })).status).toBe(403);
    const ok = await c.principal.patch(patch, { phone: '0912000111', active: false, version: 1 });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ phone: '0912000111', active: false, version: 2 });
    expect((await c.admin.patch(patch, { phone: '0912000222', version: 1 })).status).toBe(409);
    const [event] = await audits(created.body.id, 'staff.updated');
    expect(JSON.parse(event.after_json!)).toMatchObject({ phone: '0912000111', active: 0 });
  });

  it('PATCH: two edits from the same version at the same instant: exactly one 200 and one 409; the winner is stored and audited once', async () => {
    // Several rounds, so a lost edit cannot hide behind a lucky interleaving.
    for (const round of [1, 2, 3]) {
      const created = await c.admin.post(path(), { ...body, givenName: `Trang Thử ${round}` });
      expect(created.status).toBe(200);
      const phones = [`091200030${round}`, `091200040${round}`];
      const answers = await Promise.all(phones.map((phone) => c.principal.patch(`/api/v1/staff/${created.body.id}`, { phone, version: 1 })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      expect(answers[winner].body).toMatchObject({ phone: phones[winner], version: 2 });
      expect(answers[1 - winner].body).toMatchObject({ error: 'CONFLICT', message: 'Thông tin này vừa được người khác sửa. Hãy tải lại trang.' });
      const stored = await db().selectFrom('staff').select(['phone', 'version']).where('id', '=', created.body.id).executeTakeFirstOrThrow();
      expect({ phone: stored.phone, version: Number(stored.version) }).toEqual({ phone: phones[winner], version: 2 });
      const events = await audits(created.body.id, 'staff.updated');
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].after_json!)).toMatchObject({ phone: phones[winner], version: 2 });
    }
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
  });
});

describe('year rollover 2026 → 2027', () => {
  let toYearId: string;
  let sevenA2: string;
  const open = (yearId: string) => db().selectFrom('enrollments').selectAll().where('school_year_id', '=', yearId).where('ends_on', 'is', null).execute();
  const addClass = (name: string) => c.principal.post(`/api/v1/years/${toYearId}/classes`, { grade: Number(name[0]), name }).then((r) => expect(r.status).toBe(200));

  it('401, 400 naming the field, 403 for a teacher; a target class missing → problems in the preview, 400 on apply, nothing applied', async () => {
    const created = await c.principal.post(`/api/v1/schools/${server.demo!.schoolId}/years`, {
      startYear: 2027, startsOn: '2027-09-05', endsOn: '2028-05-31', grades: [6, 7, 8, 9],
      terms: [{ termNo: 1, startsOn: '2027-09-05', endsOn: '2028-01-15' }, { termNo: 2, startsOn: '2028-01-17', endsOn: '2028-05-31' }],
    });
    toYearId = created.body.year.id;
    await addClass('7A1');
    const path = `/api/v1/years/${server.demo!.yearId}/rollover`;
    expect((await anon().get(`${path}?toYearId=${toYearId}`)).status).toBe(401);
    expect((await anon().post(path, { toYearId })).status).toBe(401);
    expect((await c.principal.get(path)).body.message).toContain('toYearId');
    expect((await c.principal.post(path, {})).body.message).toContain('toYearId');
    const teacher = await c.gv6a1.post(path, { toYearId });
    expect(teacher.status).toBe(403);
    expect(teacher.body.message).toBe(ENROLLMENT_ONLY);
    const same = await c.principal.get(`${path}?toYearId=${server.demo!.yearId}`);
    expect(same.status).toBe(400);
    expect(same.body.errors).toEqual([expect.objectContaining({ field: 'toYearId' })]);

    const openBefore = await open(server.demo!.yearId);
    const preview = await c.principal.get(`${path}?toYearId=${toYearId}`);
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([expect.stringContaining('lớp 6A2')]);
    const apply = await c.principal.post(path, { toYearId });
    expect(apply.status).toBe(400);
    expect(apply.body.message).toContain('6A2');
    expect(await open(toYearId)).toEqual([]);
    expect(await open(server.demo!.yearId)).toEqual(openBefore);
    expect(await audits(toYearId, 'schoolYear.rolledOver')).toEqual([]);
  });

  it('preview then apply: grade 6 moves up by class name, grade 9 graduates, a retained student stays in grade 6', async () => {
    await addClass('7A2');
    await addClass('6A1');
    const path = `/api/v1/years/${server.demo!.yearId}/rollover`;
    const retained = await studying(cls('6A1'), 2);
    const openBefore = await open(server.demo!.yearId);
    const byClass = (id: string) => openBefore.filter((e) => e.class_id === id).length;
    const preview = await c.principal.get(`${path}?toYearId=${toYearId}&retained=${retained.id}`);
    expect(preview.status).toBe(200);
    expect(preview.body.problems).toEqual([]);
    const moves = preview.body.moves as any[];
    expect(moves).toHaveLength(openBefore.length);
    expect(moves.find((m) => m.studentId === retained.id)).toMatchObject({ action: 'retained', fromClass: '6A1', toClassName: '6A1' });
    expect(moves.filter((m) => m.action === 'graduated')).toHaveLength(byClass(cls('9A1')) + byClass(cls('9A2')));
    expect(moves.filter((m) => m.toClassName === '7A1')).toHaveLength(byClass(cls('6A1')) - 1);
    expect(moves.filter((m) => m.toClassName === '7A2')).toHaveLength(byClass(cls('6A2')));

    // A student admitted to 7A2 of the new year before the rollover keeps a number of his own.
    sevenA2 = (await c.principal.get(`/api/v1/years/${toYearId}/classes`)).body.find((k: any) => k.name === '7A2').id;
    expect((await c.principal.post(`/api/v1/classes/${sevenA2}/students`, { student: newStudent({ dateOfBirth: '2014-05-05' }), startsOn: '2027-09-05' })).status).toBe(200);
    const applied = await c.admin.post(path, { toYearId, retainedStudentIds: [retained.id] });
    expect(applied.status).toBe(200);
    expect(applied.body.moves).toEqual(moves);
    expect(await open(server.demo!.yearId)).toEqual([]);
    const classes = (await c.principal.get(`/api/v1/years/${toYearId}/classes`)).body;
    const count = (name: string) => classes.find((k: any) => k.name === name).studentCount;
    expect([count('6A1'), count('7A1'), count('7A2')]).toEqual([1, byClass(cls('6A1')) - 1, byClass(cls('6A2')) + 1]);
    const sevenA1 = await list(classes.find((k: any) => k.name === '7A1').id);
    expect(sevenA1.map((e) => e.listNumber)).toEqual(sevenA1.map((_, i) => i + 1));
    const detail = (await c.principal.get(`/api/v1/students/${retained.id}`)).body;
    expect(detail.enrollments.map((e: any) => [e.schoolYearName, e.className, e.status, e.endsOn])).toEqual([
      ['2026-2027', '6A1', 'retained', '2027-05-31'],
      ['2027-2028', '6A1', 'active', null],
    ]);
    const graduate = moves.find((m) => m.action === 'graduated');
    expect((await c.principal.get(`/api/v1/students/${graduate.studentId}`)).body.student.status).toBe('graduated');
    const [event] = await audits(toYearId, 'schoolYear.rolledOver');
    const graduatedIds = moves.filter((m) => m.action === 'graduated').map((m) => m.studentId);
    expect(JSON.parse(event.after_json!)).toEqual({ promoted: count('7A1') + count('7A2') - 1, retained: [retained.id], graduated: graduatedIds.length, graduatedIds });
    expect((await c.principal.post(path, { toYearId })).status).toBe(409);
  });

  it('students already in a target class keep their numbers; the rolled-over ones are numbered after them', async () => {
    // The newcomer admitted to 7A2 before the rollover had number 1: nobody else may get 1.
    const numbers = (await list(sevenA2)).map((e) => e.listNumber);
    expect(new Set(numbers).size, `list numbers of 7A2: ${numbers.join(',')}`).toBe(numbers.length);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });
});
