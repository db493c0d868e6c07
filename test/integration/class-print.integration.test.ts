/**
 * Class-level printed books through HTTP (P1, P2, P4): the class book (TT 22), the subject and
 * homeroom teachers' confirmation sheets and the primary class summary (TT 27). Each PDF is read
 * back with pdftotext: the Ministry's headings, names in the class's ABC order, the scores and
 * averages exactly as the JSON API gives them (decimal comma), "Trang 1/N", the document id and
 * the verification address; the same data gives the same bytes, a changed score a new id. The
 * pages are drawn to PNG in test-results/class-print/ to look at.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import type { AuditContext } from '../../src/server/platform/audit/audit-log.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { TestClient } from '../helpers/client.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';

const POPPLER = ['/usr/bin/pdftotext', '/usr/bin/pdfinfo', '/usr/bin/pdftoppm'];
const havePoppler = POPPLER.every((p) => existsSync(p));
const OUT = join(process.cwd(), 'test-results', 'class-print');

let server: TestServer;
let homeroom: TestClient;
let principal: TestClient;
let guardian: TestClient;
let outsider: TestClient;
let primaryTeacher: TestClient;
let classId: string;
let primaryClassId: string;
/** A scored subject of 6A1 that gvcn.6a1 teaches herself. */
let ownSubjectId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function requirePoppler(): boolean {
  if (havePoppler) return true;
  console.warn(`\n!!!!!!!! SKIPPED: PDF text checks need poppler-utils (${POPPLER.join(', ')}); install it (apt-get install poppler-utils) !!!!!!!!\n`);
  if (process.env.SODIEM_TEST_STRICT === '1') throw new Error('poppler-utils missing under SODIEM_TEST_STRICT=1');
  return false;
}

/** Writes the PDF and its PNG pages; returns the pages' text (pdftotext -layout) and the page count. */
function inspect(name: string, pdf: Buffer): { pages: string[]; text: string; count: number } {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  const text = execFileSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' });
  return { pages: text.split('\f'), text, count: Number(/Pages:\s+(\d+)/.exec(info)![1]) };
}

function expectFooter(doc: { text: string; count: number }, id: string) {
  expect(doc.text).toContain(`Trang 1/${doc.count}`);
  expect(doc.text).toContain(`Trang ${doc.count}/${doc.count}`);
  expect(doc.text).toContain(`Mã văn bản: ${id}`);
  expect(doc.text).toContain(`Kiểm tra bản gốc: ${server.baseUrl}/verify/${id}`);
}

const ENTERED_AT = new Date(Date.parse(TEST_NOW) - 8 * 86_400_000).toISOString();

