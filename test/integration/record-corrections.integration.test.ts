/**
 * One lock model (issue 22; C1, C2, C5, C6) through HTTP: after a lock, conduct, a session's
 * attendance, the profile fields the học bạ prints and a primary assessment refuse a direct change
 * (nothing changes); the homeroom teacher files a correction, the principal approves, the admin
 * board applies it through the lock with the same audit event carrying the request's id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { TestClient } from '../helpers/client.ts';
import { pdfText } from '../helpers/student-print-pdf.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom: TestClient;
let subjectTeacher: TestClient;
let primaryTeacher: TestClient;
let principal: TestClient;
let primaryPrincipal: TestClient;
let admin: TestClient;
let classId: string;
let primaryClassId: string;
let students: string[];
let primaryStudents: string[];
let lessonSubjectId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const db = () => server.database.handle.db;
const reason = 'Nhập nhầm, đã đối chiếu sổ chủ nhiệm';

/** The principal of the class's school locks it (the primary class is of another school). */
async function lock(body: { classId: string; termNo: number; reason: string }) {
  const cls = await db().selectFrom('classes').select(['school_year_id', 'school_id']).where('id', '=', body.classId).executeTakeFirstOrThrow();
  const head = cls.school_id === server.demo!.schoolId ? principal : primaryPrincipal;
  const res = await head.post(`/api/v1/years/${cls.school_year_id}/locks`, body);
  expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
}

