/**
 * Primary approval per point and class (C5 for grades 1–5, TT 27/2020; issue 22): the homeroom
 * teacher of 3A proposes a point's summary book, the principal approves it — refused while data
 * are missing (naming the pupils) or changed since the proposal (SHA-256); approval freezes the
 * snapshot and locks the point (its qualities and its grade-book columns refuse a change); the
 * học bạ of the year is confirmed from the approved cuối năm snapshot; only the principal approves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let principal: TestClient;
let teacher: TestClient;
let classId: string;
let students: { id: string; fullName: string }[];
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const db = () => server.database.handle.db;
const sheet = async (point: string) => (await teacher.get(`/api/v1/classes/${classId}/primary-assessments?point=${point}`)).body;
const entryOf = (row: any) => ({ studentId: row.studentId, qualities: row.qualities, competences: row.competences, comment: row.comment, nominated: row.nominated, nominationNote: row.nominationNote, baseVersion: row.version });

beforeAll(async () => {
  // The summer: 3A's summary book is complete at all four points.
  server = await startTestServer({ demo: true, now: '2027-06-10T03:00:00.000Z' });
  classId = server.demo!.classIds['3A'];
  principal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
  teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
  students = (await teacher.get(`/api/v1/classes/${classId}/students`)).body.entries.map((e: any) => ({ id: e.student.id, fullName: [e.student.familyName, e.student.middleName, e.student.givenName].filter(Boolean).join(' ') }));
}, 180_000);
afterAll(async () => server?.close());

describe('primary approval per point (TT 27/2020)', () => {
  it('only the principal approves: the homeroom teacher and a teacher of another school are refused', async () => {
    const p = await teacher.post(`/api/v1/classes/${classId}/primary-results/GK1/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const denied = await teacher.post(`/api/v1/classes/${classId}/primary-results/GK1/approval`, { snapshotId: p.body.snapshotId });
    expect(denied.status).toBe(403);
    const other = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
    expect((await other.post(`/api/v1/classes/${classId}/primary-results/GK1/proposal`)).status).toBe(403);
    expect((await other.post(`/api/v1/classes/${classId}/primary-results/GK1/approval`, { snapshotId: p.body.snapshotId })).status).toBe(403);
    const snap = await db().selectFrom('result_snapshots').selectAll().where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(snap.status).toBe('proposed');
    expect(snap.scope).toBe('GK1');
    // a secondary class has no primary points
    expect((await principal.get(`/api/v1/classes/${server.demo!.classIds['9A1']}/primary-approvals`)).status).toBe(403);
  });

  it('a proposal is refused while data are missing, naming the pupil; nothing is stored', async () => {
    const row = (await sheet('GK2')).rows[2];
    const cleared = await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'GK2', entries: [{ ...entryOf(row), qualities: [null, ...row.qualities.slice(1)] }] });
    expect(cleared.status).toBe(200);
    const res = await teacher.post(`/api/v1/classes/${classId}/primary-results/GK2/proposal`);
    expect(res.status).toBe(409);
    expect(res.body.message).toMatch(/Chưa đủ dữ liệu để phê duyệt kết quả \(còn thiếu 1 mục\)/);
    expect(res.body.message).toContain(`${row.listNumber}. ${row.fullName}: Giữa học kỳ II — Phẩm chất`);
    expect(await db().selectFrom('result_snapshots').select('id').where('class_id', '=', classId).where('scope', '=', 'GK2').execute()).toHaveLength(0);
    const approvals = (await teacher.get(`/api/v1/classes/${classId}/primary-approvals`)).body;
    expect(approvals.points.find((p: any) => p.point === 'GK2')).toMatchObject({ missingCount: 1, proposal: null, approved: null });
    const again = (await sheet('GK2')).rows[2];
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'GK2', entries: [{ ...entryOf(again), qualities: row.qualities }] })).status).toBe(200);
  });

  it('the approval is refused when the data changed since the proposal (SHA-256); a new proposal is approved', async () => {
    const first = await teacher.post(`/api/v1/classes/${classId}/primary-results/CK1/proposal`);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const row = (await sheet('CK1')).rows[3];
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'CK1', entries: [{ ...entryOf(row), comment: `${row.comment} Em cần cố gắng hơn.` }] })).status).toBe(200);
    const conflict = await principal.post(`/api/v1/classes/${classId}/primary-results/CK1/approval`, { snapshotId: first.body.snapshotId });
    expect(conflict.status).toBe(409);
    expect(conflict.body.message).toMatch(/Kết quả đã thay đổi sau khi giáo viên chủ nhiệm đề nghị/);
    expect((await db().selectFrom('result_snapshots').select('status').where('id', '=', first.body.snapshotId).executeTakeFirstOrThrow()).status).toBe('proposed');
    const second = await teacher.post(`/api/v1/classes/${classId}/primary-results/CK1/proposal`);
    expect((await db().selectFrom('result_snapshots').select('status').where('id', '=', first.body.snapshotId).executeTakeFirstOrThrow()).status).toBe('superseded');
    expect((await principal.post(`/api/v1/classes/${classId}/primary-results/CK1/approval`, { snapshotId: second.body.snapshotId })).status).toBe(200);
  });

  it('approval freezes the point: its qualities and grade-book columns refuse a change, the snapshot stays, the next point stays open', async () => {
    const p = await teacher.post(`/api/v1/classes/${classId}/primary-results/GK2/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const ok = await principal.post(`/api/v1/classes/${classId}/primary-results/GK2/approval`, { snapshotId: p.body.snapshotId });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const frozen = await db().selectFrom('result_snapshots').selectAll().where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(frozen).toMatchObject({ status: 'approved', scope: 'GK2', rule_version: 'TT27_2020@1' });
    expect(JSON.parse(frozen.snapshot_json).rows).toHaveLength(40);

    // the point is locked: the mid-term columns of term II, recorded in the approval's audit entry
    const locks = await db().selectFrom('locks').selectAll().where('class_id', '=', classId).where('term_no', '=', 2).where('released_at', 'is', null).execute();
    expect(locks.map((l) => l.column_key).sort()).toEqual(['KT_GK', 'MUC_GK']);
    const event = await db().selectFrom('audit_events').select(['after_json']).where('action', '=', 'results.approved').where('entity_id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json!).lockIds.sort()).toEqual(locks.map((l) => l.id).sort());
    const notice = await db().selectFrom('notifications').select(['title', 'link']).where('kind', '=', 'results.approved').where('link', 'like', `/so-tong-hop/${classId}%GK2`).execute();
    expect(notice.map((n) => n.title)).toContain('Hiệu trưởng đã phê duyệt kết quả giữa học kỳ II lớp 3A');

    // the qualities of GK2 refuse a change, and nothing changes
    const row = (await sheet('GK2')).rows[0];
    const refused = await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'GK2', entries: [{ ...entryOf(row), comment: 'Sửa sau phê duyệt' }] });
    expect(refused.status).toBe(423);
    expect(refused.body.message).toMatch(/Sổ đã khóa \(Đã phê duyệt kết quả giữa học kỳ II lớp 3A\).*giấy đề nghị thay đổi thông tin/);
    expect((await sheet('GK2')).rows[0]).toEqual(row);

    // the grade book's GK2 level refuses a change naming the approval
    const me = (await teacher.get('/api/v1/auth/me')).body;
    const subjectId = me.teaching.find((t: any) => t.classId === classId).subjectId;
    const cells = (await teacher.get(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/sheet`)).body;
    const cell = cells.rows[0].cells.MUC_GK;
    const blocked = await teacher.post(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/cells`, { changes: [{ studentId: cells.rows[0].studentId, columnKey: 'MUC_GK', value: cell.text === 'T' ? 'H' : 'T', baseVersion: cell.version }] });
    expect(blocked.status).toBe(423);
    expect(blocked.body.message).toContain('Đã phê duyệt kết quả giữa học kỳ II lớp 3A');

    // the snapshot is unchanged; the next point (cuối năm) is still open to the teacher
    const after = await db().selectFrom('result_snapshots').selectAll().where('id', '=', p.body.snapshotId).executeTakeFirstOrThrow();
    expect(after.sha256).toBe(frozen.sha256);
    expect(after.snapshot_json).toBe(frozen.snapshot_json);
    const cn = (await sheet('CN')).rows[5];
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'CN', entries: [{ ...entryOf(cn), comment: `${cn.comment} Chúc em nghỉ hè vui.` }] })).status).toBe(200);

    const approvals = (await teacher.get(`/api/v1/classes/${classId}/primary-approvals`)).body;
    const gk2 = approvals.points.find((x: any) => x.point === 'GK2');
    expect(gk2.proposal).toBeNull();
    expect(gk2.approved).toMatchObject({ id: p.body.snapshotId, sha256: frozen.sha256, changedSince: false, approvedAt: frozen.approved_at });
    expect(gk2.approved.approvedByName.length).toBeGreaterThan(3);
    // every write above is in the audit chains, the locks and assessments as their events say
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    expect(await verifyStoredRecords(db())).toEqual([]);
  });

  it('the học bạ of the year is confirmed from the approved cuối năm snapshot; the confirmation page works; a later drift does not reach it', async () => {
    const p = await teacher.post(`/api/v1/classes/${classId}/primary-results/CN/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/primary-results/CN/approval`, { snapshotId: p.body.snapshotId })).status).toBe(200);
    const page = (await principal.get(`/api/v1/classes/${classId}/transcript-confirmation`)).body;
    expect(page.blocker).toBeNull();
    expect(page.students).toHaveLength(40);
    const confirmed = await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body).toEqual({ created: 40, unchanged: 0 });
    const records = await db().selectFrom('transcript_records').select(['result_snapshot_id', 'record_json', 'student_id']).where('class_id', '=', classId).where('status', '=', 'confirmed').execute();
    expect(new Set(records.map((r) => r.result_snapshot_id))).toEqual(new Set([p.body.snapshotId]));

    // the summary sheet of the point and the sổ liên lạc print the approved data
    const student = students[0].id;
    const documentIds = async () => [
      (await principal.get(`/api/v1/classes/${classId}/primary-summary.pdf?point=CN`)).headers.get('x-document-id'),
      (await principal.get(`/api/v1/students/${student}/report-book.pdf?term=2`)).headers.get('x-document-id'),
    ];
    const printed = await documentIds();
    expect(printed.every(Boolean)).toBe(true);

    // the live year-end data drift (straight in the database: the lock refuses them through the API)
    const frozenComment = JSON.parse(records.find((r) => r.student_id === student)!.record_json).results.comment;
    await db().updateTable('primary_assessments').set({ comment: 'Đổi sau khi đã duyệt' }).where('student_id', '=', student).where('point', '=', 'CN').execute();
    const level = await db().selectFrom('gradebook_cells').select(['id', 'text_value']).where('class_id', '=', classId).where('student_id', '=', student).where('term_no', '=', 2).where('column_key', '=', 'MUC_CK').executeTakeFirstOrThrow();
    await db().updateTable('gradebook_cells').set({ text_value: level.text_value === 'C' ? 'T' : 'C' }).where('id', '=', level.id).execute();
    expect(await documentIds()).toEqual(printed);
    const cn = (await teacher.get(`/api/v1/classes/${classId}/primary-approvals`)).body.points.find((x: any) => x.point === 'CN');
    expect(cn.approved.changedSince).toBe(true);
    // the học bạ still prints the approved year: confirming again changes nothing
    const after = (await principal.get(`/api/v1/classes/${classId}/transcript-confirmation`)).body;
    expect(after.students.find((s: any) => s.studentId === student).state).toBe('confirmed');
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 0, unchanged: 40 });
    const doc = (await principal.get(`/api/v1/students/${student}/transcript.json`)).body;
    expect(doc.years.at(-1).homeroomComment).toBe(frozenComment);
    expect(doc.years.at(-1).homeroomComment).not.toBe('Đổi sau khi đã duyệt');
  });
});
