/**
 * Four eyes on unlocks and corrections (issue 14 finding 4, build §3), through HTTP. The admin
 * board's release or window change is a request: nothing opens until the principal (or a
 * vice-principal she delegated `lock.confirm`, issue 22) confirms it in the app, in the same transaction as the
 * confirmation, audited with both names; nobody confirms their own request, even holding both
 * roles; of two decisions at once only one takes effect. A correction is never decided by the
 * person who filed it. The month's edit log lists the requests and decisions with both names.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileCorrectionRequest } from '../../src/server/corrections/index.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
const c: Record<'principal' | 'admin' | 'teacher' | 'vice' | 'otherPrincipal', TestClient> = {} as never;
const ids: Record<'principal' | 'admin' | 'vice' | 'teacher', string> = {} as never;
let classId: string;
let subjectId: string;
let sheetPath: string;
let students: string[];

const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, secret(u));
const year = () => `/api/v1/years/${server.demo!.yearId}`;
const school = () => `/api/v1/schools/${server.demo!.schoolId}`;
const decide = (who: TestClient, requestId: string, decision: 'confirm' | 'refuse', reason = '') => who.post(`/api/v1/lock-requests/${requestId}/decision`, { decision, reason });
const write = (studentId: string, columnKey: string, value: string) => c.teacher.post(`${sheetPath}/cells`, { changes: [{ studentId, columnKey, value, baseVersion: 0 }], reason: 'Nhập lại' });
const events = (entityId: string, action: string) => db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('action', '=', action).execute();
const lockRow = (id: string) => db().selectFrom('locks').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
/** The principal delegates lock.confirm for the whole school this year (issue 22); returns the answer. */
const delegateConfirm = (who: TestClient, userId: string) =>
  who.post(`${school()}/delegations`, { schoolYearId: server.demo!.yearId, delegateUserId: userId, powers: ['lock.confirm'], scope: 'all' });

/** The principal locks one column of the teacher's class-subject; returns the lock's id. */
async function lockColumn(columnKey: string, reason: string): Promise<string> {
  const res = await c.principal.post(`${year()}/locks`, { classId, subjectId, termNo: 1, columnKey, reason });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.locks.find((l: any) => !l.releasedAt && l.reason === reason).id;
}

/** The admin board asks to release a lock; returns the pending request. */
async function askRelease(lockId: string, reason: string) {
  const res = await c.admin.post(`/api/v1/locks/${lockId}/release`, { reason });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body.outcome).toBe('requested');
  return res.body.requests.find((r: any) => r.lockId === lockId && r.status === 'pending');
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  const teacherUser = await db().selectFrom('users').select(['id', 'staff_id']).where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const subject = await db()
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select('subjects.id')
    .where('teaching_assignments.class_id', '=', classId)
    .where('teaching_assignments.staff_id', '=', teacherUser.staff_id!)
    .where('subjects.assessment_kind', '=', 'scored')
    .executeTakeFirstOrThrow();
  subjectId = subject.id;
  sheetPath = `/api/v1/classes/${classId}/subjects/${subjectId}/terms/1`;
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', teacher: 'gvcn.6a1', vice: 'phohieutruong', otherPrincipal: 'th.hieutruong' })) {
    c[key as keyof typeof c] = await login(u);
  }
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', vice: 'phohieutruong', teacher: 'gvcn.6a1' })) {
    ids[key as keyof typeof ids] = (await db().selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
  students = (await c.teacher.get(`${sheetPath}/sheet`)).body.rows.map((r: any) => r.studentId);
});
afterAll(async () => server?.close());

