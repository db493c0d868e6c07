/**
 * The remote back-end against the local remote-signing service (test/helpers/remote-signing-server.ts):
 * sign a PDF (pdfsig valid), sign after an approval on the "phone", and the errors a school meets:
 * wrong token, unknown credential, refused request, service down, service too slow.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner, signerConfigFromEnv } from '../../src/server/platform/signing/create-signer.ts';
import { createRemoteSigner } from '../../src/server/platform/signing/remote-signer.ts';
import { signPdf } from '../../src/server/platform/signing/sign-pdf.ts';
import { verifyPdfSignatures } from '../../src/server/platform/signing/verify-pdf.ts';
import { type TestIdentity, type TestPki, VIETNAMESE_NAMES, createTestPki, opensslVerifyPdfSignature, pdfsig, requireTools, samplePdf } from '../helpers/pki.ts';
import { type RemoteSigningServer, startRemoteSigningServer } from '../helpers/remote-signing-server.ts';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { TEST_NOW } from '../helpers/test-clock.ts';

const RUN = requireTools(['pdfsig', 'openssl']);
const OUT = join(process.cwd(), 'test-results');
const TOKEN = 'smartca-token-0123456789';
const CREDENTIAL = 'hieu-truong/CTS 01';
/** No server of ours here: the PKI and the signature share one fixed instant (issue 12: never the wall clock). */
const SIGNED_AT = new Date(TEST_NOW);

