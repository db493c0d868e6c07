/**
 * Homeroom work and results through HTTP (G4, G6, G7, C5): attendance, conduct, live results,
 * approval only when complete, a frozen snapshot and the lock it sets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { TestClient } from '../helpers/client.ts';
import { pdfText } from '../helpers/student-print-pdf.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom: TestClient;
let principal: TestClient;
let classId: string;
let students: string[];
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

/** Fills every required column of every TT 22 subject of the class, as each assigned teacher would. */
async function fillGradebook(termNo: 1 | 2, value: (i: number) => string) {
  const db = server.database.handle.db;
  const subjects = await db
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
    .selectAll('subjects')
    .select(['users.id as userId'])
    .where('teaching_assignments.class_id', '=', classId)
    .where('subjects.assessment_kind', 'in', ['scored', 'comment'])
    .execute();
  // Teachers without an account in the demo: enter as the system for this fixture.
  const all = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).where('assessment_kind', 'in', ['scored', 'comment']).execute();
  for (const s of all) {
    const userId = subjects.find((x) => x.id === s.id)?.userId ?? null;
    const cols = gradebookColumns(subjectAssessment(s), termNo).filter((c) => c.required);
    const changes = students.flatMap((studentId, i) => cols.map((c) => ({ studentId, columnKey: c.key, value: s.assessment_kind === 'scored' ? value(i) : 'Đ', baseVersion: 0 })));
    await saveCells({ db, classId, subjectId: s.id, termNo, input: { changes, source: 'typed', reason: '' }, audit: { actorUserId: userId, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'test', requestId: 'fill', now: server.clock().toISOString() } });
  }
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  const list = await homeroom.get(`/api/v1/classes/${classId}/students`);
  students = list.body.entries.map((e: any) => e.student.id);
});
afterAll(async () => server?.close());

describe('attendance (G4)', () => {
  it('the homeroom teacher takes the morning roll; changes are audited; totals count sessions', async () => {
    const res = await homeroom.put(`/api/v1/classes/${classId}/attendance`, {
      date: '2026-11-20',
      session: 'morning',
      marks: [
        { studentId: students[0], kind: 'P', note: 'Ốm, có giấy xin phép' },
        { studentId: students[1], kind: 'K' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.marks).toHaveLength(2);
    // marking present removes the absence
    await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[1], kind: null }] });
    const day = await homeroom.get(`/api/v1/classes/${classId}/attendance?date=2026-11-20`);
    expect(day.body.marks.map((m: any) => m.studentId)).toEqual([students[0]]);
    const summary = await homeroom.get(`/api/v1/classes/${classId}/attendance/summary`);
    const row = summary.body.rows.find((r: any) => r.studentId === students[0]);
    expect(row.year).toEqual({ excused: 1, unexcused: 0, sessions: 1, lessons: 0 });
    expect(row.sessionsLeft).toBe(44);
    const events = await server.database.handle.db.selectFrom('audit_events').select('action').where('chain_key', '=', `class:${classId}`).where('action', '=', 'attendance.marked').execute();
    expect(events).toHaveLength(3);
  });

  it('a roll with nobody absent is recorded too; a range of days comes back in one request', async () => {
    const res = await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-19', session: 'afternoon', marks: [] });
    expect(res.status).toBe(200);
    expect(res.body.marks).toEqual([]);
    expect(res.body.rolls).toEqual([expect.objectContaining({ session: 'afternoon', periodNo: 0 })]);
    const range = await homeroom.get(`/api/v1/classes/${classId}/attendance/range?from=2026-11-01&to=2026-11-30`);
    expect(range.status).toBe(200);
    expect(range.body.rolls.map((r: any) => `${r.date}/${r.session}`)).toEqual(['2026-11-19/afternoon', '2026-11-20/morning']);
    expect(range.body.marks.map((m: any) => m.date)).toEqual(['2026-11-20']);
    expect((await homeroom.get(`/api/v1/classes/${classId}/attendance/range?from=2026-09-01&to=2026-12-31`)).status).toBe(400);
  });

  it('a teacher of another class cannot take this roll (403); a future date is refused (400)', async () => {
    const other = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    const res = await other.put(`/api/v1/classes/${classId}/attendance`, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[2], kind: 'K' }] });
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('chủ nhiệm');
    const future = await homeroom.put(`/api/v1/classes/${classId}/attendance`, { date: '2027-03-01', session: 'morning', marks: [{ studentId: students[2], kind: 'K' }] });
    expect(future.status).toBe(400);
  });
});