describe('a lock release asked by the admin board', () => {
  let lockId: string;
  let requestId: string;

  it('is a request: the lock holds, the teacher’s write to the locked cell is still refused, the principal is told', async () => {
    lockId = await lockColumn('TX1', 'Khóa cột ĐĐGtx 1');
    const request = await askRelease(lockId, 'Giáo viên nhập nhầm, cần mở để sửa');
    requestId = request.id;
    expect(request).toMatchObject({ kind: 'release', summary: expect.stringContaining('Mở sổ Lớp 6A1'), requestedByName: 'Ban quản trị phần mềm', status: 'pending', canDecide: false });
    expect((await lockRow(lockId)).released_at).toBeNull();
    expect(await events(lockId, 'lock.released')).toHaveLength(0);
    expect(await events(requestId, 'lockRequest.filed')).toHaveLength(1);
    const refused = await write(students[0], 'TX1', '8');
    expect(refused.status).toBe(423);
    const notes = (await c.principal.get('/api/v1/notifications?unread=1')).body;
    expect(notes.find((n: any) => n.link === `/lock-requests/${requestId}`)).toMatchObject({ kind: 'lockRequest.filed', body: expect.stringContaining('Giáo viên nhập nhầm') });
    const seen = (await c.principal.get(`${year()}/locks`)).body.requests.find((r: any) => r.id === requestId);
    expect(seen.canDecide).toBe(true);
    // One request waits per lock.
    const again = await c.admin.post(`/api/v1/locks/${lockId}/release`, { reason: 'Lần nữa' });
    expect(again.status).toBe(409);
  });

  it('the admin board cannot confirm its own request, nor can a vice-principal who is not delegated, nor another school; a refusal needs a reason', async () => {
    const own = await decide(c.admin, requestId, 'confirm');
    expect(own.status).toBe(403);
    expect(own.body.message).toMatch(/Hiệu trưởng/);
    expect((await decide(c.vice, requestId, 'confirm')).status).toBe(403);
    expect((await decide(c.otherPrincipal, requestId, 'confirm')).status).toBe(403);
    expect((await decide(c.teacher, requestId, 'confirm')).status).toBe(403);
    const noReason = await decide(c.principal, requestId, 'refuse');
    expect(noReason.status).toBe(400);
    expect((await lockRow(lockId)).released_at).toBeNull();
    expect((await write(students[0], 'TX1', '8')).status).toBe(423);
  });

  it('the principal confirms: released in the same step, audited with both names; the teacher can write; a retried confirmation changes nothing', async () => {
    const res = await decide(c.principal, requestId, 'confirm', 'Đồng ý');
    expect(res.status).toBe(200);
    expect(res.body.requests.find((r: any) => r.id === requestId)).toMatchObject({ status: 'confirmed', decidedByName: expect.any(String), canDecide: false });
    const lock = await lockRow(lockId);
    expect(lock.released_by).toBe(ids.principal);
    expect(lock.released_at).not.toBeNull();
    const [released] = await events(lockId, 'lock.released');
    expect(released.actor_user_id).toBe(ids.principal);
    expect(JSON.parse(released.after_json!)).toMatchObject({ requestId, requestedBy: ids.admin, releasedBy: ids.principal });
    expect((await write(students[0], 'TX1', '8')).status).toBe(200);
    // Decided: the principal's "waiting" notice is done.
    expect((await c.principal.get('/api/v1/notifications?unread=1')).body.some((n: any) => n.link === `/lock-requests/${requestId}`)).toBe(false);

    const retry = await decide(c.principal, requestId, 'confirm', 'Đồng ý');
    expect(retry.status).toBe(200);
    expect(await events(lockId, 'lock.released')).toHaveLength(1);
    expect(await events(requestId, 'lockRequest.confirmed')).toHaveLength(1);
    const late = await decide(c.principal, requestId, 'refuse', 'Đổi ý');
    expect(late.status).toBe(409);
    expect(late.body.message).toBe('Yêu cầu này đã được xác nhận.');
    const told = (await c.admin.get('/api/v1/notifications')).body;
    expect(told.some((n: any) => n.kind === 'lockRequest.confirmed' && n.link === `/lock-requests/${requestId}`)).toBe(true);
  });

  it('a refused request leaves the lock in place', async () => {
    const id = await lockColumn('TX2', 'Khóa cột ĐĐGtx 2');
    const request = await askRelease(id, 'Mở cho giáo viên sửa');
    const res = await decide(c.principal, request.id, 'refuse', 'Chưa có giấy đề nghị');
    expect(res.status).toBe(200);
    expect(res.body.requests.find((r: any) => r.id === request.id)).toMatchObject({ status: 'refused', decisionReason: 'Chưa có giấy đề nghị' });
    expect((await lockRow(id)).released_at).toBeNull();
    expect((await write(students[1], 'TX2', '7')).status).toBe(423);
  });

  it('the principal’s own release goes straight through (she is the second pair of eyes)', async () => {
    const id = await lockColumn('TX3', 'Khóa cột ĐĐGtx 3');
    const res = await c.principal.post(`/api/v1/locks/${id}/release`, { reason: 'Hiệu trưởng mở' });
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('applied');
    expect((await lockRow(id)).released_by).toBe(ids.principal);
  });
});

