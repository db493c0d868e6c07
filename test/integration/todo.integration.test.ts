/**
 * "Việc cần làm" (issue 15 §1–2) through HTTP on the living demo (HK I, the mid-term window ended
 * four days ago, the end-of-term window open for 14 more days): each role's to-do, judged by the
 * policy of the act it leads to (a teacher sees only her classes and subjects; a vice-principal only
 * inside her delegation); counts exact and dropping to zero once done; the bell counting only what
 * still waits; the locks page listing the automatic locks; closing a window on empty columns asking
 * to confirm; the reminder job before a window ends, once a day, in the app and by e-mail.
 */
import { type Server, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../src/server/platform/mail.ts';
import { REMINDER_KIND, enqueueDailyReminders, sendWindowReminders } from '../../src/server/todo/index.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { moveClock } from '../helpers/test-clock.ts';

let server: TestServer;
const c: Record<'principal' | 'vice' | 'teacher' | 'homeroom9' | 'clerk' | 'otherPrincipal', TestClient> = {} as never;
const db = () => server.database.handle.db;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, secret(u));
const year = () => `/api/v1/years/${server.demo!.yearId}`;
const todo = async (who: TestClient) => {
  const res = await who.get(`${year()}/todo`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { items: { id: string; kind: string; title: string; detail: string; count: number; href: string; classId: string | null; daysLeft: number | null }[]; bell: { unread: number; doneIds: string[] } };
};
const userId = async (username: string) => (await db().selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
const assignments = async (username: string) =>
  db()
    .selectFrom('teaching_assignments')
    .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
    .select(['teaching_assignments.class_id', 'teaching_assignments.subject_id'])
    .where('users.username', '=', username)
    .where('teaching_assignments.school_year_id', '=', server.demo!.yearId)
    .execute();

/** A tiny SMTP receiver (RFC 5321, just what smtpMailer says): the messages it got. */
function smtpReceiver(): Promise<{ port: number; messages: { to: string; data: string }[]; close: () => void }> {
  const messages: { to: string; data: string }[] = [];
  const srv: Server = createServer((socket) => {
    let to = '';
    let data: string | null = null;
    let buffer = '';
    socket.write('220 test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (data !== null) {
        const end = buffer.indexOf('\r\n.\r\n');
        if (end < 0) return;
        messages.push({ to, data: buffer.slice(0, end) });
        buffer = buffer.slice(end + 5);
        data = null;
        socket.write('250 queued\r\n');
      }
      let i: number;
      while (data === null && (i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (/^EHLO/i.test(line)) socket.write('250-test\r\n250 AUTH PLAIN\r\n');
        else if (/^MAIL FROM/i.test(line)) socket.write('250 ok\r\n');
        else if (/^RCPT TO:<(.*)>/i.test(line)) {
          to = /^RCPT TO:<(.*)>/i.exec(line)![1];
          socket.write('250 ok\r\n');
        } else if (/^DATA/i.test(line)) {
          data = '';
          socket.write('354 go on\r\n');
        } else if (/^QUIT/i.test(line)) socket.end('221 bye\r\n');
        else socket.write('500 what\r\n');
      }
    });
  });
  return new Promise((resolve) => srv.listen(0, '127.0.0.1', () => resolve({ port: (srv.address() as { port: number }).port, messages, close: () => srv.close() })));
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', vice: 'phohieutruong', teacher: 'giaovien', homeroom9: 'gvcn.9a1', clerk: 'vanthu', otherPrincipal: 'th.hieutruong' })) {
    c[key as keyof typeof c] = await login(u);
  }
});
afterAll(async () => server?.close());

describe('GET /years/:yearId/todo: who may ask', () => {
  it('401 without a session, 404 for an unknown year, 403 for another school', async () => {
    expect((await new TestClient(server.baseUrl).get(`${year()}/todo`)).status).toBe(401);
    expect((await c.principal.get('/api/v1/years/00000000-0000-4000-8000-000000000000/todo')).status).toBe(404);
    expect((await c.otherPrincipal.get(`${year()}/todo`)).status).toBe(403);
  });
});