describe('weekly notes (G5)', () => {
  it('the homeroom teacher writes the week\'s discipline note; a subject teacher comments on a class she teaches; others are refused', async () => {
    const note = await homeroom.post(`/api/v1/classes/${classId}/weekly-notes`, { weekStart: '2026-11-16', kind: 'discipline', text: 'Lớp giữ trật tự tốt; 2 bạn đi muộn thứ Ba.' });
    expect(note.status).toBe(200);
    expect((await homeroom.post(`/api/v1/classes/${classId}/weekly-notes`, { weekStart: '2026-11-17', kind: 'discipline', text: 'x' })).status).toBe(400);
    const other = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    const db = server.database.handle.db;
    const u = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.9a1').executeTakeFirstOrThrow();
    const teaches = await db.selectFrom('teaching_assignments').select('subject_id').where('class_id', '=', classId).where('staff_id', '=', u.staff_id!).executeTakeFirst();
    const anySubject = (await db.selectFrom('subjects').select('id').where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).executeTakeFirstOrThrow()).id;
    const res = await other.post(`/api/v1/classes/${classId}/weekly-notes`, { weekStart: '2026-11-16', kind: 'subject', subjectId: teaches?.subject_id ?? anySubject, text: 'Lớp chuẩn bị bài tốt.' });
    expect(res.status).toBe(teaches ? 200 : 403);
    const list = await principal.get(`/api/v1/classes/${classId}/weekly-notes`);
    expect(list.status).toBe(200);
    expect(list.body[0]).toMatchObject({ kind: 'discipline', weekStart: '2026-11-16' });
    // Only the author edits, from the version she read.
    const path = `/api/v1/classes/${classId}/weekly-notes/${note.body.id}`;
    expect((await principal.put(path, { text: 'Sửa', baseVersion: 1 })).status).toBe(403);
    expect((await homeroom.put(path, { text: 'Lớp giữ trật tự tốt; 1 bạn đi muộn thứ Ba.', baseVersion: 1 })).body).toEqual({ id: note.body.id, version: 2 });
    expect((await homeroom.put(path, { text: 'Lần nữa', baseVersion: 1 })).status).toBe(409);
  });
});

describe('conduct (G6)', () => {
  it('only the homeroom teacher of the class records its conduct', async () => {
    const body = { period: 'term1', entries: [{ studentId: students[0], level: 'T', comment: '', baseVersion: 0 }] };
    expect((await principal.put(`/api/v1/classes/${classId}/conduct`, body)).status).toBe(403);
    expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, body)).status).toBe(200);
    const stale = await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term1', entries: [{ studentId: students[0], level: 'K', comment: '', baseVersion: 0 }] });
    expect(stale.status).toBe(409);
  });

  it('the year level follows the Điều 8 table; a different level needs a reason, which is audited', async () => {
    await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term2', entries: [{ studentId: students[0], level: 'K', comment: '', baseVersion: 0 }] });
    const year = await homeroom.get(`/api/v1/classes/${classId}/conduct?period=year`);
    const row = year.body.rows.find((r: any) => r.studentId === students[0]);
    expect(row).toMatchObject({ computed: 'K', level: 'K' });
    const noReason = await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'year', entries: [{ studentId: students[0], level: 'T', comment: '', baseVersion: 0 }] });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('lý do');
    const ok = await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'year', entries: [{ studentId: students[0], level: 'T', comment: '', baseVersion: 0 }], reason: 'Tiến bộ vượt bậc trong học kỳ II, hội đồng thống nhất' });
    expect(ok.status).toBe(200);
    const ev = await server.database.handle.db.selectFrom('audit_events').select(['reason']).where('action', '=', 'conduct.yearOverridden').executeTakeFirstOrThrow();
    expect(ev.reason).toContain('Tiến bộ');
  });
});

