/**
 * Batch signing (issue 15 §3), through HTTP on a demo school: a class's học bạ signed in batches
 * with one password — the homeroom teacher with her .p12, then with a remote-signing service
 * (ONE request for the batch, counted at the local test service), the principal, then the clerk's
 * seal — each document verifying with pdfsig; a wrong password signs nothing; a document not at
 * the batch's step is listed as a failure while the others are signed; each signature has its own
 * audit entry naming the batch; the progress stream reports each document.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoCertificates } from '../../src/server/demo/demo-certificates.ts';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestPki, createTestPki, pdfsig, requireTools } from '../helpers/pki.ts';
import { type RemoteSigningServer, startRemoteSigningServer } from '../helpers/remote-signing-server.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const RUN = requireTools(['openssl', 'pdfsig']);
const OUT = join(process.cwd(), 'test-results', 'signing-batch');
const TOKEN = 'smartca-token-batch';
const CREDENTIAL = 'gvcn-9a1/CTS';

describe.runIf(RUN)('batch signing', () => {
  let server: TestServer;
  let pki: TestPki;
  let service: RemoteSigningServer;
  let docs: Array<{ id: string; currentSha256: string; title: string }>;
  let p12: (u: string) => string;
  let sealP12: string;
  const c: Record<'homeroom' | 'principal' | 'clerk', TestClient> = {} as never;
  const db = () => server.database.handle.db;
  const school = () => `/api/v1/schools/${server.demo!.schoolId}`;
  const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
  const current = async (id: string) => (await db().selectFrom('documents').select(['current_sha256', 'status']).where('id', '=', id).executeTakeFirstOrThrow());
  const items = async (ids: string[]) => Promise.all(ids.map(async (id) => ({ documentId: id, expectedSha256: (await current(id)).current_sha256 })));
  const stepStatus = async (id: string, role: string) => (await db().selectFrom('document_signatures').select('status').where('document_id', '=', id).where('role', '=', role).executeTakeFirstOrThrow()).status;
  const pdfsigOf = async (id: string, name: string) => {
    const res = await c.principal.get(`/api/v1/documents/${id}/pdf`);
    const file = join(OUT, `${name}.pdf`);
    writeFileSync(file, res.body);
    return pdfsig(file);
  };

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    pki = await createTestPki();
    service = await startRemoteSigningServer({ identity: await pki.issue({ commonName: 'Chưa biết', organization: 'Trường THCS Nguyễn Trãi' }), token: TOKEN, credentialId: CREDENTIAL });
    server = await startTestServer({ demo: true, demoScores: true, env: { SODIEM_TRUST_ROOTS: pki.caFile, SODIEM_REMOTE_SIGNING_URL: service.url, SODIEM_REMOTE_SIGNING_TOKEN: TOKEN } });
    // The service holds the homeroom teacher's credential: a certificate in her name.
    const homeroomName = (await db().selectFrom('users').select('full_name').where('username', '=', 'gvcn.9a1').executeTakeFirstOrThrow()).full_name;
    service.options.identity = await pki.issue({ commonName: homeroomName, organization: 'Trường THCS Nguyễn Trãi' });
    for (const [k, u] of Object.entries({ homeroom: 'gvcn.9a1', principal: 'hieutruong', clerk: 'vanthu' })) c[k as keyof typeof c] = await login(u);
    const certs = (await ensureDemoCertificates(db(), server.database.dataDir, server.clock()))!;
    p12 = (u: string) => readFileSync(certs.people.find((p) => p.username === u)!.file).toString('base64');
    sealP12 = readFileSync(certs.seal).toString('base64');
    const job = await c.clerk.post(`${school()}/print-jobs`, { kind: 'transcript', classIds: [server.demo!.classIds['9A1']] });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    for (let i = 0; i < 600 && (await c.clerk.get(`/api/v1/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    docs = (await c.homeroom.get(`${school()}/documents?kind=transcript&awaiting=me`)).body;
    docs.sort((a, b) => a.title.localeCompare(b.title, 'vi'));
    expect(docs.length).toBeGreaterThanOrEqual(12);
  }, 240_000);

  afterAll(async () => {
    await service?.close();
    await server?.close();
  });

  it('a wrong password signs nothing: the whole batch is refused before any document is touched', async () => {
    const ids = docs.slice(0, 4).map((d) => d.id);
    const before = await Promise.all(ids.map(current));
    const res = await c.homeroom.post(`${school()}/signature-batches`, { method: 'pkcs12', role: 'homeroom', items: await items(ids), p12: p12('gvcn.9a1'), password: 'sai mật khẩu' });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
    expect(await Promise.all(ids.map(current))).toEqual(before);
    for (const id of ids) expect(await stepStatus(id, 'homeroom')).toBe('pending');
  });

  it('the homeroom teacher signs 4 học bạ with one .p12 and one password; each verifies with pdfsig and has its own audit entry naming the batch', async () => {
    const ids = docs.slice(0, 4).map((d) => d.id);
    const res = await c.homeroom.post(`${school()}/signature-batches`, { method: 'pkcs12', role: 'homeroom', items: await items(ids), p12: p12('gvcn.9a1'), password: server.demo!.password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.failed).toEqual([]);
    expect(res.body.signed.map((s: any) => s.documentId).sort()).toEqual([...ids].sort());
    for (const [i, id] of ids.entries()) {
      expect(await stepStatus(id, 'homeroom')).toBe('signed');
      expect(await pdfsigOf(id, `homeroom-${i}`)).toMatchObject([{ validation: 'Signature is Valid.' }]);
      const event = await db().selectFrom('audit_events').selectAll().where('entity_id', '=', id).where('action', '=', 'document.sign').executeTakeFirstOrThrow();
      expect(JSON.parse(event.after_json!)).toMatchObject({ role: 'homeroom', batch: { id: res.body.batchId, size: 4 } });
    }
  });

  it('through the remote-signing service the batch is ONE request (one approval on the phone) for 3 học bạ', async () => {
    service.options.mode = 'approve';
    const ids = docs.slice(4, 7).map((d) => d.id);
    const sent = service.signRequests.length;
    const res = await c.homeroom.post(`${school()}/signature-batches`, { method: 'remote', role: 'homeroom', items: await items(ids), credentialId: CREDENTIAL });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.signed).toHaveLength(3);
    expect(service.signRequests.slice(sent)).toEqual(['sign-batch:3']);
    for (const [i, id] of ids.entries()) expect(await pdfsigOf(id, `remote-${i}`)).toMatchObject([{ validation: 'Signature is Valid.' }]);
    service.options.mode = 'immediate';
  });

  it('a refusal on the phone signs none of the batch', async () => {
    service.options.mode = 'reject';
    const ids = docs.slice(7, 9).map((d) => d.id);
    const res = await c.homeroom.post(`${school()}/signature-batches`, { method: 'remote', role: 'homeroom', items: await items(ids), credentialId: CREDENTIAL });
    expect(res.status).toBe(200);
    expect(res.body.signed).toEqual([]);
    expect(res.body.failed.map((f: any) => f.message)).toEqual(['Người ký đã từ chối yêu cầu ký trên ứng dụng.', 'Người ký đã từ chối yêu cầu ký trên ứng dụng.']);
    for (const id of ids) expect(await stepStatus(id, 'homeroom')).toBe('pending');
    service.options.mode = 'immediate';
  });

  it('the principal’s batch: a document not yet at her step is listed as a failure, the others are signed', async () => {
    const ids = [...docs.slice(0, 4).map((d) => d.id), docs[10].id];
    const res = await c.principal.post(`${school()}/signature-batches`, { method: 'pkcs12', role: 'principal', items: await items(ids), p12: p12('hieutruong'), password: server.demo!.password });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.signed).toHaveLength(4);
    expect(res.body.failed).toEqual([{ documentId: docs[10].id, title: docs[10].title, ok: false, message: 'Chưa đến lượt ký này: văn bản đang chờ chữ ký của Giáo viên chủ nhiệm.', currentSha256: null }]);
    expect(await stepStatus(docs[10].id, 'principal')).toBe('pending');
    expect(await stepStatus(docs[10].id, 'homeroom')).toBe('pending');
    for (const id of ids.slice(0, 4)) expect(await stepStatus(id, 'principal')).toBe('signed');
  });

  it('a document changed since it was shown is listed, not signed (the hash seen must be the hash signed)', async () => {
    const res = await c.principal.post(`${school()}/signature-batches`, {
      method: 'pkcs12',
      role: 'principal',
      items: [{ documentId: docs[4].id, expectedSha256: docs[4].currentSha256 }],
      p12: p12('hieutruong'),
      password: server.demo!.password,
    });
    expect(res.status).toBe(200);
    expect(res.body.failed[0].message).toContain('Văn bản đã thay đổi kể từ khi bạn mở');
    expect(await stepStatus(docs[4].id, 'principal')).toBe('pending');
  });

  it('the clerk seals the 4 in one batch, reporting progress line by line; each carries three valid signatures', async () => {
    const ids = docs.slice(0, 4).map((d) => d.id);
    const res = await fetch(`${server.baseUrl}${school()}/signature-batches`, {
      method: 'POST',
      headers: { cookie: c.clerk.cookie!, 'x-csrf-token': c.clerk.csrfToken!, 'content-type': 'application/json', accept: 'application/x-ndjson' },
      body: JSON.stringify({ method: 'pkcs12', role: 'seal', items: await items(ids), p12: sealP12, password: server.demo!.password }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'start', total: 4 });
    expect(lines.filter((l) => l.type === 'progress').map((l) => l.done)).toEqual([1, 2, 3, 4]);
    expect(lines.at(-1)).toMatchObject({ type: 'result', failed: [] });
    expect(lines.at(-1).signed).toHaveLength(4);
    for (const [i, id] of ids.entries()) {
      expect((await current(id)).status).toBe('signed');
      const sigs = await pdfsigOf(id, `sealed-${i}`);
      expect(sigs).toHaveLength(3);
      for (const s of sigs) expect(s.validation).toBe('Signature is Valid.');
    }
  });

  it('only a signer of the step: a teacher of another class is refused each document; the audit chains are whole', async () => {
    const other = await login('gvcn.6a1');
    const res = await other.post(`${school()}/signature-batches`, { method: 'pkcs12', role: 'homeroom', items: await items([docs[11].id]), p12: p12('gvcn.6a1'), password: server.demo!.password });
    expect(res.status).toBe(200);
    expect(res.body.signed).toEqual([]);
    expect(res.body.failed).toHaveLength(1);
    expect(await stepStatus(docs[11].id, 'homeroom')).toBe('pending');
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
  });
});