describe.runIf(RUN)('signing with a remote-signing service', () => {
  let pki: TestPki;
  let identity: TestIdentity;
  let service: RemoteSigningServer;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    pki = await createTestPki(undefined, { clock: fixedClock(SIGNED_AT) });
    identity = await pki.issue(VIETNAMESE_NAMES.principal);
    service = await startRemoteSigningServer({ identity, token: TOKEN, credentialId: CREDENTIAL });
  });
  afterAll(() => service.close());

  const config = (overrides: Partial<{ url: string; token: string; credentialId: string; timeoutMs: number }> = {}) => ({
    backend: 'remote' as const,
    url: service.url,
    token: TOKEN,
    credentialId: CREDENTIAL,
    ...overrides,
  });

  it('signs a PDF; the service only ever sees the hash', async () => {
    service.options.mode = 'immediate';
    const signer = await createSigner(config());
    expect(signer.backend).toBe('remote');
    expect((await signer.certificateChain()).map((c) => c.toString('hex'))).toEqual(identity.chain.map((c) => c.toString('hex')));
    const signed = await signPdf(await samplePdf(), signer, { reason: 'Hiệu trưởng phê duyệt học bạ', name: 'Trần Văn Đức', location: 'Mỹ Hào, Hưng Yên', signingTime: SIGNED_AT });
    const file = join(OUT, 'signing-remote.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file)).toMatchObject([{ commonName: 'Trần Văn Đức', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
    const ours = await verifyPdfSignatures(signed, { trustedRoots: [pki.root.der] });
    expect(ours).toMatchObject([{ valid: true, trusted: true }]);
    expect(opensslVerifyPdfSignature(signed, ours[0].byteRange, pki.caFile, SIGNED_AT)).toBe('CMS Verification successful');
    expect(service.receivedHashes).toHaveLength(1);
    expect(Buffer.from(service.receivedHashes[0], 'base64')).toHaveLength(32);
  });

  it('waits for the approval on the phone (202, then polling)', async () => {
    service.options.mode = 'approve';
    const signer = await createRemoteSigner(config(), { pollIntervalMs: 20, description: 'Học bạ Nguyễn Văn An – 9A1' });
    const data = Buffer.from('thuộc tính đã ký');
    const signature = await signer.sign(data);
    expect(signature).toHaveLength(256);
    expect(service.receivedHashes.at(-1)).toBe(createHash('sha256').update(data).digest('base64'));
  });

  it('reports a refusal on the phone', async () => {
    service.options.mode = 'reject';
    const signer = await createRemoteSigner(config(), { pollIntervalMs: 20 });
    await expect(signer.sign(Buffer.from('x'))).rejects.toMatchObject({ code: 'rejected', message: 'Người ký đã từ chối yêu cầu ký trên ứng dụng.' });
    service.options.mode = 'immediate';
  });

  it('explains a wrong token and an unknown credential', async () => {
    await expect(createSigner(config({ token: 'sai' }))).rejects.toMatchObject({
      code: 'unauthorized',
      message: 'Dịch vụ ký số từ xa từ chối mã truy cập: mã sai hoặc đã hết hạn (invalid token).',
    });
    await expect(createSigner(config({ credentialId: 'khong-co' }))).rejects.toMatchObject({
      code: 'credential_not_found',
      message: 'Dịch vụ ký số từ xa không có chứng thư số "khong-co" (unknown credential).',
    });
  });

  it('explains a service that is down and one that is too slow', async () => {
    const down = await startRemoteSigningServer({ identity, token: TOKEN, credentialId: CREDENTIAL });
    const url = down.url;
    await down.close();
    await expect(createSigner(config({ url }))).rejects.toMatchObject({
      code: 'service_unavailable',
      message: `Không kết nối được dịch vụ ký số từ xa (${url}). Kiểm tra địa chỉ dịch vụ và kết nối mạng.`,
    });

    const slow = await startRemoteSigningServer({ identity, token: TOKEN, credentialId: CREDENTIAL, delayMs: 2_000 });
    try {
      const started = Date.now();
      await expect(createSigner(config({ url: slow.url, timeoutMs: 300 }))).rejects.toMatchObject({
        code: 'timeout',
        message: 'Dịch vụ ký số từ xa không phản hồi sau 0,3 giây. Vui lòng thử lại sau.',
      });
      expect(Date.now() - started).toBeLessThan(1_500);
    } finally {
      await slow.close();
    }
  });

  it('reads the configuration of each back-end from the environment', () => {
    expect(signerConfigFromEnv({})).toBeNull();
    expect(signerConfigFromEnv({ SODIEM_SIGNING_BACKEND: 'remote', SODIEM_SIGNING_REMOTE_URL: 'https://ky.example.vn', SODIEM_SIGNING_REMOTE_TOKEN: 't', SODIEM_SIGNING_REMOTE_CREDENTIAL: 'c', SODIEM_SIGNING_REMOTE_TIMEOUT_MS: '5000' })).toEqual({
      backend: 'remote',
      url: 'https://ky.example.vn',
      token: 't',
      credentialId: 'c',
      timeoutMs: 5000,
    });
    expect(signerConfigFromEnv({ SODIEM_SIGNING_BACKEND: 'pkcs12', SODIEM_SIGNING_P12_FILE: '/etc/sodiem/dau.p12', SODIEM_SIGNING_P12_PASSWORD: 'p' })).toEqual({ backend: 'pkcs12', file: '/etc/sodiem/dau.p12', password: 'p' });
    expect(signerConfigFromEnv({ SODIEM_SIGNING_BACKEND: 'pkcs11', SODIEM_SIGNING_PKCS11_MODULE: '/usr/lib/x.so', SODIEM_SIGNING_PKCS11_TOKEN_LABEL: 'T', SODIEM_SIGNING_PKCS11_PIN: '1' })).toMatchObject({
      backend: 'pkcs11',
      modulePath: '/usr/lib/x.so',
      tokenLabel: 'T',
      pin: '1',
    });
    expect(() => signerConfigFromEnv({ SODIEM_SIGNING_BACKEND: 'pkcs11' })).toThrow('Thiếu biến môi trường SODIEM_SIGNING_PKCS11_MODULE cho cấu hình ký số.');
    expect(() => signerConfigFromEnv({ SODIEM_SIGNING_BACKEND: 'usb' })).toThrow('SODIEM_SIGNING_BACKEND phải là pkcs12, pkcs11 hoặc remote (đang là "usb").');
  });
});
