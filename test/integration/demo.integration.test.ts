/**
 * The demo a newcomer sees (issue 2 §1, issue 4 §6, issue 12): two schools under a Phòng and a Sở,
 * classes of 40 students in ABC order, and a living grade book entered through the real actions —
 * seeded by the real CLI (`sodiem demo --at`) as if first started on a day in each phase of the
 * year, and alive on that day: the school year contains it, an update window is open around it,
 * an earlier one has closed and auto-locked, a later one is scheduled (not in the summer), 9A1 is
 * complete so its homeroom teacher proposes and the principal approves, a correction waits for
 * the principal, and every student of 9A1 has her earlier years confirmed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { demoCalendar } from '../../src/server/demo/demo-calendar.ts';
import { runCli } from '../helpers/cli.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const DAYS = [
  { day: '2026-10-15', phase: 'term1', scope: 'term1' },
  // The day issue 12 was found: the mid-term window of the fixed demo had closed on 05/12.
  { day: '2026-12-07', phase: 'term1', scope: 'term1' },
  // After the re-entry deadline of term I (21/12): entries were made before it.
  { day: '2027-01-10', phase: 'term1', scope: 'term1' },
  { day: '2027-03-10', phase: 'term2', scope: 'term2' },
  { day: '2027-07-15', phase: 'summer', scope: 'term2' },
] as const;

describe.each(DAYS)('the demo first started on $day ($phase)', ({ day, phase, scope }) => {
  let server: TestServer;
  let principal: TestClient;
  let homeroom: TestClient;
  const cal = demoCalendar(day);
  beforeAll(async () => {
    server = await startTestServer({ demoAt: day });
    principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret);
    homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
  }, 180_000);
  afterAll(async () => server?.close());

  it('has a Sở above a Phòng above both schools, classes of 40 students in ABC order, in the school year that contains the day', async () => {
    const db = server.database.handle.db;
    expect(cal.phase).toBe(phase);
    const units = await db.selectFrom('org_units').select(['kind', 'parent_id', 'id']).execute();
    const province = units.find((u) => u.kind === 'province')!;
    expect(units.find((u) => u.kind === 'district')!.parent_id).toBe(province.id);
    const year = await db.selectFrom('school_years').selectAll().where('id', '=', server.demo!.yearId).executeTakeFirstOrThrow();
    expect(Number(year.start_year)).toBe(cal.startYear);
    expect(year.starts_on <= day).toBe(true);
    if (phase !== 'summer') expect(day <= year.ends_on).toBe(true);
    for (const name of ['6A1', '6A2', '9A1', '9A2']) {
      const list = (await principal.get(`/api/v1/classes/${server.demo!.classIds[name]}/students`)).body;
      expect(list.entries).toHaveLength(40);
      expect(list.entries.map((e: any) => e.student.id)).toEqual(sortStudentsVietnamese(list.entries.map((e: any) => e.student)).map((s: any) => s.id));
    }
  });

  it('shows an open update window around the day, an earlier one closed, and (in term time) a later one scheduled', async () => {
    const res = await principal.get(`/api/v1/years/${server.demo!.yearId}/locks`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const states = (res.body.windows as { state: string }[]).map((w) => w.state);
    expect(states.filter((s) => s === 'open')).toHaveLength(1);
    expect(states).toContain('closed');
    if (phase !== 'summer') expect(states).toContain('upcoming');
  });

  it('has scores entered by the assigned teachers, re-entries with reasons, an applied and a pending correction; the audit is intact', async () => {
    const db = server.database.handle.db;
    const cells = await db.selectFrom('gradebook_cells').select(['updated_by']).execute();
    expect(cells.length).toBeGreaterThan(1000);
    const changed = await db.selectFrom('audit_events').select(['reason', 'actor_role']).where('action', '=', 'score.changed').execute();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((e) => e.reason.length > 0)).toBe(true);
    const corrections = await db.selectFrom('correction_requests').select('status').orderBy('number').execute();
    expect(corrections.map((c) => c.status)).toEqual(['applied', 'pending']);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
    expect(await verifyStoredRecords(db)).toEqual([]);
  });

  it('the principal sees gaps in the progress of the classes still entering scores, and none in 9A1', async () => {
    const res = await principal.get(`/api/v1/years/${server.demo!.yearId}/progress?termNo=${cal.currentTerm}`);
    expect(res.status).toBe(200);
    const rows = res.body.rows.filter((r: any) => r.expected > 0);
    const of9A1 = (r: any) => r.classId === server.demo!.classIds['9A1'];
    expect(rows.filter(of9A1).length).toBeGreaterThan(0);
    expect(rows.filter(of9A1).every((r: any) => r.filled === r.expected)).toBe(true);
    expect(rows.filter((r: any) => !of9A1(r)).some((r: any) => r.filled > 0)).toBe(true);
    expect(rows.filter((r: any) => !of9A1(r)).every((r: any) => r.filled < r.expected)).toBe(true);
  });

  it(`9A1 is complete: the homeroom teacher proposes the ${scope} results and the principal approves them`, async () => {
    const classId = server.demo!.classIds['9A1'];
    const live = await homeroom.get(`/api/v1/classes/${classId}/results?scope=${scope}`);
    expect(live.status).toBe(200);
    expect(live.body.missingCount).toBe(0);
    const proposed = await homeroom.post(`/api/v1/classes/${classId}/results/${scope}/proposal`);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(200);
    const approved = await principal.post(`/api/v1/classes/${classId}/results/${scope}/approval`, { snapshotId: proposed.body.snapshotId });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    if (cal.currentTerm === 2) {
      // Term I was approved before term II began.
      const snapshots = await server.database.handle.db.selectFrom('result_snapshots').select(['scope', 'status']).where('class_id', '=', classId).where('status', '=', 'approved').execute();
      expect(snapshots.map((s) => s.scope).sort()).toEqual(['term1', 'term2']);
    }
  });

  it('every student of 9A1 has grades 6, 7 and 8 confirmed, so the whole class’s học bạ prints', async () => {
    const db = server.database.handle.db;
    const students = await db.selectFrom('enrollments').select('student_id').where('class_id', '=', server.demo!.classIds['9A1']).execute();
    const records = await db.selectFrom('transcript_records').select(['student_id']).where('status', '=', 'confirmed').where('student_id', 'in', students.map((s) => s.student_id)).execute();
    const perStudent = new Map<string, number>();
    for (const r of records) perStudent.set(r.student_id, (perStudent.get(r.student_id) ?? 0) + 1);
    expect(students).toHaveLength(40);
    expect(students.every((s) => perStudent.get(s.student_id) === 3)).toBe(true);
  });
});

describe('sodiem demo --at', () => {
  it('refuses a database that is not empty, a date that is not one, and a year before the demo’s rules (exit 2)', async () => {
    const server = await startTestServer({ demoAt: '2026-10-15' });
    try {
      const env = { DATA_DIR: server.database.dataDir, DATABASE_URL: server.database.databaseUrl };
      const again = runCli(['demo', '--at', '2026-10-16'], env);
      expect(again.status).toBe(2);
      expect(again.stderr).toContain('không trống');
      expect(runCli(['demo', '--at', '2026-02-30'], env).status).toBe(2);
      expect(runCli(['demo', '--at', '15/10/2026'], env).status).toBe(2);
      expect(runCli(['demo', '2026-10-16'], env).status).toBe(2); // a date without --at is not taken for one
      const early = runCli(['demo', '--at', '2023-03-15'], env);
      expect(early.status).toBe(2); // before 2024-2025, grade 9 was not yet under TT 22/2021
      expect(early.stderr).toContain('2024-2025');
    } finally {
      await server.close();
    }
  }, 120_000);
});
