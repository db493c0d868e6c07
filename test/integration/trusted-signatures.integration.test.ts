/**
 * Issue 14, finding 7: trusted signatures. The clerk sealed a học bạ with a self-made .p12
 * ("O=Bo Giao duc va Dao tao") and /verify said "Đã ký đủ"; signers' certificates were checked
 * only for the name. Now: the principal registers the school's seal certificate (audited) and
 * the seal step takes only it; every signer's certificate must chain to a configured root, valid
 * at the signing time, with a key allowed to sign; revocation is asked of the CA's CRL or OCSP
 * responder (here a CRL and `openssl ocsp` served on this machine) and reported as not checked
 * when it cannot be; /verify says all of it in plain Vietnamese, and "Đã ký đủ" only when every
 * signature is valid, trusted and the seal the registered one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../src/server/platform/signing/reflect-metadata.ts';
import * as x509 from '@peculiar/x509';
import { ensureDemoCertificates } from '../../src/server/demo/demo-certificates.ts';
import { seedDemoDocuments } from '../../src/server/demo/seed-demo-documents.ts';
import { signDocument } from '../../src/server/documents/index.ts';
import { primaryRole } from '../../src/domain/policies/actor.ts';
import { loadActor } from '../../src/server/platform/http/actors.ts';
import type { RequestAuth } from '../../src/server/platform/http/context.ts';
import { assessCertificate, buildCertificatePath } from '../../src/server/platform/signing/certificate-trust.ts';
import { createPkcs12Signer } from '../../src/server/platform/signing/pkcs12-signer.ts';
import { signPdf } from '../../src/server/platform/signing/sign-pdf.ts';
import { shippedTrustRootsDir, trustConfigFromEnv } from '../../src/server/platform/signing/trust-config.ts';
import { fileTrustStore, memoryTrustStore, readCert } from '../../src/server/platform/signing/trust-store.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestIdentity, type TestPki, createTestPki, pdfsig, requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const haveTools = requireTools(['openssl', 'pdfsig']);
const PASSWORD = 'Mật khẩu 123';
const p12 = (file: string) => readFileSync(file).toString('base64');
const pem = (der: Buffer) => `-----BEGIN CERTIFICATE-----\n${der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

async function upload(baseUrl: string, path: string, bytes: Buffer) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'application/pdf' }), 'ban-sao.pdf');
  const res = await fetch(`${baseUrl}${path}`, { method: 'POST', body: form });
  return { status: res.status, body: await res.json() };
}

async function waitForJob(client: TestClient, id: string) {
  for (let i = 0; i < 600; i++) {
    const res = await client.get(`/api/v1/jobs/${id}`);
    if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('job did not finish');
}

/** A small HTTP server on this machine: GET answers `body()` (a CRL). */
async function serve(body: () => Buffer): Promise<{ url: string; hits: () => number; close: () => Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    hits += 1;
    res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/ca-cap-2.crl`, hits: () => hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A port nobody listens on now (for `openssl ocsp`, which takes a port, not 0). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Waits until `openssl ocsp` says it listens (a probing connection would hold its one-at-a-time loop). */
function listening(responder: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => reject(new Error(`openssl ocsp did not start: ${said}`)), 10_000);
    const hear = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('waiting for OCSP client connections')) {
        clearTimeout(timer);
        resolve();
      }
    };
    responder.stdout?.on('data', hear);
    responder.stderr?.on('data', hear);
  });
}

/** The học bạ of the school waiting for the user's signature. */
async function documentsAwaiting(client: TestClient, schoolId: string) {
  return (await client.get(`/api/v1/schools/${schoolId}/documents?kind=transcript&awaiting=me`)).body as { id: string; currentSha256: string; canSign: string }[];
}

async function authOf(server: TestServer, username: string): Promise<RequestAuth> {
  const db = server.database.handle.db;
  const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirstOrThrow();
  const at = server.clock().toISOString();
  const session = { id: `test-${username}`, user_id: user.id, csrf_token: 'x', pending_totp: 0, created_at: at, last_seen_at: at, expires_at: at, ip: '127.0.0.1', user_agent: 'test' };
  return { session, user, actor: await loadActor(db, user) } as RequestAuth;
}

describe('the demo: its own root is trusted, its seal registered by the principal', () => {
  let server: TestServer;
  let clerk: TestClient;
  let principal: TestClient;
  let anonymous: TestClient;
  let fullySigned: string;
  let awaitingSeal: { id: string; currentSha256: string };
  let attacker: TestPki;
  let selfMade: string;
  const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

  beforeAll(async () => {
    server = await startTestServer({ demo: true, demoScores: true });
    if (!haveTools) return;
    const db = server.database.handle.db;
    await seedDemoDocuments(db, { dataDir: server.database.dataDir, schoolId: server.demo!.schoolId, classId: server.demo!.classIds['9A1'], now: server.clock(), baseUrl: server.baseUrl, fullySigned: 1, awaitingPrincipal: 1 });
    clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
    principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    anonymous = new TestClient(server.baseUrl);
    const all = (await principal.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript`)).body as { id: string; status: string; canSign: string | null; currentSha256: string }[];
    fullySigned = all.find((d) => d.status === 'signed')!.id;
    // The principal signs the one waiting for her with her demo .p12: it then waits for the seal.
    const waiting = all.find((d) => d.canSign === 'principal')!;
    const certs = await ensureDemoCertificates(db, server.database.dataDir, server.clock());
    const signed = await principal.post(`/api/v1/documents/${waiting.id}/signatures`, {
      method: 'pkcs12',
      seq: 2,
      expectedSha256: waiting.currentSha256,
      p12: p12(certs!.people.find((p) => p.username === 'hieutruong')!.file),
      password: server.demo!.password,
    });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
    awaitingSeal = signed.body;
    // The clerk's own PKI: a root nobody configured, a "seal" with the Ministry's name.
    attacker = await createTestPki(undefined, { clock: server.clock });
    selfMade = attacker.pkcs12(await attacker.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Bo Giao duc va Dao tao' }), PASSWORD);
  }, 180_000);
  afterAll(async () => server?.close());

  it.runIf(haveTools)('a học bạ signed with the demo certificates: every signature valid and trusted, "Đã ký đủ"; pdfsig agrees', async () => {
    const v = await anonymous.get(`/api/v1/verify/${fullySigned}`);
    expect(v.body).toMatchObject({ status: 'signed', statusLabel: 'Đã ký đủ' });
    expect(v.body.signatures.map((s: { trustStatus: string }) => s.trustStatus)).toEqual(['trusted', 'trusted', 'trusted']);
    for (const s of v.body.signatures) {
      expect(s.trust).toContain('Chữ ký hợp lệ, chứng thư do Sổ Điểm Số – CA dùng thử cấp, được tin cậy (chuỗi đến Sổ Điểm Số – CA dùng thử)');
      // The demo certificates name no CRL or OCSP responder: not checked, never a failure.
      expect(s.trust).toContain('chưa kiểm tra được thu hồi');
    }
    const html = await (await fetch(`${server.baseUrl}/verify/${fullySigned}`)).text();
    expect(html).toContain('Đã ký đủ');
    expect(html).toContain('được tin cậy (chuỗi đến Sổ Điểm Số – CA dùng thử)');
    const file = (await clerk.get(`/api/v1/documents/${fullySigned}/pdf`)).body as Buffer;
    const check = await upload(server.baseUrl, `/api/v1/verify/${fullySigned}/check`, file);
    expect(check.body.matches).toBe(true);
    expect(check.body.signatures.map((s: { trusted: boolean }) => s.trusted)).toEqual([true, true, true]);
    const out = join(mkdtempSync(join(tmpdir(), 'sodiem-trust-')), 'demo-signed.pdf');
    writeFileSync(out, file);
    expect(pdfsig(out).map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);
  });

  it.runIf(haveTools)('the seal of the demo school is registered, by its principal, with its audit entry', async () => {
    const seal = await principal.get(`/api/v1/schools/${server.demo!.schoolId}/seal`);
    expect(seal.status).toBe(200);
    const principalName = (await server.database.handle.db.selectFrom('users').select('full_name').where('username', '=', 'hieutruong').executeTakeFirstOrThrow()).full_name;
    expect(seal.body.current).toMatchObject({ registeredBy: principalName, replacedAt: null });
    expect(seal.body.current.subject).toContain('Con dấu điện tử (dùng thử)');
    expect(seal.body.canRegister).toBe(true);
    expect((await clerk.get(`/api/v1/schools/${server.demo!.schoolId}/seal`)).body.canRegister).toBe(false);
    const events = await server.database.handle.db.selectFrom('audit_events').select(['action', 'entity_id', 'actor_role']).where('action', '=', 'seal.registered').execute();
    expect(events).toEqual([{ action: 'seal.registered', entity_id: expect.any(String), actor_role: 'principal' }]);
  });

  it.runIf(haveTools)('the clerk\'s self-made .p12 ("O=Bo Giao duc va Dao tao") at the seal step: refused, nothing stored, no "Đã ký đủ"', async () => {
    const db = server.database.handle.db;
    const before = await db.selectFrom('documents').select(['current_sha256', 'status']).where('id', '=', awaitingSeal.id).executeTakeFirstOrThrow();
    const signs = async () => (await db.selectFrom('audit_events').select('id').where('action', '=', 'document.sign').where('entity_id', '=', awaitingSeal.id).execute()).length;
    const signsBefore = await signs();
    const refused = await clerk.post(`/api/v1/documents/${awaitingSeal.id}/signatures`, { method: 'pkcs12', seq: 3, expectedSha256: awaitingSeal.currentSha256, p12: p12(selfMade), password: PASSWORD });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toContain('không phải chứng thư con dấu đã đăng kí của nhà trường');
    expect(refused.body.errors).toEqual([{ field: 'certificate', message: 'không phải con dấu đã đăng kí' }]);
    // A trusted certificate that is not the registered seal (the principal's own) is refused too.
    const certs = await ensureDemoCertificates(db, server.database.dataDir, server.clock());
    const own = await clerk.post(`/api/v1/documents/${awaitingSeal.id}/signatures`, {
      method: 'pkcs12',
      seq: 3,
      expectedSha256: awaitingSeal.currentSha256,
      p12: p12(certs!.people.find((p) => p.username === 'hieutruong')!.file),
      password: server.demo!.password,
    });
    expect(own.status).toBe(400);
    expect(own.body.message).toContain('không phải chứng thư con dấu đã đăng kí');
    expect(await db.selectFrom('documents').select(['current_sha256', 'status']).where('id', '=', awaitingSeal.id).executeTakeFirstOrThrow()).toEqual(before);
    expect(await signs()).toBe(signsBefore);
    const v = await anonymous.get(`/api/v1/verify/${awaitingSeal.id}`);
    expect(v.body.statusLabel).not.toContain('Đã ký đủ');
    expect(v.body.signatures[2]).toMatchObject({ status: 'pending', trustStatus: null });

    // The registered seal is accepted.
    const sealed = await clerk.post(`/api/v1/documents/${awaitingSeal.id}/signatures`, {
      method: 'pkcs12',
      seq: 3,
      expectedSha256: awaitingSeal.currentSha256,
      p12: p12(certs!.seal),
      password: server.demo!.password,
    });
    expect(sealed.status, JSON.stringify(sealed.body)).toBe(200);
    expect((await anonymous.get(`/api/v1/verify/${awaitingSeal.id}`)).body.statusLabel).toBe('Đã ký đủ');
  });

  it.runIf(haveTools)('a copy sealed outside the app with the self-made certificate: /verify says the certificate is not trusted', async () => {
    const original = (await clerk.get(`/api/v1/documents/${fullySigned}/pdf`)).body as Buffer;
    const forged = await signPdf(original, await createPkcs12Signer({ file: selfMade, password: PASSWORD }), { reason: 'Đóng dấu', name: 'Trường THCS Nguyễn Trãi', location: 'Hưng Yên', signingTime: server.clock() });
    const check = await upload(server.baseUrl, `/api/v1/verify/${fullySigned}/check`, forged);
    expect(check.body.matches).toBe(false);
    const last = check.body.signatures[3];
    expect(last).toMatchObject({ valid: true, trusted: false, trustStatus: 'untrusted' });
    expect(last.trust).toMatch(/^Chữ ký đúng nhưng chứng thư KHÔNG thuộc tổ chức chứng thực được tin cậy \(không tìm thấy chuỗi chứng thư từ tổ chức cấp "Sổ Điểm Số Test CA cấp 2"/);
    const html = await (await fetch(`${server.baseUrl}/verify/${fullySigned}`, { method: 'POST', body: (() => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(forged)], { type: 'application/pdf' }), 'x.pdf');
      return form;
    })() })).text();
    expect(html).toContain('KHÔNG thuộc tổ chức chứng thực được tin cậy');
  });
});

