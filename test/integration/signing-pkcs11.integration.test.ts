/**
 * The PKCS#11 back-end against SoftHSM 2 (a software token): a token in a temporary directory,
 * the key imported with softhsm2-util, the certificate stored on the token with C_CreateObject;
 * sign a PDF and check it with pdfsig. Also: wrong PIN, unknown token, an EC P-256 key with the
 * certificate given as a file.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigner } from '../../src/server/platform/signing/create-signer.ts';
import { signPdf } from '../../src/server/platform/signing/sign-pdf.ts';
import { collectSignatures } from '../../src/server/platform/signing/batch-signer.ts';
import type { Signer } from '../../src/server/platform/signing/signer.ts';
import { verifyPdfSignatures } from '../../src/server/platform/signing/verify-pdf.ts';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { SOFTHSM_MODULE, type TestIdentity, type TestPki, VIETNAMESE_NAMES, createTestPki, opensslVerifyPdfSignature, pdfsig, requireTools, samplePdf } from '../helpers/pki.ts';
import { TEST_NOW } from '../helpers/test-clock.ts';

const RUN = requireTools(['pdfsig', 'openssl', 'softhsm2']);
const OUT = join(process.cwd(), 'test-results');
const TOKEN = 'TruongLQD';
const PIN = '246810';
/** No server here: the PKI and every signature share one fixed instant (issue 12: never the wall clock). */
const SIGNED_AT = new Date(TEST_NOW);

