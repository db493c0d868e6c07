/**
 * Delegation to the vice-principal (issue 22), through HTTP: only the principal grants and
 * revokes; the vice-principal approves results, confirms lock changes and signs the học bạ as
 * "KT. Hiệu trưởng" only inside her delegation (power, year, section), each act's audit event
 * naming on whose authority she acted; outside it, or once revoked, she is told what she lacks.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCalendar } from '../../src/server/demo/demo-calendar.ts';
import { ensureDemoCertificates } from '../../src/server/demo/demo-certificates.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { openDatabase } from '../../src/server/platform/db/database.ts';
import { migrations } from '../../src/server/platform/db/migrations/index.ts';
import { vietnamDay } from '../../src/domain/calendar/vietnam-time.ts';
import { TestClient } from '../helpers/client.ts';
import { requireTools } from '../helpers/pki.ts';
import { pdfText } from '../helpers/student-print-pdf.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const haveOpenssl = requireTools(['openssl']);
let server: TestServer;
const c: Record<'principal' | 'vice' | 'admin' | 'homeroom' | 'clerk', TestClient> = {} as never;
const ids: Record<'principal' | 'vice' | 'homeroom', string> = {} as never;
let thcsDelegation: { id: string; version: number };

const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, secret(u));
const school = () => `/api/v1/schools/${server.demo!.schoolId}`;
const year = () => `/api/v1/years/${server.demo!.yearId}`;
const class9A1 = () => server.demo!.classIds['9A1'];
const grant = (who: TestClient, body: object) => who.post(`${school()}/delegations`, { schoolYearId: server.demo!.yearId, delegateUserId: ids.vice, ...body });
const lastEvent = (entityId: string, action: string) =>
  db().selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('action', '=', action).orderBy('at', 'desc').executeTakeFirstOrThrow();

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: true });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', vice: 'phohieutruong', admin: 'quantri', homeroom: 'gvcn.9a1', clerk: 'vanthu' })) {
    c[key as keyof typeof c] = await login(u);
  }
  for (const [key, u] of Object.entries({ principal: 'hieutruong', vice: 'phohieutruong', homeroom: 'gvcn.9a1' })) {
    ids[key as keyof typeof ids] = (await db().selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
  }
}, 180_000);
afterAll(async () => server?.close());

describe('granting', () => {
  it('only the principal delegates, and only to a vice-principal of the school; the grant is audited and the vice-principal told', async () => {
    const powers = ['results.approve', 'document.signAsPrincipal'];
    const byAdmin = await grant(c.admin, { powers, scope: 'primary' });
    expect(byAdmin.status).toBe(403);
    expect(byAdmin.body.message).toBe('Chỉ Hiệu trưởng được ủy quyền hoặc thu hồi ủy quyền cho phó hiệu trưởng.');
    expect((await grant(c.vice, { powers, scope: 'all' })).status).toBe(403);
    const toTeacher = await grant(c.principal, { delegateUserId: ids.homeroom, powers, scope: 'primary' });
    expect(toTeacher.status).toBe(400);
    expect(toTeacher.body.message).toContain('phó hiệu trưởng');
    const res = await grant(c.principal, { powers, scope: 'primary' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const [d] = res.body.delegations;
    expect(d).toMatchObject({ delegateUserId: ids.vice, powers, scope: 'primary', revokedAt: null, version: 1 });
    const event = await lastEvent(d.id, 'delegation.granted');
    expect(event.actor_user_id).toBe(ids.principal);
    expect(JSON.parse(event.after_json!)).toMatchObject({ delegateUserId: ids.vice, powers, scope: 'primary', grantedBy: ids.principal });
    const notes = (await c.vice.get('/api/v1/notifications')).body;
    expect(notes.some((n: any) => n.kind === 'delegation.granted' && n.link === '/uy-quyen')).toBe(true);
    const own = await c.vice.get(`${school()}/delegations`);
    expect(own.status).toBe(200);
    expect(own.body.delegations.map((x: any) => x.id)).toEqual([d.id]);
    expect((await c.homeroom.get(`${school()}/delegations`)).status).toBe(403);
  });
});

describe('approving results', () => {
  const scope = () => (demoCalendar(vietnamDay(server.clock().toISOString())).currentTerm === 2 ? 'term2' : 'term1');
  let snapshotId: string;

  it('outside her delegation (primary only) the vice-principal is told what she lacks', async () => {
    const proposed = await c.homeroom.post(`/api/v1/classes/${class9A1()}/results/${scope()}/proposal`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    snapshotId = proposed.body.snapshotId;
    const refused = await c.vice.post(`/api/v1/classes/${class9A1()}/results/${scope()}/approval`, { snapshotId });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^Thầy\/cô chưa được Hiệu trưởng ủy quyền phê duyệt kết quả của cấp THCS năm học \d{4}-\d{4} \(lớp 9A1\)\.$/);
  });

  it('inside a THCS delegation she approves 9A1; the event names the principal on whose behalf', async () => {
    const res = await grant(c.principal, { powers: ['results.approve', 'document.signAsPrincipal', 'lock.confirm'], scope: 'lowerSecondary' });
    expect(res.status).toBe(200);
    const d = res.body.delegations.find((x: any) => x.scope === 'lowerSecondary');
    thcsDelegation = { id: d.id, version: d.version };
    const approved = await c.vice.post(`/api/v1/classes/${class9A1()}/results/${scope()}/approval`, { snapshotId });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const event = await lastEvent(snapshotId, 'results.approved');
    expect(event.actor_user_id).toBe(ids.vice);
    expect(JSON.parse(event.authority_json!)).toEqual({ onBehalfOf: ids.principal, delegationId: d.id });
    // The audit log shows who acted and on whose authority.
    const log = await c.principal.get(`${school()}/audit?action=results.approved`);
    const principalName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.principal).executeTakeFirstOrThrow()).full_name;
    expect(log.body.events.find((e: any) => e.entityId === snapshotId)).toMatchObject({ actorUserId: ids.vice, onBehalfOf: { delegationId: d.id, principalName } });
  });

  it('the principal’s own acts carry no delegation', async () => {
    const events = await db().selectFrom('audit_events').select(['authority_json']).where('actor_user_id', '=', ids.principal).execute();
    expect(events.every((e) => e.authority_json === null)).toBe(true);
  });
});

describe('confirming lock changes', () => {
  async function askRelease(classId: string, reason: string) {
    const locked = await c.principal.post(`${year()}/locks`, { classId, termNo: 1, reason });
    expect(locked.status, JSON.stringify(locked.body)).toBe(200);
    const lockId = locked.body.locks.find((l: any) => !l.releasedAt && l.reason === reason).id;
    const asked = await c.admin.post(`/api/v1/locks/${lockId}/release`, { reason: `Mở: ${reason}` });
    expect(asked.status).toBe(202);
    return { lockId, requestId: asked.body.requests.find((r: any) => r.lockId === lockId && r.status === 'pending').id as string };
  }

  it('she confirms the admin board’s request on a THCS class, on the principal’s authority; not a whole-school window, which needs a whole-school delegation', async () => {
    const thcs = await askRelease(server.demo!.classIds['6A1'], 'Khóa thử 6A1');
    const overview = (await c.vice.get(`${year()}/locks`)).body;
    expect(overview.requests.find((r: any) => r.id === thcs.requestId).canDecide).toBe(true);
    expect((await c.vice.post(`/api/v1/lock-requests/${thcs.requestId}/decision`, { decision: 'confirm', reason: 'Thay Hiệu trưởng' })).status).toBe(200);
    const released = await lastEvent(thcs.lockId, 'lock.released');
    expect(released.actor_user_id).toBe(ids.vice);
    expect(JSON.parse(released.authority_json!)).toEqual({ onBehalfOf: ids.principal, delegationId: thcsDelegation.id });

    const window = await c.admin.put(`${year()}/windows/term2.endOfTerm`, { opensOn: '2027-04-01', closesOn: '2027-05-20', reason: 'Theo kế hoạch của Phòng' });
    expect(window.status, JSON.stringify(window.body)).toBe(202);
    const requestId = window.body.requests.find((r: any) => r.kind === 'window' && r.status === 'pending').id;
    const refused = await c.vice.post(`/api/v1/lock-requests/${requestId}/decision`, { decision: 'confirm', reason: '' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Thầy/cô chưa được Hiệu trưởng ủy quyền xác nhận yêu cầu mở sổ, đổi đợt cập nhật điểm.');
    expect((await db().selectFrom('lock_requests').select('status').where('id', '=', requestId).executeTakeFirstOrThrow()).status).toBe('pending');
  });
});

describe('signing the học bạ', () => {
  it.runIf(haveOpenssl)(
    'the principal’s step is signed by whom the printed block names: the vice-principal is refused on a học bạ that prints the principal; she confirms the year again, it is printed again, and she signs it "KT. Hiệu trưởng – Phó hiệu trưởng", the PDF printing KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG over her name',
    async () => {
      // The học bạ is of the latest confirmed year (2025-2026): her signing power must cover that year.
      const lastYear = await db().selectFrom('school_years').select('id').where('school_id', '=', server.demo!.schoolId).where('id', '!=', server.demo!.yearId).orderBy('start_year', 'desc').executeTakeFirstOrThrow();
      expect((await grant(c.principal, { schoolYearId: lastYear.id, powers: ['document.signAsPrincipal'], scope: 'lowerSecondary' })).status).toBe(200);
      const certs = await ensureDemoCertificates(db(), server.database.dataDir, server.clock());
      const printClass = async () => {
        const started = await c.clerk.post(`${school()}/print-jobs`, { kind: 'transcript', classIds: [class9A1()] });
        expect(started.status, JSON.stringify(started.body)).toBe(202);
        for (let i = 0; i < 300; i++) {
          if ((await c.clerk.get(`/api/v1/jobs/${started.body.id}`)).body.status === 'done') break;
          await new Promise((r) => setTimeout(r, 100));
        }
      };
      await printClass();
      const p12 = (u: string) => readFileSync(certs!.people.find((p) => p.username === u)!.file).toString('base64');
      const sign = (who: TestClient, u: string, id: string, seq: number, sha: string) =>
        who.post(`/api/v1/documents/${id}/signatures`, { method: 'pkcs12', seq, expectedSha256: sha, p12: p12(u), password: server.demo!.password });
      const [doc] = (await c.homeroom.get(`${school()}/documents?kind=transcript&awaiting=me`)).body;
      const first = await sign(c.homeroom, 'gvcn.9a1', doc.id, 1, doc.currentSha256);
      expect(first.status, JSON.stringify(first.body)).toBe(200);

      // The year's block prints the principal, who confirmed it: the vice-principal may not sign under it.
      const principalName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.principal).executeTakeFirstOrThrow()).full_name;
      const refused = await sign(c.vice, 'phohieutruong', doc.id, 2, first.body.currentSha256);
      expect(refused.status).toBe(403);
      expect(refused.body.message).toMatch(new RegExp(`^Học bạ này in tên Hiệu trưởng ${principalName} ở khối xác nhận của Hiệu trưởng năm học \\d{4}-\\d{4} \\(lớp 8A1\\); người ký bước Hiệu trưởng phải là người đã xác nhận năm học đó\\.`));
      expect((await db().selectFrom('document_signatures').select('status').where('document_id', '=', doc.id).where('seq', '=', 2).executeTakeFirstOrThrow()).status).toBe('pending');

      // She confirms the student's 2025-2026 year again (last year's 8A1, whose pupils the demo enrolls): the record names her.
      const studentId = JSON.parse((await db().selectFrom('documents').select('subject_json').where('id', '=', doc.id).executeTakeFirstOrThrow()).subject_json).studentId;
      const class8A1 = await db().selectFrom('classes').select('id').where('school_year_id', '=', lastYear.id).where('name', '=', '8A1').executeTakeFirstOrThrow();
      const confirmed = await c.vice.post(`/api/v1/classes/${class8A1.id}/transcript-records/confirmation`, { studentIds: [studentId] });
      expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
      expect(confirmed.body).toEqual({ created: 1, unchanged: 0 });
      const record = await db().selectFrom('transcript_records').selectAll().where('class_id', '=', class8A1.id).where('student_id', '=', studentId).where('status', '=', 'confirmed').executeTakeFirstOrThrow();
      expect(record).toMatchObject({ confirmed_by: ids.vice, version_no: 2 });

      // Printed again: a new version whose block names her; the old one is superseded.
      await printClass();
      const fresh = (await c.homeroom.get(`${school()}/documents?kind=transcript&studentId=${studentId}`)).body[0];
      expect(fresh.id).not.toBe(doc.id);
      expect(fresh.versionNo).toBe(2);
      const again = await sign(c.homeroom, 'gvcn.9a1', fresh.id, 1, fresh.currentSha256);
      expect(again.status, JSON.stringify(again.body)).toBe(200);
      // Now the principal is not the one printed.
      const notHer = await sign(c.principal, 'hieutruong', fresh.id, 2, again.body.currentSha256);
      expect(notHer.status).toBe(403);
      expect(notHer.body.message).toContain('Học bạ này in tên Phó hiệu trưởng');
      const second = await sign(c.vice, 'phohieutruong', fresh.id, 2, again.body.currentSha256);
      expect(second.status, JSON.stringify(second.body)).toBe(200);
      expect(second.body.signatures[1]).toMatchObject({ role: 'principal', status: 'signed', roleLabel: 'KT. Hiệu trưởng – Phó hiệu trưởng' });
      const event = await lastEvent(fresh.id, 'document.sign');
      expect(JSON.parse(event.authority_json!)).toMatchObject({ onBehalfOf: ids.principal });

      const pdf = await c.vice.get(`/api/v1/documents/${fresh.id}/pdf`);
      expect(pdf.status).toBe(200);
      const text = pdfText('hoc-ba-kt-hieu-truong', pdf.body);
      if (!text) return;
      const viceName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.vice).executeTakeFirstOrThrow()).full_name;
      for (const h of ['KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG', viceName]) expect(text).toContain(h);
    },
    180_000,
  );
});

describe('signing the class book', () => {
  it.runIf(haveOpenssl)('the class book of 9A1, whose results she approved, prints KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG over her name; the principal is refused its principal step, she signs it', async () => {
    const scope = demoCalendar(vietnamDay(server.clock().toISOString())).currentTerm === 2 ? 'hk2' : 'hk1';
    const started = await c.clerk.post(`${school()}/print-jobs`, { kind: 'class_book', classIds: [class9A1()], options: { scope } });
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    for (let i = 0; i < 300; i++) {
      if ((await c.clerk.get(`/api/v1/jobs/${started.body.id}`)).body.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const [book] = (await c.homeroom.get(`${school()}/documents?kind=class_book&classId=${class9A1()}`)).body;
    expect((await db().selectFrom('documents').select('principal_signer_id').where('id', '=', book.id).executeTakeFirstOrThrow()).principal_signer_id).toBe(ids.vice);
    const viceName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.vice).executeTakeFirstOrThrow()).full_name;
    const text = pdfText('so-theo-doi-kt-hieu-truong', (await c.vice.get(`/api/v1/documents/${book.id}/pdf`)).body);
    if (text) for (const h of ['KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG', viceName]) expect(text).toContain(h);

    const certs = await ensureDemoCertificates(db(), server.database.dataDir, server.clock());
    const p12 = (u: string) => readFileSync(certs!.people.find((p) => p.username === u)!.file).toString('base64');
    const first = await c.homeroom.post(`/api/v1/documents/${book.id}/signatures`, { method: 'pkcs12', seq: 1, expectedSha256: book.currentSha256, p12: p12('gvcn.9a1'), password: server.demo!.password });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const byPrincipal = await c.principal.post(`/api/v1/documents/${book.id}/signatures`, { method: 'pkcs12', seq: 2, expectedSha256: first.body.currentSha256, p12: p12('hieutruong'), password: server.demo!.password });
    expect(byPrincipal.status).toBe(403);
    expect(byPrincipal.body.message).toBe(`Văn bản này in tên Phó hiệu trưởng ${viceName} (KT. Hiệu trưởng) ở khối chữ ký của Hiệu trưởng (người đã phê duyệt kết quả được in); chỉ người đó ký được bước Hiệu trưởng.`);
    // Nor by hand on paper.
    expect((await c.principal.post(`/api/v1/documents/${book.id}/signatures/2/handwritten`)).status).toBe(403);
    const byVice = await c.vice.post(`/api/v1/documents/${book.id}/signatures`, { method: 'pkcs12', seq: 2, expectedSha256: first.body.currentSha256, p12: p12('phohieutruong'), password: server.demo!.password });
    expect(byVice.status, JSON.stringify(byVice.body)).toBe(200);
    expect(byVice.body.signatures[1]).toMatchObject({ status: 'signed', roleLabel: 'KT. Hiệu trưởng – Phó hiệu trưởng' });
  }, 120_000);
});

describe('revoking', () => {
  it('only the principal revokes; after it the vice-principal is refused again', async () => {
    expect((await c.vice.post(`/api/v1/delegations/${thcsDelegation.id}/revoke`, { version: thcsDelegation.version })).status).toBe(403);
    expect((await c.admin.post(`/api/v1/delegations/${thcsDelegation.id}/revoke`, { version: thcsDelegation.version })).status).toBe(403);
    const revoked = await c.principal.post(`/api/v1/delegations/${thcsDelegation.id}/revoke`, { version: thcsDelegation.version });
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.delegations.find((d: any) => d.id === thcsDelegation.id)).toMatchObject({ revokedAt: expect.any(String), version: 2 });
    expect((await c.principal.post(`/api/v1/delegations/${thcsDelegation.id}/revoke`, { version: 2 })).status).toBe(409);

    const locked = await c.principal.post(`${year()}/locks`, { classId: class9A1(), termNo: 2, reason: 'Khóa sau thu hồi' });
    const lockId = locked.body.locks.find((l: any) => !l.releasedAt && l.reason === 'Khóa sau thu hồi').id;
    const asked = await c.admin.post(`/api/v1/locks/${lockId}/release`, { reason: 'Mở lại' });
    const requestId = asked.body.requests.find((r: any) => r.lockId === lockId && r.status === 'pending').id;
    const refused = await c.vice.post(`/api/v1/lock-requests/${requestId}/decision`, { decision: 'confirm', reason: '' });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('chưa được Hiệu trưởng ủy quyền');
  });

  it('every delegation row matches its audit events; the chains are whole', async () => {
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    expect((await verifyStoredRecords(db())).filter((m) => m.table === 'delegations')).toEqual([]);
  });
});

describe('the old confirm-delegate setting', () => {
  it('becomes a lock.confirm delegation of scope all for each year of the school (migration 0015)', async () => {
    // On a fresh SQLite file in either pass: the migration's data step is the same SQL on both.
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-0015-'));
    const handle = openDatabase({ dataDir: dir });
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
      expect((await migrator.migrateTo('20261123_0014_audit_checkpoints')).error).toBeUndefined();
      const at = '2026-09-01T00:00:00.000Z';
      const old = handle.db as any;
      await old.insertInto('org_units').values({ id: 'ou', kind: 'district', code: 'P', name: 'Phòng', parent_id: null, created_at: at }).execute();
      await old.insertInto('schools').values({ id: 's', org_unit_id: 'ou', code: 'S', name: 'Trường', level: 'lower_secondary', address: '', phone: '', settings_json: '{}', created_at: at, confirm_delegate_user_id: 'vp' }).execute();
      const user = { password_hash: 'x', school_id: 's', org_unit_id: null, staff_id: null, must_change_password: 0, totp_secret: null, totp_enabled: 0, failed_logins: 0, locked_until: null, disabled: 0, last_login_at: null, created_at: at, updated_at: at, version: 1 };
      await old.insertInto('users').values({ ...user, id: 'vp', username: 'vp', full_name: 'Phó hiệu trưởng' }).execute();
      for (const y of [2025, 2026]) {
        await old.insertInto('school_years').values({ id: `y${y}`, school_id: 's', start_year: y, name: `${y}-${y + 1}`, starts_on: `${y}-09-05`, ends_on: `${y + 1}-05-31`, status: 'active', created_at: at }).execute();
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await handle.db.selectFrom('delegations').selectAll().orderBy('school_year_id').execute();
      expect(rows.map((r) => ({ year: r.school_year_id, delegate: r.delegate_user_id, powers: JSON.parse(r.powers_json), scope: r.scope, grantedBy: r.granted_by, revokedAt: r.revoked_at }))).toEqual(
        ['y2025', 'y2026'].map((year) => ({ year, delegate: 'vp', powers: ['lock.confirm'], scope: 'all', grantedBy: null, revokedAt: null })),
      );
      // Carried over, not granted anew: the setting's own event is its record, so none is required.
      expect((await verifyStoredRecords(handle.db)).filter((m) => m.table === 'delegations')).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

describe('deciding corrections', () => {
  it('with "decide corrections" she decides a 9A1 teacher’s request on the principal’s authority; the request prints KT. HIỆU TRƯỞNG over her name', async () => {
    // 9A1's approved term is locked: a teacher of the class files a correction of one of its scores.
    const termNo = demoCalendar(vietnamDay(server.clock().toISOString())).currentTerm === 2 ? 2 : 1;
    const cell = await db()
      .selectFrom('gradebook_cells')
      .innerJoin('teaching_assignments', (j) => j.onRef('teaching_assignments.class_id', '=', 'gradebook_cells.class_id').onRef('teaching_assignments.subject_id', '=', 'gradebook_cells.subject_id'))
      .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
      .select(['gradebook_cells.subject_id', 'gradebook_cells.student_id', 'gradebook_cells.column_key', 'gradebook_cells.score_tenths', 'users.username'])
      .where('gradebook_cells.class_id', '=', class9A1())
      .where('gradebook_cells.term_no', '=', termNo)
      .where('gradebook_cells.score_tenths', 'is not', null)
      .where('users.username', 'not in', ['hieutruong', 'phohieutruong'])
      .executeTakeFirstOrThrow();
    const teacher = await login(cell.username);
    const newValue = cell.score_tenths === 100 ? '9' : '10';
    const filed = await teacher.post(`/api/v1/classes/${class9A1()}/subjects/${cell.subject_id}/corrections`, {
      termNo,
      cells: [{ studentId: cell.student_id, columnKey: cell.column_key, newValue }],
      reason: 'Cộng nhầm điểm bài kiểm tra',
      evidenceKind: 'testPaper',
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(200);
    const decide = () => c.vice.post(`/api/v1/corrections/${filed.body.id}/decision`, { decision: 'approve', reason: 'Thay Hiệu trưởng đi công tác', version: filed.body.version });
    const refused = await decide();
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('ủy quyền');

    const granted = await grant(c.principal, { powers: ['correction.decide'], scope: 'all' });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const d = granted.body.delegations.find((x: any) => x.powers.includes('correction.decide') && !x.revokedAt);
    const decided = await decide();
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect(decided.body).toMatchObject({ status: 'approved', decidedByDeputy: true });
    const events = await db().selectFrom('audit_events').selectAll().where('entity_id', '=', filed.body.id).where('actor_user_id', '=', ids.vice).execute();
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(JSON.parse(e.authority_json!)).toEqual({ onBehalfOf: ids.principal, delegationId: d.id });

    const pdf = await c.principal.get(`/api/v1/corrections/${filed.body.id}/pdf`);
    expect(pdf.status).toBe(200);
    const text = pdfText('giay-de-nghi-kt-hieu-truong', pdf.body);
    if (!text) return;
    const viceName = (await db().selectFrom('users').select('full_name').where('id', '=', ids.vice).executeTakeFirstOrThrow()).full_name;
    for (const h of ['KT. HIỆU TRƯỞNG', 'PHÓ HIỆU TRƯỞNG', viceName]) expect(text).toContain(h);
  });
});