describe('results and approval (G7, C5)', () => {
  it('approval is refused while anything is missing, and the page says what', async () => {
    const res = await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`);
    expect(res.status).toBe(200);
    expect(res.body.complete).toBe(false);
    expect(res.body.students[0].missing.length).toBeGreaterThan(0);
    const propose = await homeroom.post(`/api/v1/classes/${classId}/results/term1/proposal`);
    expect(propose.status).toBe(409);
    expect(propose.body.message).toContain('Chưa đủ dữ liệu');
  });

  it('with every score and conduct level in, the homeroom teacher proposes, the principal approves; the snapshot is frozen and the term locked', async () => {
    await fillGradebook(1, (i) => (i % 5 === 0 ? '9,5' : i % 5 === 1 ? '8' : i % 5 === 2 ? '6,5' : i % 5 === 3 ? '5' : '3,5'));
    const entries = students.map((studentId, i) => ({ studentId, level: i === 0 ? 'T' : i % 4 === 3 ? 'K' : 'T', comment: '', baseVersion: i === 0 ? 1 : 0 }));
    expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term1', entries })).status).toBe(200);
    const results = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    expect(results.complete).toBe(true);
    expect(results.students[0]).toMatchObject({ academic: 'T', conduct: 'T' });
    expect(results.students[0].subjects.every((s: any) => s.value === '9,5' || s.value === 'Đ')).toBe(true);
    expect(results.summary.students).toBe(40);
    // Only the homeroom teacher proposes; only the principal approves.
    expect((await principal.post(`/api/v1/classes/${classId}/results/term1/proposal`)).status).toBe(403);
    const p = await homeroom.post(`/api/v1/classes/${classId}/results/term1/proposal`);
    expect(p.status).toBe(200);
    expect((await homeroom.post(`/api/v1/classes/${classId}/results/term1/approval`, { snapshotId: p.body.snapshotId })).status).toBe(403);
    const waiting = await principal.get(`/api/v1/years/${server.demo!.yearId}/result-snapshots?status=proposed`);
    expect(waiting.body).toEqual([expect.objectContaining({ id: p.body.snapshotId, className: '6A1', scope: 'term1' })]);
    expect((await homeroom.get(`/api/v1/years/${server.demo!.yearId}/result-snapshots`)).status).toBe(403);
    const a = await principal.post(`/api/v1/classes/${classId}/results/term1/approval`, { snapshotId: p.body.snapshotId });
    expect(a.status).toBe(200);
    const after = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    expect(after.snapshot).toMatchObject({ status: 'approved', changedSince: false });
    // The approved term is locked: a direct edit is refused and names the approval.
    const sheetSubject = (await homeroom.get('/api/v1/auth/me')).body.teaching.find((t: any) => t.classId === classId).subjectId;
    const sheet = (await homeroom.get(`/api/v1/classes/${classId}/subjects/${sheetSubject}/terms/1/sheet`)).body;
    const refused = await homeroom.post(`/api/v1/classes/${classId}/subjects/${sheetSubject}/terms/1/cells`, {
      changes: [{ studentId: students[3], columnKey: 'GK', value: '7', baseVersion: sheet.rows.find((r: any) => r.studentId === students[3]).cells.GK.version }],
      reason: 'sửa',
    });
    expect(refused.status).toBe(423);
    expect(refused.body.message).toContain('Đã phê duyệt kết quả học kỳ I');
    const snap = await server.database.handle.db.selectFrom('result_snapshots').selectAll().where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(snap.rule_version).toBe('TT22_2021@1');
    expect(JSON.parse(snap.snapshot_json).students).toHaveLength(40);

    // A rule setting changes after the approval (Toán assessed by comments instead of scores): the
    // live results move, the approved snapshot does not.
    const admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
    const setup = (await admin.get(`/api/v1/years/${server.demo!.yearId}`)).body;
    const toan = setup.subjects.find((x: any) => x.grade === 6 && x.code === 'TOAN');
    expect((await admin.patch(`/api/v1/subjects/${toan.id}`, { assessmentKind: 'comment' })).status).toBe(200);
    const moved = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    expect(moved.snapshot).toMatchObject({ status: 'approved', changedSince: true });
    const frozen = await server.database.handle.db.selectFrom('result_snapshots').select(['snapshot_json', 'sha256']).where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(frozen).toEqual({ snapshot_json: snap.snapshot_json, sha256: snap.sha256 });
    expect((await admin.patch(`/api/v1/subjects/${toan.id}`, { assessmentKind: 'scored' })).status).toBe(200);
    expect((await homeroom.get(`/api/v1/classes/${classId}/results?scope=term1`)).body.snapshot.changedSince).toBe(false);
  });

  it('after the year, a student below Đạt goes to retests; retest scores are entered for eligible subjects only and the final result is re-classified', async () => {
    await fillGradebook(2, (i) => (i % 5 === 0 ? '9,5' : i % 5 === 1 ? '8' : i % 5 === 2 ? '6,5' : i % 5 === 3 ? '5' : '3,5'));
    const entries = students.map((studentId) => ({ studentId, level: 'T', comment: '', baseVersion: 0 }));
    expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term2', entries: entries.map((e, i) => ({ ...e, baseVersion: i === 0 ? 1 : 0 })) })).status).toBe(200);
    const year = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=year`)).body;
    expect(year.complete).toBe(true);
    const weak = year.students[4];
    expect(weak).toMatchObject({ academic: 'CĐ', outcome: 'retest' });
    expect(weak.retestSubjects.length).toBeGreaterThan(3);
    expect(year.students[0]).toMatchObject({ academic: 'T', title: 'XS', outcome: 'promoted' });

    // The homeroom teacher's own subject: she enters the retest through HTTP; a promoted student is refused.
    const me = (await homeroom.get('/api/v1/auth/me')).body;
    const mine = me.teaching.find((t: any) => t.classId === classId).subjectId;
    const code = (await server.database.handle.db.selectFrom('subjects').select('code').where('id', '=', mine).executeTakeFirstOrThrow()).code;
    if (weak.retestSubjects.includes(code)) {
      const ok = await homeroom.put(`/api/v1/classes/${classId}/subjects/${mine}/retest`, { entries: [{ studentId: weak.studentId, value: '7', baseVersion: 0 }] });
      expect(ok.status).toBe(200);
    }
    const refused = await homeroom.put(`/api/v1/classes/${classId}/subjects/${mine}/retest`, { entries: [{ studentId: students[0], value: '7', baseVersion: 0 }] });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('không phải kiểm tra lại');

    const partialFinal = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=final`)).body.students.find((x: any) => x.studentId === weak.studentId);
    expect(partialFinal.retestPending.length).toBeGreaterThan(0);
    expect(partialFinal.missing.some((m: string) => m.includes('điểm kiểm tra lại'))).toBe(true);

    // The other retests, entered as their teachers would; every subject passes → promoted.
    const db = server.database.handle.db;
    const subjects = await db.selectFrom('subjects').select(['id', 'code', 'assessment_kind']).where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).execute();
    for (const sub of subjects.filter((x) => weak.retestSubjects.includes(x.code) && x.id !== mine)) {
      await saveCells({ db, classId, subjectId: sub.id, termNo: 3, input: { changes: [{ studentId: weak.studentId, columnKey: 'KTL', value: sub.assessment_kind === 'scored' ? '6,5' : 'Đ', baseVersion: 0 }], source: 'typed', reason: '' }, audit: { actorUserId: null, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'test', requestId: 'retest', now: server.clock().toISOString() } });
    }
    const final = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=final`)).body;
    const after = final.students.find((x: any) => x.studentId === weak.studentId);
    expect(after.outcome).toBe('promoted');
    expect(after.retestPending).toEqual([]);
    expect(['Đ', 'K']).toContain(after.academic);
  });

  it('the principal confirms the transcript year records (C6): frozen with the rule version, idempotent, a change makes a new version', async () => {
    const results = (await homeroom.get(`/api/v1/classes/${classId}/results?scope=year`)).body;
    // Not before the year is approved.
    const early = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(early.status).toBe(409);
    const p = await homeroom.post(`/api/v1/classes/${classId}/results/year/proposal`);
    expect(p.status).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/results/year/approval`, { snapshotId: p.body.snapshotId })).status).toBe(200);
    expect((await homeroom.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).status).toBe(403);
    const first = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ created: 40, unchanged: 0 });
    const again = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(again.body).toEqual({ created: 0, unchanged: 40 });
    const records = (await homeroom.get(`/api/v1/classes/${classId}/transcript-records`)).body;
    expect(records).toHaveLength(40);
    const top = records.find((r: any) => r.studentId === students[0]);
    expect(top).toMatchObject({ versionNo: 1, ruleVersion: 'TT22_2021@1', status: 'confirmed' });
    expect(top.record.results).toMatchObject({ academic: 'T', title: 'XS' });
    expect(top.record.identity.fullName).toBe(results.students[0].fullName);
    // A corrected profile: confirming again makes version 2 of that student's record only. The
    // printed profile is locked now (issue 22): the change goes through an approved request.
    const detail = (await principal.get(`/api/v1/students/${students[0]}`)).body;
    const admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
    expect((await admin.put(`/api/v1/students/${students[0]}`, { student: { ...detail.student, placeOfBirth: 'Hưng Yên' }, version: detail.student.version })).status).toBe(423);
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'profile', changes: [{ studentId: students[0], field: 'placeOfBirth', value: 'Hưng Yên' }], reason: 'Sai nơi sinh', evidenceKind: 'other' });
    expect((await principal.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await admin.post(`/api/v1/corrections/${filed.body.id}/apply`)).status).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 1, unchanged: 39 });
    const v2 = (await homeroom.get(`/api/v1/classes/${classId}/transcript-records`)).body.find((r: any) => r.studentId === students[0]);
    expect(v2.versionNo).toBe(2);
    const all = await server.database.handle.db.selectFrom('transcript_records').select(['status']).where('student_id', '=', students[0]).execute();
    expect(all.map((r) => r.status).sort()).toEqual(['confirmed', 'superseded']);
  });

  it('a vice-principal delegated to sign in the principal’s place confirms a corrected record; the học bạ prints "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG" over her name (R1, issue 22)', async () => {
    const vice = await new TestClient(server.baseUrl).login('phohieutruong', server.demo!.password, secret('phohieutruong'));
    const admin = await new TestClient(server.baseUrl).login('quantri', server.demo!.password, secret('quantri'));
    const filed = await homeroom.post(`/api/v1/classes/${classId}/record-corrections`, { kind: 'profile', changes: [{ studentId: students[1], field: 'placeOfBirth', value: 'Hải Dương' }], reason: 'Sai nơi sinh', evidenceKind: 'other' });
    expect((await principal.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', version: 1 })).status).toBe(200);
    expect((await admin.post(`/api/v1/corrections/${filed.body.id}/apply`)).status).toBe(200);
    const refused = await vice.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('chưa được Hiệu trưởng ủy quyền');
    const granted = await principal.post(`/api/v1/schools/${server.demo!.schoolId}/delegations`, { schoolYearId: server.demo!.yearId, delegateUserId: (await vice.get('/api/v1/auth/me')).body.user.id, powers: ['document.signAsPrincipal'], scope: 'lowerSecondary' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    // Before: the principal confirmed, the block names her alone.
    const principalPdf = pdfText('hoc-ba-hieu-truong', (await principal.get(`/api/v1/students/${students[2]}/transcript.pdf`)).body);
    expect(principalPdf).not.toContain('KT. HIỆU TRƯỞNG');
    // Confirmed by another person, every record gets a new version naming her (the corrected one and the rest).
    expect((await vice.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 40, unchanged: 0 });
    const pdf = await vice.get(`/api/v1/students/${students[1]}/transcript.pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText('hoc-ba-kt-hieu-truong', pdf.body);
    if (!text) return;
    const viceName = (await vice.get('/api/v1/auth/me')).body.user.fullName;
    expect(text).toMatch(/PHÊ DUYỆT CỦA HIỆU TRƯỞNG\s+KT\. HIỆU TRƯỞNG\s+PHÓ HIỆU TRƯỞNG/);
    expect(text).toContain(viceName);
    // The cover names the school once (issue 15 §8): "TRƯỜNG THCS: Nguyễn Trãi".
    expect(text).toMatch(/TRƯỜNG THCS: Nguyễn Trãi/);
    expect(text).not.toMatch(/TRƯỜNG THCS: Trường/);
    // The principal confirming again takes the blocks back; the same person again changes nothing.
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 40, unchanged: 0 });
    expect(pdfText('hoc-ba-hieu-truong-lai', (await principal.get(`/api/v1/students/${students[1]}/transcript.pdf`)).body)).not.toContain('KT. HIỆU TRƯỞNG');
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 0, unchanged: 40 });
  });
});

