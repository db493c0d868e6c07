/**
 * Dashboards through HTTP (src/server/dashboard/dashboard.routes.ts): who may read them,
 * and every figure checked against class 6A1 filled deterministically — term I scores through
 * saveCells (as each assigned teacher would), conduct and attendance through the HTTP routes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom: TestClient;
let principal: TestClient;
let classId: string;
let students: string[];
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)?.totpSecret;

/**
 * Every scored subject gets the same value for a student in every required column, so each
 * term average is that value exactly:
 *   0–1 → 10 · 2–4 → 3,2 · 5–12 → 4,9 · 13–22 → 5 · 23–30 → 7,9 · 31–39 → 8
 * Bands (<3,5 | 3,5–<5 | 5–<6,5 | 6,5–<8 | ≥8): 3 | 8 | 10 | 8 | 11 — each bound hit from both sides.
 * Mean: (2·100 + 3·32 + 8·49 + 10·50 + 8·79 + 9·80) / 40 = 2540 / 40 = 63,5 tenths → 6,4 (half up).
 */
const score = (i: number) => (i < 2 ? '10' : i < 5 ? '3,2' : i < 13 ? '4,9' : i < 23 ? '5' : i < 31 ? '7,9' : '8');

async function fillTerm1() {
  const db = server.database.handle.db;
  const assigned = await db
    .selectFrom('teaching_assignments')
    .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
    .select(['teaching_assignments.subject_id', 'users.id as userId'])
    .where('teaching_assignments.class_id', '=', classId)
    .execute();
  const all = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).where('assessment_kind', 'in', ['scored', 'comment']).execute();
  for (const s of all) {
    const userId = assigned.find((x) => x.subject_id === s.id)?.userId ?? null;
    const cols = gradebookColumns(subjectAssessment(s), 1).filter((c) => c.required);
    const changes = students.flatMap((studentId, i) => cols.map((c) => ({ studentId, columnKey: c.key, value: s.assessment_kind === 'scored' ? score(i) : 'Đ', baseVersion: 0 })));
    await saveCells({ db, classId, subjectId: s.id, termNo: 1, input: { changes, source: 'typed', reason: '' }, audit: { actorUserId: userId, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'test', requestId: 'fill', now: server.clock().toISOString() } });
  }
  return all;
}

let subjects: Awaited<ReturnType<typeof fillTerm1>>;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  const list = await homeroom.get(`/api/v1/classes/${classId}/students`);
  students = list.body.entries.map((e: any) => e.student.id);
  expect(students).toHaveLength(40);

  subjects = await fillTerm1();
  // Conduct HK I: 20 T, 10 K, 6 Đ, 3 CĐ and the last student not yet assessed.
  const level = (i: number) => (i < 20 ? 'T' : i < 30 ? 'K' : i < 36 ? 'Đ' : 'CĐ');
  const entries = students.slice(0, 39).map((studentId, i) => ({ studentId, level: level(i), comment: '', baseVersion: 0 }));
  expect((await homeroom.put(`/api/v1/classes/${classId}/conduct`, { period: 'term1', entries })).status).toBe(200);

  // Attendance: October — one excused, two unexcused sessions; November — one excused morning,
  // one unexcused afternoon and one lesson marked by the teacher of the subject.
  const put = async (c: TestClient, cid: string, body: unknown) => expect((await c.put(`/api/v1/classes/${cid}/attendance`, body)).status).toBe(200);
  await put(homeroom, classId, { date: '2026-10-12', session: 'morning', marks: [{ studentId: students[0], kind: 'P' }, { studentId: students[1], kind: 'K' }, { studentId: students[2], kind: 'K' }] });
  await put(homeroom, classId, { date: '2026-11-20', session: 'morning', marks: [{ studentId: students[0], kind: 'P' }] });
  await put(homeroom, classId, { date: '2026-11-20', session: 'afternoon', marks: [{ studentId: students[3], kind: 'K' }] });
  const mySubject = (await homeroom.get('/api/v1/auth/me')).body.teaching.find((t: any) => t.classId === classId).subjectId;
  await put(homeroom, classId, { date: '2026-11-19', session: 'morning', marks: [{ studentId: students[5], kind: 'K' }], lesson: { subjectId: mySubject, periodNo: 2 } });
  // Another class of the school: one unexcused session in November (school figures only).
  const other = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
  const nine = server.demo!.classIds['9A1'];
  const nineStudents = (await other.get(`/api/v1/classes/${nine}/students`)).body.entries.map((e: any) => e.student.id);
  await put(other, nine, { date: '2026-11-16', session: 'morning', marks: [{ studentId: nineStudents[0], kind: 'K' }] });
});
afterAll(async () => server?.close());

const pct = (count: number, percentTenths: number) => ({ count, percentTenths });

