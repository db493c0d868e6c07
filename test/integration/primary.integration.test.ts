/**
 * Primary (G8, TT 27/2020) through HTTP: the homeroom teacher enters year-end subject levels and
 * test scores in the grade book, qualities and competences, a nomination; the summary book shows
 * the level, award and completion computed by the rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let teacher: TestClient;
let classId: string;
let students: string[];

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['3A'];
  teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
  students = (await teacher.get(`/api/v1/classes/${classId}/students`)).body.entries.map((e: any) => e.student.id);
});
afterAll(async () => server?.close());

describe('primary year-end assessment (TT 27/2020)', () => {
  it('a subject teacher of another school / class cannot assess qualities (403); a nomination before year end is refused (400)', async () => {
    const other = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
    const entry = { studentId: students[0], qualities: Array(5).fill('T'), competences: Array(10).fill('T'), baseVersion: 0 };
    expect((await other.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'CN', entries: [entry] })).status).toBe(403);
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'CK1', entries: [{ ...entry, nominated: true }] })).status).toBe(400);
  });

  it('the teacher completes the year: HTXS with the award for an all-T student with tests ≥ 9, HT for another; the summary says what was missing before', async () => {
    const before = (await teacher.get(`/api/v1/classes/${classId}/primary-summary?point=CN`)).body;
    expect(before.rows[0].missing.length).toBeGreaterThan(0);
    expect(before.rows[0].yearLevel).toBeNull();
    const me = (await teacher.get('/api/v1/auth/me')).body;
    const subjects = me.teaching.filter((t: any) => t.classId === classId).map((t: any) => t.subjectId);
    expect(subjects.length).toBeGreaterThan(5);
    for (const subjectId of subjects) {
      const sheet = (await teacher.get(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/sheet`)).body;
      const hasTest = sheet.columns.some((c: any) => c.key === 'KT_CK');
      const changes = [0, 1].flatMap((i) => [
        { studentId: students[i], columnKey: 'MUC_CK', value: i === 0 ? 'T' : 'H', baseVersion: 0 },
        ...(hasTest ? [{ studentId: students[i], columnKey: 'KT_CK', value: i === 0 ? '10' : '7', baseVersion: 0 }] : []),
      ]);
      const res = await teacher.post(`/api/v1/classes/${classId}/subjects/${subjectId}/terms/2/cells`, { changes });
      expect(res.status, JSON.stringify(res.body).slice(0, 300)).toBe(200);
    }
    const save = await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, {
      point: 'CN',
      entries: [
        { studentId: students[0], qualities: Array(5).fill('T'), competences: Array(10).fill('T'), comment: 'Chăm ngoan, học giỏi', nominated: true, nominationNote: 'Lớp bình chọn', baseVersion: 0 },
        { studentId: students[1], qualities: Array(5).fill('Đ'), competences: Array(10).fill('Đ'), baseVersion: 0 },
      ],
    });
    expect(save.status).toBe(200);
    const after = (await teacher.get(`/api/v1/classes/${classId}/primary-summary?point=CN`)).body;
    expect(after.rows[0]).toMatchObject({ yearLevel: 'HTXS', award: 'XS', completed: true, missing: [] });
    expect(after.rows[1]).toMatchObject({ yearLevel: 'HT', award: null, completed: true });
    expect(after.rows[2].yearLevel).toBeNull();
    const events = await server.database.handle.db.selectFrom('audit_events').select('action').where('chain_key', '=', `class:${classId}`).where('action', '=', 'primary.assessed').execute();
    expect(events).toHaveLength(2);
  });
});
