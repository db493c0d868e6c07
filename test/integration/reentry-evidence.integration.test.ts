/**
 * Evidence on re-entries (issue 22 §4, C4): where the school's setting asks for it, changing an
 * entered score names its evidence (personal grade book, test paper, a classmate's confirmation
 * for oral scores — ĐĐGtx — or another, named). Without it the whole save is refused with a 400
 * naming each cell, nothing saved or audited; with it the cells' audit events carry it, the
 * month's edit log lists it and its PDF ticks the boxes. First entries never need it; with the
 * setting off nothing changes.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { TEST_NOW, type TestServer, startTestServer } from '../helpers/server.ts';
import { moveClock } from '../helpers/test-clock.ts';

/** The month of the fixed test calendar, in Vietnam time. */
const MONTH = new Date(Date.parse(TEST_NOW) + 7 * 3600_000).toISOString().slice(0, 7);

let server: TestServer;
let teacher: TestClient;
let principal: TestClient;
let teacherId: string;
let sheetPath: string;
let students: { studentId: string; fullName: string; listNumber: number }[];

const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;
const settingsPath = () => `/api/v1/schools/${server.demo!.schoolId}/settings`;
const save = (changes: { studentId: string; columnKey: string; value: string; baseVersion: number }[], extra: Record<string, unknown> = {}) =>
  teacher.post(`${sheetPath}/cells`, { changes, ...extra });
const cellEvents = (studentId: string, columnKey: string) =>
  db()
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', 'gradebook_cell')
    .where('after_json', 'like', `%"studentId":"${studentId}"%`)
    .where('after_json', 'like', `%"columnKey":"${columnKey}"%`)
    .orderBy('seq')
    .execute();
const display = async (studentId: string, columnKey: string) =>
  (await teacher.get(`${sheetPath}/sheet`)).body.rows.find((r: any) => r.studentId === studentId).cells[columnKey]?.display;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  const classId = server.demo!.classIds['6A1'];
  const user = await db().selectFrom('users').select(['id', 'staff_id']).where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  teacherId = user.id;
  const subject = await db()
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select('subjects.id')
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', user.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .executeTakeFirstOrThrow();
  sheetPath = `/api/v1/classes/${classId}/subjects/${subject.id}/terms/1`;
  teacher = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  students = (await teacher.get(`${sheetPath}/sheet`)).body.rows.slice(0, 3);
});
afterAll(async () => server?.close());

