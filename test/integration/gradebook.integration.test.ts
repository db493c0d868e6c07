/**
 * The grade book through HTTP (G1, C1, C3, C7, G9): only the assigned teacher writes; batches are
 * all-or-nothing with versions; locks, windows and the edit deadline refuse writes naming who set
 * them; every change is on the grade book's audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { moveClock } from '../helpers/test-clock.ts';

let server: TestServer;
let teacher: TestClient;
let principal: TestClient;
let classId: string;
let subjectId: string;
let sheetPath: string;
let otherSubjectId: string;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  const db = server.database.handle.db;
  classId = server.demo!.classIds['6A1'];
  const user = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const mine = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select(['subjects.id', 'subjects.assessment_kind', 'teaching_assignments.staff_id'])
    .where('teaching_assignments.class_id', '=', classId)
    .execute();
  subjectId = mine.find((m) => m.staff_id === user.staff_id && m.assessment_kind === 'scored')!.id;
  otherSubjectId = mine.find((m) => m.staff_id !== user.staff_id)!.id;
  sheetPath = `/api/v1/classes/${classId}/subjects/${subjectId}/terms/1`;
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
});
afterAll(async () => server?.close());

async function sheet(c = teacher, path = sheetPath) {
  const res = await c.get(`${path}/sheet`);
  expect(res.status).toBe(200);
  return res.body;
}

describe('GET sheet', () => {
  it('401 without a session', async () => {
    expect((await new TestClient(server.baseUrl).get(`${sheetPath}/sheet`)).status).toBe(401);
  });

  it('the assigned teacher gets the columns of the subject and the class list', async () => {
    const s = await sheet();
    expect(s.canEdit).toBe(true);
    expect(s.rows).toHaveLength(40);
    expect(s.columns.map((c: any) => c.key)).toEqual([...Array.from({ length: s.subject.regularCount }, (_, i) => `TX${i + 1}`), 'GK', 'CK', 'NX']);
  });

  it('a teacher of another class-subject is refused (403) with the reason', async () => {
    const other = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
    const path = `/api/v1/classes/${classId}/subjects/${subjectId}/terms/1/sheet`;
    const db = server.database.handle.db;
    const giaovien = await db.selectFrom('users').select('staff_id').where('username', '=', 'giaovien').executeTakeFirstOrThrow();
    const teaches = await db.selectFrom('teaching_assignments').select('id').where('class_id', '=', classId).where('subject_id', '=', subjectId).where('staff_id', '=', giaovien.staff_id!).executeTakeFirst();
    expect(teaches).toBeUndefined();
    const res = await other.get(path);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('phân công');
  });

  it('the homeroom teacher reads a subject she does not teach, but cannot write it', async () => {
    const path = `/api/v1/classes/${classId}/subjects/${otherSubjectId}/terms/1`;
    const s = await sheet(teacher, path);
    expect(s.canEdit).toBe(false);
    const student = s.rows[0].studentId;
    const res = await teacher.post(`${path}/cells`, { changes: [{ studentId: student, columnKey: 'GK', value: 'Đ', baseVersion: 0 }] });
    expect(res.status).toBe(403);
  });
});

describe('POST cells', () => {
  it('saves a row, computes the term average exactly, audits each cell on the grade book chain', async () => {
    const s = await sheet();
    const student = s.rows[1].studentId;
    const n = s.subject.regularCount;
    const values = ['8,5', '9', '7.5', '85', '10'].slice(0, n);
    const changes = [
      ...values.map((v, i) => ({ studentId: student, columnKey: `TX${i + 1}`, value: v, baseVersion: 0 })),
      { studentId: student, columnKey: 'GK', value: '7', baseVersion: 0 },
      { studentId: student, columnKey: 'CK', value: '8', baseVersion: 0 },
    ];
    const res = await teacher.post(`${sheetPath}/cells`, { changes, source: 'typed' });
    expect(res.status).toBe(200);
    expect(res.body.saved).toHaveLength(n + 2);
    expect(res.body.saved[0].cell).toMatchObject({ display: '8,5', scoreTenths: 85, version: 1 });
    // Exact: (sum of regular + 2·7 + 3·8) / (n + 5), half up
    const tenths = [85, 90, 75, 85, 100].slice(0, n);
    const num = tenths.reduce((a, b) => a + b, 0) + 2 * 70 + 3 * 80;
    const den = n + 5;
    const expected = Math.floor((num * 2 + den) / (2 * den)); // half-up on integers
    expect(res.body.averages).toEqual([{ studentId: student, average: `${Math.floor(expected / 10)},${expected % 10}` }]);
    const events = await server.database.handle.db
      .selectFrom('audit_events')
      .select(['action', 'source', 'actor_role', 'chain_key'])
      .where('chain_key', '=', `gradebook:${classId}:${subjectId}`)
      .execute();
    expect(events.length).toBe(n + 2);
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['score.entered']));
  });

  it('a bad value anywhere rejects the whole batch and names the student and column', async () => {
    const s = await sheet();
    const a = s.rows[2];
    const res = await teacher.post(`${sheetPath}/cells`, {
      changes: [
        { studentId: a.studentId, columnKey: 'TX1', value: '8', baseVersion: 0 },
        { studentId: a.studentId, columnKey: 'TX2', value: '10,5', baseVersion: 0 },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].field).toBe(`${a.listNumber}. ${a.fullName} — ĐĐGtx 2`);
    const after = await sheet();
    expect(after.rows[2].cells.TX1).toBeUndefined();
  });

  it('two sessions edit the same cell: one wins, the other gets a conflict with the current value', async () => {
    const s = await sheet();
    const st = s.rows[3].studentId;
    const second = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
    const a = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'GK', value: '6', baseVersion: 0 }] });
    const b = await second.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'GK', value: '9', baseVersion: 0 }] });
    expect(a.status).toBe(200);
    expect(b.status).toBe(409);
    expect(b.body.conflicts).toEqual([{ studentId: st, columnKey: 'GK', current: expect.objectContaining({ display: '6,0', version: 1 }) }]);
    expect((await sheet()).rows[3].cells.GK.display).toBe('6,0');
  });

  it('a retried save (same key) applies once', async () => {
    const s = await sheet();
    const st = s.rows[4].studentId;
    const body = { changes: [{ studentId: st, columnKey: 'CK', value: '7,5', baseVersion: 0 }] };
    const a = await teacher.post(`${sheetPath}/cells`, body, { 'idempotency-key': 'save-row-4' });
    const b = await teacher.post(`${sheetPath}/cells`, body, { 'idempotency-key': 'save-row-4' });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body).toEqual(a.body);
    const db = server.database.handle.db;
    const cell = await db.selectFrom('gradebook_cells').select(['id', 'version']).where('student_id', '=', st).where('column_key', '=', 'CK').executeTakeFirstOrThrow();
    expect(Number(cell.version)).toBe(1);
    expect(await db.selectFrom('audit_events').select('id').where('entity_id', '=', cell.id).execute()).toHaveLength(1);
  });

  it('"11" is refused, not saved as 1,1; the teacher\'s own typo of minutes ago is removed without a reason (issue 15 §5)', async () => {
    const s = await sheet();
    const row = s.rows[5];
    const typo = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: row.studentId, columnKey: 'TX2', value: '11', baseVersion: row.cells.TX2?.version ?? 0 }] });
    expect(typo.status).toBe(400);
    expect(typo.body.message).toContain('"11" chưa rõ là điểm nào');
    const slip = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: row.studentId, columnKey: 'TX2', value: '1,1', baseVersion: row.cells.TX2?.version ?? 0 }] });
    expect(slip.status).toBe(200);
    moveClock(server.clock, 5 * 60_000);
    const version = (await sheet()).rows[5].cells.TX2.version;
    const removed = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: row.studentId, columnKey: 'TX2', value: '', baseVersion: version }] });
    expect(removed.status).toBe(200);
    const db = server.database.handle.db;
    const cell = await db.selectFrom('gradebook_cells').select('id').where('student_id', '=', row.studentId).where('column_key', '=', 'TX2').executeTakeFirstOrThrow();
    const events = await db.selectFrom('audit_events').select(['action', 'reason']).where('entity_id', '=', cell.id).orderBy('seq').execute();
    expect(events.length).toBe(2); // the edit log still shows the entry and its removal
  });

  it('changing an entered score needs a reason (school default), and records it', async () => {
    moveClock(server.clock, 31 * 60_000); // the teacher's own entries of the tests above are past the 30-minute grace
    const s = await sheet();
    const st = s.rows[3].studentId;
    const change = { studentId: st, columnKey: 'GK', value: '6,5', baseVersion: s.rows[3].cells.GK.version };
    const noReason = await teacher.post(`${sheetPath}/cells`, { changes: [change] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('lý do');
    const ok = await teacher.post(`${sheetPath}/cells`, { changes: [change], reason: 'Chấm nhầm, xem lại bài' });
    expect(ok.status).toBe(200);
    const ev = await server.database.handle.db.selectFrom('audit_events').select(['action', 'reason', 'before_json']).where('action', '=', 'score.changed').executeTakeFirstOrThrow();
    expect(ev.reason).toBe('Chấm nhầm, xem lại bài');
    expect(JSON.parse(ev.before_json!)).toMatchObject({ scoreTenths: 60, version: 1 });
  });
});

describe('locks and windows', () => {
  it('a teacher cannot lock (403); the admin board must record the principal\'s order (400)', async () => {
    const year = server.demo!.yearId;
    expect((await teacher.post(`/api/v1/years/${year}/locks`, { reason: 'x' })).status).toBe(403);
    const admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
    const res = await admin.post(`/api/v1/years/${year}/locks`, { classId, reason: 'khóa' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('lệnh của Hiệu trưởng');
  });

  it('the principal locks the class-subject column; the write is refused naming the lock; release reopens it', async () => {
    const year = server.demo!.yearId;
    const res = await principal.post(`/api/v1/years/${year}/locks`, { classId, subjectId, termNo: 1, columnKey: 'TX1', reason: 'Khóa cột ĐĐGtx 1' });
    expect(res.status).toBe(200);
    const lock = res.body.locks.find((l: any) => !l.releasedAt);
    const s = await sheet();
    expect(s.columns.find((c: any) => c.key === 'TX1').blockedBy).toContain('Khóa cột ĐĐGtx 1');
    const st = s.rows[10].studentId;
    const refused = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'TX1', value: '9', baseVersion: 0 }] });
    expect(refused.status).toBe(423);
    expect(refused.body.message).toMatch(/Sổ đã khóa \(Khóa cột ĐĐGtx 1\) bởi .+ lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\. Muốn sửa, hãy gửi giấy đề nghị/);
    // other columns stay open
    expect((await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'TX2', value: '9', baseVersion: 0 }] })).status).toBe(200);
    expect((await principal.post(`/api/v1/locks/${lock.id}/release`, { reason: 'Mở lại theo đề nghị' })).status).toBe(200);
    expect((await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'TX1', value: '9', baseVersion: 0 }] })).status).toBe(200);
  });

  it('a window that has ended locks its point automatically', async () => {
    const year = server.demo!.yearId;
    // Ending it while GK cells are empty needs the principal's confirmation (issue 15): first the list, then confirmed.
    const asked = await principal.put(`/api/v1/years/${year}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2026-09-10' });
    expect(asked.status).toBe(409);
    expect(asked.body.emptyCells).toBeGreaterThan(0);
    const res = await principal.put(`/api/v1/years/${year}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2026-09-10', confirmEmpty: true });
    expect(res.status).toBe(200);
    expect(res.body.windows[0]).toMatchObject({ point: 'term1.midterm', state: 'closed' });
    const s = await sheet();
    const st = s.rows[11].studentId;
    const refused = await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'GK', value: '9', baseVersion: 0 }] });
    expect(refused.status).toBe(423);
    expect(refused.body.message).toContain('05/09/2026–10/09/2026');
    expect((await teacher.post(`${sheetPath}/cells`, { changes: [{ studentId: st, columnKey: 'CK', value: '9', baseVersion: 0 }] })).status).toBe(200);
    // reopen for the other tests
    await principal.put(`/api/v1/years/${year}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2027-01-16' });
  });
});

describe('class book and progress', () => {
  it('the homeroom teacher reads every subject; a subject teacher of another class cannot', async () => {
    const res = await teacher.get(`/api/v1/classes/${classId}/class-book?termNo=1`);
    expect(res.status).toBe(200);
    expect(res.body.sheets.length).toBeGreaterThan(8);
    const other = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    expect((await other.get(`/api/v1/classes/${classId}/class-book?termNo=1`)).status).toBe(403);
  });

  it('progress shows what is still empty per class, subject and teacher (leadership only)', async () => {
    expect((await teacher.get(`/api/v1/years/${server.demo!.yearId}/progress?termNo=1`)).status).toBe(403);
    const res = await principal.get(`/api/v1/years/${server.demo!.yearId}/progress?termNo=1`);
    expect(res.status).toBe(200);
    const row = res.body.rows.find((r: any) => r.classId === classId && r.subjectId === subjectId);
    expect(row.students).toBe(40);
    expect(row.filled).toBeGreaterThan(0);
    expect(row.filled).toBeLessThan(row.expected);
    expect(row.missingByColumn['ĐĐGck']).toBeLessThan(40);
  });

  it('every audit chain still verifies', async () => {
    expect((await verifyAuditChains(server.database.handle.db)).breaks).toEqual([]);
  });
});
