/**
 * The học bạ tiểu học (TT27/2020, C6, P3) printed from real data through the real server: the
 * demo's class 3A has its lớp 1 and lớp 2 years confirmed by the primary principal; the canonical
 * JSON carries both years as the frozen records say, and the PDF prints the TT27 form — cover
 * TIỂU HỌC, then per year the subjects with their levels and test scores, the qualities and
 * competences, the education result, the award, completion and the signatures.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { STUDENT_PRINT_OUT as OUT, pdfText } from '../helpers/student-print-pdf.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const LEVEL = { HTXS: 'Hoàn thành xuất sắc', HTT: 'Hoàn thành tốt', HT: 'Hoàn thành' } as Record<string, string>;
const AWARD = { XS: 'Học sinh Xuất sắc', TB: 'Học sinh tiêu biểu hoàn thành tốt trong học tập và rèn luyện' } as Record<string, string>;

let server: TestServer;
let principal: TestClient;
let students: string[];
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** The text of one page (1-based) of the last PDF written under `name`. */
function pageText(name: string, page: number): string {
  return execFileSync('/usr/bin/pdftotext', ['-layout', '-f', String(page), '-l', String(page), join(OUT, `${name}.pdf`), '-'], { encoding: 'utf8' });
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  principal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
  const list = await principal.get(`/api/v1/classes/${server.demo!.classIds['3A']}/students`);
  expect(list.status).toBe(200);
  students = list.body.entries.map((e: any) => e.student.id);
}, 120_000);
afterAll(async () => server?.close());

