/**
 * Editing a weekly note through HTTP (G5): only its writer edits it, from the version she read.
 * Two edits from the same version at the same instant: one is saved and audited, the other is
 * refused with 409 — never a lost edit answered 200 with a `weeklyNote.edited` entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let homeroom: TestClient;
let principal: TestClient;
let classId: string;
const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const notePath = (noteId: string) => `/api/v1/classes/${classId}/weekly-notes/${noteId}`;

/** The homeroom teacher writes a discipline note for a week; returns its id. */
async function writeNote(weekStart: string, text: string): Promise<string> {
  const res = await homeroom.post(`/api/v1/classes/${classId}/weekly-notes`, { weekStart, kind: 'discipline', text });
  expect(res.status).toBe(200);
  return res.body.id;
}

async function storedNote(noteId: string) {
  return server.database.handle.db.selectFrom('weekly_notes').select(['text', 'version']).where('id', '=', noteId).executeTakeFirstOrThrow();
}

async function editedEvents(noteId: string) {
  return server.database.handle.db
    .selectFrom('audit_events')
    .select(['before_json', 'after_json'])
    .where('entity_type', '=', 'weekly_note')
    .where('entity_id', '=', noteId)
    .where('action', '=', 'weeklyNote.edited')
    .execute();
}

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  homeroom = await new TestClient(server.baseUrl).login('gvcn.6a1', server.demo!.password);
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
});
afterAll(async () => server?.close());

describe('PUT /classes/:classId/weekly-notes/:noteId', () => {
  it('401 without a session, 400 naming the field, 403 for anyone but the writer, 404 for an unknown note', async () => {
    const noteId = await writeNote('2026-11-02', 'Lớp giữ trật tự tốt.');
    expect((await new TestClient(server.baseUrl).put(notePath(noteId), { text: 'Sửa', baseVersion: 1 })).status).toBe(401);
    const empty = await homeroom.put(notePath(noteId), { text: '   ', baseVersion: 1 });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(empty.body)).toContain('text');
    expect((await homeroom.put(notePath(noteId), { text: 'Sửa', baseVersion: 0 })).status).toBe(400);
    const refused = await principal.put(notePath(noteId), { text: 'Sửa', baseVersion: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe('Chỉ người viết được sửa nhận xét tuần này.');
    expect((await homeroom.put(notePath('00000000-0000-4000-8000-000000000000'), { text: 'Sửa', baseVersion: 1 })).status).toBe(404);
    expect(await storedNote(noteId)).toMatchObject({ text: 'Lớp giữ trật tự tốt.' });
    expect(await editedEvents(noteId)).toHaveLength(0);
  });

  it('the writer edits from the version she read; the answer carries the new version and the edit is audited', async () => {
    const noteId = await writeNote('2026-11-09', 'Lớp giữ trật tự tốt; 2 bạn đi muộn thứ Ba.');
    const res = await homeroom.put(notePath(noteId), { text: 'Lớp giữ trật tự tốt; 1 bạn đi muộn thứ Ba.', baseVersion: 1 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: noteId, version: 2 });
    expect(await storedNote(noteId)).toMatchObject({ text: 'Lớp giữ trật tự tốt; 1 bạn đi muộn thứ Ba.' });
    expect(Number((await storedNote(noteId)).version)).toBe(2);
    const events = await editedEvents(noteId);
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].before_json!)).toEqual({ text: 'Lớp giữ trật tự tốt; 2 bạn đi muộn thứ Ba.', version: 1 });
    expect(JSON.parse(events[0].after_json!)).toEqual({ text: 'Lớp giữ trật tự tốt; 1 bạn đi muộn thứ Ba.', version: 2 });
  });

  it('a stale base version is refused with 409 and a Vietnamese message; nothing is written or audited', async () => {
    const noteId = await writeNote('2026-11-16', 'Bản đầu.');
    expect((await homeroom.put(notePath(noteId), { text: 'Bản thứ hai.', baseVersion: 1 })).status).toBe(200);
    const stale = await homeroom.put(notePath(noteId), { text: 'Sửa từ bản cũ.', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'CONFLICT', message: 'Nhận xét vừa được sửa ở nơi khác. Hãy tải lại.' });
    const ahead = await homeroom.put(notePath(noteId), { text: 'Sửa từ bản chưa có.', baseVersion: 7 });
    expect(ahead.status).toBe(409);
    expect(await storedNote(noteId)).toMatchObject({ text: 'Bản thứ hai.' });
    expect(Number((await storedNote(noteId)).version)).toBe(2);
    expect(await editedEvents(noteId)).toHaveLength(1);
  });

  it('two edits from the same version at the same instant: exactly one 200 and one 409; the winner’s text is stored and audited once', async () => {
    // Several rounds, each from the version the previous round left, so a lost edit cannot hide
    // behind a lucky interleaving.
    for (const [round, weekStart] of ['2026-11-23', '2026-11-30', '2026-12-07'].entries()) {
      const noteId = await writeNote(weekStart, `Bản đầu, vòng ${round + 1}.`);
      const texts = [`Sửa thứ nhất, vòng ${round + 1}.`, `Sửa thứ hai, vòng ${round + 1}.`];
      const answers = await Promise.all(texts.map((text) => homeroom.put(notePath(noteId), { text, baseVersion: 1 })));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const winner = answers.findIndex((a) => a.status === 200);
      const loser = answers[1 - winner];
      expect(answers[winner].body).toEqual({ id: noteId, version: 2 });
      expect(loser.body).toMatchObject({ error: 'CONFLICT', message: 'Nhận xét vừa được sửa ở nơi khác. Hãy tải lại.' });
      const stored = await storedNote(noteId);
      expect(stored.text).toBe(texts[winner]);
      expect(Number(stored.version)).toBe(2);
      const events = await editedEvents(noteId);
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0].after_json!)).toEqual({ text: texts[winner], version: 2 });
    }
    expect((await verifyAuditChains(server.database.handle.db)).breaks).toEqual([]);
  });
});