describe('a school whose signers hold certificates of a configured CA (the test PKI), with a CRL and an OCSP responder', () => {
  let server: TestServer;
  let pki: TestPki;
  let other: TestPki;
  let crl: Awaited<ReturnType<typeof serve>>;
  let crlBytes: Buffer = Buffer.alloc(0);
  let clerk: TestClient;
  let homeroom: TestClient;
  let principal: TestClient;
  let anonymous: TestClient;
  let schoolId: string;
  let homeroomP12: string;
  let principalP12: string;
  let revokedPrincipalP12: string;
  let revokedStranger: TestIdentity;
  let seal: TestIdentity;
  let sealedDoc: string;
  const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

  beforeAll(async () => {
    crl = await serve(() => crlBytes);
    const pkiDir = mkdtempSync(join(tmpdir(), 'sodiem-pki-'));
    server = await startTestServer({
      demo: true,
      demoScores: true,
      env: {
        SODIEM_SEAL_BACKEND: 'pkcs12',
        SODIEM_SEAL_P12_FILE: join(pkiDir, 'con-dau.p12'),
        SODIEM_SEAL_P12_PASSWORD: PASSWORD,
        // The shipped roots and this PKI's folder (its root is written once the server's clock exists).
        SODIEM_TRUST_ROOTS: `${shippedTrustRootsDir()},${pkiDir}`,
      },
    });
    if (!haveTools) return;
    pki = await createTestPki(pkiDir, { clock: server.clock });
    other = await createTestPki(undefined, { clock: server.clock });
    seal = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Trường THCS Nguyễn Trãi', organizationalUnit: 'Con dấu điện tử' });
    pki.pkcs12(seal, PASSWORD, { fileName: 'con-dau.p12' });
    const db = server.database.handle.db;
    const name = async (u: string) => (await db.selectFrom('users').select('full_name').where('username', '=', u).executeTakeFirstOrThrow()).full_name;
    homeroomP12 = pki.pkcs12(await pki.issue({ commonName: await name('gvcn.9a1') }, { crlUrl: crl.url }), PASSWORD);
    principalP12 = pki.pkcs12(await pki.issue({ commonName: await name('hieutruong') }, { crlUrl: crl.url }), PASSWORD);
    const revokedPrincipal = await pki.issue({ commonName: await name('hieutruong') }, { crlUrl: crl.url });
    revokedPrincipalP12 = pki.pkcs12(revokedPrincipal, PASSWORD);
    revokedStranger = await pki.issue({ commonName: 'Lê Văn Bị Thu Hồi' }, { crlUrl: crl.url });
    crlBytes = await pki.crl([revokedPrincipal, revokedStranger]);
    schoolId = server.demo!.schoolId;
    clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
    homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    anonymous = new TestClient(server.baseUrl);
    const started = await clerk.post(`/api/v1/schools/${schoolId}/print-jobs`, { kind: 'transcript', classIds: [server.demo!.classIds['9A1']] });
    expect((await waitForJob(clerk, started.body.id)).status).toBe('done');
  }, 180_000);
  afterAll(async () => {
    await server?.close();
    await crl?.close();
  });

  const signAs = (client: TestClient, doc: { id: string; currentSha256: string }, seq: number, file: string) =>
    client.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'pkcs12', seq, expectedSha256: doc.currentSha256, p12: p12(file), password: PASSWORD });

  it.runIf(haveTools)('until the principal registers the seal, the seal step refuses and says who must register it', async () => {
    const [doc] = await documentsAwaiting(homeroom, schoolId);
    const s1 = await signAs(homeroom, doc, 1, homeroomP12);
    expect(s1.status, JSON.stringify(s1.body)).toBe(200);
    const s2 = await signAs(principal, s1.body, 2, principalP12);
    expect(s2.status, JSON.stringify(s2.body)).toBe(200);
    // The CA's CRL was asked, and it does not list them.
    expect(crl.hits()).toBeGreaterThan(0);
    const refused = await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 });
    expect(refused.status).toBe(400);
    expect(refused.body.message).toBe(
      'Nhà trường chưa đăng kí chứng thư số con dấu, nên chưa đóng dấu số được. Hiệu trưởng cần đăng kí chứng thư con dấu của trường (trang Ký số, mục “Con dấu số của nhà trường”) trước.',
    );
    expect((await server.database.handle.db.selectFrom('documents').select('status').where('id', '=', doc.id).executeTakeFirstOrThrow()).status).toBe('signing');
    sealedDoc = doc.id;
  });

  it.runIf(haveTools)('only the principal registers; an untrusted certificate is refused; the configured one is registered and audited', async () => {
    const status = await principal.get(`/api/v1/schools/${schoolId}/seal`);
    expect(status.body).toMatchObject({ current: null, previous: [], configuredError: null, canRegister: true });
    expect(status.body.configured).toMatchObject({ certificateSha256: readCert(seal.der).description.sha256, trusted: true });
    expect(status.body.configured.trust).toContain('được tin cậy (chuỗi đến Sổ Điểm Số Test Root CA)');
    expect((await clerk.post(`/api/v1/schools/${schoolId}/seal`, { source: 'configured' })).status).toBe(403);
    expect((await anonymous.post(`/api/v1/schools/${schoolId}/seal`, { source: 'configured' })).status).toBe(401);
    const untrusted = await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'certificate', certificate: pem((await other.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Bo Giao duc va Dao tao' })).der) });
    expect(untrusted.status).toBe(400);
    expect(untrusted.body.message).toContain('không thuộc tổ chức chứng thực được tin cậy');
    const garbage = await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'certificate', certificate: 'A'.repeat(200) });
    expect(garbage.status).toBe(400);
    expect(garbage.body.errors[0].field).toBe('certificate');

    const registered = await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'configured' });
    expect(registered.status, JSON.stringify(registered.body)).toBe(200);
    expect(registered.body.current).toMatchObject({ certificateSha256: readCert(seal.der).description.sha256, registeredBy: (await authOf(server, 'hieutruong')).user.full_name });
    // The same again changes nothing (no second audit entry).
    expect((await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'configured' })).status).toBe(200);
    const events = await server.database.handle.db.selectFrom('audit_events').select(['after_json', 'actor_role']).where('action', '=', 'seal.registered').execute();
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].after_json!)).toMatchObject({ certificateSha256: readCert(seal.der).description.sha256 });

    const doc = (await clerk.get(`/api/v1/documents/${sealedDoc}`)).body;
    const sealed = await clerk.post(`/api/v1/documents/${sealedDoc}/signatures`, { method: 'server', seq: 3, expectedSha256: doc.currentSha256 });
    expect(sealed.status, JSON.stringify(sealed.body)).toBe(200);
    const v = await anonymous.get(`/api/v1/verify/${sealedDoc}`);
    expect(v.body.statusLabel).toBe('Đã ký đủ');
    expect(v.body.signatures.map((s: { trustStatus: string }) => s.trustStatus)).toEqual(['trusted', 'trusted', 'trusted']);
    expect(v.body.signatures[0].trust).toContain('được tin cậy (chuỗi đến Sổ Điểm Số Test Root CA); đã kiểm tra thu hồi (CRL): chưa bị thu hồi.');
  });

  it.runIf(haveTools)('a revoked certificate (the CA\'s CRL lists it): signing refused; an uploaded copy signed with one says revoked', async () => {
    const docs = await documentsAwaiting(homeroom, schoolId);
    const s1 = await signAs(homeroom, docs[0], 1, homeroomP12);
    expect(s1.status).toBe(200);
    const refused = await signAs(principal, s1.body, 2, revokedPrincipalP12);
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/^Không ký được: Chứng thư đã bị thu hồi: chứng thư "[^"]+" bị thu hồi từ ngày \d\d\/\d\d\/\d{4} \(theo CRL của tổ chức chứng thực\)\.$/);
    expect(refused.body.errors).toEqual([{ field: 'certificate', message: 'đã bị thu hồi' }]);

    const original = (await clerk.get(`/api/v1/documents/${docs[1].id}/pdf`)).body as Buffer;
    const signer = await createPkcs12Signer({ file: pki.pkcs12(revokedStranger, PASSWORD), password: PASSWORD });
    const copy = await signPdf(original, signer, { reason: 'Xác nhận', name: 'Lê Văn Bị Thu Hồi', location: 'Hưng Yên', signingTime: server.clock() });
    const check = await upload(server.baseUrl, `/api/v1/verify/${docs[1].id}/check`, copy);
    expect(check.body.signatures[0]).toMatchObject({ valid: true, trusted: false, trustStatus: 'revoked' });
    expect(check.body.signatures[0].trust).toContain('Chứng thư đã bị thu hồi: chứng thư "Lê Văn Bị Thu Hồi" bị thu hồi');
  });

  it.runIf(haveTools)('a document signed under another configuration (a root no longer trusted): /verify says untrusted, never "Đã ký đủ"', async () => {
    const db = server.database.handle.db;
    const [doc] = await documentsAwaiting(homeroom, schoolId);
    // Signed as the server once trusted `other` (the action itself, with that trust), then the chain goes on in the app.
    const outsider = other.pkcs12(await other.issue({ commonName: (await authOf(server, 'gvcn.9a1')).user.full_name }), PASSWORD);
    const auth = await authOf(server, 'gvcn.9a1');
    const now = server.clock();
    await signDocument({
      db,
      dataDir: server.database.dataDir,
      auth,
      audit: { actorUserId: auth.user.id, actorRole: primaryRole(auth.actor), ip: '127.0.0.1', userAgent: 'test', requestId: 'legacy', now: now.toISOString() },
      documentId: doc.id,
      seq: 1,
      expectedSha256: doc.currentSha256,
      openSigner: () => createPkcs12Signer({ file: outsider, password: PASSWORD }),
      location: 'Hưng Yên',
      now,
      trust: memoryTrustStore([other.root.der]),
    });
    const after1 = (await clerk.get(`/api/v1/documents/${doc.id}`)).body;
    const s2 = await signAs(principal, after1, 2, principalP12);
    expect(s2.status).toBe(200);
    const s3 = await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 });
    expect(s3.status).toBe(200);
    expect(s3.body.status).toBe('signed');
    const v = await anonymous.get(`/api/v1/verify/${doc.id}`);
    expect(v.body.status).toBe('signed');
    expect(v.body.statusLabel).not.toContain('Đã ký đủ');
    expect(v.body.statusLabel).toContain('không được tin cậy');
    expect(v.body.signatures.map((s: { trustStatus: string }) => s.trustStatus)).toEqual(['untrusted', 'trusted', 'trusted']);
    expect(v.body.signatures[0].trust).toContain('Chữ ký đúng nhưng chứng thư KHÔNG thuộc tổ chức chứng thực được tin cậy');
    const html = await (await fetch(`${server.baseUrl}/verify/${doc.id}`)).text();
    expect(html).not.toContain('Đã ký đủ');
    expect(html).toContain('class="warn"');
  });

  it.runIf(haveTools)('a new registration replaces the old: seals applied before stay the school\'s; the old certificate is refused from then on', async () => {
    const renewed = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Trường THCS Nguyễn Trãi', organizationalUnit: 'Con dấu điện tử (gia hạn)' });
    const res = await principal.post(`/api/v1/schools/${schoolId}/seal`, { source: 'certificate', certificate: renewed.chain.map(pem).join('') });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.current.certificateSha256).toBe(readCert(renewed.der).description.sha256);
    expect(res.body.previous.map((r: { certificateSha256: string }) => r.certificateSha256)).toEqual([readCert(seal.der).description.sha256]);
    expect((await anonymous.get(`/api/v1/verify/${sealedDoc}`)).body.statusLabel).toBe('Đã ký đủ');
    const [doc] = await documentsAwaiting(homeroom, schoolId);
    const s1 = await signAs(homeroom, doc, 1, homeroomP12);
    const s2 = await signAs(principal, s1.body, 2, principalP12);
    const old = await clerk.post(`/api/v1/documents/${doc.id}/signatures`, { method: 'server', seq: 3, expectedSha256: s2.body.currentSha256 });
    expect(old.status).toBe(400);
    expect(old.body.message).toContain('không phải chứng thư con dấu đã đăng kí');
    const events = await server.database.handle.db.selectFrom('audit_events').select(['before_json']).where('action', '=', 'seal.registered').orderBy('seq').execute();
    expect(JSON.parse(events[1].before_json!)).toMatchObject({ certificateSha256: readCert(seal.der).description.sha256 });
  });

  it.runIf(haveTools)('OCSP: a certificate the responder (openssl ocsp) says is revoked is revoked; one it knows is good', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-ocsp-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const good = await pki.issue({ commonName: 'Nguyễn Văn Tốt' }, { ocspUrl: url });
    const bad = await pki.issue({ commonName: 'Nguyễn Văn Xấu' }, { ocspUrl: url });
    const line = (flag: string, id: TestIdentity, revokedAt = '') => `${flag}\t491231235959Z\t${revokedAt}\t${id.certificate.serialNumber.toUpperCase()}\tunknown\t/CN=x\n`;
    writeFileSync(join(dir, 'index.txt'), line('V', good) + line('R', bad, '261101000000Z'));
    const responder: ChildProcess = spawn('openssl', ['ocsp', '-index', join(dir, 'index.txt'), '-port', String(port), '-CA', pki.intermediate.certFile, '-rsigner', pki.intermediate.certFile, '-rkey', pki.intermediate.keyFile, '-nrequest', '4'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      await listening(responder);
      const store = memoryTrustStore([pki.root.der], { onlineRevocation: true });
      const now = server.clock();
      const revoked = await assessCertificate(bad.chain, store, now, now);
      expect(revoked).toMatchObject({ status: 'revoked', revocation: { status: 'revoked', source: 'ocsp' } });
      const fine = await assessCertificate(good.chain, store, now, now);
      expect(fine).toMatchObject({ status: 'trusted', revocation: { status: 'good', source: 'ocsp' } });
      expect(fine.message).toContain('đã kiểm tra thu hồi (OCSP): chưa bị thu hồi');
    } finally {
      responder.kill();
    }
  });
});