describe('a subject teacher: her empty columns in the open window, with the days left', () => {
  it('lists only her classes and subjects, never a column the ended mid-term window locked, and exact counts', async () => {
    const t = await todo(c.teacher);
    const mine = new Set((await assignments('giaovien')).map((a) => `${a.class_id}|${a.subject_id}`));
    const empty = t.items.filter((i) => i.kind === 'window.emptyColumns');
    expect(empty.length).toBeGreaterThan(0);
    for (const i of empty) {
      const [, , classId, subjectId, termNo] = i.href.split('/');
      expect(mine.has(`${classId}|${subjectId}`)).toBe(true);
      expect(termNo).toBe('1');
      expect(i.daysLeft).toBe(14);
      expect(i.title).toContain('còn 14 ngày');
      expect(i.detail).not.toContain('ĐĐGgk');
    }
    // No one else's work: the principal's and the clerk's kinds never reach her.
    expect(t.items.every((i) => ['window.emptyColumns', 'correction.returned', 'document.sign'].includes(i.kind))).toBe(true);
    // Another teacher does not see hers.
    const other = await todo(c.homeroom9);
    const theirs = new Set((await assignments('gvcn.9a1')).map((a) => `${a.class_id}|${a.subject_id}`));
    for (const i of other.items.filter((x) => x.kind === 'window.emptyColumns')) expect(theirs.has(`${i.href.split('/')[2]}|${i.href.split('/')[3]}`)).toBe(true);

    // The count is the empty required cells of the sheet (not the mid-term column, locked by its ended window).
    const item = empty[0];
    const [, , classId, subjectId, termNo] = item.href.split('/');
    const sheetPath = `/api/v1/classes/${classId}/subjects/${subjectId}/terms/${termNo}`;
    const sheet = (await c.teacher.get(`${sheetPath}/sheet`)).body;
    const columns = sheet.columns.filter((col: any) => col.required && col.point !== 'midterm');
    const blanks = sheet.rows.filter((r: any) => r.active).flatMap((r: any) => columns.filter((col: any) => !r.cells[col.key]?.display).map((col: any) => ({ r, col })));
    expect(item.count).toBe(blanks.length);

    // Filled, the item is gone.
    const value = (col: any) => (col.kind === 'score' ? '8' : 'Đ');
    const saved = await c.teacher.post(`${sheetPath}/cells`, { changes: blanks.map(({ r, col }: any) => ({ studentId: r.studentId, columnKey: col.key, value: value(col), baseVersion: r.cells[col.key]?.version ?? 0 })) });
    expect(saved.status, JSON.stringify(saved.body).slice(0, 300)).toBe(200);
    expect((await todo(c.teacher)).items.find((i) => i.id === item.id)).toBeUndefined();
  });
});

