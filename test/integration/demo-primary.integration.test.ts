/**
 * The living demo's primary class 3A (issue 12, TT 27/2020): started on a day at any of the four
 * assessment points, the homeroom teacher (gvcn.3a) and the primary principal find the summary
 * book complete for the current point and every earlier one — subject levels, the periodic test
 * scores where the point has them, qualities and competences for all 40 students — and nothing
 * of the points still to come. Every value was written by gvcn.3a, before the demo's day, within
 * its term, with its audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const POINTS = ['GK1', 'CK1', 'GK2', 'CN'] as const;
type Point = (typeof POINTS)[number];

const CASES: { now: string; point: Point; terms: { termNo: number; startsOn: string; endsOn: string }[] }[] = [
  { now: '2026-10-15T03:00:00Z', point: 'GK1', terms: [{ termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' }] },
  { now: '2026-12-20T03:00:00Z', point: 'CK1', terms: [{ termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' }] },
  { now: '2027-03-01T03:00:00Z', point: 'GK2', terms: [{ termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' }, { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31' }] },
  { now: '2027-04-20T03:00:00Z', point: 'CN', terms: [{ termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' }, { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31' }] },
];

/** The start of the demo's day in Vietnam (UTC+7). */
const startOfDay = (now: string) => new Date(Date.parse(`${now.slice(0, 10)}T00:00:00+07:00`)).toISOString();
const vietnamDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).toISOString().slice(0, 10);

