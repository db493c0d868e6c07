/**
 * The school's audit log (nhật kí hệ thống) filtered by day through HTTP: a day is the day in
 * Vietnam, as in the edit log. The server's clock stands at 03:00 on 24/11/2026 in Vietnam
 * (20:00 UTC on 23/11), so a login now belongs to 24/11, not to the UTC day 23/11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasAuditFieldLabel } from '../../src/web/features/audit/audit-field-labels.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

let server: TestServer;
let principal: TestClient;

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false, now: '2026-11-23T20:00:00.000Z' });
  const secret = server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret;
  principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret);
});
afterAll(async () => server?.close());

describe('GET /schools/:schoolId/audit?from&to', () => {
  it('counts a day from 00:00 to 24:00 in Vietnam', async () => {
    const logins = async (from: string, to: string) => {
      const res = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/audit?action=login.succeeded&from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      return (res.body.events as { at: string }[]).map((e) => e.at.slice(0, 16));
    };
    expect(await logins('2026-11-24', '2026-11-24')).toEqual(['2026-11-23T20:00']);
    expect(await logins('2026-11-23', '2026-11-23')).toEqual([]);
    expect(await logins('2026-11-23', '2026-11-24')).toEqual(['2026-11-23T20:00']);
  });
});

describe('the log in the school’s words (issue 15 §7)', () => {
  it('every field of every entry the server wrote has a Vietnamese label', async () => {
    const schoolId = server.demo!.schoolId;
    const unlabelled = new Set<string>();
    const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    for (let offset = 0; ; offset += 200) {
      const res = await principal.get(`/api/v1/schools/${schoolId}/audit?limit=200&offset=${offset}`);
      expect(res.status).toBe(200);
      for (const e of res.body.events) {
        for (const side of [e.before, e.after]) {
          if (!isObj(side)) continue;
          for (const [k, v] of Object.entries(side)) {
            const keys = isObj(v) ? Object.keys(v).map((k2) => `${k}.${k2}`) : [k];
            for (const key of keys) if (!hasAuditFieldLabel(e.entityType, key)) unlabelled.add(`${e.entityType}: ${key}`);
          }
        }
      }
      if (res.body.events.length < 200) break;
    }
    expect([...unlabelled]).toEqual([]);
  });
});
