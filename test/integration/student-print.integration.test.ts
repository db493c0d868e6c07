/**
 * Student-level documents through the real server (P3, P8, C6): the học bạ as canonical JSON, XML
 * and PDF from the confirmed year records (the demo's earlier years of 9A1 students, one of them
 * under TT58, plus the current year confirmed here through the whole approval flow); the sổ liên
 * lạc of a term; who may print them.
 */
import { createHash } from 'node:crypto';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { readTranscriptXml } from '../../src/server/transcripts/read-transcript-xml.ts';
import { TestClient } from '../helpers/client.ts';
import { pdfText } from '../helpers/student-print-pdf.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';


let server: TestServer;
let principal: TestClient;
let homeroom9: TestClient;
let homeroom6: TestClient;
let clerk: TestClient;
let guardian: TestClient;
let classId: string;
let students: string[];
let legacyStudent: string;
let modernStudent: string;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The raw bytes of a GET (the client parses JSON; the canonical bytes matter here). */
async function raw(client: TestClient, path: string) {
  const res = await fetch(server.baseUrl + path, { headers: { cookie: (client as unknown as { cookie: string }).cookie } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

/**
 * Fills every required column of both terms for 9A1, as the assigned teachers would: the cells the
 * demo already holds keep their values (a closed update window locks them at the demo's date), the
 * empty ones are entered.
 */
async function fillYear() {
  const db = server.database.handle.db;
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 9).where('assessment_kind', 'in', ['scored', 'comment']).execute();
  const audit = { actorUserId: null, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'test', requestId: 'fill', now: server.clock().toISOString() };
  for (const termNo of [1, 2] as const) {
    for (const s of subjects) {
      const existing = await db.selectFrom('gradebook_cells').select(['student_id', 'column_key', 'version', 'score_tenths', 'text_value']).where('class_id', '=', classId).where('subject_id', '=', s.id).where('term_no', '=', termNo).execute();
      const version = new Map(existing.map((c) => [`${c.student_id}|${c.column_key}`, Number(c.version)]));
      const filled = new Set(existing.filter((c) => c.score_tenths !== null || c.text_value !== null).map((c) => `${c.student_id}|${c.column_key}`));
      const cols = gradebookColumns(subjectAssessment(s), termNo).filter((c) => c.required);
      const changes = students.flatMap((studentId, i) =>
        cols
          .filter((c) => !filled.has(`${studentId}|${c.key}`))
          .map((c) => ({ studentId, columnKey: c.key, value: s.assessment_kind === 'scored' ? ['8,5', '7', '9', '6,5'][(i + c.key.length) % 4] : 'Đ', baseVersion: version.get(`${studentId}|${c.key}`) ?? 0 })),
      );
      if (changes.length) await saveCells({ db, classId, subjectId: s.id, termNo, input: { changes, source: 'typed', reason: '' }, audit });
    }
    const conductVersion = new Map<string, number>((await homeroom9.get(`/api/v1/classes/${classId}/conduct?period=term${termNo}`)).body.rows.map((r: { studentId: string; version: number }) => [r.studentId, r.version]));
    const conduct = students.map((studentId, i) => ({ studentId, level: 'T', comment: i === 0 ? 'Ngoan, học tốt; cần "tự tin" hơn & mạnh dạn <phát biểu>.' : '', baseVersion: conductVersion.get(studentId) ?? 0 }));
    expect((await homeroom9.put(`/api/v1/classes/${classId}/conduct`, { period: `term${termNo}`, entries: conduct })).status).toBe(200);
  }
  for (const scope of ['term1', 'term2', 'year']) {
    const p = await homeroom9.post(`/api/v1/classes/${classId}/results/${scope}/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/results/${scope}/approval`, { snapshotId: p.body.snapshotId })).status).toBe(200);
  }
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: true });
  classId = server.demo!.classIds['9A1'];
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  homeroom9 = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
  homeroom6 = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
  guardian = await new TestClient(server.baseUrl).login('phuhuynh', server.demo!.password);
  students = (await homeroom9.get(`/api/v1/classes/${classId}/students`)).body.entries.map((e: any) => e.student.id);
  const db = server.database.handle.db;
  legacyStudent = (await db.selectFrom('transcript_records').select('student_id').where('regime', 'like', 'TT58%').executeTakeFirstOrThrow()).student_id;
  modernStudent = students.slice(0, 5).find((s) => s !== legacyStudent)!;
  await fillYear();
  const confirmed = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
  expect(confirmed.body).toEqual({ created: 40, unchanged: 0 });
}, 240_000);
afterAll(async () => server?.close());

