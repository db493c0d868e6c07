/**
 * Printed documents through HTTP (C2, C4, P4): a teacher's monthly edit log and a correction
 * request, each as a PDF whose text (pdftotext) carries the Vietnamese wording intact, with the
 * Tinos fonts embedded (pdffonts). The pages are also drawn to PNG in test-results/print/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';

const POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdffonts', '/usr/bin/pdftoppm'];
const havePoppler = POPPLER.every((p) => existsSync(p));
const OUT = join(process.cwd(), 'test-results', 'print');
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001', 'hex');
/** The month of the fixed test calendar, in Vietnam time. */
const MONTH = new Date(Date.parse(TEST_NOW) + 7 * 3600_000).toISOString().slice(0, 7);

let server: TestServer;
let teacher: TestClient;
let principal: TestClient;
let admin: TestClient;
let other: TestClient;
let schoolId: string;
let teacherId: string;
let teacherName: string;
let students: { studentId: string; fullName: string }[];
let correctionId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

/** Writes the PDF and its PNG pages under test-results/print; returns the text pdftotext sees. */
function inspect(name: string, pdf: Buffer): { text: string; fonts: string } {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', file, join(OUT, name)]);
  return {
    text: execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
    fonts: execFileSync('/usr/bin/pdffonts', [file], { encoding: 'utf8' }),
  };
}

