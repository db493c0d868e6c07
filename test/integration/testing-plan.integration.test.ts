/**
 * The school's testing plan (G10, issue 22 §5): the principal or the admin board dates each
 * class's periodic tests, typed or imported from Excel (all or nothing, errors naming row and
 * column, importing again changes nothing); the end-of-term test's day in the plan moves that
 * class and subject's re-entry deadline to one week before it (seed 003: "Hạn cuối cùng để sửa
 * chữa điểm là 1 tuần lễ trước khi kiểm tra học kỳ"); the plan shows, for each test whose day
 * has passed, how many scores of its column are entered. Dates come from the test calendar:
 * TEST_NOW is 23/11/2026 in HK I (05/09/2026–16/01/2027, end-of-term test 28/12/2026).
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { TestClient } from '../helpers/client.ts';
import { moveClock } from '../helpers/test-clock.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let server: TestServer;
let principal: TestClient;
let admin: TestClient;
let teacher: TestClient;
let vice: TestClient;
let planPath: string;
let classId: string;
let subject: { id: string; name: string };
let otherSubject: { id: string; name: string };
let grade6Classes: string[];
let sheetPath: string;
let students: { studentId: string }[];

const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;
const count = async (table: 'audit_events' | 'testing_plan_entries') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const form = (file: Buffer) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(file)], { type: XLSX }), 'ke-hoach.xlsx');
  return f;
};

/** The downloaded template with rows typed under its headers, as the school's clerk would. */
async function planFile(rows: (string | Date)[][]): Promise<Buffer> {
  const template = await principal.get(`${planPath}/template.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template.body as unknown as ExcelJS.Buffer);
  const sheet = wb.worksheets[0];
  rows.forEach((values, i) => (sheet.getRow(4 + i).values = values));
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const cell = (studentId: string, columnKey: string, value: string, baseVersion: number) => ({ studentId, columnKey, value, baseVersion });
const save = (changes: ReturnType<typeof cell>[]) => teacher.post(`${sheetPath}/cells`, { changes, reason: 'Nhập nhầm' });

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  planPath = `/api/v1/years/${server.demo!.yearId}/testing-plan`;
  const user = await db().selectFrom('users').select(['staff_id']).where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const taught = await db()
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select(['subjects.id', 'subjects.name'])
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', user.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .executeTakeFirstOrThrow();
  subject = taught;
  otherSubject = await db()
    .selectFrom('subjects')
    .select(['id', 'name'])
    .where('school_year_id', '=', server.demo!.yearId)
    .where('grade', '=', 6)
    .where('assessment_kind', '=', 'scored')
    .where('id', '!=', subject.id)
    .executeTakeFirstOrThrow();
  grade6Classes = (await db().selectFrom('classes').select('id').where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).execute()).map((c) => c.id);
  sheetPath = `/api/v1/classes/${classId}/subjects/${subject.id}/terms/1`;
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  vice = await new TestClient(server.baseUrl).login('phohieutruong', server.demo!.password, secret('phohieutruong'));
  students = (await teacher.get(`${sheetPath}/sheet`)).body.rows.slice(0, 3);
});
afterAll(async () => server?.close());

describe('the testing plan (G10)', () => {
  it('without a plan, the term’s end-of-term test sets the deadline (21/12/2026): a re-entry today is saved', async () => {
    const s = students[0].studentId;
    expect((await save([cell(s, 'CK', '6', 0)])).status).toBe(200);
    expect((await save([cell(s, 'CK', '7', 1)])).status).toBe(200);
    expect((await teacher.get(`${sheetPath}/sheet`)).body.reEntryLastDay).toBe('2026-12-21');
  });

  it('only the principal and the admin board write the plan: the teacher and the vice-principal are refused (403), nothing changes', async () => {
    const before = await count('audit_events');
    const entry = { classId, subjectId: subject.id, termNo: 1, test: 'endOfTerm', testOn: '2026-11-27' };
    for (const client of [teacher, vice]) {
      const res = await client.put(planPath, { entries: [entry] });
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('kế hoạch kiểm tra');
      expect((await client.get(`${planPath}/template.xlsx`)).status).toBe(403);
      expect((await client.post(`${planPath}/import`, form(Buffer.from('PK')))).status).toBe(403);
    }
    expect(await count('testing_plan_entries')).toBe(0);
    expect(await count('audit_events')).toBe(before);
  });

  it('a bad file is refused whole (400), naming each row and column; nothing is saved or audited', async () => {
    const file = await planFile([
      ['6A1', subject.name, 'Giữa học kỳ I', '10/11/2026'],
      ['6Z9', subject.name, 'Cuối học kỳ I', '27/11/2026'],
      ['6A1', subject.name, 'Giữa kỳ', '31/02/2026'],
      ['Khối 6', 'Môn không có', 'Cuối học kỳ I', '05/12/2026'],
    ]);
    const before = await count('audit_events');
    const parse = await principal.post(`${planPath}/import`, form(file));
    expect(parse.status).toBe(400);
    expect(parse.body.errors).toEqual([
      { row: 6, field: 'Bài kiểm tra', message: expect.stringMatching(/^Dòng 6, cột "Bài kiểm tra": "Giữa kỳ" không phải bài kiểm tra định kỳ/) },
      { row: 6, field: 'Ngày kiểm tra (dd/mm/yyyy)', message: expect.stringMatching(/^Dòng 6, cột "Ngày kiểm tra \(dd\/mm\/yyyy\)": "31\/02\/2026" không phải là ngày hợp lệ/) },
    ]);
    // Cells fine, names unknown: every row named.
    const names = await principal.post(`${planPath}/import`, form(await planFile([
      ['6A1', subject.name, 'Giữa học kỳ I', '10/11/2026'],
      ['6Z9', subject.name, 'Cuối học kỳ I', '27/11/2026'],
      ['Khối 6', 'Môn không có', 'Cuối học kỳ I', '05/12/2026'],
      ['6A1', subject.name, 'Cuối học kỳ II', '27/11/2026'],
    ])));
    expect(names.status).toBe(400);
    expect(names.body.errors.map((e: any) => [e.row, e.field])).toEqual([
      [5, 'Khối/Lớp'],
      [6, 'Môn'],
    ]);
    expect(names.body.message).toContain('Dòng 5, cột "Khối/Lớp": không có lớp "6Z9"');
    // Names fine, a date outside its term.
    const term = await principal.post(`${planPath}/import`, form(await planFile([
      ['6A1', subject.name, 'Giữa học kỳ I', '10/11/2026'],
      ['6A1', subject.name, 'Cuối học kỳ II', '27/11/2026'],
    ])));
    expect(term.status).toBe(400);
    expect(term.body.errors).toEqual([{ row: 5, field: 'Ngày kiểm tra (dd/mm/yyyy)', message: expect.stringContaining('Dòng 5, cột "Ngày kiểm tra (dd/mm/yyyy)": ngày 27/11/2026 không thuộc học kỳ II') }]);
    expect(await count('testing_plan_entries')).toBe(0);
    expect(await count('audit_events')).toBe(before);
  });

  it('a good file is imported, each dated test audited; importing it again changes nothing', async () => {
    const file = await planFile([
      ['6A1', subject.name, 'Giữa học kỳ I', '10/11/2026'],
      ['Lớp 6A1', subject.name, 'Cuối HK I', '27/11/2026'],
      ['Khối 6', otherSubject.name, 'Cuối học kỳ I', '05/12/2026'],
    ]);
    const res = await principal.post(`${planPath}/import`, form(file));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 2 + grade6Classes.length, changed: 0, unchanged: 0 });
    const events = await db().selectFrom('audit_events').selectAll().where('action', '=', 'testingPlan.set').execute();
    expect(events).toHaveLength(2 + grade6Classes.length);
    expect(JSON.parse(events[0].after_json!)).toMatchObject({ source: 'imported', school_year_id: server.demo!.yearId });

    const before = await count('audit_events');
    const again = await principal.post(`${planPath}/import`, form(file));
    expect(again.body).toEqual({ created: 0, changed: 0, unchanged: 2 + grade6Classes.length });
    expect(await count('audit_events')).toBe(before);
  });

  it('the template lists the plan, ready to be edited and imported again', async () => {
    const res = await admin.get(`${planPath}/template.xlsx`);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(3).values).toEqual([undefined, 'Khối/Lớp', 'Môn', 'Bài kiểm tra', 'Ngày kiểm tra (dd/mm/yyyy)']);
    const rows = Array.from({ length: sheet.rowCount - 3 }, (_, i) => sheet.getRow(4 + i).values);
    expect(rows).toContainEqual([undefined, '6A1', subject.name, 'Giữa học kỳ I', '10/11/2026']);
    expect(rows).toContainEqual([undefined, '6A1', subject.name, 'Cuối học kỳ I', '27/11/2026']);
    const again = await admin.post(`${planPath}/import`, form(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(again.body).toMatchObject({ created: 0, changed: 0 });
  });

  it('the plan drives the deadline: 6A1’s end-of-term test on 27/11 stops re-entries after 20/11 (today 23/11); first entries still pass', async () => {
    const [a, b] = students.map((s) => s.studentId);
    // An hour on: her value of the first test is no longer a typo she is fixing (is-re-entry), it is a re-entry.
    moveClock(server.clock, 60 * 60_000);
    const refused = await save([cell(a, 'CK', '8', 2)]);
    expect(refused.status).toBe(423);
    expect(refused.body.message).toContain('hạn 20/11/2026, một tuần trước kiểm tra cuối kỳ ngày 27/11/2026 theo kế hoạch kiểm tra của trường');
    expect((await save([cell(b, 'CK', '5', 0)])).status).toBe(200);
    expect((await teacher.get(`${sheetPath}/sheet`)).body.reEntryLastDay).toBe('2026-11-20');
    // Another subject of 6A1 keeps its own plan date (05/12 → 28/11).
    const other = (await principal.get(`/api/v1/classes/${classId}/subjects/${otherSubject.id}/terms/1/sheet`)).body;
    expect(other.reEntryLastDay).toBe('2026-11-28');
  });

  it('moving the test to 05/12 (typed, by the admin board) moves the deadline to 28/11: the re-entry is saved', async () => {
    const res = await admin.put(planPath, { entries: [{ classId, subjectId: subject.id, termNo: 1, test: 'endOfTerm', testOn: '2026-12-05' }] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ created: 0, changed: 1, unchanged: 0 });
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'testingPlan.set').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([JSON.parse(event.before_json!).test_on, JSON.parse(event.after_json!).test_on, JSON.parse(event.after_json!).source]).toEqual(['2026-11-27', '2026-12-05', 'typed']);
    expect((await save([cell(students[0].studentId, 'CK', '8', 2)])).status).toBe(200);
  });

  it('typed entries are checked too: a subject of another grade; two days for one test', async () => {
    const grade7 = await db().selectFrom('subjects').select('id').where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 7).executeTakeFirstOrThrow();
    const res = await principal.put(planPath, { entries: [{ classId, subjectId: grade7.id, termNo: 1, test: 'midterm', testOn: '2026-11-02' }] });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'subject', message: 'Mục 1: môn học không có ở khối 6 trong năm học này' }]);
    const twice = await principal.put(planPath, {
      entries: [
        { grade: 6, subjectId: otherSubject.id, termNo: 1, test: 'midterm', testOn: '2026-11-02' },
        { classId, subjectId: otherSubject.id, termNo: 1, test: 'midterm', testOn: '2026-11-03' },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.errors).toEqual([{ field: 'testOn', message: `Mục 2: lớp 6A1, môn ${otherSubject.name}, giữa học kỳ I đã có ngày 02/11/2026 ở mục 1` }]);
    expect(await count('testing_plan_entries')).toBe(2 + grade6Classes.length);
  });

  it('progress: a past test counts the scores entered in its column against the class’s pupils; a test to come is not due', async () => {
    const expected = (await teacher.get(`${sheetPath}/sheet`)).body.rows.filter((r: any) => r.active).length;
    const rowOf = (plan: any, test: string, subjectId = subject.id) => plan.rows.find((r: any) => r.classId === classId && r.subjectId === subjectId && r.test === test);
    let plan = (await principal.get(planPath)).body;
    expect(plan.schoolWide).toBe(true);
    expect(rowOf(plan, 'midterm')).toMatchObject({ testOn: '2026-11-10', testLabel: 'Giữa học kỳ I', entered: 0, expected, statusLabel: `còn thiếu ${expected}` });
    expect(rowOf(plan, 'endOfTerm')).toMatchObject({ testOn: '2026-12-05', editLastDay: '2026-11-28', status: { kind: 'notDue' }, statusLabel: 'chưa đến hạn' });
    expect(plan.suggestedWindows.find((w: any) => w.point === 'term1.endOfTerm')).toEqual({ point: 'term1.endOfTerm', label: 'cuối học kỳ I', firstTestOn: '2026-12-05', lastTestOn: '2026-12-05' });

    const [a, b] = students.map((s) => s.studentId);
    expect((await save([cell(a, 'GK', '7', 0), cell(b, 'GK', '8', 0)])).status).toBe(200);
    plan = (await principal.get(`${planPath}?termNo=1&classId=${classId}`)).body;
    expect(rowOf(plan, 'midterm')).toMatchObject({ entered: 2, status: { kind: 'missing', missing: expected - 2 }, statusLabel: `còn thiếu ${expected - 2}` });
    expect(plan.rows.every((r: any) => r.classId === classId)).toBe(true);
  });

  it('a teacher reads the plan of her homeroom class and of the subjects she teaches elsewhere', async () => {
    const user = await db().selectFrom('users').select(['staff_id']).where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
    const taught = await db().selectFrom('teaching_assignments').select(['class_id', 'subject_id']).where('staff_id', '=', user.staff_id!).execute();
    const teaches = (c: string, s: string) => taught.some((t) => t.class_id === c && t.subject_id === s);
    const other = await db()
      .selectFrom('subjects')
      .innerJoin('classes', (j) => j.onRef('classes.grade', '=', 'subjects.grade').onRef('classes.school_year_id', '=', 'subjects.school_year_id'))
      .select(['classes.id as classId', 'subjects.id as subjectId'])
      .where('subjects.school_year_id', '=', server.demo!.yearId)
      .where('classes.id', '!=', classId)
      .where('subjects.assessment_kind', '=', 'scored')
      .execute();
    const notHers = other.find((o) => !teaches(o.classId, o.subjectId))!;
    const hersElsewhere = other.find((o) => teaches(o.classId, o.subjectId))!;
    const res = await principal.put(planPath, {
      entries: [notHers, hersElsewhere].map((o) => ({ ...o, termNo: 1, test: 'endOfTerm', testOn: '2026-12-10' })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const mine = (await teacher.get(planPath)).body;
    expect(mine.schoolWide).toBe(false);
    expect(mine.rows.some((r: any) => r.classId === classId && r.subjectId === otherSubject.id)).toBe(true);
    expect(mine.rows.some((r: any) => r.classId === hersElsewhere.classId && r.subjectId === hersElsewhere.subjectId)).toBe(true);
    expect(mine.rows.every((r: any) => r.classId === classId || teaches(r.classId, r.subjectId))).toBe(true);
    const all = (await principal.get(planPath)).body;
    expect(all.rows.some((r: any) => r.classId === notHers.classId && r.subjectId === notHers.subjectId)).toBe(true);
  });

  it('deleting a planned test: only the principal and the admin board; refused (409) once its column has scores; else gone, audited, the deadline back to the term’s', async () => {
    const entryOf = async (subjectId: string, test: string) =>
      db().selectFrom('testing_plan_entries').selectAll().where('class_id', '=', classId).where('subject_id', '=', subjectId).where('term_no', '=', 1).where('test', '=', test).executeTakeFirstOrThrow();
    const midterm = await entryOf(subject.id, 'midterm');
    const other = await entryOf(otherSubject.id, 'endOfTerm');
    const primaryPrincipal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
    const before = await count('audit_events');
    for (const client of [teacher, vice]) {
      const res = await client.post(`${planPath}/${other.id}/deletion`);
      expect(res.status).toBe(403);
      expect(res.body.message).toContain('kế hoạch kiểm tra');
    }
    expect((await principal.post(`${planPath}/not-an-id/deletion`)).status).toBe(404);
    expect((await principal.post(`${planPath}/00000000-0000-4000-8000-000000000000/deletion`)).status).toBe(404);
    // another school's principal cannot reach this year
    expect((await primaryPrincipal.post(`${planPath}/${other.id}/deletion`)).status).toBe(403);
    // 6A1's mid-term test of the subject has 2 scores (the progress test above)
    const scored = await principal.post(`${planPath}/${midterm.id}/deletion`);
    expect(scored.status).toBe(409);
    expect(scored.body.message).toBe(`Không xóa được bài kiểm tra giữa học kỳ I môn ${subject.name} lớp 6A1 (ngày 10/11/2026): sổ điểm đã có 2 điểm của bài này. Nếu ngày kiểm tra sai, hãy đổi ngày.`);
    expect(await count('audit_events')).toBe(before);
    expect(await entryOf(subject.id, 'midterm')).toEqual(midterm);

    // the other subject's end-of-term test (05/12, deadline 28/11) has no score: the admin board deletes it
    expect((await principal.get(`/api/v1/classes/${classId}/subjects/${otherSubject.id}/terms/1/sheet`)).body.reEntryLastDay).toBe('2026-11-28');
    const res = await admin.post(`${planPath}/${other.id}/deletion`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await db().selectFrom('testing_plan_entries').select('id').where('id', '=', other.id).execute()).toEqual([]);
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'testingPlan.deleted').executeTakeFirstOrThrow();
    expect([event.entity_id, event.chain_key, JSON.parse(event.before_json!).test_on, event.after_json]).toEqual([other.id, `school:${server.demo!.schoolId}`, '2026-12-05', null]);
    expect(await count('audit_events')).toBe(before + 1);
    expect((await principal.get(`/api/v1/classes/${classId}/subjects/${otherSubject.id}/terms/1/sheet`)).body.reEntryLastDay).toBe('2026-12-21');
    expect((await principal.get(planPath)).body.rows.some((r: any) => r.id === other.id)).toBe(false);
    expect((await admin.post(`${planPath}/${other.id}/deletion`)).status).toBe(404);
  });

  it('the audit chains hold and every plan row matches its audit events', async () => {
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    expect((await verifyStoredRecords(db())).filter((m) => m.table === 'testing_plan_entries')).toEqual([]);
    await db().updateTable('testing_plan_entries').set({ test_on: '2026-12-30' }).where('class_id', '=', classId).where('test', '=', 'endOfTerm').where('subject_id', '=', subject.id).execute();
    expect((await verifyStoredRecords(db())).filter((m) => m.table === 'testing_plan_entries')).toHaveLength(1);
  });
});
