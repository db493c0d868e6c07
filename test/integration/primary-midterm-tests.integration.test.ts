/**
 * The mid-term periodic tests of grades 4–5 (TT 27/2020 Điều 7: "Đối với lớp 4, lớp 5, có thêm bài
 * kiểm tra định kỳ môn Tiếng Việt, môn Toán vào giữa học kỳ I và giữa học kỳ II") end to end
 * through the real server: a class 4A in the demo's primary school gets a "Điểm KTĐK giữa HK I"
 * column in Tiếng Việt and Toán only (3A and the other subjects none), an integer 0–10; the
 * summary book at GK1 asks for it and prints it (two KTĐK columns); the testing plan accepts those
 * tests and refuses a mid-term test of another subject or grade; the GK1 approval freezes the score
 * and locks its column.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let principal: TestClient;
let teacher: TestClient;
let classId: string;
let students: string[];
let subjects: { id: string; code: string; name: string }[];
const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const sheetPath = (subjectId: string, termNo = 1, cls = classId) => `/api/v1/classes/${cls}/subjects/${subjectId}/terms/${termNo}`;
const subjectOf = (code: string) => subjects.find((s) => s.code === code)!;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  const yearId = server.demo!.primaryYearId;
  principal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
  const staff = await db().selectFrom('users').select('staff_id').where('username', '=', 'gvcn.3a').executeTakeFirstOrThrow();
  const created = await principal.post(`/api/v1/years/${yearId}/classes`, { grade: 4, name: '4A', room: 'P4A' });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  classId = created.body.id;
  const homeroom = await principal.patch(`/api/v1/classes/${classId}`, { homeroomStaffId: staff.staff_id });
  expect(homeroom.status, JSON.stringify(homeroom.body)).toBe(200);
  subjects = await db().selectFrom('subjects').select(['id', 'code', 'name']).where('school_year_id', '=', yearId).where('grade', '=', 4).orderBy('sort_order').execute();
  const assigned = await principal.put(`/api/v1/years/${yearId}/assignments`, { changes: subjects.map((s) => ({ classId, subjectId: s.id, staffId: staff.staff_id })) });
  expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
  students = [];
  for (const givenName of ['An', 'Bình']) {
    const res = await principal.post(`/api/v1/classes/${classId}/students`, { student: { familyName: 'Nguyễn', middleName: 'Văn', givenName, sex: 'male', dateOfBirth: '2016-03-04' }, startsOn: '2026-09-05' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    students.push(res.body.id ?? res.body.student.id);
  }
  teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
}, 180_000);
afterAll(async () => server?.close());

describe('TT 27/2020 Điều 7: mid-term tests of Tiếng Việt and Toán in grades 4–5', () => {
  it('the grade book of 4A has a "Điểm KTĐK giữa HK I" column in Tiếng Việt and Toán only; 3A has none', async () => {
    const keys = async (path: string) => (await teacher.get(`${path}/sheet`)).body.columns.map((c: any) => c.key);
    expect(await keys(sheetPath(subjectOf('TV').id))).toEqual(['MUC_GK', 'KT_GK', 'MUC_CK', 'KT_CK', 'NX']);
    expect(await keys(sheetPath(subjectOf('TOAN').id, 2))).toEqual(['MUC_GK', 'KT_GK', 'MUC_CK', 'KT_CK', 'NX']);
    expect(await keys(sheetPath(subjectOf('KH').id))).toEqual(['MUC_GK', 'MUC_CK', 'KT_CK', 'NX']);
    expect(await keys(sheetPath(subjectOf('DAODUC').id))).toEqual(['MUC_GK', 'MUC_CK', 'NX']);
    const class3A = server.demo!.classIds['3A'];
    const tv3 = await db().selectFrom('subjects').select('id').where('school_year_id', '=', server.demo!.primaryYearId).where('grade', '=', 3).where('code', '=', 'TV').executeTakeFirstOrThrow();
    expect(await keys(sheetPath(tv3.id, 1, class3A))).toEqual(['MUC_GK', 'MUC_CK', 'KT_CK', 'NX']);
    const label = (await teacher.get(`${sheetPath(subjectOf('TV').id)}/sheet`)).body.columns.find((c: any) => c.key === 'KT_GK').label;
    expect(label).toBe('Điểm KTĐK giữa HK I');
  });

  it('the score is an integer from 0 to 10 (RULES.md §2.2): 7,5 and 11 are refused, nothing saved', async () => {
    const path = sheetPath(subjectOf('TV').id);
    for (const value of ['7,5', '11']) {
      const res = await teacher.post(`${path}/cells`, { changes: [{ studentId: students[0], columnKey: 'KT_GK', value, baseVersion: 0 }] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('nhập số nguyên từ 0 đến 10');
    }
    expect(await db().selectFrom('gradebook_cells').select('id').where('class_id', '=', classId).where('column_key', '=', 'KT_GK').execute()).toHaveLength(0);
    // Khoa học has no mid-term test: its column does not exist
    const kh = await teacher.post(`${sheetPath(subjectOf('KH').id)}/cells`, { changes: [{ studentId: students[0], columnKey: 'KT_GK', value: '8', baseVersion: 0 }] });
    expect(kh.status).toBe(400);
  });

  it('the summary book at GK1 asks for the two scores, shows them and prints two KTĐK columns; CK1 prints every tested subject', async () => {
    let summary = (await teacher.get(`/api/v1/classes/${classId}/primary-summary?point=GK1`)).body;
    expect(summary.subjects.filter((s: any) => s.hasTest).map((s: any) => s.name)).toEqual(['Tiếng Việt', 'Toán']);
    expect(summary.rows[0].missing).toContain('Giữa học kỳ I — Tiếng Việt: điểm kiểm tra định kỳ');
    expect(summary.rows[0].missing).toContain('Giữa học kỳ I — Toán: điểm kiểm tra định kỳ');
    for (const s of subjects) {
      const tested = s.code === 'TV' || s.code === 'TOAN';
      const changes = students.flatMap((studentId, i) => [
        { studentId, columnKey: 'MUC_GK', value: i === 0 ? 'T' : 'H', baseVersion: 0 },
        ...(tested ? [{ studentId, columnKey: 'KT_GK', value: i === 0 ? (s.code === 'TV' ? '9' : '10') : '0', baseVersion: 0 }] : []),
      ]);
      const res = await teacher.post(`${sheetPath(s.id)}/cells`, { changes });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    }
    const entries = students.map((studentId) => ({ studentId, qualities: Array(5).fill('Đ'), competences: Array(10).fill('Đ'), comment: '', baseVersion: 0 }));
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'GK1', entries })).status).toBe(200);
    summary = (await teacher.get(`/api/v1/classes/${classId}/primary-summary?point=GK1`)).body;
    const at = (row: any, code: string) => row.subjects[subjects.findIndex((s) => s.code === code)];
    expect(summary.rows.map((r: any) => r.missing)).toEqual([[], []]);
    expect([at(summary.rows[0], 'TV'), at(summary.rows[0], 'TOAN'), at(summary.rows[1], 'TV')]).toEqual([
      { subjectId: subjectOf('TV').id, level: 'T', test: 9 },
      { subjectId: subjectOf('TOAN').id, level: 'T', test: 10 },
      { subjectId: subjectOf('TV').id, level: 'H', test: 0 },
    ]);
    expect(at(summary.rows[0], 'KH')).toMatchObject({ level: 'T', test: null });

    const pdf = await principal.get(`/api/v1/classes/${classId}/primary-summary.pdf?point=GK1`);
    expect(pdf.status).toBe(200);
    const out = join(tmpdir(), 'sodiem-primary-midterm');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'tong-hop-4a-gk1.pdf'), pdf.body);
    const text = execFileSync('/usr/bin/pdftotext', ['-layout', '-f', '1', '-l', '1', join(out, 'tong-hop-4a-gk1.pdf'), '-'], { encoding: 'utf8' });
    expect(text).toContain('GIỮA HỌC KỲ I');
    expect(text.match(/KTĐK/g)).toHaveLength(2);
    const ck1 = (await teacher.get(`/api/v1/classes/${classId}/primary-summary?point=CK1`)).body;
    const tested = await db().selectFrom('subjects').select('name').where('school_year_id', '=', server.demo!.primaryYearId).where('grade', '=', 4).where('has_periodic_test', '=', 1).orderBy('sort_order').execute();
    expect(ck1.subjects.filter((s: any) => s.hasTest).map((s: any) => s.name)).toEqual(tested.map((s) => s.name));
  });

  it('the testing plan accepts the mid-term tests of Tiếng Việt and Toán in grade 4, refuses Khoa học and grade 3, and counts the scores', async () => {
    const planPath = `/api/v1/years/${server.demo!.primaryYearId}/testing-plan`;
    const ok = await principal.put(planPath, { entries: [{ grade: 4, subjectId: subjectOf('TV').id, termNo: 1, test: 'midterm', testOn: '2026-11-02' }, { classId, subjectId: subjectOf('TOAN').id, termNo: 2, test: 'midterm', testOn: '2027-03-15' }] });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ created: 2, changed: 0, unchanged: 0 });
    const tv3 = await db().selectFrom('subjects').select('id').where('school_year_id', '=', server.demo!.primaryYearId).where('grade', '=', 3).where('code', '=', 'TV').executeTakeFirstOrThrow();
    const refused = await principal.put(planPath, {
      entries: [
        { classId, subjectId: subjectOf('KH').id, termNo: 1, test: 'midterm', testOn: '2026-11-02' },
        { classId: server.demo!.classIds['3A'], subjectId: tv3.id, termNo: 1, test: 'midterm', testOn: '2026-11-02' },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((e: any) => e.message)).toEqual([
      'Mục 1: môn Khoa học khối 4 không có bài kiểm tra định kỳ giữa học kỳ I trong sổ điểm',
      'Mục 2: môn Tiếng Việt khối 3 không có bài kiểm tra định kỳ giữa học kỳ I trong sổ điểm',
    ]);
    const plan = (await principal.get(planPath)).body;
    const tv = plan.rows.find((r: any) => r.classId === classId && r.subjectId === subjectOf('TV').id);
    expect(tv).toMatchObject({ testLabel: 'Giữa học kỳ I', entered: 2, expected: 2, statusLabel: 'đã nhập đủ' });
  });

  it('the GK1 approval freezes the mid-term scores and locks their column (423); the snapshot holds them', async () => {
    const p = await teacher.post(`/api/v1/classes/${classId}/primary-results/GK1/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/primary-results/GK1/approval`, { snapshotId: p.body.snapshotId })).status).toBe(200);
    const snap = await db().selectFrom('result_snapshots').select('snapshot_json').where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    const frozen = JSON.parse(snap.snapshot_json);
    expect(frozen.subjects.filter((s: any) => s.hasTest).map((s: any) => s.code)).toEqual(['TV', 'TOAN']);
    expect(frozen.rows[0].subjects.find((s: any) => s.subjectId === subjectOf('TV').id).test).toBe(9);
    const sheet = (await teacher.get(`${sheetPath(subjectOf('TV').id)}/sheet`)).body;
    const row = sheet.rows.find((r: any) => r.studentId === students[0]);
    const blocked = await teacher.post(`${sheetPath(subjectOf('TV').id)}/cells`, { changes: [{ studentId: students[0], columnKey: 'KT_GK', value: '8', baseVersion: row.cells.KT_GK.version }] });
    expect(blocked.status).toBe(423);
    expect(blocked.body.message).toContain('Đã phê duyệt kết quả giữa học kỳ I lớp 4A');
  });
});