describe.each(CASES)('demo primary 3A started at $now (current point $point)', ({ now, point, terms }) => {
  let server: TestServer;
  let teacher: TestClient;
  let classId: string;
  const summary = async (client: TestClient, p: Point) => {
    const res = await client.get(`/api/v1/classes/${classId}/primary-summary?point=${p}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  beforeAll(async () => {
    server = await startTestServer({ demo: true, now });
    classId = server.demo!.classIds['3A'];
    teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
  });
  afterAll(async () => server?.close());

  it('gvcn.3a sees the summary of the current point complete for all 40 students', async () => {
    const book = await summary(teacher, point);
    expect(book.className).toBe('3A');
    expect(book.subjects.map((s: any) => s.code)).toEqual(['TV', 'TOAN', 'NN1', 'DAODUC', 'TNXH', 'THCN', 'GDTC', 'NT', 'HDTN']);
    expect(book.rows).toHaveLength(40);
    const tested = point === 'CK1' || point === 'CN';
    for (const row of book.rows) {
      expect(row.missing, row.fullName).toEqual([]);
      for (const [i, s] of row.subjects.entries()) {
        expect(['T', 'H', 'C']).toContain(s.level);
        if (tested && book.subjects[i].hasTest) {
          expect(Number.isInteger(s.test)).toBe(true);
          expect(s.test).toBeGreaterThanOrEqual(0);
          expect(s.test).toBeLessThanOrEqual(10);
        } else expect(s.test).toBeNull();
      }
      expect(row.qualities).toHaveLength(5);
      expect(row.competences).toHaveLength(10);
      for (const t of [...row.qualities, ...row.competences]) expect(['T', 'Đ', 'C']).toContain(t);
      expect(row.comment.length).toBeGreaterThan(0);
    }
    // Realistic, not uniform: both levels appear, and more than one test score.
    const levels = new Set(book.rows.flatMap((r: any) => r.subjects.map((s: any) => s.level)));
    expect(levels.has('T') && levels.has('H')).toBe(true);
    if (tested) expect(new Set(book.rows.flatMap((r: any) => r.subjects.map((s: any) => s.test).filter((t: any) => t !== null))).size).toBeGreaterThan(3);
  });

  it('the earlier points are complete too, the later ones not started', async () => {
    const current = POINTS.indexOf(point);
    for (const [i, p] of POINTS.entries()) {
      const book = await summary(teacher, p);
      expect(book.rows).toHaveLength(40);
      if (i <= current) expect(book.rows.filter((r: any) => r.missing.length > 0).map((r: any) => r.missing)).toEqual([]);
      else {
        expect(book.rows.every((r: any) => r.subjects.every((s: any) => s.level === null && s.test === null))).toBe(true);
        expect(book.rows.every((r: any) => r.qualities.every((q: any) => q === null))).toBe(true);
      }
    }
  });

  it('every value was entered by gvcn.3a before the demo day, within its term, with its audit entry', async () => {
    const db = server.database.handle.db;
    const user = await db.selectFrom('users').select('id').where('username', '=', 'gvcn.3a').executeTakeFirstOrThrow();
    const cells = await db.selectFrom('gradebook_cells').select(['term_no', 'updated_at', 'updated_by', 'version']).where('class_id', '=', classId).execute();
    const assessed = await db.selectFrom('primary_assessments').select(['point', 'updated_at', 'updated_by']).where('class_id', '=', classId).execute();
    expect(assessed).toHaveLength(40 * (POINTS.indexOf(point) + 1));
    const dayStart = startOfDay(now);
    for (const c of cells) {
      expect(c.updated_by).toBe(user.id);
      expect(Number(c.version)).toBe(1);
      expect(c.updated_at < dayStart).toBe(true);
      const term = terms.find((t) => t.termNo === Number(c.term_no))!;
      expect(vietnamDay(c.updated_at) >= term.startsOn && vietnamDay(c.updated_at) <= term.endsOn).toBe(true);
    }
    for (const a of assessed) {
      expect(a.updated_by).toBe(user.id);
      expect(a.updated_at < dayStart).toBe(true);
      const term = terms.find((t) => t.termNo === (a.point === 'GK1' || a.point === 'CK1' ? 1 : 2))!;
      expect(vietnamDay(a.updated_at) >= term.startsOn && vietnamDay(a.updated_at) <= term.endsOn).toBe(true);
    }
    const scoreEvents = await db.selectFrom('audit_events').select(['actor_user_id', 'actor_role']).where('chain_key', 'like', `gradebook:${classId}:%`).execute();
    expect(scoreEvents).toHaveLength(cells.length);
    expect(scoreEvents.every((e) => e.actor_user_id === user.id && e.actor_role === 'teacher')).toBe(true);
    const primaryEvents = await db.selectFrom('audit_events').select('actor_user_id').where('chain_key', '=', `class:${classId}`).where('action', '=', 'primary.assessed').execute();
    expect(primaryEvents).toHaveLength(assessed.length);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
  });

  it('the primary principal (th.hieutruong) reads the same complete summary', async () => {
    const login = server.demo!.logins.find((l) => l.username === 'th.hieutruong')!;
    const principal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, login.totpSecret);
    const book = await summary(principal, point);
    expect(book.rows).toHaveLength(40);
    expect(book.rows.every((r: any) => r.missing.length === 0)).toBe(true);
    expect(book).toEqual(await summary(teacher, point));
  });

  if (point === 'CN') {
    it('at the end of the year every student has a level and completes lớp 3; some excel, some are nominated', async () => {
      const book = await summary(teacher, 'CN');
      const levels = book.rows.map((r: any) => r.yearLevel);
      expect(levels.every((l: any) => l !== null)).toBe(true);
      expect(book.rows.every((r: any) => r.completed === true)).toBe(true);
      expect(levels.filter((l: any) => l === 'HTXS').length).toBeGreaterThanOrEqual(3);
      expect(levels.filter((l: any) => l === 'HTT').length).toBeGreaterThanOrEqual(3);
      expect(levels.filter((l: any) => l === 'HT').length).toBeGreaterThanOrEqual(10);
      expect(book.rows.filter((r: any) => r.award === 'XS').length).toBe(levels.filter((l: any) => l === 'HTXS').length);
      expect(book.rows.filter((r: any) => r.award === 'TB').length).toBeGreaterThanOrEqual(2);
      const sheet = (await teacher.get(`/api/v1/classes/${classId}/primary-assessments?point=CN`)).body;
      expect(sheet.rows.filter((r: any) => r.nominated).every((r: any) => r.nominationNote.length > 0)).toBe(true);
    });
  }
});
