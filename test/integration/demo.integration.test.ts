/**
 * The demo a newcomer sees (issue 2 §1, issue 4 §6): two schools under a Phòng and a Sở, classes of
 * 40 students in ABC order, and a living grade book entered through the real actions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { verifyAuditChains, verifyStoredCells } from '../../src/server/audit.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(async () => server?.close());

describe('demo school', () => {
  it('has a Sở above a Phòng above both schools, and classes 6A1, 6A2, 9A1, 9A2, 3A of 40 students in ABC order', async () => {
    const db = server.database.handle.db;
    const units = await db.selectFrom('org_units').select(['kind', 'parent_id', 'id']).execute();
    const province = units.find((u) => u.kind === 'province')!;
    expect(units.find((u) => u.kind === 'district')!.parent_id).toBe(province.id);
    const principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret);
    for (const name of ['6A1', '6A2', '9A1', '9A2']) {
      const list = (await principal.get(`/api/v1/classes/${server.demo!.classIds[name]}/students`)).body;
      expect(list.entries).toHaveLength(40);
      expect(list.entries.map((e: any) => e.student.id)).toEqual(sortStudentsVietnamese(list.entries.map((e: any) => e.student)).map((s: any) => s.id));
    }
  });

  it('has term-I scores entered by the assigned teachers, re-entries with reasons, an applied and a pending correction, and a mid-term window', async () => {
    const db = server.database.handle.db;
    const cells = await db.selectFrom('gradebook_cells').select(['updated_by']).execute();
    expect(cells.length).toBeGreaterThan(1000);
    const changed = await db.selectFrom('audit_events').select(['reason', 'actor_role']).where('action', '=', 'score.changed').execute();
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.every((e) => e.reason.length > 0)).toBe(true);
    const corrections = await db.selectFrom('correction_requests').select('status').orderBy('number').execute();
    expect(corrections.map((c) => c.status)).toEqual(['applied', 'pending']);
    const windows = await db.selectFrom('assessment_windows').select(['point', 'opens_on', 'closes_on']).execute();
    expect(windows).toEqual([{ point: 'term1.midterm', opens_on: '2026-11-28', closes_on: '2026-12-05' }]);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
    expect(await verifyStoredCells(db)).toEqual([]);
  });

  it('the principal sees gaps in the progress page', async () => {
    const principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret);
    const res = await principal.get(`/api/v1/years/${server.demo!.yearId}/progress?termNo=1`);
    const rows = res.body.rows.filter((r: any) => r.expected > 0);
    expect(rows.some((r: any) => r.filled > 0)).toBe(true);
    expect(rows.every((r: any) => r.filled < r.expected)).toBe(true);
  });
});