describe('the canonical transcript (P3, C6)', () => {
  it('JSON and XML say the same thing, and match the frozen year records', async () => {
    const json = await raw(homeroom9, `/api/v1/students/${modernStudent}/transcript.json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('x-data-sha256')).toBe(sha256(json.bytes));
    const doc = JSON.parse(json.bytes.toString('utf8'));
    const xml = await raw(homeroom9, `/api/v1/students/${modernStudent}/transcript.xml`);
    expect(xml.status).toBe(200);
    expect(xml.headers.get('content-type')).toContain('application/xml');
    const text = xml.bytes.toString('utf8');
    expect(text).toContain('<transcript xmlns="urn:sodiem:transcript:1" format="sodiem-transcript" version="1">');
    expect(readTranscriptXml(text)).toEqual(doc);

    expect(doc.years.map((y: any) => `${y.class.name} ${y.regime}`)).toEqual(['6A1 TT22_2021', '7A1 TT22_2021', '8A1 TT22_2021', '9A1 TT22_2021']);
    const rows = await server.database.handle.db.selectFrom('transcript_records').selectAll().where('student_id', '=', modernStudent).where('status', '=', 'confirmed').execute();
    for (const y of doc.years) {
      const row = rows.find((r) => r.id === y.record.id)!;
      expect(y.record.sha256).toBe(row.sha256);
      const frozen = JSON.parse(row.record_json).results.subjects as { code: string; value: string }[];
      for (const s of y.subjects) expect(s.year).toBe(frozen.find((f) => f.code === s.code)!.value.replace(',', '.').replace(/^(\d+)$/, '$1.0'));
    }
    const current = doc.years[3];
    expect(current.periods.map((p: any) => p.period)).toEqual(['term1', 'term2', 'year']);
    expect(current.sources.map((s: any) => s.scope)).toEqual(['term1', 'term2', 'year']);
    expect(current.subjects.find((s: any) => s.assessment === 'score').term1).toMatch(/^\d{1,2}\.\d$/);
    expect(current.outcome).toBe('promoted');
  });

  it('a student whose first year was under TT58 gets the legacy layout for that year', async () => {
    const doc = (await principal.get(`/api/v1/students/${legacyStudent}/transcript.json`)).body;
    expect(doc.years[0]).toMatchObject({ regime: 'TT58_TT26', class: { grade: 6 } });
    expect(doc.years[0].periods[2].overallAverage).toMatch(/^\d\.\d$/);
    const pdf = await principal.get(`/api/v1/students/${legacyStudent}/transcript.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText('hoc-ba-tt58', pdf.body);
    if (!text) return;
    expect(text).toContain('ĐTB các môn');
    expect(text).toContain('Thông tư số 58/2011/TT-BGDĐT');
    expect(text).toContain(doc.years[0].periods[2].overallAverage.replace('.', ','));
  });
});

describe('the học bạ PDF (P3)', () => {
  it('carries dataSha256 = sha256(JSON), every year, exact scores with a decimal comma, the signatures and page numbers', async () => {
    const json = await raw(clerk, `/api/v1/students/${modernStudent}/transcript.json`);
    const doc = JSON.parse(json.bytes.toString('utf8'));
    const res = await clerk.get(`/api/v1/students/${modernStudent}/transcript.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const meta = await PDFDocument.load(res.body, { updateMetadata: false });
    const keywords = meta.getKeywords() ?? '';
    expect(keywords).toContain(`dataSha256:${sha256(json.bytes)}`);
    expect(keywords).toContain(`documentId:${res.headers.get('x-document-id')}`);
    const text = pdfText('hoc-ba', res.body);
    if (!text) return;
    for (const h of ['HỌC BẠ', 'TRUNG HỌC CƠ SỞ', 'QUÁ TRÌNH HỌC TẬP', 'Môn học/Hoạt động giáo', 'NHẬN XÉT CỦA GIÁO VIÊN CHỦ NHIỆM', 'GIÁO VIÊN CHỦ NHIỆM', 'HIỆU TRƯỞNG']) expect(text).toContain(h);
    for (const y of doc.years) expect(text).toContain(`Năm học: ${y.schoolYear}`);
    const pages = meta.getPageCount();
    expect(pages).toBe(2 + 2 * doc.years.length);
    expect(text).toContain(`Trang 1/${pages}`);
    expect(text).toContain(`Trang ${pages}/${pages}`);
    const scored = doc.years[3].subjects.find((s: any) => s.assessment === 'score');
    expect(text).toMatch(new RegExp(`${scored.name}\\s+${scored.term1.replace('.', ',')}\\s+${scored.term2.replace('.', ',')}\\s+${scored.year.replace('.', ',')}`));
    expect(text).toContain('Hoàn thành'); // grade 9: the programme completed
    expect(text).toContain('Ngoan, học tốt');
    // The cover of a học bạ whose last year is 2026-2027: the two-level units (issue 15 §9).
    expect(text).toMatch(/Xã\/Phường\/Đặc khu:\s+Phường Bần Yên Nhân/);
    expect(text).not.toContain('Huyện/Quận');
  });

  it('a học bạ whose last year began before 1/7/2025 prints the district on its cover (issue 15 §9)', async () => {
    const db = server.database.handle.db;
    const yearId = server.demo!.yearId;
    const { starts_on } = await db.selectFrom('school_years').select('starts_on').where('id', '=', yearId).executeTakeFirstOrThrow();
    await db.updateTable('school_years').set({ starts_on: '2024-09-05' }).where('id', '=', yearId).execute();
    try {
      const res = await principal.get(`/api/v1/students/${modernStudent}/transcript.pdf`);
      expect(res.status).toBe(200);
      const text = pdfText('hoc-ba-2024', res.body);
      if (!text) return;
      expect(text).toMatch(/Huyện\/Quận\/Thị xã\/Thành phố:\s+Mỹ Hào/);
      expect(text).not.toContain('Xã/Phường/Đặc khu');
    } finally {
      await db.updateTable('school_years').set({ starts_on }).where('id', '=', yearId).execute();
    }
  });

  it('same data → same bytes; a new confirmed version → a new document id', async () => {
    const a = await principal.get(`/api/v1/students/${modernStudent}/transcript.pdf`);
    const b = await principal.get(`/api/v1/students/${modernStudent}/transcript.pdf`);
    expect(Buffer.compare(a.body, b.body)).toBe(0);
    const admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
    const detail = (await principal.get(`/api/v1/students/${modernStudent}`)).body;
    // The printed profile is locked once confirmed (issue 22): the change goes through an approved request.
    expect((await admin.put(`/api/v1/students/${modernStudent}`, { student: { ...detail.student, placeOfBirth: 'Tỉnh Hưng Yên' }, version: detail.student.version })).status).toBe(423);
    const filed = await homeroom9.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'profile', changes: [{ studentId: modernStudent, field: 'placeOfBirth', value: 'Tỉnh Hưng Yên' }], reason: 'Sai nơi sinh', evidenceKind: 'other' });
    expect((await principal.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await admin.post(`/api/v1/corrections/${filed.body.id}/apply`)).status).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, { studentIds: [modernStudent] })).body).toEqual({ created: 1, unchanged: 0 });
    const c = await principal.get(`/api/v1/students/${modernStudent}/transcript.pdf`);
    expect(c.headers.get('x-document-id')).not.toBe(a.headers.get('x-document-id'));
    expect(c.headers.get('x-data-sha256')).not.toBe(a.headers.get('x-data-sha256'));
    const doc = (await principal.get(`/api/v1/students/${modernStudent}/transcript.json`)).body;
    expect(doc.student.placeOfBirth).toBe('Tỉnh Hưng Yên');
    expect(doc.years[3].record.versionNo).toBe(2);
  });
});

describe('the sổ liên lạc (P8)', () => {
  it('the homeroom teacher prints a term: scores, KQHT, KQRL, absences, the comment, room for the parent', async () => {
    const res = await homeroom9.get(`/api/v1/students/${students[0]}/report-book.pdf?term=1`);
    expect(res.status).toBe(200);
    const text = pdfText('so-lien-lac', res.body);
    if (!text) return;
    for (const h of ['SỔ LIÊN LẠC', 'học kỳ I', 'ĐĐGtx', 'Kết quả học tập', 'Kết quả rèn luyện: Tốt', 'có phép', 'không phép', 'Ý kiến của cha mẹ học sinh', 'CHA MẸ HỌC SINH', 'GIÁO VIÊN CHỦ NHIỆM', 'Trang 1/1', 'đã được Hiệu trưởng phê duyệt']) expect(text).toContain(h);
    expect(text).toMatch(/\d,\d/);
    expect(text).toContain('Ngoan, học tốt');
    // 2026-2027: the commune's People's Committee, not the abolished Phòng (issue 15 §9).
    expect(text).toContain('UBND PHƯỜNG BẦN YÊN NHÂN');
    expect(text).not.toContain('PHÒNG GIÁO DỤC');
  });

  it('a term of a year begun before 1/7/2025 keeps the Phòng over the school (issue 15 §9)', async () => {
    const db = server.database.handle.db;
    const yearId = server.demo!.yearId;
    const { starts_on } = await db.selectFrom('school_years').select('starts_on').where('id', '=', yearId).executeTakeFirstOrThrow();
    await db.updateTable('school_years').set({ starts_on: '2024-09-05' }).where('id', '=', yearId).execute();
    try {
      const res = await homeroom9.get(`/api/v1/students/${students[0]}/report-book.pdf?term=1`);
      expect(res.status).toBe(200);
      const text = pdfText('so-lien-lac-2024', res.body);
      if (!text) return;
      expect(text).toMatch(/PHÒNG GIÁO DỤC VÀ ĐÀO TẠO[\s\S]*THỊ XÃ MỸ HÀO/); // the heading wraps beside the motto
      expect(text).not.toContain('UBND');
    } finally {
      await db.updateTable('school_years').set({ starts_on }).where('id', '=', yearId).execute();
    }
  });

  it("the guardian gets his own child's report book, not another's, and no học bạ", async () => {
    const child = server.database.handle.db.selectFrom('user_roles').innerJoin('users', 'users.id', 'user_roles.user_id').select('user_roles.student_id').where('users.username', '=', 'phuhuynh');
    const childId = (await child.executeTakeFirstOrThrow()).student_id!;
    const own = await guardian.get(`/api/v1/students/${childId}/report-book.pdf?term=1`);
    expect(own.status).toBe(200);
    const text = pdfText('so-lien-lac-phu-huynh', own.body);
    if (text) expect(text).toContain('Kết quả tạm tính');
    expect((await guardian.get(`/api/v1/students/${students[0]}/report-book.pdf?term=1`)).status).toBe(403);
    expect((await guardian.get(`/api/v1/students/${childId}/transcript.pdf`)).status).toBe(403);
  });

  it('a teacher of another class may not print the học bạ or the report book', async () => {
    expect((await homeroom6.get(`/api/v1/students/${modernStudent}/transcript.pdf`)).status).toBe(403);
    expect((await homeroom6.get(`/api/v1/students/${modernStudent}/transcript.json`)).status).toBe(403);
    expect((await homeroom6.get(`/api/v1/students/${modernStudent}/report-book.pdf?term=1`)).status).toBe(403);
  });
});