describe('the principal: approvals, corrections, windows that ended on empty columns; the bell', () => {
  it('results proposed by 9A1 are in her queue with the class preselected, and leave it once approved; the bell follows', async () => {
    const class9 = server.demo!.classIds['9A1'];
    const before = await todo(c.principal);
    expect(before.items.some((i) => i.kind === 'results.approve' && i.classId === class9)).toBe(false);
    const proposed = await c.homeroom9.post(`/api/v1/classes/${class9}/results/term1/proposal`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    const waiting = await todo(c.principal);
    const item = waiting.items.find((i) => i.kind === 'results.approve' && i.classId === class9)!;
    expect(item.href).toBe(`/ket-qua/${class9}/term1`);
    expect(item.title).toBe('Lớp 9A1 đề nghị phê duyệt kết quả học kỳ I');
    expect(waiting.bell.unread).toBe(before.bell.unread + 1);
    // Neither a teacher nor the undelegated vice-principal approves, so neither sees it.
    expect((await todo(c.homeroom9)).items.some((i) => i.kind === 'results.approve')).toBe(false);
    expect((await todo(c.vice)).items.some((i) => i.kind === 'results.approve')).toBe(false);

    const approved = await c.principal.post(`/api/v1/classes/${class9}/results/term1/approval`, { snapshotId: proposed.body.snapshotId });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const after = await todo(c.principal);
    expect(after.items.some((i) => i.kind === 'results.approve' && i.classId === class9)).toBe(false);
    // The notice of the proposal is still unread, but its subject is done: the bell no longer counts it.
    expect(after.bell.unread).toBe(before.bell.unread);
    expect(after.bell.doneIds.length).toBe(before.bell.doneIds.length + 1);
  });

  it('corrections to decide: exact, for her and her delegated vice-principal only; deciding one drops it and its bell notice', async () => {
    const principalId = await userId('hieutruong');
    const pending = await db().selectFrom('correction_requests').select(['id', 'version']).where('school_year_id', '=', server.demo!.yearId).where('status', '=', 'pending').where('requested_by', '!=', principalId).execute();
    expect(pending.length).toBeGreaterThan(0);
    const t = await todo(c.principal);
    expect(t.items.filter((i) => i.kind === 'correction.decide').map((i) => i.id.split(':')[1]).sort()).toEqual(pending.map((p) => p.id).sort());
    expect((await todo(c.vice)).items.some((i) => i.kind === 'correction.decide')).toBe(false);
    expect((await todo(c.teacher)).items.some((i) => i.kind === 'correction.decide')).toBe(false);

    const granted = await c.principal.post(`/api/v1/schools/${server.demo!.schoolId}/delegations`, {
      schoolYearId: server.demo!.yearId,
      delegateUserId: await userId('phohieutruong'),
      powers: ['correction.decide'],
      scope: 'lowerSecondary',
    });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    c.vice = await login('phohieutruong'); // her delegations load with her session
    expect((await todo(c.vice)).items.filter((i) => i.kind === 'correction.decide').length).toBe(pending.length);

    const decided = await c.principal.post(`/api/v1/corrections/${pending[0].id}/decision`, { decision: 'approve', reason: 'Đồng ý', version: Number(pending[0].version) });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    const after = await todo(c.principal);
    expect(after.items.filter((i) => i.kind === 'correction.decide').length).toBe(pending.length - 1);
    const notices = await db().selectFrom('notifications').select('id').where('user_id', '=', principalId).where('link', '=', `/corrections/${pending[0].id}`).where('read_at', 'is', null).execute();
    expect(notices.length).toBeGreaterThan(0);
    expect(after.bell.unread).toBe(t.bell.unread - notices.length);
    for (const n of notices) expect(after.bell.doneIds).toContain(n.id);
  });

  it('the ended mid-term window: per class, "ĐĐGgk 6A1: n/m ô", only for the principal', async () => {
    const t = await todo(c.principal);
    const closed = t.items.filter((i) => i.kind === 'window.closedEmpty');
    expect(closed.length).toBeGreaterThan(0);
    expect(closed[0].title).toMatch(/^ĐĐGgk \S+: \d+\/\d+ ô/);
    expect(closed[0].href).toBe('/khoa-so');
    expect((await todo(c.vice)).items.some((i) => i.kind === 'window.closedEmpty')).toBe(false);
    expect((await todo(c.teacher)).items.some((i) => i.kind === 'window.closedEmpty')).toBe(false);
  });
});

describe('the clerk: print jobs waiting', () => {
  it('a print job still running is in her list only', async () => {
    const id = crypto.randomUUID();
    const now = server.clock().toISOString();
    await db()
      .insertInto('jobs')
      .values({ id, school_id: server.demo!.schoolId, kind: 'print_documents', params_json: '{}', status: 'running', progress_done: 3, progress_total: 40, result_json: null, error: null, attempts: 1, locked_by: 'another-worker', lease_until: '2999-01-01T00:00:00.000Z', created_by: null, created_at: now, started_at: now, finished_at: null })
      .execute();
    const t = await todo(c.clerk);
    expect(t.items.filter((i) => i.kind === 'print.job').map((i) => i.title)).toEqual([expect.stringContaining('đang in 3/40')]);
    expect((await todo(c.teacher)).items.some((i) => i.kind === 'print.job')).toBe(false);
    await db().updateTable('jobs').set({ status: 'done', finished_at: now }).where('id', '=', id).execute();
    expect((await todo(c.clerk)).items.some((i) => i.kind === 'print.job')).toBe(false);
  });
});

describe('documents waiting for a signature: the homeroom teacher, then the principal, then the seal (P5)', () => {
  it('each sees the class\'s học bạ only when it is her turn, counted per class', async () => {
    const classId = server.demo!.classIds['9A1'];
    const now = server.clock().toISOString();
    const docIds = [crypto.randomUUID(), crypto.randomUUID()];
    for (const id of docIds) {
      await db()
        .insertInto('documents')
        .values({ id, school_id: server.demo!.schoolId, kind: 'transcript', title: `Học bạ ${id}`, public_header: '{}', subject_json: JSON.stringify({ classId }), series_key: `todo-${id}`, version_no: 1, supersedes_id: null, superseded_by_id: null, inputs_version: '1', sha256: 'a'.repeat(64), current_sha256: 'a'.repeat(64), data_sha256: null, file_path: `x/${id}.pdf`, size: 1, status: 'signing', created_by: null, created_at: now })
        .execute();
      for (const [seq, role] of ['homeroom', 'principal', 'seal'].entries()) {
        await db()
          .insertInto('document_signatures')
          .values({ id: crypto.randomUUID(), document_id: id, seq: seq + 1, role, status: 'pending', signer_user_id: null, signer_name: null, certificate_subject: null, certificate_issuer: null, certificate_serial: null, certificate_sha256: null, backend: null, signed_sha256: null, signed_at: null })
          .execute();
      }
    }
    const signing = async (who: TestClient, kind: string) => (await todo(who)).items.filter((i) => i.kind === kind && i.classId === classId);
    const step = (role: string) => db().updateTable('document_signatures').set({ status: 'signed', signed_at: now }).where('document_id', 'in', docIds).where('role', '=', role).execute();

    expect((await signing(c.homeroom9, 'document.sign')).map((i) => [i.count, i.title, i.href])).toEqual([[2, 'Học bạ lớp 9A1: 2 văn bản chờ giáo viên chủ nhiệm ký', '/ky-so/hang-loat?role=homeroom&kind=transcript&lop=9A1']]);
    expect(await signing(c.principal, 'document.sign')).toEqual([]);
    expect(await signing(c.teacher, 'document.sign')).toEqual([]);

    await step('homeroom');
    expect(await signing(c.homeroom9, 'document.sign')).toEqual([]);
    expect((await signing(c.principal, 'document.sign')).map((i) => i.count)).toEqual([2]);
    expect(await signing(c.clerk, 'document.seal')).toEqual([]);

    await step('principal');
    expect(await signing(c.principal, 'document.sign')).toEqual([]);
    expect(await signing(c.principal, 'document.seal')).toEqual([]);
    expect((await signing(c.clerk, 'document.seal')).map((i) => i.title)).toEqual(['Học bạ lớp 9A1: 2 văn bản chờ đóng dấu số']);

    await step('seal');
    expect(await signing(c.clerk, 'document.seal')).toEqual([]);
  });
});

describe('locks page: every active lock, the automatic ones too', () => {
  it('lists the lock the ended mid-term window set, with whose window, since when, until when and the classes locked empty', async () => {
    const res = await c.teacher.get(`${year()}/locks`);
    expect(res.status).toBe(200);
    const auto = res.body.autoLocks;
    expect(auto.map((a: any) => a.point)).toEqual(['term1.midterm']);
    expect(auto[0].scopeLabel).toContain('Học kỳ I · ĐĐGgk');
    expect(auto[0].reason).toMatch(/^Đợt cập nhật điểm giữa học kỳ I \(\d\d\/\d\d\/2026–\d\d\/\d\d\/2026\) đã kết thúc$/);
    expect(auto[0].setByName).not.toBe('');
    expect(auto[0].until).toContain('giấy đề nghị');
    expect(auto[0].emptyByClass.length).toBeGreaterThan(0);
    expect(auto[0].emptyByClass[0].columns).toMatch(/ĐĐGgk: \d+\/\d+ ô/);
  });
});

describe('closing a window on empty columns asks the principal to confirm', () => {
  it('409 with the classes and columns; confirmed, it closes; moved later again, no question', async () => {
    const windows = (await c.principal.get(`${year()}/locks`)).body.windows;
    const w = windows.find((x: any) => x.point === 'term1.endOfTerm');
    const today = server.clock().toISOString().slice(0, 10);
    const asked = await c.principal.put(`${year()}/windows/term1.endOfTerm`, { opensOn: w.opensOn, closesOn: today });
    expect(asked.status).toBe(409);
    expect(asked.body.emptyCells).toBeGreaterThan(0);
    expect(asked.body.emptyColumns[0]).toMatchObject({ className: expect.any(String), columnLabel: expect.any(String), students: expect.any(Number) });
    expect(asked.body.emptyColumns.some((x: any) => x.columnLabel === 'ĐĐGgk')).toBe(false); // already locked by the mid-term window
    expect((await c.principal.get(`${year()}/locks`)).body.windows.find((x: any) => x.point === 'term1.endOfTerm').closesOn).toBe(w.closesOn);

    const confirmed = await c.principal.put(`${year()}/windows/term1.endOfTerm`, { opensOn: w.opensOn, closesOn: today, confirmEmpty: true });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.windows.find((x: any) => x.point === 'term1.endOfTerm').closesOn).toBe(today);
    // The audit entry records that she confirmed locking that many empty cells.
    const event = await db().selectFrom('audit_events').select('after_json').where('entity_id', '=', w.id).where('action', '=', 'window.set').orderBy('at', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(event.after_json ?? '{}').emptyCellsConfirmed).toBe(asked.body.emptyCells);
    const back = await c.principal.put(`${year()}/windows/term1.endOfTerm`, { opensOn: w.opensOn, closesOn: w.closesOn });
    expect(back.status).toBe(200);
  });
});