function requirePoppler(): boolean {
  if (havePoppler) return true;
  console.warn(`\n!!!!!!!! SKIPPED: PDF text checks need poppler-utils (${POPPLER.join(', ')}); install it (apt-get install poppler-utils) !!!!!!!!\n`);
  if (process.env.SODIEM_TEST_STRICT === '1') throw new Error('poppler-utils missing under SODIEM_TEST_STRICT=1');
  return false;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  const db = server.database.handle.db;
  schoolId = server.demo!.schoolId;
  const classId = server.demo!.classIds['6A1'];
  const user = await db.selectFrom('users').select(['id', 'staff_id', 'full_name']).where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  teacherId = user.id;
  teacherName = user.full_name;
  const a = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select('subjects.id')
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', user.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .executeTakeFirstOrThrow();
  const base = `/api/v1/classes/${classId}/subjects/${a.id}`;
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
  other = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
  students = (await teacher.get(`${base}/terms/1/sheet`)).body.rows.slice(0, 2);
  const [s1, s2] = students.map((s) => s.studentId);
  // First entries, then re-entries (changes) with reasons, then a lock and a correction.
  const first = await teacher.post(`${base}/terms/1/cells`, {
    changes: [
      { studentId: s1, columnKey: 'GK', value: '5', baseVersion: 0 },
      { studentId: s2, columnKey: 'TX1', value: '7', baseVersion: 0 },
    ],
  });
  expect(first.status).toBe(200);
  const again = await teacher.post(`${base}/terms/1/cells`, {
    changes: [
      { studentId: s1, columnKey: 'GK', value: '6', baseVersion: 1 },
      { studentId: s2, columnKey: 'TX1', value: '9,5', baseVersion: 1 },
    ],
    reason: 'Nhập nhầm điểm của học sinh khác',
  });
  expect(again.status).toBe(200);
  expect((await principal.post(`/api/v1/years/${server.demo!.yearId}/locks`, { termNo: 1, reason: 'Khóa sổ giữa kỳ I' })).status).toBe(200);
  const filed = await teacher.post(`${base}/corrections`, { termNo: 1, cells: [{ studentId: s1, columnKey: 'GK', newValue: '8' }], reason: 'Cộng nhầm điểm bài kiểm tra giữa kì', evidenceKind: 'testPaper' });
  expect(filed.status).toBe(200);
  correctionId = filed.body.id;
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'bài-kiểm-tra.png');
  expect((await teacher.post(`/api/v1/corrections/${correctionId}/evidence`, form)).status).toBe(200);
  expect((await principal.post(`/api/v1/corrections/${correctionId}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 })).status).toBe(200);
  expect((await admin.post(`/api/v1/corrections/${correctionId}/apply`)).status).toBe(200);
});
afterAll(async () => server?.close());

describe('edit log PDF (C4)', () => {
  const path = (q: string) => `/api/v1/schools/${schoolId}/edit-log.pdf?${q}`;

  it('401 without a session; 400 for a bad month; 404 for a teacher not of this school', async () => {
    expect((await new TestClient(server.baseUrl).get(path(`month=${MONTH}`))).status).toBe(401);
    expect((await principal.get(path(`teacherUserId=${teacherId}&month=2026-13`))).status).toBe(400);
    expect((await principal.get(path(`teacherUserId=no-such-user&month=${MONTH}`))).status).toBe(404);
    expect((await principal.get(path(`month=${MONTH}`))).status).toBe(400);
  });

  it("403 for another teacher's log, or another school", async () => {
    const res = await other.get(path(`teacherUserId=${teacherId}&month=${MONTH}`));
    expect(res.status).toBe(403);
    expect((await teacher.get(`/api/v1/schools/${server.demo!.primarySchoolId}/edit-log.pdf?month=${MONTH}`)).status).toBe(403);
  });

  // The teacher's own changes; the correction applied by the admin board is in the board's log.
  it('the principal prints it: title, teacher, students, old → new, evidence boxes, page numbers, Tinos', async () => {
    const res = await principal.get(path(`teacherUserId=${teacherId}&month=${MONTH}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="Nhat-ki-sua-diem-[^"]+\.pdf"; filename\*=UTF-8''Nh%E1%BA%ADt%20k%C3%AD/);
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!requirePoppler()) return;
    const { text, fonts } = inspect('edit-log', pdf);
    for (const s of ['NHẬT KÍ SỬA ĐIỂM', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'TRƯỜNG THCS NGUYỄN TRÃI', teacherName, 'Trang 1/', 'Giải trình', 'Minh chứng kèm theo', 'Sổ điểm cá nhân', 'Bài kiểm tra', 'Xác nhận của học sinh', '(điểm miệng)', 'Khác', 'HIỆU TRƯỞNG', 'GIÁO VIÊN', '(Ký, ghi rõ họ tên)']) {
      expect(text).toContain(s);
    }
    for (const s of students) expect(text).toContain(s.fullName);
    expect(text).toContain('5,0 → 6,0');
    expect(text).toContain('7,0 → 9,5');
    expect(text).toMatch(/Mã văn bản: NKSD-[0-9A-Z]{4}-/);
    // 2026-2027: the commune's People's Committee over the school, not the abolished Phòng (issue 15 §9).
    expect(text).toContain('UBND PHƯỜNG BẦN YÊN NHÂN');
    expect(text).not.toContain('PHÒNG GIÁO DỤC');
    expect(fonts).toMatch(/Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    expect(fonts).toMatch(/Tinos-Bold\s+CID TrueType\s+Identity-H\s+yes/);
  });

  it('the same inputs print the same bytes; a teacher prints her own without naming herself', async () => {
    const a = await principal.get(path(`teacherUserId=${teacherId}&month=${MONTH}`));
    const b = await principal.get(path(`teacherUserId=${teacherId}&month=${MONTH}`));
    expect(Buffer.compare(a.body, b.body)).toBe(0);
    const own = await teacher.get(path(`month=${MONTH}`));
    expect(own.status).toBe(200);
    const empty = await other.get(path(`month=2026-09`));
    expect(empty.status).toBe(200);
    if (!requirePoppler()) return;
    expect(inspect('edit-log-empty', empty.body).text).toContain('Trong tháng không có lần sửa điểm nào.');
  });

  it('a month of a year begun before 1/7/2025 keeps the Phòng it was under (issue 15 §9)', async () => {
    const res = await principal.get(path(`teacherUserId=${teacherId}&month=2024-11`));
    expect(res.status).toBe(200);
    if (!requirePoppler()) return;
    const { text } = inspect('edit-log-2024', res.body);
    expect(text).toContain('PHÒNG GIÁO DỤC VÀ ĐÀO TẠO THỊ XÃ MỸ HÀO');
    expect(text).not.toContain('UBND');
    expect(text).toContain('2024 - 2025');
  });

  it("the admin board's log shows the correction it applied, with the request number", async () => {
    const adminId = (await admin.get('/api/v1/auth/me')).body.user.id;
    const res = await principal.get(path(`teacherUserId=${adminId}&month=${MONTH}`));
    expect(res.status).toBe(200);
    if (!requirePoppler()) return;
    const { text } = inspect('edit-log-board', res.body);
    expect(text).toContain('6,0 → 8,0');
    expect(text).toContain('Giấy đề nghị số 1');
  });
});