/** The principal approves, the admin board (the primary school has none: its principal) applies; returns the applied request. */
async function approveAndApply(id: string, decider = principal, applier = admin) {
  const d = await decider.post(`/api/v1/corrections/${id}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 });
  expect(d.status, JSON.stringify(d.body).slice(0, 300)).toBe(200);
  const a = await applier.post(`/api/v1/corrections/${id}/apply`);
  expect(a.status, JSON.stringify(a.body).slice(0, 300)).toBe(200);
  expect(a.body.status).toBe('applied');
  return a.body;
}

async function eventsOf(action: string, entityId: string) {
  const rows = await db().selectFrom('audit_events').select(['after_json', 'source']).where('action', '=', action).where('entity_id', '=', entityId).orderBy('at').execute();
  return rows.map((r) => ({ after: JSON.parse(r.after_json!), source: r.source }));
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  primaryClassId = server.demo!.classIds['3A'];
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  primaryTeacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  primaryPrincipal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
  admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
  // A teacher of 6A1 who is not its homeroom teacher.
  const homeroomStaff = await db().selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const other = await db()
    .selectFrom('teaching_assignments')
    .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
    .select(['users.username', 'teaching_assignments.subject_id'])
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '!=', homeroomStaff.staff_id!)
    .executeTakeFirstOrThrow();
  subjectTeacher = await new TestClient(server.baseUrl).login(other.username, server.demo!.password);
  lessonSubjectId = other.subject_id;
  students = (await homeroom.get(`/api/v1/classes/${classId}/students`)).body.entries.map((e: any) => e.student.id);
  primaryStudents = (await primaryTeacher.get(`/api/v1/classes/${primaryClassId}/students`)).body.entries.map((e: any) => e.student.id);

  // Before the locks: conduct of term 1, an absence, a primary assessment at CK1.
  expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term1', entries: [{ studentId: students[0], level: 'T', comment: '', baseVersion: 0 }] })).status).toBe(200);
  expect((await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[1], kind: 'P', note: 'ốm' }] })).status).toBe(200);
  const entry = { studentId: primaryStudents[0], qualities: Array(5).fill('Đ'), competences: Array(10).fill('Đ'), comment: 'Ngoan', baseVersion: 0 };
  expect((await primaryTeacher.put(`/api/v1/classes/${primaryClassId}/primary-assessments`, { point: 'CK1', entries: [entry] })).status).toBe(200);
  // The principal locks term 1 of both classes (as approving their results does).
  await lock({ classId, termNo: 1, reason: 'Duyệt kết quả học kỳ I' });
  await lock({ classId: primaryClassId, termNo: 1, reason: 'Duyệt kết quả học kỳ I' });
});
afterAll(async () => server?.close());

describe('conduct under lock (C1, C2)', () => {
  it('a change of term 1 is refused naming the student, the lock and the request to file; nothing changes', async () => {
    const before = await db().selectFrom('conduct_assessments').selectAll().where('student_id', '=', students[0]).where('period', '=', 'term1').executeTakeFirstOrThrow();
    const res = await homeroom.put(`/api/v1/classes/${classId}/conduct`, {
      period: 'term1',
      entries: [
        { studentId: students[0], level: 'K', comment: '', baseVersion: 1 },
        { studentId: students[2], level: 'T', comment: '', baseVersion: 0 },
      ],
    });
    expect(res.status).toBe(423);
    expect(res.body.message).toContain('kết quả rèn luyện học kỳ I');
    expect(res.body.message).toContain('Duyệt kết quả học kỳ I');
    expect(res.body.message).toContain('Giấy đề nghị thay đổi thông tin');
    const after = await db().selectFrom('conduct_assessments').selectAll().where('class_id', '=', classId).where('period', '=', 'term1').execute();
    expect(after).toEqual([before]);
  });

  it('term 2 is not locked', async () => {
    expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term2', entries: [{ studentId: students[0], level: 'T', comment: '', baseVersion: 0 }] })).status).toBe(200);
  });

  it('a subject teacher of the class cannot file a conduct correction (403)', async () => {
    const body = { kind: 'conduct', changes: [{ studentId: students[0], period: 'term1', level: 'K', comment: '' }], reason, evidenceKind: 'other' };
    const res = await subjectTeacher.post(`/api/v1/classes/${classId}/record-corrections`, body);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('giáo viên chủ nhiệm');
    expect(await db().selectFrom('correction_requests').select('id').execute()).toEqual([]);
  });

  it('the homeroom teacher files it; approved and applied, the level changes with a conduct.assessed event naming the request', async () => {
    const same = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'conduct', changes: [{ studentId: students[0], period: 'term1', level: 'T', comment: '' }], reason, evidenceKind: 'other' });
    expect(same.status).toBe(400);
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, {
      kind: 'conduct',
      changes: [{ studentId: students[0], period: 'term1', level: 'K', comment: 'Vi phạm nội quy tháng 10' }],
      reason,
      evidenceKind: 'other',
    });
    expect(filed.status, JSON.stringify(filed.body).slice(0, 300)).toBe(200);
    expect(filed.body).toMatchObject({ kind: 'conduct', subjectId: null, subjectName: 'Kết quả rèn luyện', status: 'pending', cells: [{ oldDisplay: 'Tốt', newDisplay: 'Khá; nhận xét: Vi phạm nội quy tháng 10', oldVersion: 1 }] });
    const applied = await approveAndApply(filed.body.id);
    const row = await db().selectFrom('conduct_assessments').selectAll().where('student_id', '=', students[0]).where('period', '=', 'term1').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ level: 'K', comment: 'Vi phạm nội quy tháng 10' });
    expect(Number(row.version)).toBe(2);
    const events = await eventsOf('conduct.assessed', row.id);
    expect(events.at(-1)).toMatchObject({ after: { level: 'K', correctionRequestId: applied.id }, source: 'correction' });
  });

  it('the request prints old → new', async () => {
    const list = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/corrections?classId=${classId}`);
    const pdf = await principal.get(`/api/v1/corrections/${list.body.requests[0].id}/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const text = pdfText('giay-de-nghi-ren-luyen', pdf.body);
    if (!text) return;
    for (const h of ['GIẤY ĐỀ NGHỊ THAY ĐỔI THÔNG TIN', list.body.requests[0].cells[0].studentName, 'Kết quả rèn luyện', 'Tốt', 'Khá; nhận xét: Vi']) expect(text).toContain(h);
    // Worded for the record, not for scores: the homeroom teacher asks, "Nội dung" instead of "Môn học".
    for (const h of ['Giáo viên chủ nhiệm', 'Nội dung', '(Sửa kết quả rèn luyện sau khi khóa sổ)']) expect(text).toContain(h);
    for (const h of ['Giáo viên bộ môn', 'Môn học', '(Sửa điểm sau khi khóa sổ)']) expect(text).not.toContain(h);
  });
});

describe('attendance under lock', () => {
  it('a session of a locked term is refused, nothing changes; a lesson mark (not in the totals) is not', async () => {
    const res = await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[1], kind: 'K', note: '' }] });
    expect(res.status).toBe(423);
    expect(res.body.message).toContain('điểm danh buổi sáng 20/11/2026');
    const rows = await db().selectFrom('attendance_records').select(['student_id', 'kind', 'note']).where('class_id', '=', classId).where('date', '=', '2026-11-20').execute();
    expect(rows).toEqual([{ student_id: students[1], kind: 'P', note: 'ốm' }]);
    const lesson = await subjectTeacher.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[3], kind: 'K', note: '' }], lesson: { subjectId: lessonSubjectId, periodNo: 2 } });
    expect(lesson.status, JSON.stringify(lesson.body).slice(0, 300)).toBe(200);
  });

  it('a correction applied changes the mark, with an attendance.marked event naming the request', async () => {
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, {
      kind: 'attendance',
      changes: [{ studentId: students[1], date: '2026-11-20', session: 'morning', mark: 'K', note: '' }],
      reason,
      evidenceKind: 'other',
    });
    expect(filed.status, JSON.stringify(filed.body).slice(0, 300)).toBe(200);
    expect(filed.body.cells[0]).toMatchObject({ columnLabel: 'Điểm danh buổi sáng 20/11/2026', oldDisplay: 'Vắng có phép (P); nhận xét: ốm', newDisplay: 'Vắng không phép (K)' });
    const applied = await approveAndApply(filed.body.id);
    const row = await db().selectFrom('attendance_records').selectAll().where('student_id', '=', students[1]).where('date', '=', '2026-11-20').executeTakeFirstOrThrow();
    expect(row.kind).toBe('K');
    expect((await eventsOf('attendance.marked', row.id)).at(-1)).toMatchObject({ after: { kind: 'K', correctionRequestId: applied.id }, source: 'correction' });
  });
});

describe('the profile fields the học bạ prints (C6)', () => {
  it('are open while only term 1 is locked; locked with the whole year, other fields stay open', async () => {
    const detail = async () => (await homeroom.get(`/api/v1/students/${students[2]}`)).body;
    const d1 = await detail();
    const put = (student: object, version: number) => homeroom.put(`/api/v1/students/${students[2]}`, { student, version });
    const base = { ...d1.student };
    for (const k of ['id', 'fullName', 'status', 'version']) delete base[k];
    expect((await put({ ...base, address: 'Thôn Đông, xã Minh Đức' }, d1.student.version)).status).toBe(200);
    const open = (await subjectTeacher.get(`/api/v1/classes/${classId}/record-locks`)).body;
    expect(open.conduct.term1).toContain('Duyệt kết quả học kỳ I');
    expect(open).toMatchObject({ conduct: { term2: null, summer: null }, profile: null });
    expect(open.attendance.map((t: any) => [t.termNo, t.lock !== null])).toEqual([[1, true], [2, false]]);
    await lock({ classId, termNo: 2, reason: 'Duyệt kết quả cả năm' });
    expect((await homeroom.get(`/api/v1/classes/${classId}/record-locks`)).body.profile).toContain('Duyệt kết quả cả năm');
    const d2 = await detail();
    const refused = await put({ ...base, address: 'Thôn Đông, xã Minh Đức', givenName: 'Khác' }, d2.student.version);
    expect(refused.status).toBe(423);
    expect(refused.body.message).toContain('tên');
    expect(refused.body.message).toContain('Giấy đề nghị thay đổi thông tin');
    expect((await detail()).student).toEqual(d2.student);
    expect((await put({ ...base, address: 'Thôn Đông, xã Minh Đức', phone: '0912345678' }, d2.student.version)).status).toBe(200);
  });

  it('a correction applied changes the name, with a student.updated event naming the request', async () => {
    const before = await db().selectFrom('students').selectAll().where('id', '=', students[2]).executeTakeFirstOrThrow();
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, {
      kind: 'profile',
      changes: [{ studentId: students[2], field: 'dateOfBirth', value: '2014-02-03' }],
      reason: 'Sai ngày sinh so với giấy khai sinh',
      evidenceKind: 'other',
    });
    expect(filed.status, JSON.stringify(filed.body).slice(0, 300)).toBe(200);
    expect(filed.body.cells[0]).toMatchObject({ columnLabel: 'Ngày sinh', newDisplay: '03/02/2014' });
    const bad = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'profile', changes: [{ studentId: students[2], field: 'dateOfBirth', value: 'hôm qua' }], reason, evidenceKind: 'other' });
    expect(bad.status).toBe(400);
    const applied = await approveAndApply(filed.body.id);
    const after = await db().selectFrom('students').selectAll().where('id', '=', students[2]).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ date_of_birth: '2014-02-03', address: before.address, phone: before.phone });
    expect((await eventsOf('student.updated', students[2])).at(-1)).toMatchObject({ after: { date_of_birth: '2014-02-03', correctionRequestId: applied.id }, source: 'correction' });
  });
});

describe('primary assessments under lock', () => {
  it('a change at a locked point is refused, nothing changes; a correction applied changes it', async () => {
    const current = await db().selectFrom('primary_assessments').selectAll().where('student_id', '=', primaryStudents[0]).where('point', '=', 'CK1').executeTakeFirstOrThrow();
    const entry = { studentId: primaryStudents[0], qualities: Array(5).fill('T'), competences: Array(10).fill('T'), comment: 'Tiến bộ', baseVersion: 1 };
    expect((await primaryTeacher.put(`/api/v1/classes/${primaryClassId}/primary-assessments`, { point: 'CK1', entries: [entry] })).status).toBe(423);
    expect(await db().selectFrom('primary_assessments').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow()).toEqual(current);
    const filed = await primaryTeacher.post(`/api/v1/classes/${primaryClassId}/record-corrections`, {
      kind: 'primaryAssessment',
      changes: [{ studentId: primaryStudents[0], point: 'CK1', qualities: Array(5).fill('T'), competences: Array(10).fill('T'), comment: 'Tiến bộ' }],
      reason,
      evidenceKind: 'other',
    });
    expect(filed.status, JSON.stringify(filed.body).slice(0, 300)).toBe(200);
    expect(filed.body.cells[0].columnLabel).toContain('Cuối học kỳ I');
    const applied = await approveAndApply(filed.body.id, primaryPrincipal, primaryPrincipal);
    const row = await db().selectFrom('primary_assessments').selectAll().where('id', '=', current.id).executeTakeFirstOrThrow();
    expect(JSON.parse(row.qualities_json)).toEqual(Array(5).fill('T'));
    expect(row).toMatchObject({ comment: 'Tiến bộ' });
    expect((await eventsOf('primary.assessed', current.id)).at(-1)).toMatchObject({ after: { comment: 'Tiến bộ', correctionRequestId: applied.id }, source: 'correction' });
  });
});

describe('the audit stays whole', () => {
  it('a request changed since it was filed is refused on apply (nothing changes)', async () => {
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'conduct', changes: [{ studentId: students[0], period: 'term2', level: 'Đ', comment: '' }], reason, evidenceKind: 'other' });
    expect(filed.status).toBe(200);
    // Term 2 is locked now, so a direct change is refused; a second request applied first changes it.
    const second = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'conduct', changes: [{ studentId: students[0], period: 'term2', level: 'K', comment: '' }], reason, evidenceKind: 'other' });
    await approveAndApply(second.body.id);
    expect((await principal.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 })).status).toBe(200);
    const res = await admin.post(`/api/v1/corrections/${filed.body.id}/apply`);
    expect(res.status).toBe(409);
    expect(res.body.message).toContain('thông tin đã thay đổi sau khi lập giấy');
    const row = await db().selectFrom('conduct_assessments').select('level').where('student_id', '=', students[0]).where('period', '=', 'term2').executeTakeFirstOrThrow();
    expect(row.level).toBe('K');
    expect((await db().selectFrom('correction_requests').select('status').where('id', '=', filed.body.id).executeTakeFirstOrThrow()).status).toBe('approved');
  });

  it('the chains hold and every stored record matches its events', async () => {
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    expect((await verifyStoredRecords(db())).filter((m) => ['students', 'correction_requests', 'locks'].includes(m.table))).toEqual([]);
  });
});