describe('evidence on re-entries', () => {
  it('setting off (the default): a re-entry with a reason only is saved as before, its event without evidence', async () => {
    expect((await principal.get(settingsPath())).body.evidenceRequired).toBe('never');
    expect((await teacher.get(`${sheetPath}/sheet`)).body.evidenceRequired).toBe('never');
    const s3 = students[2].studentId;
    expect((await save([{ studentId: s3, columnKey: 'CK', value: '6', baseVersion: 0 }])).status).toBe(200);
    const res = await save([{ studentId: s3, columnKey: 'CK', value: '7', baseVersion: 1 }], { reason: 'Chấm lại' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const events = await cellEvents(s3, 'CK');
    expect(events.map((e) => e.action)).toEqual(['score.entered', 'score.changed']);
    expect(JSON.parse(events[1].after_json!)).not.toHaveProperty('evidence');
  });

  it('only the principal turns it on (403 for the teacher); the change is audited', async () => {
    expect((await teacher.patch(settingsPath(), { evidenceRequired: 'reEntry' })).status).toBe(403);
    expect((await principal.patch(settingsPath(), { evidenceRequired: 'sometimes' })).status).toBe(400);
    const res = await principal.patch(settingsPath(), { evidenceRequired: 'reEntry' });
    expect(res.status).toBe(200);
    expect(res.body.evidenceRequired).toBe('reEntry');
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'settings.updated').orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect([JSON.parse(event.before_json!).evidenceRequired, JSON.parse(event.after_json!).evidenceRequired]).toEqual(['never', 'reEntry']);
    expect((await teacher.get(`${sheetPath}/sheet`)).body.evidenceRequired).toBe('reEntry');
  });

  it('first entries never need evidence', async () => {
    const [s1, s2] = students.map((s) => s.studentId);
    const res = await save([
      { studentId: s1, columnKey: 'GK', value: '5', baseVersion: 0 },
      { studentId: s2, columnKey: 'TX1', value: '7', baseVersion: 0 },
    ]);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });

  it('a re-entry without valid evidence: 400 naming the student and column, nothing saved, nothing audited', async () => {
    moveClock(server.clock, 31 * 60_000); // past the 30 minutes in which her own entries are still first entries (is-re-entry.ts)
    const [a, b] = students;
    const batch = [
      { studentId: a.studentId, columnKey: 'GK', value: '6', baseVersion: 1 },
      { studentId: b.studentId, columnKey: 'TX1', value: '9,5', baseVersion: 1 },
    ];
    const before = await db().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

    const none = await save(batch, { reason: 'Nhập nhầm' });
    expect(none.status).toBe(400);
    expect(none.body.errors.every((e: any) => e.field === 'evidence')).toBe(true);
    expect(none.body.message).toContain('minh chứng');
    expect(none.body.message).toContain(`${a.listNumber}. ${a.fullName} — ĐĐGgk`);
    expect(none.body.message).toContain(`${b.listNumber}. ${b.fullName} — ĐĐGtx 1`);
    expect(none.body.errors).toHaveLength(2);

    // A classmate's confirmation holds for the oral score (ĐĐGtx) only.
    const classmate = await save(batch, { reason: 'Nhập nhầm', evidence: ['classmateConfirmation'] });
    expect(classmate.status).toBe(400);
    expect(classmate.body.errors).toEqual([{ field: 'evidence', message: expect.stringMatching(new RegExp(`^${a.listNumber}\\. ${a.fullName} — ĐĐGgk: .*chỉ dùng cho điểm kiểm tra miệng`)) }]);

    const other = await save(batch, { reason: 'Nhập nhầm', evidence: ['other'], evidenceNote: ' ' });
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('"Khác" cần ghi rõ');

    expect(await display(a.studentId, 'GK')).toBe('5,0');
    expect(await display(b.studentId, 'TX1')).toBe('7,0');
    const after = await db().selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('with evidence: saved, the events carry it, the month’s edit log lists it and its PDF ticks the boxes', async () => {
    const [a, b] = students;
    const res = await save(
      [
        { studentId: a.studentId, columnKey: 'GK', value: '6', baseVersion: 1 },
        { studentId: b.studentId, columnKey: 'TX1', value: '9,5', baseVersion: 1 },
      ],
      { reason: 'Nhập nhầm', evidence: ['testPaper', 'classmateConfirmation', 'other'], evidenceNote: 'Ảnh chụp bài làm' },
    );
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const gk = (await cellEvents(a.studentId, 'GK')).at(-1)!;
    const tx = (await cellEvents(b.studentId, 'TX1')).at(-1)!;
    expect(gk.action).toBe('score.changed');
    expect(JSON.parse(gk.after_json!)).toMatchObject({ scoreTenths: 60, evidence: ['testPaper', 'other'], evidenceNote: 'Ảnh chụp bài làm' });
    expect(JSON.parse(tx.after_json!)).toMatchObject({ scoreTenths: 95, evidence: ['testPaper', 'classmateConfirmation', 'other'] });
    // The first entries carried none.
    expect(JSON.parse((await cellEvents(a.studentId, 'GK'))[0].after_json!)).not.toHaveProperty('evidence');
    expect((await verifyAuditChains(db())).breaks).toEqual([]);

    const log = await teacher.get(`/api/v1/schools/${server.demo!.schoolId}/edit-log?from=${MONTH}-01&to=${MONTH}-28&changesOnly=1`);
    expect(log.status).toBe(200);
    const entry = log.body.entries.find((e: any) => e.eventId === gk.id);
    expect(entry).toMatchObject({ oldValue: '5,0', newValue: '6,0', evidence: ['testPaper', 'other'], evidenceNote: 'Ảnh chụp bài làm' });
    const s3 = log.body.entries.find((e: any) => e.columnKey === 'CK');
    expect(s3).toMatchObject({ evidence: [], evidenceNote: '' });

    const pdf = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/edit-log.pdf?teacherUserId=${teacherId}&month=${MONTH}`);
    expect(pdf.status).toBe(200);
    if (!existsSync('/usr/bin/pdftotext')) {
      if (process.env.SODIEM_TEST_STRICT === '1') throw new Error('poppler-utils missing under SODIEM_TEST_STRICT=1');
      return;
    }
    const out = join(process.cwd(), 'test-results', 'print');
    mkdirSync(out, { recursive: true });
    const file = join(out, 'edit-log-evidence.pdf');
    writeFileSync(file, pdf.body as Buffer);
    const text = execFileSync('/usr/bin/pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Đã ghi khi sửa: Bài kiểm tra; Khác (Ảnh chụp bài làm)');
    expect(text).toContain('Đã ghi khi sửa: Bài kiểm tra; Xác nhận của học sinh cùng lớp (điểm miệng); Khác (Ảnh chụp bài làm)');
    // The change saved while the setting was off has its boxes left for hand filling.
    expect(text.match(/Đã ghi khi sửa/g)).toHaveLength(2);
  });
});