describe('certificate paths and revocation, without a server', () => {
  let pki: TestPki;
  const at = new Date('2026-11-23T03:00:00.000Z');

  beforeAll(async () => {
    pki = await createTestPki();
  });

  const pathOf = (id: { der: Buffer; chain: Buffer[] }, when = at) => {
    const [signer, ...carried] = id.chain.map(readCert);
    return buildCertificatePath(signer, carried, memoryTrustStore([pki.root.der]), when);
  };

  it('a certificate "issued" by a signer\'s own key (not a CA) does not chain, whatever its name', async () => {
    const teacher = await pki.issue({ commonName: 'Nguyễn Thị Hương' });
    const key = await webcrypto.subtle.importKey('pkcs8', teacher.keyPkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    const keys = (await webcrypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 }, true, ['sign', 'verify'])) as CryptoKeyPair;
    x509.cryptoProvider.set(webcrypto as unknown as Crypto);
    const forged = await x509.X509CertificateGenerator.create({
      serialNumber: '0badc0de',
      subject: 'C=VN, O=Bo Giao duc va Dao tao, CN=Bộ Giáo dục và Đào tạo',
      issuer: teacher.certificate.subjectName,
      notBefore: new Date(at.getTime() - 86_400_000),
      notAfter: new Date(at.getTime() + 86_400_000),
      publicKey: keys.publicKey,
      signingKey: key,
      signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    });
    const result = pathOf({ der: Buffer.from(forged.rawData), chain: [Buffer.from(forged.rawData), ...teacher.chain] });
    expect(result).toEqual({ ok: false, reason: 'không tìm thấy chuỗi chứng thư từ tổ chức cấp "Nguyễn Thị Hương" đến một tổ chức chứng thực gốc được tin cậy' });
  });

  it('a key not allowed to sign, and a certificate expired at the signing time, are not trusted', async () => {
    const encipherOnly = await pki.issue({ commonName: 'Chỉ mã hoá' }, { keyUsage: x509.KeyUsageFlags.keyEncipherment });
    expect(pathOf(encipherOnly)).toEqual({ ok: false, reason: 'chứng thư "Chỉ mã hoá" không được phép dùng để ký số (mục đích sử dụng khoá)' });
    const shortLived = await pki.issue({ commonName: 'Hết hạn' }, { notAfter: new Date(at.getTime() + 3_600_000) });
    expect(pathOf(shortLived).ok).toBe(true);
    const later = pathOf(shortLived, new Date(at.getTime() + 86_400_000));
    expect(later).toMatchObject({ ok: false });
    expect((later as { reason: string }).reason).toMatch(/^Chứng thư số "Hết hạn" đã hết hiệu lực \(hiệu lực đến .*\) vào thời điểm ký$/);
  });

  it('revocation: nowhere to ask, an address that does not answer, or checks switched off → "chưa kiểm tra được thu hồi", never a failure', async () => {
    const none = await pki.issue({ commonName: 'Không ghi CRL' });
    const online = memoryTrustStore([pki.root.der], { onlineRevocation: true });
    expect((await assessCertificate(none.chain, online, at, at)).message).toContain('chưa kiểm tra được thu hồi (chứng thư "Không ghi CRL" không ghi nơi kiểm tra thu hồi)');
    const closed = await serve(() => Buffer.alloc(0));
    await closed.close();
    const dead = await pki.issue({ commonName: 'CRL không trả lời' }, { crlUrl: closed.url });
    const unanswered = await assessCertificate(dead.chain, online, at, at);
    expect(unanswered).toMatchObject({ status: 'trusted', revocation: { status: 'unknown' } });
    expect(unanswered.message).toContain('chưa kiểm tra được thu hồi (không liên lạc được với nơi kiểm tra thu hồi của tổ chức chứng thực)');
    // Off (SODIEM_REVOCATION_CHECK=off): a certificate its CA revoked is not even asked about.
    let revokedList: Buffer = Buffer.alloc(0);
    const listing = await serve(() => revokedList);
    const withCrl = await pki.issue({ commonName: 'Đã thu hồi' }, { crlUrl: listing.url });
    revokedList = await pki.crl([withCrl]);
    const config = trustConfigFromEnv({ SODIEM_TRUST_ROOTS: pki.caFile, SODIEM_REVOCATION_CHECK: 'off' }, { dataDir: tmpdir(), demo: false });
    expect(config.onlineRevocation).toBe(false);
    const offline = await assessCertificate(withCrl.chain, fileTrustStore(config), at, at);
    expect(offline.message).toContain('chưa kiểm tra được thu hồi (máy chủ không kiểm tra thu hồi trực tuyến (SODIEM_REVOCATION_CHECK=off))');
    expect(listing.hits()).toBe(0);
    await listing.close();
    expect(() => trustConfigFromEnv({ SODIEM_REVOCATION_CHECK: 'sometimes' }, { dataDir: tmpdir(), demo: false })).toThrow('SODIEM_REVOCATION_CHECK phải là online hoặc off');
  });

  it('the shipped roots: the Vietnam National Root CA and the Government root G2 are anchors; a missing folder stops the start', () => {
    const store = fileTrustStore(trustConfigFromEnv({}, { dataDir: tmpdir(), demo: false }));
    const { anchors, intermediates } = store.load();
    expect(anchors.map((a) => a.description.sha256).sort()).toEqual([
      'bac8bf609ab420a8ee1780d74f4de5c7f7184959d2a7375b0a75e4c29f0908e7',
      'f04ba4b459a7c9a1b971ad9b1cb833e695a80c79aea63b174b66a70edfe2fdb8',
    ]);
    for (const i of intermediates) expect(anchors.some((a) => i.x509.checkIssued(a.x509) && i.x509.verify(a.x509.publicKey))).toBe(true);
    expect(() => fileTrustStore(trustConfigFromEnv({ SODIEM_TRUST_ROOTS: '/khong/co/thu-muc' }, { dataDir: tmpdir(), demo: false }))).toThrow(
      'Cấu hình không hợp lệ: không có thư mục hoặc tệp chứng thư gốc tin cậy /khong/co/thu-muc (SODIEM_TRUST_ROOTS).',
    );
  });
});
