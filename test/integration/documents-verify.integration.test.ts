/**
 * The document registry and the public verification (Q3): a printed document is stored once per
 * version, /verify/<id> (page and JSON, no login) tells whether it is authentic and shows only its
 * header, and an uploaded copy is compared byte for byte — one flipped byte is caught.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';

const MONTH = new Date(Date.parse(TEST_NOW) + 7 * 3600_000).toISOString().slice(0, 7);

let server: TestServer;
let principal: TestClient;
let teacher: TestClient;
let anonymous: TestClient;
let schoolId: string;
let teacherId: string;
let pdf: Buffer;
let documentId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

async function upload(path: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'ban-sao.pdf');
  return fetch(`${server.baseUrl}${path}`, { method: 'POST', body: form });
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  schoolId = server.demo!.schoolId;
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  anonymous = new TestClient(server.baseUrl);
  teacherId = (await server.database.handle.db.selectFrom('users').select('id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow()).id;
  const res = await principal.get(`/api/v1/schools/${schoolId}/edit-log.pdf?teacherUserId=${teacherId}&month=${MONTH}`);
  expect(res.status).toBe(200);
  pdf = res.body as Buffer;
  const row = await server.database.handle.db.selectFrom('documents').selectAll().where('kind', '=', 'edit_log').executeTakeFirstOrThrow();
  documentId = row.id;
});
afterAll(async () => server?.close());

describe('the document registry', () => {
  it('stores a printed document once, with its SHA-256 and an audit entry; printing again adds nothing', async () => {
    const db = server.database.handle.db;
    const rows = await db.selectFrom('documents').selectAll().where('kind', '=', 'edit_log').execute();
    expect(rows).toHaveLength(1);
    const { createHash } = await import('node:crypto');
    expect(rows[0].sha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(rows[0].version_no).toBe(1);
    const again = await principal.get(`/api/v1/schools/${schoolId}/edit-log.pdf?teacherUserId=${teacherId}&month=${MONTH}`);
    expect(Buffer.compare(again.body as Buffer, pdf)).toBe(0);
    expect(await db.selectFrom('documents').select('id').where('kind', '=', 'edit_log').execute()).toHaveLength(1);
    const audits = await db.selectFrom('audit_events').select(['action', 'entity_id']).where('action', '=', 'document.create').execute();
    expect(audits.map((a) => a.entity_id)).toEqual([documentId]);
  });

  it('lists and opens stored documents for school-wide readers; a teacher without the class gets 403', async () => {
    const list = await principal.get(`/api/v1/schools/${schoolId}/documents?kind=edit_log`);
    expect(list.status).toBe(200);
    expect(list.body.map((d: { id: string }) => d.id)).toEqual([documentId]);
    expect((await principal.get(`/api/v1/documents/${documentId}`)).body).toMatchObject({ id: documentId, versionNo: 1, status: 'draft', signatures: [] });
    const file = await principal.get(`/api/v1/documents/${documentId}/pdf`);
    expect(Buffer.compare(file.body as Buffer, pdf)).toBe(0);
    expect((await teacher.get(`/api/v1/documents/${documentId}`)).status).toBe(403);
    expect((await teacher.get(`/api/v1/documents/${documentId}/pdf`)).status).toBe(403);
    expect((await teacher.get(`/api/v1/schools/${schoolId}/documents`)).body).toEqual([]);
    expect((await anonymous.get(`/api/v1/documents/${documentId}`)).status).toBe(401);
  });
});

describe('public verification /verify/<id>', () => {
  it('JSON without login: authentic, the header only — no personal data beyond it', async () => {
    const res = await anonymous.get(`/api/v1/verify/${documentId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ found: true, id: documentId, kindLabel: 'Nhật kí sửa điểm', versionNo: 1, supersededBy: null });
    expect(res.body.header).toContain('Nhật kí sửa điểm tháng');
    expect(Object.keys(res.body).sort()).toEqual(['createdAt', 'found', 'header', 'id', 'kindLabel', 'sha256', 'signatures', 'status', 'statusLabel', 'supersededBy', 'versionNo']);
    expect((await anonymous.get('/api/v1/verify/HB-0000-0000-0000-0000')).body).toEqual({ found: false, id: 'HB-0000-0000-0000-0000' });
    expect((await anonymous.get('/api/v1/verify/not-an-id')).status).toBe(400);
  });

  it('the page the QR code opens: says authentic, escapes, offers the upload; unknown → 404 page', async () => {
    const page = await fetch(`${server.baseUrl}/verify/${documentId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Văn bản thật');
    expect(html).toContain('name="file"');
    const missing = await fetch(`${server.baseUrl}/verify/HB-0000-0000-0000-0000`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không có văn bản nào mang mã');
  });

  it('an uploaded copy: identical → matches; one flipped byte → rejected; not a PDF → 400', async () => {
    const same = await upload(`/api/v1/verify/${documentId}/check`, pdf);
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ matches: true, stage: 'Bản in gốc (trước khi ký số)' });
    const flipped = Buffer.from(pdf);
    flipped[Math.floor(flipped.length / 2)] ^= 0x01;
    const bad = await upload(`/api/v1/verify/${documentId}/check`, flipped);
    expect(await bad.json()).toMatchObject({ matches: false, stage: null });
    const html = await upload(`/verify/${documentId}`, flipped);
    expect(await html.text()).toContain('KHÔNG trùng khớp');
    const notPdf = await upload(`/api/v1/verify/${documentId}/check`, Buffer.from('hello'));
    expect(notPdf.status).toBe(400);
  });
});

describe('versions: a changed input makes a new version that supersedes the old, never an edit', () => {
  it('a new change in the month → the edit log prints as version 2; /verify of version 1 points to it', async () => {
    const db = server.database.handle.db;
    const classId = server.demo!.classIds['6A1'];
    const staffId = (await db.selectFrom('users').select('staff_id').where('id', '=', teacherId).executeTakeFirstOrThrow()).staff_id!;
    const subject = await db
      .selectFrom('teaching_assignments')
      .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
      .select('subjects.id')
      .where('teaching_assignments.class_id', '=', classId)
      .where('teaching_assignments.staff_id', '=', staffId)
      .where('subjects.assessment_kind', '=', 'scored')
      .executeTakeFirstOrThrow();
    const base = `/api/v1/classes/${classId}/subjects/${subject.id}/terms/1`;
    const row = (await teacher.get(`${base}/sheet`)).body.rows[0];
    // ĐĐGtx 2: the demo's mid-term window has closed (ĐĐGgk auto-locked) and ĐĐGtx 1 of one subject is locked.
    const v = row.cells.TX2?.version ?? 0;
    expect((await teacher.post(`${base}/cells`, { changes: [{ studentId: row.studentId, columnKey: 'TX2', value: '5', baseVersion: v }], reason: 'Nhập nhầm' })).status).toBe(200);
    expect((await teacher.post(`${base}/cells`, { changes: [{ studentId: row.studentId, columnKey: 'TX2', value: '6,5', baseVersion: v + 1 }], reason: 'Nhập nhầm' })).status).toBe(200);
    const res = await principal.get(`/api/v1/schools/${schoolId}/edit-log.pdf?teacherUserId=${teacherId}&month=${MONTH}`);
    expect(res.status).toBe(200);
    const rows = await db.selectFrom('documents').selectAll().where('kind', '=', 'edit_log').orderBy('version_no').execute();
    expect(rows.map((r) => r.version_no)).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({ id: documentId, superseded_by_id: rows[1].id, sha256: rows[0].current_sha256 });
    expect(rows[1].supersedes_id).toBe(documentId);
    const old = await anonymous.get(`/api/v1/verify/${documentId}`);
    expect(old.body.supersededBy).toEqual({ id: rows[1].id, createdAt: rows[1].created_at });
    const html = await (await fetch(`${server.baseUrl}/verify/${documentId}`)).text();
    expect(html).toContain('đã có phiên bản mới thay thế');
    // The original bytes still verify as what they were.
    const still = await upload(`/api/v1/verify/${documentId}/check`, pdf);
    expect(await still.json()).toMatchObject({ matches: true });
    const detail = await principal.get(`/api/v1/documents/${rows[1].id}`);
    expect(detail.body.versions.map((v: { versionNo: number }) => v.versionNo)).toEqual([2, 1]);
  });
});