describe('a window change asked by the admin board', () => {
  it('waits until confirmed: the closed window keeps the column locked; confirmed, it moves and the teacher can write', async () => {
    // Ending it with the GK column empty asks the principal to confirm (issue 15): she does.
    const closed = await c.principal.put(`${year()}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2026-09-10', confirmEmpty: true });
    expect(closed.status).toBe(200);
    expect(closed.body.outcome).toBe('applied');
    expect((await write(students[2], 'GK', '9')).status).toBe(423);

    const noReason = await c.admin.put(`${year()}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2027-01-10' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('lý do');
    const asked = await c.admin.put(`${year()}/windows/term1.midterm`, { opensOn: '2026-09-05', closesOn: '2027-01-10', reason: 'Gia hạn cho khối 6' });
    expect(asked.status).toBe(202);
    expect(asked.body.windows.find((w: any) => w.point === 'term1.midterm')).toMatchObject({ closesOn: '2026-09-10', state: 'closed' });
    const request = asked.body.requests.find((r: any) => r.kind === 'window' && r.status === 'pending');
    expect(request.summary).toBe('Đặt đợt cập nhật điểm giữa học kỳ I: 05/09/2026–10/01/2027 (đang là 05/09/2026–10/09/2026)');
    expect((await write(students[2], 'GK', '9')).status).toBe(423);
    expect((await decide(c.admin, request.id, 'confirm')).status).toBe(403);

    const res = await decide(c.principal, request.id, 'confirm');
    expect(res.status).toBe(200);
    expect(res.body.windows.find((w: any) => w.point === 'term1.midterm')).toMatchObject({ closesOn: '2027-01-10', state: 'open' });
    const window = await db().selectFrom('assessment_windows').selectAll().where('point', '=', 'term1.midterm').where('school_year_id', '=', server.demo!.yearId).executeTakeFirstOrThrow();
    const [set] = (await events(window.id, 'window.set')).filter((e) => JSON.parse(e.after_json!).requestId === request.id);
    expect(set.actor_user_id).toBe(ids.principal);
    expect(JSON.parse(set.after_json!)).toMatchObject({ requestedBy: ids.admin, set_by: ids.principal, closes_on: '2027-01-10' });
    expect((await write(students[2], 'GK', '9')).status).toBe(200);
  });

  it('a window set again after the request is not overwritten by its confirmation', async () => {
    const asked = await c.admin.put(`${year()}/windows/term2.midterm`, { opensOn: '2027-02-01', closesOn: '2027-03-01', reason: 'Theo kế hoạch của Phòng' });
    const request = asked.body.requests.find((r: any) => r.kind === 'window' && r.status === 'pending');
    expect((await c.principal.put(`${year()}/windows/term2.midterm`, { opensOn: '2027-02-01', closesOn: '2027-03-15' })).status).toBe(200);
    const res = await decide(c.principal, request.id, 'confirm');
    expect(res.status).toBe(409);
    const window = (await c.principal.get(`${year()}/locks`)).body.windows.find((w: any) => w.point === 'term2.midterm');
    expect(window.closesOn).toBe('2027-03-15');
    expect((await decide(c.principal, request.id, 'refuse', 'Đã đặt lại')).status).toBe(200);
  });
});

describe('a correction is never decided by the person who filed it', () => {
  let correctionId: string;

  it('the principal cannot approve the correction she filed; with nobody delegated, the vice-principal cannot either, and the request says so', async () => {
    const now = server.clock().toISOString();
    correctionId = await fileCorrectionRequest({
      db: db(),
      classId,
      subjectId,
      requestedBy: ids.principal,
      input: { termNo: 1, cells: [{ studentId: students[3], columnKey: 'TX2', newValue: '7' }], reason: 'Hiệu trưởng dạy thay, nhập nhầm', evidenceKind: 'testPaper' },
      audit: { actorUserId: ids.principal, actorRole: 'principal', ip: '127.0.0.1', userAgent: 'test', requestId: 'four-eyes', now },
    });
    const own = await c.principal.post(`/api/v1/corrections/${correctionId}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 });
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('không được tự duyệt');
    const vice = await c.vice.post(`/api/v1/corrections/${correctionId}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 });
    expect(vice.status).toBe(403);
    expect(vice.body.message).toContain('ủy quyền');
    const shown = (await c.principal.get(`/api/v1/corrections/${correctionId}`)).body;
    expect(shown).toMatchObject({ status: 'pending', filedByPrincipal: true, canDecide: false, decisionNote: expect.stringContaining('chưa duyệt được') });
    expect(await events(correctionId, 'correction.approved')).toHaveLength(0);
  });

  it('the principal delegates a vice-principal (audited; only a vice-principal, only by the principal), who then approves it', async () => {
    expect((await delegateConfirm(c.admin, ids.vice)).status).toBe(403);
    const notVice = await delegateConfirm(c.principal, ids.teacher);
    expect(notVice.status).toBe(400);
    const set = await delegateConfirm(c.principal, ids.vice);
    expect(set.status).toBe(200);
    expect(set.body.delegations[0]).toMatchObject({ delegateUserId: ids.vice, powers: ['lock.confirm'] });
    const [audit] = await events(set.body.delegations[0].id, 'delegation.granted');
    expect(JSON.parse(audit.after_json!)).toMatchObject({ delegateUserId: ids.vice, powers: ['lock.confirm'], scope: 'all' });

    expect((await c.vice.get(`/api/v1/corrections/${correctionId}`)).body).toMatchObject({ canDecide: true, decisionNote: expect.stringContaining('được ủy quyền') });
    const res = await c.vice.post(`/api/v1/corrections/${correctionId}/decision`, { decision: 'approve', reason: 'Đã xem bài kiểm tra', version: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'approved', decidedByName: expect.any(String) });
  });

  it('the delegated vice-principal does not decide a teacher’s correction (the principal does)', async () => {
    const filed = await c.teacher.post(`/api/v1/classes/${classId}/subjects/${subjectId}/corrections`, {
      termNo: 1,
      cells: [{ studentId: students[4], columnKey: 'TX2', newValue: '6' }],
      reason: 'Cộng nhầm',
      evidenceKind: 'testPaper',
    });
    expect(filed.status).toBe(200);
    expect((await c.vice.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', reason: '', version: 1 })).status).toBe(403);
    expect((await c.principal.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', reason: 'Đồng ý', version: 1 })).status).toBe(200);
  });
});

describe('the delegated vice-principal confirms', () => {
  it('an unlock request, told in the app; released in her name with the requester’s', async () => {
    const lockId = await lockColumn('TX5', 'Khóa cột ĐĐGtx 5');
    const request = await askRelease(lockId, 'Mở cột ĐĐGtx 5');
    const notes = (await c.vice.get('/api/v1/notifications')).body;
    expect(notes.some((n: any) => n.link === `/lock-requests/${request.id}`)).toBe(true);
    expect((await c.vice.get(`${year()}/locks`)).body.requests.find((r: any) => r.id === request.id).canDecide).toBe(true);
    expect((await decide(c.vice, request.id, 'confirm', 'Thay Hiệu trưởng')).status).toBe(200);
    const [released] = await events(lockId, 'lock.released');
    expect(released.actor_user_id).toBe(ids.vice);
    expect(JSON.parse(released.after_json!)).toMatchObject({ requestedBy: ids.admin });
  });

  it('but never her own request, even when the admin board holds the vice-principal’s role and is the delegate', async () => {
    const accounts = (await c.principal.get(`${school()}/accounts`)).body;
    const adminAccount = accounts.find((a: any) => a.id === ids.admin);
    const both = await c.principal.patch(`/api/v1/accounts/${ids.admin}`, { roles: ['admin', 'vice_principal'], version: adminAccount.version });
    expect(both.status, JSON.stringify(both.body)).toBe(200);
    expect((await delegateConfirm(c.principal, ids.admin)).status).toBe(200);
    const lockId = await lockColumn('TX3', 'Khóa lại cột ĐĐGtx 3');
    const request = await askRelease(lockId, 'Tự mở');
    expect(request.canDecide).toBe(false);
    const own = await decide(c.admin, request.id, 'confirm');
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('không được tự xác nhận');
    expect((await lockRow(lockId)).released_at).toBeNull();
    expect((await decide(c.principal, request.id, 'confirm')).status).toBe(200);
  });
});

describe('decisions at the same instant', () => {
  it('two confirmations: one release, one confirmation event; a confirmation against a refusal: exactly one wins', async () => {
    for (const round of [1, 2, 3]) {
      const both = await askRelease(await lockColumn('TX1', `Khóa lại ĐĐGtx 1, vòng ${round}`), `Mở, vòng ${round}`);
      const answers = await Promise.all([decide(c.principal, both.id, 'confirm'), decide(c.principal, both.id, 'confirm')]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      expect(await events(both.lockId, 'lock.released')).toHaveLength(1);
      expect(await events(both.id, 'lockRequest.confirmed')).toHaveLength(1);

      const race = await askRelease(await lockColumn('TX2', `Khóa lại ĐĐGtx 2, vòng ${round}`), `Mở, vòng ${round}`);
      const [confirm, refuse] = await Promise.all([decide(c.principal, race.id, 'confirm'), decide(c.vice, race.id, 'refuse', 'Không đồng ý')]);
      expect([confirm.status, refuse.status].sort()).toEqual([200, 409]);
      const stored = await db().selectFrom('lock_requests').select('status').where('id', '=', race.id).executeTakeFirstOrThrow();
      const released = (await lockRow(race.lockId)).released_at !== null;
      expect(stored.status).toBe(confirm.status === 200 ? 'confirmed' : 'refused');
      expect(released).toBe(confirm.status === 200);
      expect((await events(race.id, 'lockRequest.confirmed')).length + (await events(race.id, 'lockRequest.refused')).length).toBe(1);
    }
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
  });
});

describe('the edit log of the month', () => {
  it('lists the requests, confirmations and refusals with who asked and who decided, and the correction decisions', async () => {
    const log = await c.principal.get(`${school()}/edit-log?from=2026-11-01&to=2026-11-30`);
    expect(log.status).toBe(200);
    const approvals = log.body.approvals as any[];
    const admin = 'Ban quản trị phần mềm';
    const principalName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.principal).executeTakeFirstOrThrow()).full_name;
    const viceName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.vice).executeTakeFirstOrThrow()).full_name;
    expect(approvals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ step: 'requested', summary: expect.stringContaining('Mở sổ Lớp 6A1'), requestedByName: admin, decidedByName: null, reason: 'Giáo viên nhập nhầm, cần mở để sửa' }),
        expect.objectContaining({ step: 'confirmed', summary: expect.stringContaining('Mở sổ Lớp 6A1'), requestedByName: admin, decidedByName: principalName }),
        expect.objectContaining({ step: 'refused', requestedByName: admin, decidedByName: principalName, reason: 'Chưa có giấy đề nghị' }),
        expect.objectContaining({ step: 'confirmed', summary: expect.stringContaining('Đặt đợt cập nhật điểm giữa học kỳ I'), requestedByName: admin, decidedByName: principalName }),
        expect.objectContaining({ step: 'confirmed', requestedByName: admin, decidedByName: viceName }),
        expect.objectContaining({ step: 'direct', summary: expect.stringContaining('Mở sổ Lớp 6A1'), requestedByName: principalName, decidedByName: principalName }),
        expect.objectContaining({ step: 'approved', summary: expect.stringContaining('Giấy đề nghị số'), requestedByName: principalName, decidedByName: viceName }),
      ]),
    );
    // A confirmed release is listed once, by its confirmation.
    const confirmedIds = approvals.filter((a) => a.step === 'confirmed').length;
    expect(approvals.filter((a) => a.step === 'direct' && a.summary.startsWith('Mở sổ')).length).toBeLessThan(confirmedIds);
    // The teacher's own log keeps the unlocks of her books.
    const mine = await c.teacher.get(`${school()}/edit-log?from=2026-11-01&to=2026-11-30`);
    expect(mine.body.approvals.some((a: any) => a.step === 'confirmed' && a.requestedByName === admin)).toBe(true);
    // Another month has none of them.
    expect((await c.principal.get(`${school()}/edit-log?from=2026-10-01&to=2026-10-31`)).body.approvals.filter((a: any) => a.step !== 'direct')).toEqual([]);
  });
});