describe('correction request PDF (C2)', () => {
  it('401 without a session; 404 for an unknown request; 403 for a teacher with no part in it', async () => {
    expect((await new TestClient(server.baseUrl).get(`/api/v1/corrections/${correctionId}/pdf`)).status).toBe(401);
    expect((await principal.get('/api/v1/corrections/no-such-request/pdf')).status).toBe(404);
    expect((await other.get(`/api/v1/corrections/${correctionId}/pdf`)).status).toBe(403);
  });

  it('the author prints it: title, addressee, cells old → new, evidence, decision, update, signatures', async () => {
    const res = await teacher.get(`/api/v1/corrections/${correctionId}/pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''Gi%E1%BA%A5y%20%C4%91%E1%BB%81%20ngh%E1%BB%8B");
    expect((await principal.get(`/api/v1/corrections/${correctionId}/pdf`)).status).toBe(200);
    if (!requirePoppler()) return;
    const { text, fonts } = inspect('correction-request', res.body);
    const principalName = (await principal.get('/api/v1/auth/me')).body.user.fullName;
    for (const s of [
      'GIẤY ĐỀ NGHỊ THAY ĐỔI THÔNG TIN',
      'Kính gửi: Hiệu trưởng Trường THCS Nguyễn Trãi',
      'Số: 1',
      teacherName,
      students[0].fullName,
      'ĐĐGgk (HK I)',
      'Cộng nhầm điểm bài kiểm tra giữa kì',
      'Bài kiểm tra của học sinh',
      'Sổ điểm cá nhân của giáo viên',
      'bài-kiểm-tra.png',
      'Ý KIẾN CỦA HIỆU TRƯỞNG',
      'Đồng ý',
      principalName,
      'NGƯỜI ĐỀ NGHỊ',
      'BAN QUẢN TRỊ',
      'Trang 1/1',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).toMatch(/6,0\s+8,0/);
    expect(text).toMatch(/Mã văn bản: GDN-[0-9A-Z]{4}-/);
    expect(fonts).toMatch(/Tinos-Regular\s+CID TrueType\s+Identity-H\s+yes/);
    // 'Học kỳ' as everywhere (issue 15 §8); the 2026-2027 heading (§9).
    expect(text).toContain('Học kỳ: Học kỳ I, năm học 2026 - 2027');
    expect(text).toContain('UBND PHƯỜNG BẦN YÊN NHÂN');
    expect(text).not.toContain('PHÒNG GIÁO DỤC');
  });

  it('a request of a year begun before 1/7/2025 prints the Phòng, under its own document id (issue 15 §9)', async () => {
    const db = server.database.handle.db;
    const yearId = server.demo!.yearId;
    const { starts_on } = await db.selectFrom('school_years').select('starts_on').where('id', '=', yearId).executeTakeFirstOrThrow();
    const now = await principal.get(`/api/v1/corrections/${correctionId}/pdf`);
    await db.updateTable('school_years').set({ starts_on: '2024-09-05' }).where('id', '=', yearId).execute();
    try {
      const then = await principal.get(`/api/v1/corrections/${correctionId}/pdf`);
      expect(then.status).toBe(200);
      if (!requirePoppler()) return;
      const { text } = inspect('correction-request-2024', then.body);
      const id = (t: string) => /Mã văn bản: (GDN-[0-9A-Z-]+)/.exec(t)?.[1];
      expect(id(text)).toBeTruthy();
      expect(id(text)).not.toBe(id(inspect('correction-request-now', now.body).text));
      expect(text).toMatch(/PHÒNG GIÁO DỤC VÀ ĐÀO TẠO[\s\S]*THỊ XÃ MỸ HÀO/); // the heading wraps beside the motto
      expect(text).not.toContain('UBND');
    } finally {
      await db.updateTable('school_years').set({ starts_on }).where('id', '=', yearId).execute();
    }
  });
});
