/**
 * The demo's học bạ wait for each signer (issue 12): seedDemoDocuments prints the học bạ of 9A1 as
 * the clerk and signs some as the homeroom teacher, the principal and the school's seal, on the
 * demo's clock; through HTTP each signer finds what waits for her, the principal signs one more
 * with her demo .p12 through the real route, and pdfsig verifies the signatures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { demoCertificatesDir } from '../../src/server/demo/demo-certificates.ts';
import { type SeedDemoDocumentsResult, seedDemoDocuments } from '../../src/server/demo/seed-demo-documents.ts';
import { TestClient } from '../helpers/client.ts';
import { pdfsig, requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const haveTools = requireTools(['openssl', 'pdfsig']);
let server: TestServer;
let seeded: SeedDemoDocumentsResult | null;
let seededAt: Date;

const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;
const awaiting = (c: TestClient) => c.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript&awaiting=me`);

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: true });
  if (!haveTools) return;
  seededAt = server.clock();
  const startedAt = performance.now();
  seeded = await seedDemoDocuments(server.database.handle.db, {
    dataDir: server.database.dataDir,
    schoolId: server.demo!.schoolId,
    classId: server.demo!.classIds['9A1'],
    now: seededAt,
    baseUrl: server.baseUrl,
  });
  console.log(`seedDemoDocuments: ${Math.round(performance.now() - startedAt)} ms`, seeded);
}, 120_000);
afterAll(async () => server?.close());

describe('demo documents', () => {
  it.runIf(haveTools)('the học bạ of 9A1 are printed by the clerk and wait for each signer', async () => {
    expect(seeded).toMatchObject({ created: true, signed: 4, awaitingPrincipal: 8, awaitingSeal: 0, awaitingHomeroom: 28 });
    const clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
    const job = await clerk.get(`/api/v1/jobs/${seeded!.jobId}`);
    expect(job.body).toMatchObject({ status: 'done', kind: 'transcript' });
    expect(job.body.result.documents).toHaveLength(40);
    expect(job.body.result.skipped).toEqual([]);
    expect((await clerk.get(job.body.result.pdfUrl)).status).toBe(200);
    // The seal is the clerk's step: nothing waits for it.
    expect((await awaiting(clerk)).body).toEqual([]);

    const homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    const forHomeroom = (await awaiting(homeroom)).body;
    expect(forHomeroom).toHaveLength(28);
    expect(forHomeroom.every((d: any) => d.canSign === 'homeroom' && d.status === 'draft')).toBe(true);
    const principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    const forPrincipal = (await awaiting(principal)).body;
    expect(forPrincipal).toHaveLength(8);
    expect(forPrincipal.every((d: any) => d.canSign === 'principal' && d.status === 'signing')).toBe(true);
    const all = (await principal.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript`)).body;
    const done = all.filter((d: any) => d.status === 'signed');
    expect(done).toHaveLength(4);
    for (const d of done) {
      expect(d.signatures.map((s: any) => [s.role, s.status, s.backend])).toEqual([
        ['homeroom', 'signed', 'pkcs12'],
        ['principal', 'signed', 'pkcs12'],
        ['seal', 'signed', 'pkcs12'],
      ]);
      // Signed on the demo's clock, shortly before it.
      for (const s of d.signatures) {
        expect(Date.parse(s.signedAt)).toBeLessThan(seededAt.getTime());
        expect(Date.parse(s.signedAt)).toBeGreaterThan(seededAt.getTime() - 2 * 3600_000);
      }
    }

    // A fully signed one: three valid signatures, the last the school's seal over the whole file.
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-demo-docs-'));
    const fullFile = join(dir, 'signed.pdf');
    writeFileSync(fullFile, (await principal.get(`/api/v1/documents/${done[0].id}/pdf`)).body as Buffer);
    const full = pdfsig(fullFile);
    expect(full).toHaveLength(3);
    for (const s of full) expect(s.validation).toBe('Signature is Valid.');
    expect(full[2].commonName).toBe('Trường THCS Nguyễn Trãi');
    expect(full[2].totalDocumentSigned).toBe(true);

    // The principal signs one that waits for her, through the real route with her demo .p12.
    const doc = forPrincipal[0];
    const signed = await principal.post(`/api/v1/documents/${doc.id}/signatures`, {
      method: 'pkcs12',
      seq: 2,
      expectedSha256: doc.currentSha256,
      p12: readFileSync(join(demoCertificatesDir(server.database.dataDir), 'hieutruong.p12')).toString('base64'),
      password: server.demo!.password,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    expect(signed.body.signatures.map((s: any) => s.status)).toEqual(['signed', 'signed', 'pending']);
    const file = join(dir, 'principal.pdf');
    writeFileSync(file, (await principal.get(`/api/v1/documents/${doc.id}/pdf`)).body as Buffer);
    const sigs = pdfsig(file);
    expect(sigs).toHaveLength(2);
    for (const s of sigs) expect(s.validation).toBe('Signature is Valid.');
    expect(sigs.map((s) => s.commonName)).toEqual([signed.body.signatures[0].signerName, signed.body.signatures[1].signerName]);
    expect(sigs[1].totalDocumentSigned).toBe(true);
    // The principal may apply the seal too (document.applySeal): the one she signed now waits for it.
    const after = (await awaiting(principal)).body;
    expect(after.map((d: any) => d.canSign).sort()).toEqual([...Array(7).fill('principal'), 'seal']);
    // …and now the clerk has the seal to apply.
    expect((await awaiting(clerk)).body.map((d: any) => d.id)).toEqual([doc.id]);
    rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(haveTools)('every write has its audit entry, as in the app; the chains hold', async () => {
    const db = server.database.handle.db;
    const events = await db
      .selectFrom('audit_events')
      .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
      .select(['audit_events.action', 'audit_events.actor_role', 'users.username', 'audit_events.at', 'audit_events.user_agent'])
      .where('audit_events.action', 'in', ['document.create', 'document.sign'])
      .where('audit_events.at', '<', seededAt.toISOString())
      .execute();
    const count = (action: string, username: string) => events.filter((e) => e.action === action && e.username === username).length;
    expect(count('document.create', 'vanthu')).toBe(40);
    expect(events.find((e) => e.action === 'document.create')).toMatchObject({ actor_role: 'clerk', user_agent: 'job' });
    expect(count('document.sign', 'gvcn.9a1')).toBe(12);
    expect(count('document.sign', 'hieutruong')).toBe(4);
    expect(count('document.sign', 'vanthu')).toBe(4);
    expect((await verifyAuditChains(db)).breaks).toEqual([]);
  });

  it.runIf(haveTools)('is idempotent: a second run does nothing', async () => {
    const db = server.database.handle.db;
    const before = await db.selectFrom('audit_events').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const again = await seedDemoDocuments(db, { dataDir: server.database.dataDir, schoolId: server.demo!.schoolId, classId: server.demo!.classIds['9A1'], now: server.clock() });
    expect(again).toMatchObject({ created: false, jobId: null, signed: 4, awaitingPrincipal: 7, awaitingSeal: 1, awaitingHomeroom: 28 });
    const after = await db.selectFrom('audit_events').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect(await db.selectFrom('jobs').select('id').execute()).toHaveLength(1);
  });
});
