/**
 * The demo's test certificates (npm start): made once, on the demo's clock, one per demo signer
 * with her full name, and they sign a học bạ through the real signing route.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoCertificates } from '../../src/server/demo/demo-certificates.ts';
import { TestClient } from '../helpers/client.ts';
import { requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const haveOpenssl = requireTools(['openssl']);
let server: TestServer;

beforeAll(async () => {
  // On the tests' business clock (TEST_NOW): the certificates are made on the server's clock.
  server = await startTestServer({ demo: true, demoScores: true });
}, 120_000);
afterAll(async () => server?.close());

describe('demo certificates', () => {
  it.runIf(haveOpenssl)('are made once and let the demo homeroom teacher sign a học bạ', async () => {
    const db = server.database.handle.db;
    const certs = await ensureDemoCertificates(db, server.database.dataDir, server.clock());
    expect(certs).not.toBeNull();
    expect(certs!.people.map((p) => p.username).sort()).toEqual(['gvcn.3a', 'gvcn.6a1', 'gvcn.9a1', 'hieutruong', 'phohieutruong', 'th.hieutruong']);
    const again = await ensureDemoCertificates(db, server.database.dataDir, server.clock());
    expect(readFileSync(again!.seal)).toEqual(readFileSync(certs!.seal));

    const clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
    const started = await clerk.post(`/api/v1/schools/${server.demo!.schoolId}/print-jobs`, { kind: 'transcript', classIds: [server.demo!.classIds['9A1']] });
    for (let i = 0; i < 300; i++) {
      const job = await clerk.get(`/api/v1/jobs/${started.body.id}`);
      if (job.body.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    const [doc] = (await homeroom.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript&awaiting=me`)).body;
    const file = certs!.people.find((p) => p.username === 'gvcn.9a1')!.file;
    const signed = await homeroom.post(`/api/v1/documents/${doc.id}/signatures`, {
      method: 'pkcs12',
      seq: 1,
      expectedSha256: doc.currentSha256,
      p12: readFileSync(file).toString('base64'),
      password: server.demo!.password,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.signatures[0]).toMatchObject({ status: 'signed', backend: 'pkcs12' });
    expect(signed.body.signatures[0].certificateSubject).toContain('dùng thử');
  }, 120_000);
});