/** Every required cell of 6A1 that is still empty gets a score (or Đ/CĐ), through the real save action. */
async function fillTerm(termNo: 1 | 2) {
  const db = server.database.handle.db;
  const cls = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
  const students = await db.selectFrom('enrollments').select('student_id').where('class_id', '=', classId).where('status', 'in', ['active', 'transferred_in']).orderBy('list_number').execute();
  const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).where('assessment_kind', 'in', ['scored', 'comment']).execute();
  // Entered while the demo's mid-term window was still open (it closed four days before TEST_NOW and auto-locked ĐĐGgk).
  const audit: AuditContext = { actorUserId: null, actorRole: 'admin', ip: '127.0.0.1', userAgent: 'class-print test', requestId: `fill-${termNo}`, now: ENTERED_AT };
  for (const s of subjects) {
    const cols = gradebookColumns(subjectAssessment(s), termNo).filter((c) => c.required);
    const cells = await db.selectFrom('gradebook_cells').select(['student_id', 'column_key']).where('class_id', '=', classId).where('subject_id', '=', s.id).where('term_no', '=', termNo).execute();
    const have = new Set(cells.map((c) => `${c.student_id}|${c.column_key}`));
    const changes = students.flatMap((st, i) =>
      cols
        .filter((c) => !have.has(`${st.student_id}|${c.key}`))
        .map((c, k) => ({
          studentId: st.student_id,
          columnKey: c.key,
          baseVersion: 0,
          value: s.assessment_kind === 'scored' ? `${((i * 7 + k * 3) % 8) + 2}${k % 2 ? ',5' : ''}` : i % 9 === 4 ? 'CĐ' : 'Đ',
        })),
    );
    if (changes.length) await saveCells({ db, classId, subjectId: s.id, termNo, input: { changes, source: 'typed', reason: 'Nhập điểm kiểm thử' }, audit });
  }
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: true });
  const db = server.database.handle.db;
  classId = server.demo!.classIds['6A1'];
  primaryClassId = server.demo!.classIds['3A'];
  const pw = server.demo!.password;
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', pw);
  principal = await new TestClient(server.baseUrl).login('hieutruong', pw, secret('hieutruong'));
  guardian = await new TestClient(server.baseUrl).login('phuhuynh', pw);
  primaryTeacher = await new TestClient(server.baseUrl).login('gvcn.3a', pw);
  // Another class's homeroom teacher (9A1): she may teach a subject in 6A1, but not gvcn.6a1's own.
  outsider = await new TestClient(server.baseUrl).login('gvcn.9a1', pw);
  const me = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  ownSubjectId = (
    await db
      .selectFrom('teaching_assignments')
      .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
      .select('subjects.id')
      .where('teaching_assignments.class_id', '=', classId)
      .where('teaching_assignments.staff_id', '=', me.staff_id!)
      .where('subjects.assessment_kind', '=', 'scored')
      .executeTakeFirstOrThrow()
  ).id;
  await fillTerm(1);
  // KQRL of HK I by the homeroom teacher (so the term results are complete).
  const conduct = (await homeroom.get(`/api/v1/classes/${classId}/conduct?period=term1`)).body;
  const levels = ['T', 'K', 'T', 'Đ', 'K'];
  const put = await homeroom.put(`/api/v1/classes/${classId}/conduct`, {
    period: 'term1',
    entries: conduct.rows.map((r: { studentId: string; version: number }, i: number) => ({ studentId: r.studentId, level: levels[i % 5], comment: '', baseVersion: r.version })),
  });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
}, 180_000);

afterAll(async () => {
  await server?.close();
});

