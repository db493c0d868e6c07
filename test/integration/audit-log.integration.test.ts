/**
 * The school's audit log (nhật kí hệ thống) filtered by day through HTTP: a day is the day in
 * Vietnam, as in the edit log. The server's clock stands at 03:00 on 24/11/2026 in Vietnam
 * (20:00 UTC on 23/11), so a login now belongs to 24/11, not to the UTC day 23/11.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