describe('the học bạ tiểu học from the demo (TT27/2020)', () => {
  it('the canonical JSON has lớp 1 and lớp 2, as the principal confirmed them', async () => {
    expect(students).toHaveLength(40);
    const db = server.database.handle.db;
    for (const studentId of [students[0], students[4], students[7]]) {
      const res = await principal.get(`/api/v1/students/${studentId}/transcript.json`);
      expect(res.status).toBe(200);
      const doc = res.body;
      expect(doc.years.map((y: any) => `${y.schoolYear} ${y.class.name} ${y.class.grade} ${y.regime} ${y.ruleVersion}`)).toEqual(['2024-2025 1A 1 TT27_2020 TT27_2020@1', '2025-2026 2A 2 TT27_2020 TT27_2020@1']);
      const rows = await db.selectFrom('transcript_records').selectAll().where('student_id', '=', studentId).where('status', '=', 'confirmed').execute();
      expect(rows).toHaveLength(2);
      // each year was confirmed from its approved cuối năm snapshot, which holds the same results
      for (const row of rows) {
        const snap = await db.selectFrom('result_snapshots').selectAll().where('id', '=', row.result_snapshot_id!).executeTakeFirstOrThrow();
        expect([snap.class_id, snap.scope, snap.status]).toEqual([row.class_id, 'CN', 'approved']);
        const frozenRow = JSON.parse(snap.snapshot_json).rows.find((r: any) => r.studentId === studentId);
        expect(frozenRow).toMatchObject({ yearLevel: JSON.parse(row.record_json).results.yearLevel, missing: [] });
      }
      for (const y of doc.years) {
        const row = rows.find((r) => r.id === y.record.id)!;
        expect(y.record.sha256).toBe(row.sha256);
        expect(y.record.confirmedBy).toBe((await db.selectFrom('users').select('full_name').where('username', '=', 'th.hieutruong').executeTakeFirstOrThrow()).full_name);
        const frozen = JSON.parse(row.record_json).results;
        expect(y.subjects.map((s: any) => s.name)).toEqual(['Tiếng Việt', 'Toán', 'Đạo đức', 'Tự nhiên và Xã hội', 'Giáo dục thể chất', 'Nghệ thuật (Âm nhạc, Mĩ thuật)', 'Hoạt động trải nghiệm']);
        for (const s of y.subjects) {
          expect(['T', 'H']).toContain(s.year);
          expect(s.assessment).toBe('level');
          if (s.code === 'TV' || s.code === 'TOAN') expect(s.test).toMatch(/^(10|[5-9])\.0$/); // canonical decimal; printed as a whole number
          else expect(s.test).toBeNull();
        }
        expect(y.primary.traits).toHaveLength(15);
        expect(y.primary.traits.filter((t: any) => t.group === 'quality').map((t: any) => t.name)).toEqual(['Yêu nước', 'Nhân ái', 'Chăm chỉ', 'Trung thực', 'Trách nhiệm']);
        for (const t of y.primary.traits) expect(['T', 'Đ']).toContain(t.level);
        expect(y.primary.educationLevel).toBe(frozen.yearLevel);
        expect(['HTXS', 'HTT', 'HT']).toContain(y.primary.educationLevel);
        expect(y.primary.award).toBe(frozen.award);
        expect(y.outcome).toBe('completed');
        expect(y.homeroomComment).toBe(frozen.comment);
        expect(y.homeroomComment.length).toBeGreaterThan(20);
      }
    }
    // the first of the list excels both years; the fifth is nominated by the class
    const first = (await principal.get(`/api/v1/students/${students[0]}/transcript.json`)).body;
    expect(first.years.map((y: any) => `${y.primary.educationLevel} ${y.primary.award}`)).toEqual(['HTXS XS', 'HTXS XS']);
    const fifth = (await principal.get(`/api/v1/students/${students[4]}/transcript.json`)).body;
    expect(fifth.years.map((y: any) => `${y.primary.educationLevel} ${y.primary.award}`)).toEqual(['HTT TB', 'HTT TB']);
  });

  it('the PDF prints the TT27 form: cover TIỂU HỌC, each year with subjects, levels, scores, qualities, competences, result, award, completion, signatures', async () => {
    // one who excels, one nominated by the class, one who completes (HT: some H and Đ)
    const records = await server.database.handle.db.selectFrom('transcript_records').select(['student_id', 'record_json']).where('regime', '=', 'TT27_2020').execute();
    const completes = students.find((id) => records.some((r) => r.student_id === id && JSON.parse(r.record_json).results.yearLevel === 'HT'))!;
    for (const [name, studentId] of [['hoc-ba-tieu-hoc', students[0]], ['hoc-ba-tieu-hoc-tieu-bieu', students[4]], ['hoc-ba-tieu-hoc-hoan-thanh', completes]] as const) {
      const json = await principal.get(`/api/v1/students/${studentId}/transcript.json`);
      const doc = json.body;
      const res = await principal.get(`/api/v1/students/${studentId}/transcript.pdf`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      const meta = await PDFDocument.load(res.body, { updateMetadata: false });
      expect(meta.getKeywords() ?? '').toContain(`dataSha256:${res.headers.get('x-data-sha256')}`);
      const pages = meta.getPageCount();
      expect(pages).toBe(2 + 2 * doc.years.length); // cover, Trang 1, then two pages per year
      const text = pdfText(name, res.body);
      if (!text) return;
      for (const h of ['HỌC BẠ', 'TIỂU HỌC', 'Trường Tiểu học Lê Quý Đôn', 'Thông tư số 27/2020/TT-BGDĐT', 'QUÁ TRÌNH HỌC TẬP', doc.student.fullName]) expect(text).toContain(h);
      expect(text).not.toContain('TRUNG HỌC CƠ SỞ');
      expect(text).toContain(`Trang 1/${pages}`);
      expect(text).toContain(`Trang ${pages}/${pages}`);
      for (const [i, y] of doc.years.entries()) {
        const first = pageText(name, 3 + 2 * i);
        const second = pageText(name, 4 + 2 * i);
        expect(first).toContain(y.schoolYear);
        expect(first).toContain(`Lớp: ${y.class.name}`);
        for (const h of ['1. Các môn học và hoạt động giáo dục', 'Mức đạt được', 'Điểm KTĐK', '2. Những phẩm chất chủ yếu', 'Số ngày nghỉ có phép']) expect(first).toContain(h);
        for (const s of y.subjects) {
          const row = `${escape(s.name)}\\s+${s.year}\\s+${s.test === null ? '' : `${s.test.replace(/\.0$/, '')}\\s`}`;
          expect(first, s.name).toMatch(new RegExp(row));
        }
        for (const t of y.primary.traits.filter((t: any) => t.group === 'quality')) expect(first).toMatch(new RegExp(`${t.name}\\s+${t.level}(\\s|$)`, 'm'));
        expect(first.replace(/\s+/g, ' ')).toContain(y.homeroomComment.slice(0, 30));
        for (const h of ['3. Những năng lực cốt lõi', '3.1. Những năng lực chung', '3.2. Những năng lực đặc thù', '4. Đánh giá kết quả giáo dục:', '5. Khen thưởng:', '6. Hoàn thành chương trình lớp học/chương trình tiểu học:', 'Xác nhận của Hiệu trưởng', 'Giáo viên chủ nhiệm']) expect(second).toContain(h);
        for (const t of y.primary.traits.filter((t: any) => t.group !== 'quality')) expect(second).toMatch(new RegExp(`${t.name}\\s+${t.level}(\\s|$)`, 'm'));
        expect(second).toContain(`4. Đánh giá kết quả giáo dục: ${LEVEL[y.primary.educationLevel]}`);
        expect(second.replace(/\s+/g, ' ')).toContain(`5. Khen thưởng: ${y.primary.award ? AWARD[y.primary.award] : '……'}`);
        expect(second).toContain(`Hoàn thành chương trình lớp ${y.class.grade}`);
        expect(second).toContain(y.record.confirmedBy);
        expect(second).toContain(y.class.homeroomTeacher);
        expect(second).toMatch(/Mỹ Hào, ngày \d{2} tháng \d{1,2} năm 202[56]/);
      }
    }
  });

  it('same data → same bytes; the THCS principal may not print a primary student', async () => {
    const a = await principal.get(`/api/v1/students/${students[1]}/transcript.pdf`);
    const b = await principal.get(`/api/v1/students/${students[1]}/transcript.pdf`);
    expect(a.status).toBe(200);
    expect(sha256(a.body)).toBe(sha256(b.body));
    const other = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    expect([403, 404]).toContain((await other.get(`/api/v1/students/${students[1]}/transcript.pdf`)).status);
  });

  it('confirming 3A through the route adds lớp 3 in the very shape of the seeded years (one builder for both)', async () => {
    const classId = server.demo!.classIds['3A'];
    const teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
    const me = (await teacher.get('/api/v1/auth/me')).body;
    for (const subjectId of me.teaching.filter((t: any) => t.classId === classId).map((t: any) => t.subjectId)) {
      const sheet = (await teacher.get(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/sheet`)).body;
      const hasTest = sheet.columns.some((c: any) => c.key === 'KT_CK');
      const changes = students.flatMap((studentId) => [{ studentId, columnKey: 'MUC_CK', value: 'T', baseVersion: 0 }, ...(hasTest ? [{ studentId, columnKey: 'KT_CK', value: '9', baseVersion: 0 }] : [])]);
      expect((await teacher.post(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/cells`, { changes })).status).toBe(200);
    }
    const entries = students.map((studentId) => ({ studentId, qualities: Array(5).fill('T'), competences: Array(10).fill('T'), comment: 'Em học tốt, chăm ngoan.', baseVersion: 0 }));
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'CN', entries })).status).toBe(200);
    // the year-end summary is complete but not approved: the học bạ is not confirmed from live data
    const early = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, { studentIds: [students[0]] });
    expect(early.status).toBe(409);
    expect(early.body.message).toBe('Kết quả đánh giá cuối năm học của lớp 3A chưa được Hiệu trưởng phê duyệt: chưa xác nhận học bạ được.');
    expect((await principal.get(`/api/v1/classes/${classId}/transcript-confirmation`)).body.blocker).toBe(early.body.message);
    const proposal = await teacher.post(`/api/v1/classes/${classId}/primary-results/CN/proposal`);
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/primary-results/CN/approval`, { snapshotId: proposal.body.snapshotId })).status).toBe(200);
    const confirmed = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, { studentIds: [students[0]] });
    expect(confirmed.body).toEqual({ created: 1, unchanged: 0 });

    const rows = await server.database.handle.db
      .selectFrom('transcript_records')
      .innerJoin('classes', 'classes.id', 'transcript_records.class_id')
      .select(['classes.name', 'transcript_records.record_json'])
      .where('transcript_records.student_id', '=', students[0])
      .orderBy('classes.name')
      .execute();
    expect(rows.map((r) => r.name)).toEqual(['1A', '2A', '3A']);
    const [seeded, real] = [JSON.parse(rows[1].record_json), JSON.parse(rows[2].record_json)];
    const shape = (v: unknown): unknown => (Array.isArray(v) ? shape(v[0]) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shape(x)])) : typeof v);
    expect(shape(real)).toEqual(shape(seeded));
    expect(JSON.stringify(Object.keys(real.results))).toBe(JSON.stringify(Object.keys(seeded.results)));
    expect(real.results).toMatchObject({ scope: 'CN', yearLevel: 'HTXS', award: 'XS', completed: true, comment: 'Em học tốt, chăm ngoan.' });

    const doc = (await principal.get(`/api/v1/students/${students[0]}/transcript.json`)).body;
    expect(doc.years.map((y: any) => y.class.name)).toEqual(['1A', '2A', '3A']);
    const pdf = await principal.get(`/api/v1/students/${students[0]}/transcript.pdf`);
    expect((await PDFDocument.load(pdf.body)).getPageCount()).toBe(8);
    const text = pdfText('hoc-ba-tieu-hoc-ba-nam', pdf.body);
    if (text) expect(text).toContain('Hoàn thành chương trình lớp 3');
  });
});