describe('class book (Sổ theo dõi và đánh giá học sinh theo lớp, P1)', () => {
  const url = () => `/api/v1/classes/${classId}/class-book.pdf?scope=hk1`;

  it('answers 401, 403 to another class’s teacher and a guardian, 400 for an unknown scope', async () => {
    expect((await new TestClient(server.baseUrl).get(url())).status).toBe(401);
    expect((await outsider.get(url())).status).toBe(403);
    expect((await guardian.get(url())).status).toBe(403);
    expect((await homeroom.get(`/api/v1/classes/${classId}/class-book.pdf?scope=hk3`)).status).toBe(400);
    expect((await homeroom.get(`/api/v1/classes/${primaryClassId}/class-book.pdf?scope=hk1`)).status).toBe(403);
    expect((await primaryTeacher.get(`/api/v1/classes/${primaryClassId}/class-book.pdf?scope=hk1`)).status).toBe(409);
  });

  it('prints cover, student list in ABC order, every subject grid with the JSON scores and averages, the term summary and footer', async () => {
    const res = await homeroom.get(url());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^inline; filename="[^"]+\.pdf"; filename\*=UTF-8''S%E1%BB%95/);
    const id = res.headers.get('x-document-id')!;
    expect(id).toMatch(/^STD-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    if (!requirePoppler()) return;
    const doc = inspect('class-book-hk1', res.body as Buffer);
    for (const heading of ['SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH', '(THEO LỚP HỌC)', 'CẤP TRUNG HỌC CƠ SỞ', 'Lớp: 6A1', 'NĂM HỌC 2026 - 2027', 'Thông tư số 22/2021/TT-BGDĐT', 'HƯỚNG DẪN SỬ DỤNG', 'SƠ YẾU LÝ LỊCH HỌC SINH', 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ I', 'Giáo viên môn học', 'GIÁO VIÊN CHỦ NHIỆM', 'HIỆU TRƯỞNG']) {
      expect(doc.text, heading).toContain(heading);
    }
    // 2026-2027: the two-level units on the cover (issue 15 §9, the shared school/print-authority look-up).
    expect(doc.text).toMatch(/Xã\/Phường\/Đặc khu:\s*Phường Bần Yên Nhân/);
    expectFooter(doc, id);

    // Names in the class's ABC order on the student list.
    const book = (await homeroom.get(`/api/v1/classes/${classId}/class-book?termNo=1`)).body;
    const active = book.sheets[0].rows.filter((r: { active: boolean }) => r.active) as { fullName: string; dateOfBirth: string }[];
    const names = active.map((r) => r.fullName);
    const split = (r: { fullName: string; dateOfBirth: string }) => {
      const w = r.fullName.split(' ');
      return { fullName: r.fullName, familyName: w[0], middleName: w.slice(1, -1).join(' '), givenName: w.at(-1)!, dateOfBirth: r.dateOfBirth };
    };
    expect(sortStudentsVietnamese(active.map(split)).map((s) => s.fullName)).toEqual(names);
    const list = doc.pages.find((p) => p.includes('SƠ YẾU LÝ LỊCH HỌC SINH'))! + doc.pages.filter((p) => p.includes('Địa chỉ gia đình')).slice(1).join('');
    let at = -1;
    for (const n of names) {
      const next = list.indexOf(n, at + 1);
      expect(next, `${n} after position ${at}`).toBeGreaterThan(at);
      at = next;
    }

    // Every subject: each student's line carries exactly the sheet's values and average.
    for (const sheet of book.sheets) {
      // The subject's pages: from its heading to the next grid or summary.
      const start = doc.pages.findIndex((p) => p.includes(`HỌC KỲ I — Môn: ${sheet.subject.name}`));
      expect(start, sheet.subject.name).toBeGreaterThan(0);
      let end = start + 1;
      while (end < doc.pages.length && !/HỌC KỲ I — Môn:|TỔNG HỢP KẾT QUẢ/.test(doc.pages[end])) end++;
      const text = doc.pages.slice(start, end).join('\n');
      expect(text).toContain(`Giáo viên môn học: ${sheet.teacherName}`);
      const keys = sheet.columns.filter((c: { required: boolean }) => c.required).map((c: { key: string }) => c.key);
      for (const row of sheet.rows.filter((r: { active: boolean }) => r.active).slice(0, 12)) {
        const values = [...keys.map((k: string) => row.cells[k]?.display ?? ''), row.average ?? ''].filter(Boolean);
        expect(text, `${sheet.subject.name} / ${row.fullName}`).toMatch(new RegExp(`${row.listNumber}\\s+${esc(row.fullName)}\\s+${values.map(esc).join('\\s+')}`));
      }
    }
    // A decimal comma, never a point.
    expect(doc.text).toMatch(/\b\d,5\b/);
    expect(doc.text).not.toMatch(/\s\d\.\d\s/);

    // The term summary equals the JSON results (every subject value, KQHT, KQRL).
    const results = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    const kinds = new Map<string, string>(book.sheets.map((s: { subject: { id: string; assessmentKind: string } }) => [s.subject.id, s.subject.assessmentKind]));
    const summaryText = doc.pages.filter((p) => p.includes('Môn học đánh giá bằng nhận xét')).join('\n');
    for (const st of results.students.slice(0, 10)) {
      const values = [
        ...st.subjects.filter((s: { subjectId: string }) => kinds.get(s.subjectId) === 'comment'),
        ...st.subjects.filter((s: { subjectId: string }) => kinds.get(s.subjectId) === 'scored'),
      ].map((s: { value: string }) => s.value);
      expect(values.every(Boolean)).toBe(true);
      expect(summaryText, st.fullName).toMatch(new RegExp(`${esc(st.fullName)}\\s+${[...values, st.academic, st.conduct].map(esc).join('\\s+')}`));
    }
  });

  it('gives the same bytes for the same data, and a new document id after a score changes', async () => {
    const a = await homeroom.get(url());
    const b = await principal.get(url());
    expect(Buffer.compare(a.body, b.body)).toBe(0);
    const confA = await homeroom.get(`/api/v1/classes/${classId}/confirmation-sheet.pdf?subjectId=${ownSubjectId}&term=1`);

    const sheet = (await homeroom.get(`/api/v1/classes/${classId}/subjects/${ownSubjectId}/terms/1/sheet`)).body;
    const col = sheet.columns.find((c: { kind: string; blockedBy: string | null }) => c.kind === 'score' && !c.blockedBy);
    const row = sheet.rows.find((r: { active: boolean }) => r.active);
    const cell = row.cells[col.key];
    const value = cell?.display === '7,5' ? '8,5' : '7,5';
    const saved = await homeroom.post(`/api/v1/classes/${classId}/subjects/${ownSubjectId}/terms/1/cells`, {
      changes: [{ studentId: row.studentId, columnKey: col.key, value, baseVersion: cell?.version ?? 0 }],
      source: 'typed',
      reason: 'Nhập nhầm, đối chiếu sổ điểm cá nhân',
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);

    const c = await homeroom.get(url());
    expect(c.headers.get('x-document-id')).not.toBe(a.headers.get('x-document-id'));
    const confB = await homeroom.get(`/api/v1/classes/${classId}/confirmation-sheet.pdf?subjectId=${ownSubjectId}&term=1`);
    expect(confB.headers.get('x-document-id')).not.toBe(confA.headers.get('x-document-id'));
    if (!requirePoppler()) return;
    const doc = inspect('confirmation-subject-hk1', confB.body as Buffer);
    expect(doc.text).toMatch(new RegExp(`${esc(row.fullName)}\\s+\\d{2}/\\d{2}/\\d{4}.*\\b${esc(value)}\\b`));
  });

  it('prints the whole year: both terms, the year summary and the year classification', async () => {
    const res = await principal.get(`/api/v1/classes/${classId}/class-book.pdf?scope=year`);
    expect(res.status).toBe(200);
    if (!requirePoppler()) return;
    const doc = inspect('class-book-year', res.body as Buffer);
    for (const heading of ['HỌC KỲ I — Môn:', 'HỌC KỲ II — Môn:', 'ĐTBmcn', 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ II', 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CẢ NĂM HỌC', 'Xếp loại cả năm', 'Tổng hợp chung', 'Được lên lớp', 'Khen thưởng']) {
      expect(doc.text, heading).toContain(heading);
    }
    expectFooter(doc, res.headers.get('x-document-id')!);
  });

  it('prints the monthly attendance sheets (P/K per day, TS/P/K totals) and the principal’s monthly remarks (FORMS §1.2 steps 3, 5, 10)', async () => {
    const roster = (await homeroom.get(`/api/v1/classes/${classId}/conduct?period=term1`)).body.rows as { studentId: string; fullName: string }[];
    const [a, b] = roster;
    for (const [date, session, kind] of [['2026-11-20', 'morning', 'P'], ['2026-11-20', 'afternoon', 'K'], ['2026-11-13', 'morning', 'K']] as const) {
      const put = await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date, session, marks: [{ studentId: a.studentId, kind }] });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    const before = await principal.get(`/api/v1/classes/${classId}/class-book.pdf?scope=hk1`);
    expect(before.status).toBe(200);
    if (!requirePoppler()) return;
    const doc = inspect('class-book-hk1-attendance', before.body as Buffer);
    for (const t of ['THEO DÕI CHUYÊN CẦN', 'Tháng 9 năm 2026', 'Tháng 11 năm 2026', 'Tổng số học sinh của lớp 6A1', 'TS', 'nghỉ có phép', 'NHẬN XÉT CỦA HIỆU TRƯỞNG VỀ SỬ DỤNG SỔ THEO DÕI', 'Ký tên, đóng dấu', 'Sĩ số']) {
      expect(doc.text, t).toContain(t);
    }
    // HK I only: no sheet for a month of HK II
    expect(doc.text).not.toContain('Tháng 3 năm 2027');
    // November's sheet: student a has P and K on the 20th and K on the 13th → TS 3, P 1, K 2 on her line
    const november = doc.text.slice(doc.text.indexOf('Tháng 11 năm 2026'));
    const line = november.split('\n').find((l) => l.includes(a.fullName))!;
    expect(line, 'her line on the November sheet').toBeTruthy();
    expect(line).toMatch(/\bPK\b/);
    expect(line).toMatch(/\b3\s+1\s+2\s*$/);
    const other = november.split('\n').find((l) => l.includes(b.fullName))!;
    expect(other).not.toMatch(/\b[PK]+\b/);
  });
});

describe('confirmation sheets (Bảng xác nhận kết quả, P2)', () => {
  it('the subject teacher prints her class-subject; others are refused', async () => {
    const url = `/api/v1/classes/${classId}/confirmation-sheet.pdf?subjectId=${ownSubjectId}&term=1`;
    expect((await outsider.get(url)).status).toBe(403);
    expect((await guardian.get(url)).status).toBe(403);
    expect((await homeroom.get(`/api/v1/classes/${classId}/confirmation-sheet.pdf?subjectId=${ownSubjectId}&term=year`)).status).toBe(400);
    const res = await homeroom.get(url);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-document-id')!;
    expect(id).toMatch(/^BXN-/);
    if (!requirePoppler()) return;
    const doc = inspect('confirmation-subject', res.body as Buffer);
    const sheet = (await homeroom.get(`/api/v1/classes/${classId}/subjects/${ownSubjectId}/terms/1/sheet`)).body;
    for (const t of ['UBND PHƯỜNG BẦN YÊN NHÂN', 'BẢNG XÁC NHẬN KẾT QUẢ HỌC TẬP', `Môn: ${sheet.subject.name} — Lớp: 6A1`, 'Học kỳ I — Năm học 2026 - 2027', 'GIÁO VIÊN MÔN HỌC', 'HIỆU TRƯỞNG', 'Tôi đã kiểm tra các điểm đánh giá trên', sheet.teacherName]) {
      expect(doc.text, t).toContain(t);
    }
    for (const row of sheet.rows.filter((r: { active: boolean }) => r.active).slice(0, 8)) {
      expect(doc.text, row.fullName).toMatch(new RegExp(`${esc(row.fullName)}\\s+\\d{2}/\\d{2}/\\d{4}\\s+.*\\s${esc(row.average)}\\b`));
    }
    expectFooter(doc, id);
  });

  it('the homeroom teacher prints KQHT, KQRL and absences; the principal the approved snapshot', async () => {
    const url = `/api/v1/classes/${classId}/confirmation-sheet.pdf?term=1`;
    expect((await outsider.get(url)).status).toBe(403);
    expect((await guardian.get(url)).status).toBe(403);
    const live = await homeroom.get(url);
    expect(live.status).toBe(200);
    // The homeroom teacher proposes, the principal approves: the books now print the frozen results.
    const proposed = await homeroom.post(`/api/v1/classes/${classId}/results/term1/proposal`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/results/term1/approval`, { snapshotId: proposed.body.snapshotId })).status).toBe(200);
    const frozen = await principal.get(url);
    expect(frozen.status).toBe(200);
    expect(frozen.headers.get('x-document-id')).not.toBe(live.headers.get('x-document-id'));
    if (!requirePoppler()) return;
    const doc = inspect('confirmation-homeroom', frozen.body as Buffer);
    for (const t of ['BẢNG XÁC NHẬN KẾT QUẢ HỌC TẬP VÀ RÈN LUYỆN', 'Lớp: 6A1 — Học kỳ I', 'đã được Hiệu trưởng phê duyệt', 'Kết quả học tập —', 'Kết quả rèn luyện —', 'GIÁO VIÊN CHỦ NHIỆM']) {
      expect(doc.text, t).toContain(t);
    }
    const results = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    const LEVEL: Record<string, string> = { T: 'Tốt', K: 'Khá', Đ: 'Đạt', CĐ: 'Chưa đạt' };
    for (const st of results.students.slice(0, 8)) {
      expect(doc.text, st.fullName).toMatch(new RegExp(`${esc(st.fullName)}\\s+\\d{2}/\\d{2}/\\d{4}\\s+${esc(LEVEL[st.academic])}\\s+${esc(LEVEL[st.conduct])}\\s+\\d+\\s+\\d+\\s+\\d+`));
    }
    expectFooter(doc, frozen.headers.get('x-document-id')!);
    const book = inspect('class-book-hk1-approved', (await homeroom.get(`/api/v1/classes/${classId}/class-book.pdf?scope=hk1`)).body as Buffer);
    expect(book.text).toContain('đã được Hiệu trưởng phê duyệt');
  });
});

describe('primary class summary (Bảng tổng hợp kết quả đánh giá giáo dục, P4)', () => {
  it('prints the subjects, qualities and competences of 3A at a point; refuses others', async () => {
    const url = `/api/v1/classes/${primaryClassId}/primary-summary.pdf?point=GK1`;
    expect((await homeroom.get(url)).status).toBe(403);
    expect((await guardian.get(url)).status).toBe(403);
    expect((await primaryTeacher.get(`/api/v1/classes/${primaryClassId}/primary-summary.pdf?point=XX`)).status).toBe(400);
    expect((await homeroom.get(`/api/v1/classes/${classId}/primary-summary.pdf?point=GK1`)).status).toBe(409);
    // The homeroom teacher assesses qualities and competences at mid-HK I.
    const sheet = (await primaryTeacher.get(`/api/v1/classes/${primaryClassId}/primary-assessments?point=GK1`)).body;
    const put = await primaryTeacher.put(`/api/v1/classes/${primaryClassId}/primary-assessments`, {
      point: 'GK1',
      entries: sheet.rows.map((r: { studentId: string; version: number }, i: number) => ({
        studentId: r.studentId,
        qualities: ['T', 'Đ', 'T', 'T', i % 7 === 3 ? 'C' : 'Đ'],
        competences: ['T', 'Đ', 'Đ', 'T', 'T', 'Đ', 'Đ', 'T', 'Đ', 'T'],
        comment: '',
        baseVersion: r.version,
      })),
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const res = await primaryTeacher.get(url);
    expect(res.status).toBe(200);
    const id = res.headers.get('x-document-id')!;
    expect(id).toMatch(/^BTH-/);
    const again = await principalOfPrimary();
    expect(Buffer.compare((await again.get(url)).body, res.body)).toBe(0);
    if (!requirePoppler()) return;
    const doc = inspect('primary-summary-gk1', res.body as Buffer);
    for (const t of ['BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ GIÁO DỤC CỦA LỚP', 'GIỮA HỌC KỲ I', 'Lớp: 3A — Năm học: 2026 - 2027', 'MÔN HỌC VÀ HOẠT ĐỘNG GIÁO DỤC', 'PHẨM CHẤT, NĂNG LỰC', 'Phẩm chất chủ yếu', 'Năng lực cốt lõi', 'GIÁO VIÊN CHỦ NHIỆM', 'HIỆU TRƯỞNG']) {
      expect(doc.text, t).toContain(t);
    }
    const summary = (await primaryTeacher.get(`/api/v1/classes/${primaryClassId}/primary-summary?point=GK1`)).body;
    const traits = doc.pages.filter((p) => p.includes('Phẩm chất chủ yếu')).join('\n');
    let at = -1;
    for (const r of summary.rows) {
      const m = new RegExp(`${r.listNumber}\\s+${esc(r.fullName)}\\s+${[...r.qualities, ...r.competences].map(esc).join('\\s+')}`).exec(traits.slice(at + 1));
      expect(m, r.fullName).toBeTruthy();
      at += 1 + m!.index;
    }
    expectFooter(doc, id);
  });
});

async function principalOfPrimary(): Promise<TestClient> {
  return new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
}