describe('reminders before a window ends (the window_reminders job)', () => {
  it('nothing 14 days before; 2 days before each teacher with empty columns once a day, in the app and by e-mail; a second run sends nothing', async () => {
    const smtp = await smtpReceiver();
    try {
      await db().updateTable('staff').set({ email: 'giaovien@truong.edu.vn' }).where('id', '=', (await db().selectFrom('users').select('staff_id').where('username', '=', 'giaovien').executeTakeFirstOrThrow()).staff_id!).execute();
      const mailer = smtpMailer(`smtp://127.0.0.1:${smtp.port}?from=sodiem@truong.edu.vn`, { now: server.clock });
      const run = () => sendWindowReminders({ db: db(), schoolId: server.demo!.schoolId, now: server.clock(), mailer });
      expect(await run()).toEqual({ notified: 0, emailed: 0, skipped: 0 });

      moveClock(server.clock, 12 * 24 * 3600_000); // 2 days before the end-of-term window ends
      const first = await run();
      expect(first.notified).toBeGreaterThan(0);
      expect(first.emailed).toBe(1);
      expect(smtp.messages.map((m) => m.to)).toEqual(['giaovien@truong.edu.vn']);
      const body = Buffer.from(smtp.messages[0].data.split('\r\n\r\n')[1].replace(/\r\n/g, ''), 'base64').toString('utf8');
      expect(body).toContain('còn 2 ngày');
      expect(body).toMatch(/lớp \S+ — ĐĐG(tx \d|ck): \d+\/\d+/);

      const teacherId = await userId('giaovien');
      const notes = await db().selectFrom('notifications').selectAll().where('user_id', '=', teacherId).where('kind', '=', REMINDER_KIND).execute();
      expect(notes).toHaveLength(1);
      expect(notes[0].title).toContain('còn 2 ngày');
      expect(notes[0].body).toMatch(/ĐĐG(tx \d|ck): \d+\/\d+/);

      expect(await run()).toEqual({ notified: 0, emailed: 0, skipped: first.notified });
      expect(await db().selectFrom('notifications').select('id').where('user_id', '=', teacherId).where('kind', '=', REMINDER_KIND).execute()).toHaveLength(1);
      expect(smtp.messages).toHaveLength(1);

      // The scheduler enqueues one job per school a day.
      expect(await enqueueDailyReminders(db(), server.clock())).toBeGreaterThan(0);
      expect(await enqueueDailyReminders(db(), server.clock())).toBe(0);
    } finally {
      smtp.close();
    }
  });
});
