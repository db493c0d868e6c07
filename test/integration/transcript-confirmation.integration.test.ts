/**
 * The principal's transcript confirmation page's data (C6, issue 22): each student of 9A1 with
 * his year record's state, the server's reason while the year's results are not approved, a
 * record that no longer matches the data shown as changed, and only the class's readers allowed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let principal: TestClient;
let homeroom: TestClient;
let teacher: TestClient;
let classId: string;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

interface Row {
  studentId: string;
  listNumber: number;
  fullName: string;
  state: string;
  record: { versionNo: number; ruleVersion: string; confirmedByName: string; sha256: string } | null;
}
const status = async () => (await principal.get(`/api/v1/classes/${classId}/transcript-confirmation`)).body as { blocker: string | null; students: Row[] };

beforeAll(async () => {
  // The summer: 9A1's grade book is complete for both terms.
  server = await startTestServer({ demo: true, now: '2027-06-10T03:00:00.000Z' });
  classId = server.demo!.classIds['9A1'];
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
  homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password, secret('gvcn.9a1'));
  teacher = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password, secret('giaovien'));
});

afterAll(async () => {
  await server?.close();
});

describe('GET /classes/:classId/transcript-confirmation', () => {
  it('lists the class in list order, none confirmed, with the reason while the year is not approved', async () => {
    const s = await status();
    expect(s.blocker).toMatch(/Kết quả cả năm của lớp 9A1 chưa được Hiệu trưởng phê duyệt/);
    expect(s.students).toHaveLength(40);
    expect(s.students.map((r) => r.listNumber)).toEqual([...Array(40).keys()].map((i) => i + 1));
    expect(new Set(s.students.map((r) => r.state))).toEqual(new Set(['unconfirmed']));
  });

  it('refuses a subject teacher (the page and the confirmation)', async () => {
    const read = await teacher.get(`/api/v1/classes/${classId}/transcript-confirmation`);
    expect(read.status).toBe(403);
    expect(read.body.message).toMatch(/giáo viên chủ nhiệm/);
    expect((await teacher.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).status).toBe(403);
    expect((await homeroom.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).status).toBe(403);
    expect((await homeroom.get(`/api/v1/classes/${classId}/transcript-confirmation`)).status).toBe(200);
  });

  it('after approval: confirmed students with their record, a changed profile shown as changed until confirmed again', async () => {
    const p = await homeroom.post(`/api/v1/classes/${classId}/results/year/proposal`);
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect((await principal.post(`/api/v1/classes/${classId}/results/year/approval`, { snapshotId: p.body.snapshotId })).status).toBe(200);
    const before = await status();
    expect(before.blocker).toBeNull();
    const [first, second] = before.students;
    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, { studentIds: [first.studentId, second.studentId] })).body).toEqual({ created: 2, unchanged: 0 });

    const some = await status();
    expect(some.students.filter((r) => r.state === 'confirmed').map((r) => r.studentId)).toEqual([first.studentId, second.studentId]);
    expect(some.students[0].record).toMatchObject({ versionNo: 1, ruleVersion: 'TT22_2021@1', confirmedByName: expect.any(String) });
    expect(some.students[0].record!.sha256).toMatch(/^[0-9a-f]{64}$/);

    // The first student's place of birth corrected after the confirmation.
    await server.database.handle.db.updateTable('students').set({ place_of_birth: 'Hưng Yên' }).where('id', '=', first.studentId).execute();
    expect((await status()).students[0].state).toBe('changed');

    expect((await principal.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {})).body).toEqual({ created: 39, unchanged: 1 });
    const after = await status();
    expect(new Set(after.students.map((r) => r.state))).toEqual(new Set(['confirmed']));
    expect(after.students[0].record!.versionNo).toBe(2);
  });
});
