/**
 * C2 through HTTP: after a lock the teacher files a correction with evidence; the principal
 * decides; the admin board applies; the edit log shows the change with the request number.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let teacher: TestClient;
let principal: TestClient;
let admin: TestClient;
let classId: string;
let subjectId: string;
let base: string;
let studentId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  const db = server.database.handle.db;
  classId = server.demo!.classIds['6A1'];
  const user = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const a = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select('subjects.id')
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', user.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .executeTakeFirstOrThrow();
  subjectId = a.id;
  base = `/api/v1/classes/${classId}/subjects/${subjectId}`;
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
  const sheet = (await teacher.get(`${base}/terms/1/sheet`)).body;
  studentId = sheet.rows[0].studentId;
  expect((await teacher.post(`${base}/terms/1/cells`, { changes: [{ studentId, columnKey: 'GK', value: '5', baseVersion: 0 }] })).status).toBe(200);
  expect((await principal.post(`/api/v1/years/${server.demo!.yearId}/locks`, { termNo: 1, reason: 'Khóa sổ giữa kỳ I' })).status).toBe(200);
});
afterAll(async () => server?.close());

describe('corrections after a lock (C2)', () => {
  let id: string;

  it('the locked cell refuses a direct write', async () => {
    const res = await teacher.post(`${base}/terms/1/cells`, { changes: [{ studentId, columnKey: 'GK', value: '8', baseVersion: 1 }], reason: 'nhầm' });
    expect(res.status).toBe(423);
    expect(res.body.message).toContain('giấy đề nghị');
  });

  it('a teacher who does not teach the subject cannot file (403); a bad value is 400', async () => {
    const other = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
    const body = { termNo: 1, cells: [{ studentId, columnKey: 'GK', newValue: '8' }], reason: 'Chấm nhầm', evidenceKind: 'testPaper' };
    expect((await other.post(`${base}/corrections`, body)).status).toBe(403);
    expect((await teacher.post(`${base}/corrections`, { ...body, cells: [{ studentId, columnKey: 'GK', newValue: '10,5' }] })).status).toBe(400);
  });

  it('the teacher files the request with the old value recorded, and attaches a photo', async () => {
    const res = await teacher.post(`${base}/corrections`, { termNo: 1, cells: [{ studentId, columnKey: 'GK', newValue: '8' }], reason: 'Cộng nhầm điểm bài kiểm tra', evidenceKind: 'testPaper' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'pending', number: 1, cells: [{ oldDisplay: '5,0', newDisplay: '8,0' }] });
    id = res.body.id;
    const form = new FormData();
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'bai-kiem-tra.png');
    const up = await teacher.post(`/api/v1/corrections/${id}/evidence`, form);
    expect(up.status).toBe(200);
    expect(up.body.evidence[0]).toMatchObject({ filename: 'bai-kiem-tra.png', mime: 'image/png' });
    const fake = new FormData();
    fake.append('file', new Blob(['<script>alert(1)</script>'], { type: 'image/png' }), 'x.png');
    const refused = await teacher.post(`/api/v1/corrections/${id}/evidence`, fake);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('ảnh');
  });

  it('the principal is notified; the vice-principal and the admin board cannot decide', async () => {
    const notes = await principal.get('/api/v1/notifications?unread=1');
    expect(notes.body.some((n: any) => n.link === `/corrections/${id}`)).toBe(true);
    expect((await admin.post(`/api/v1/corrections/${id}/decision`, { decision: 'approve', version: 1 })).status).toBe(403);
    expect((await admin.post(`/api/v1/corrections/${id}/apply`)).status).toBe(409);
  });

  it('the principal approves; the admin board applies; the value changes through the lock', async () => {
    const d = await principal.post(`/api/v1/corrections/${id}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 });
    expect(d.status).toBe(200);
    expect(d.body.status).toBe('approved');
    const a = await admin.post(`/api/v1/corrections/${id}/apply`);
    expect(a.status).toBe(200);
    expect(a.body.status).toBe('applied');
    const sheet = (await teacher.get(`${base}/terms/1/sheet`)).body;
    expect(sheet.rows[0].cells.GK.display).toBe('8,0');
    expect((await admin.post(`/api/v1/corrections/${id}/apply`)).status).toBe(409);
  });

  it('the edit log shows the change with the request number; a teacher sees only her own', async () => {
    const log = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/edit-log?changesOnly=1`);
    expect(log.status).toBe(200);
    const entry = log.body.entries.find((e: any) => e.correctionNumber === 1);
    expect(entry).toMatchObject({ oldValue: '5,0', newValue: '8,0', source: 'correction', columnKey: 'GK' });
    expect(entry.reason).toContain('Giấy đề nghị số 1');
    const mine = await teacher.get(`/api/v1/schools/${server.demo!.schoolId}/edit-log`);
    expect(mine.status).toBe(200);
    const teacherId = (await teacher.get('/api/v1/auth/me')).body.user.id;
    expect(mine.body.entries.every((e: any) => e.teacherUserId === teacherId)).toBe(true);
  });

  it('a rejection needs a reason; the homeroom teacher sees the request listed', async () => {
    const res = await teacher.post(`${base}/corrections`, { termNo: 1, cells: [{ studentId, columnKey: 'GK', newValue: '9' }], reason: 'Thử', evidenceKind: 'other' });
    const r2 = res.body.id;
    expect((await principal.post(`/api/v1/corrections/${r2}/decision`, { decision: 'reject', version: 1 })).status).toBe(400);
    expect((await principal.post(`/api/v1/corrections/${r2}/decision`, { decision: 'reject', reason: 'Không có minh chứng', version: 1 })).status).toBe(200);
    const list = await teacher.get(`/api/v1/schools/${server.demo!.schoolId}/corrections`);
    expect(list.body.requests.map((r: any) => r.status).sort()).toEqual(['applied', 'rejected']);
    const byNumber = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/corrections?q=1`);
    expect(byNumber.body.requests.map((r: any) => r.number)).toEqual([1]);
    const byWords = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/corrections?q=${encodeURIComponent('Cộng nhầm')}`);
    expect(byWords.body.requests.map((r: any) => r.number)).toEqual([1]);
    expect((await verifyAuditChains(server.database.handle.db)).breaks).toEqual([]);
  });
});