/** Stores a certificate on the token next to its key (same CKA_ID), as a CA's token tool does. */
function storeCertificate(identity: TestIdentity, label: string, idHex: string): void {
  const pkcs11 = new pkcs11js.PKCS11();
  pkcs11.load(SOFTHSM_MODULE);
  pkcs11.C_Initialize();
  try {
    const slot = pkcs11.C_GetSlotList(true).find((s) => pkcs11.C_GetTokenInfo(s).label.trim() === TOKEN);
    if (!slot) throw new Error('test token not found');
    const session = pkcs11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    pkcs11.C_Login(session, pkcs11js.CKU_USER, PIN);
    pkcs11.C_CreateObject(session, [
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
      { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
      { type: pkcs11js.CKA_TOKEN, value: true },
      { type: pkcs11js.CKA_LABEL, value: label },
      { type: pkcs11js.CKA_ID, value: Buffer.from(idHex, 'hex') },
      { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(identity.certificate.subjectName.toArrayBuffer()) },
      { type: pkcs11js.CKA_VALUE, value: identity.der },
    ]);
    pkcs11.C_Logout(session);
    pkcs11.C_CloseSession(session);
  } finally {
    pkcs11.C_Finalize();
    pkcs11.close();
  }
}

describe.runIf(RUN)('signing with a PKCS#11 token (SoftHSM)', () => {
  let pki: TestPki;
  let principal: TestIdentity;
  let ecIdentity: TestIdentity;
  const previousConf = process.env.SOFTHSM2_CONF;
  const opened: Signer[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    pki = await createTestPki(undefined, { clock: fixedClock(SIGNED_AT) });
    const tokens = join(pki.dir, 'tokens');
    mkdirSync(tokens);
    const conf = join(pki.dir, 'softhsm2.conf');
    writeFileSync(conf, `directories.tokendir = ${tokens}\nobjectstore.backend = file\nlog.level = ERROR\n`);
    process.env.SOFTHSM2_CONF = conf; // read by libsofthsm2 in this process and by softhsm2-util
    principal = await pki.issue(VIETNAMESE_NAMES.principal);
    ecIdentity = await pki.issue({ commonName: 'Phạm Thu Hà', organization: 'Trường THCS Lê Quý Đôn', locality: 'Mỹ Hào' }, { keyType: 'ec' });
    const util = (args: string[]) => execFileSync('softhsm2-util', args, { env: process.env, stdio: 'pipe' });
    util(['--init-token', '--free', '--label', TOKEN, '--pin', PIN, '--so-pin', '13579135']);
    util(['--import', principal.keyFile, '--token', TOKEN, '--label', 'hieu-truong', '--id', '01a2', '--pin', PIN]);
    util(['--import', ecIdentity.keyFile, '--token', TOKEN, '--label', 'pho-hieu-truong', '--id', '02b3', '--pin', PIN]);
    storeCertificate(principal, 'hieu-truong', '01a2');
  });

  afterAll(async () => {
    for (const signer of opened) await signer.close?.();
    if (previousConf === undefined) delete process.env.SOFTHSM2_CONF;
    else process.env.SOFTHSM2_CONF = previousConf;
  });

  it('signs with the key on the token and the certificate read from the token', async () => {
    const signer = await createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'hieu-truong', extraCertificates: [pki.intermediate.chainFile] });
    opened.push(signer);
    expect(signer.backend).toBe('pkcs11');
    const chain = await signer.certificateChain();
    expect(chain[0].equals(principal.der)).toBe(true);
    expect(chain).toHaveLength(3);

    const signed = await signPdf(await samplePdf(), signer, { reason: 'Hiệu trưởng phê duyệt học bạ', name: 'Trần Văn Đức', location: 'Mỹ Hào, Hưng Yên', signingTime: SIGNED_AT });
    const file = join(OUT, 'signing-pkcs11.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file)).toMatchObject([{ commonName: 'Trần Văn Đức', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
    expect(await verifyPdfSignatures(signed, { trustedRoots: [pki.root.der] })).toMatchObject([{ valid: true, trusted: true, signer: { commonName: 'Trần Văn Đức' } }]);
  });

  it('signs with an EC P-256 key by CKA_ID, the chain given as a file, next to an earlier signature', async () => {
    const rsa = await createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyId: '01a2', certificateFile: principal.chainFile });
    const ec = await createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyId: '02b3', certificateFile: ecIdentity.chainFile });
    opened.push(rsa, ec);
    expect(await ec.signatureAlgorithm()).toBe('ecdsa-p256-sha256');
    const once = await signPdf(await samplePdf(), rsa, { reason: 'Phê duyệt', name: 'Trần Văn Đức', location: 'Mỹ Hào', signingTime: SIGNED_AT });
    const twice = await signPdf(once, ec, { reason: 'Phó hiệu trưởng xác nhận', name: 'Phạm Thu Hà', location: 'Mỹ Hào', signingTime: SIGNED_AT });
    const file = join(OUT, 'signing-pkcs11-ec.pdf');
    writeFileSync(file, twice);
    expect(pdfsig(file).map((s) => [s.commonName, s.validation])).toEqual([
      ['Trần Văn Đức', 'Signature is Valid.'],
      ['Phạm Thu Hà', 'Signature is Valid.'],
    ]);
    const ours = await verifyPdfSignatures(twice);
    expect(ours.map((s) => s.valid)).toEqual([true, true]);
    for (const s of ours) expect(opensslVerifyPdfSignature(twice, s.byteRange, pki.caFile, SIGNED_AT)).toBe('CMS Verification successful');
  });

  it('signs a batch of 3 PDFs on ONE session opened with the PIN once (issue 15 §3); closed, it signs no more', async () => {
    const signer = await createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'hieu-truong', extraCertificates: [pki.intermediate.chainFile] });
    let signs = 0;
    const counted: Signer = { ...signer, sign: (d) => (signs++, signer.sign(d)) };
    const batch = collectSignatures(counted, 3);
    const pdfs = await Promise.all(
      ['Nguyễn Văn An', 'Trần Thị Bình', 'Lê Minh Châu'].map(async (student) =>
        signPdf(await samplePdf(), batch.signer, { reason: `Hiệu trưởng ký học bạ ${student}`, name: 'Trần Văn Đức', location: 'Mỹ Hào', signingTime: SIGNED_AT }),
      ),
    );
    expect(signs).toBe(3);
    for (const [i, pdf] of pdfs.entries()) {
      const file = join(OUT, `signing-pkcs11-batch-${i}.pdf`);
      writeFileSync(file, pdf);
      expect(pdfsig(file)).toMatchObject([{ commonName: 'Trần Văn Đức', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
    }
    await signer.close?.();
    await expect(signer.sign(Buffer.from('x'))).rejects.toMatchObject({ code: 'token_not_found', message: 'Phiên làm việc với thiết bị ký số đã đóng.' });
  });

  it('explains a wrong PIN, an unknown token and a missing key in Vietnamese', async () => {
    const wrongPin = () => createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: '000000', keyLabel: 'hieu-truong' });
    // While other signers of this process are logged in to the token (PKCS#11 login is shared)…
    await expect(wrongPin()).rejects.toMatchObject({ code: 'bad_pin', message: 'Sai mã PIN của thiết bị ký số.' });
    // …and when the token checks the PIN itself.
    for (const signer of opened.splice(0)) await signer.close?.();
    await expect(wrongPin()).rejects.toMatchObject({ code: 'bad_pin', message: 'Sai mã PIN của thiết bị ký số.' });
    await expect(createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: 'KhongCo', pin: PIN })).rejects.toMatchObject({
      code: 'token_not_found',
      message: 'Không tìm thấy thiết bị ký số (token) có nhãn "KhongCo". Hãy cắm thiết bị và thử lại.',
    });
    await expect(createSigner({ backend: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'khong-co' })).rejects.toMatchObject({ code: 'no_key' });
    await expect(createSigner({ backend: 'pkcs11', modulePath: '/khong/co/libpkcs11.so', tokenLabel: TOKEN, pin: PIN })).rejects.toMatchObject({ code: 'token_not_found' });
  });
});