describe('who may read the dashboards', () => {
  it('401 without a session, for both', async () => {
    const anon = new TestClient(server.baseUrl);
    expect((await anon.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).status).toBe(401);
    expect((await anon.get(`/api/v1/years/${server.demo!.yearId}/dashboard?scope=term1`)).status).toBe(401);
  });

  it('a class dashboard: its homeroom teacher and the leadership; not another homeroom teacher nor a subject teacher (403)', async () => {
    expect((await homeroom.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).status).toBe(200);
    expect((await principal.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).status).toBe(200);
    const other = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    const refused = await other.get(`/api/v1/classes/${classId}/dashboard?scope=term1`);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('chủ nhiệm');
    const teacher = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password);
    expect((await teacher.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).status).toBe(403);
    expect((await principal.get('/api/v1/classes/no-such-class/dashboard?scope=term1')).status).toBe(404);
    expect((await principal.get(`/api/v1/classes/${classId}/dashboard?scope=final`)).status).toBe(400);
  });

  it('the school dashboard: the leadership and the officers above; not a teacher, nor another school\'s principal (403)', async () => {
    const url = `/api/v1/years/${server.demo!.yearId}/dashboard?scope=term1`;
    expect((await principal.get(url)).status).toBe(200);
    const vice = await new TestClient(server.baseUrl).login('phohieutruong', server.demo!.password, secret('phohieutruong'));
    expect((await vice.get(url)).status).toBe(200);
    const officer = await new TestClient(server.baseUrl).login('phonggd', server.demo!.password, secret('phonggd'));
    expect((await officer.get(url)).status).toBe(200);
    const refused = await homeroom.get(url);
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('Ban giám hiệu');
    const primaryPrincipal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret('th.hieutruong'));
    expect((await primaryPrincipal.get(url)).status).toBe(403);
  });
});

describe('class dashboard figures (6A1, HK I)', () => {
  it('KQHT and KQRL distributions match the hand count and the class results summary', async () => {
    const d = (await principal.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).body;
    expect(d).toMatchObject({ classId, className: '6A1', grade: 6, scope: 'term1', students: 40, complete: false, missingCount: 1 });
    // Same value in every subject: ≥8 → T (11), 7,9 → K (8), 5 → Đ (10), 4,9 and 3,2 → CĐ (11).
    expect(d.academic).toEqual({ T: pct(11, 275), K: pct(8, 200), Đ: pct(10, 250), CĐ: pct(11, 275), pending: pct(0, 0) });
    expect(d.conduct).toEqual({ T: pct(20, 500), K: pct(10, 250), Đ: pct(6, 150), CĐ: pct(3, 75), pending: pct(1, 25) });
    const results = (await principal.get(`/api/v1/classes/${classId}/results?scope=term1`)).body;
    for (const l of ['T', 'K', 'Đ', 'CĐ', 'pending']) {
      expect(d.academic[l]).toEqual(results.summary.academic[l]);
      expect(d.conduct[l]).toEqual(results.summary.conduct[l]);
    }
  });

  it('subject averages in bands and the exact class mean, for scored subjects only', async () => {
    const d = (await homeroom.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).body;
    const scored = subjects.filter((s) => s.assessment_kind === 'scored');
    expect(scored.length).toBeGreaterThan(5);
    expect(d.subjects.map((s: any) => s.subjectId).sort()).toEqual(scored.map((s) => s.id).sort());
    for (const s of d.subjects) {
      expect(s.graded).toBe(40);
      expect(s.bands).toEqual({ lt35: pct(3, 75), from35: pct(8, 200), from50: pct(10, 250), from65: pct(8, 200), from80: pct(11, 275) });
      expect(s).toMatchObject({ meanTenths: 64, mean: '6,4' });
    }
  });

  it('absences per month of the term, up to this month: excused and unexcused sessions, lessons apart', async () => {
    const d = (await homeroom.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).body;
    expect(d.attendance).toEqual([
      { month: '2026-09', excused: 0, unexcused: 0, lessons: 0 },
      { month: '2026-10', excused: 1, unexcused: 2, lessons: 0 },
      { month: '2026-11', excused: 1, unexcused: 1, lessons: 1 },
    ]);
    // HK II has not begun: no month yet, no average yet.
    const t2 = (await homeroom.get(`/api/v1/classes/${classId}/dashboard?scope=term2`)).body;
    expect(t2.attendance).toEqual([]);
    expect(t2.academic.pending).toEqual(pct(40, 1000));
    expect(t2.subjects.every((s: any) => s.graded === 0 && s.mean === null && s.bands.from80.count === 0)).toBe(true);
    const year = (await homeroom.get(`/api/v1/classes/${classId}/dashboard?scope=year`)).body;
    expect(year.attendance.map((m: any) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
  });
});

describe('school dashboard figures (HK I)', () => {
  it('one row per TT 22 class, school totals over every student (half-up percentages), absences per month of the school', async () => {
    const d = (await principal.get(`/api/v1/years/${server.demo!.yearId}/dashboard?scope=term1`)).body;
    expect(d.classes.map((c: any) => c.className)).toEqual(['6A1', '6A2', '9A1', '9A2']);
    const own = d.classes.find((c: any) => c.classId === classId);
    const cls = (await principal.get(`/api/v1/classes/${classId}/dashboard?scope=term1`)).body;
    expect(own).toMatchObject({ students: 40, complete: false, academic: cls.academic, conduct: cls.conduct });
    for (const c of d.classes.filter((x: any) => x.classId !== classId)) expect(c.academic.pending).toEqual(pct(40, 1000));
    // 160 students: 11 → 6,875 % → 6,9 %; 10 → 6,25 % → 6,3 % (half up); 120 → 75 %.
    expect(d.totals).toEqual({
      students: 160,
      academic: { T: pct(11, 69), K: pct(8, 50), Đ: pct(10, 63), CĐ: pct(11, 69), pending: pct(120, 750) },
      conduct: { T: pct(20, 125), K: pct(10, 63), Đ: pct(6, 38), CĐ: pct(3, 19), pending: pct(121, 756) },
    });
    expect(d.attendance).toEqual([
      { month: '2026-09', excused: 0, unexcused: 0, lessons: 0 },
      { month: '2026-10', excused: 1, unexcused: 2, lessons: 0 },
      { month: '2026-11', excused: 1, unexcused: 2, lessons: 1 },
    ]);
  });
});
