/**
 * Digital signatures of our PDFs (P5, Q3) with the file back-end (.p12): a detached CMS checked by
 * openssl, a transcript signed in order homeroom teacher → principal → school seal with every
 * signature valid for pdfsig and for verifyPdfSignatures, Vietnamese names shown correctly, and a
 * flipped byte caught by both.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { signDetached } from '../../src/server/platform/signing/cms.ts';
import { createSigner } from '../../src/server/platform/signing/create-signer.ts';
import { describeCertificate } from '../../src/server/platform/signing/describe-certificate.ts';
import { signPdf } from '../../src/server/platform/signing/sign-pdf.ts';
import type { Signer } from '../../src/server/platform/signing/signer.ts';
import { verifyPdfSignatures } from '../../src/server/platform/signing/verify-pdf.ts';
import { fixedClock } from '../../src/server/platform/clock.ts';
import { type TestIdentity, type TestPki, VIETNAMESE_NAMES, createTestPki, opensslAtTime, opensslVerifyPdfSignature, pdfsig, requireTools, samplePdf } from '../helpers/pki.ts';
import { TEST_NOW } from '../helpers/test-clock.ts';

const RUN = requireTools(['pdfsig', 'openssl']);
const OUT = join(process.cwd(), 'test-results');
/** No server here: the PKI and every signature share one fixed instant (issue 12: never the wall clock). */
const SIGNED_AT = new Date(TEST_NOW);
const clock = fixedClock(SIGNED_AT);

describe.runIf(RUN)('signing PDFs with a .p12 file', () => {
  let pki: TestPki;
  let pdf: Buffer;
  const signers: Record<keyof typeof VIETNAMESE_NAMES, Signer> = {} as never;
  const identities: Record<keyof typeof VIETNAMESE_NAMES, TestIdentity> = {} as never;

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    pki = await createTestPki(undefined, { clock });
    pdf = await samplePdf();
    for (const [role, name] of Object.entries(VIETNAMESE_NAMES)) {
      const identity = await pki.issue(name);
      identities[role as keyof typeof VIETNAMESE_NAMES] = identity;
      // The seal's file comes from an older tool (3DES + RC2-40, SHA-1 MAC), the others from OpenSSL 3.
      const file = pki.pkcs12(identity, 'Mật khẩu@2026', { legacy: role === 'schoolSeal' });
      signers[role as keyof typeof VIETNAMESE_NAMES] = await createSigner({ backend: 'pkcs12', file, password: 'Mật khẩu@2026' });
    }
  });

  it('opens the .p12 and describes its certificate with the Vietnamese names intact', async () => {
    const chain = await signers.homeroomTeacher.certificateChain();
    expect(chain).toHaveLength(3);
    const d = describeCertificate(chain[0]);
    expect(d.commonName).toBe('Nguyễn Thị Hương');
    expect(d.organization).toBe('Trường THCS Lê Quý Đôn');
    expect(d.subject).toBe('CN=Nguyễn Thị Hương, O=Trường THCS Lê Quý Đôn, L=Mỹ Hào, ST=Hưng Yên, C=VN');
    expect(d.issuerCommonName).toBe('Sổ Điểm Số Test CA cấp 2');
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(d.serialNumber).toMatch(/^7E[0-9A-F]{16}$/);
    expect(d.notAfter.getTime()).toBeGreaterThan(d.notBefore.getTime());
    // The bytes are the CA's, not a re-encoding (node-forge would rewrite the UTF8String names).
    expect(chain[0].equals(identities.homeroomTeacher.der)).toBe(true);
    expect((await signers.schoolSeal.certificateChain()).map((c) => c.toString('hex'))).toEqual(identities.schoolSeal.chain.map((c) => c.toString('hex')));
  });

  it('refuses a wrong password with a Vietnamese message', async () => {
    const identity = await pki.issue({ commonName: 'Lê Văn Tám' });
    const file = pki.pkcs12(identity, 'dung');
    await expect(createSigner({ backend: 'pkcs12', file, password: 'sai' })).rejects.toThrow('Sai mật khẩu của tệp chứng thư số (.p12/.pfx).');
    await expect(createSigner({ backend: 'pkcs12', file: join(pki.dir, 'khong-co.p12'), password: 'x' })).rejects.toThrow('Không đọc được tệp chứng thư số');
  });

  it('refuses to sign with a certificate outside its validity', async () => {
    // Ended an hour before the signing time: 23/11/2026 09:00 in Vietnam.
    const expired = await pki.issue({ commonName: 'Đỗ Văn Cũ' }, { notAfter: new Date(SIGNED_AT.getTime() - 3_600_000) });
    const signer = await createSigner({ backend: 'pkcs12', file: pki.pkcs12(expired, 'x'), password: 'x' });
    await expect(signPdf(pdf, signer, { reason: 'Xác nhận', name: 'Đỗ Văn Cũ', location: 'Mỹ Hào', signingTime: SIGNED_AT })).rejects.toMatchObject({
      code: 'certificate_expired',
      message: expect.stringMatching(/^Chứng thư số "Đỗ Văn Cũ" đã hết hiệu lực \(hiệu lực đến 23\/11\/2026\)\. Không thể ký vào lúc này\.$/),
    });
  });

  it('makes a detached CMS that openssl verifies against the root', async () => {
    const data = Buffer.from('Sổ điểm lớp 9A1, học kì I, năm học 2026-2027');
    const cms = await signDetached(data, signers.principal, { signingTime: SIGNED_AT });
    const dataFile = join(pki.dir, 'data.txt');
    const cmsFile = join(pki.dir, 'data.p7s');
    writeFileSync(dataFile, data);
    writeFileSync(cmsFile, cms);
    const args = ['cms', '-verify', '-binary', '-inform', 'DER', '-in', cmsFile, '-content', dataFile, '-CAfile', pki.caFile, ...opensslAtTime(SIGNED_AT), '-purpose', 'any', '-out', '/dev/null'];
    expect(execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })).toBe('');
    // The signed attributes a PAdES/CAdES verifier looks for.
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsFile], { encoding: 'utf8' });
    for (const attribute of ['contentType', 'messageDigest', 'signingTime', 'id-smime-aa-signingCertificateV2']) expect(printed).toContain(attribute);
    // Changed data: openssl refuses.
    writeFileSync(dataFile, Buffer.concat([data, Buffer.from('!')]));
    expect(() => execFileSync('openssl', args, { stdio: 'pipe' })).toThrow();
  });

  it('signs a transcript three times in order; every signature stays valid', async () => {
    const steps = [
      { role: 'homeroomTeacher', reason: 'Giáo viên chủ nhiệm xác nhận học bạ' },
      { role: 'principal', reason: 'Hiệu trưởng phê duyệt học bạ' },
      { role: 'schoolSeal', reason: 'Đóng dấu điện tử của nhà trường' },
    ] as const;
    let signed = pdf;
    for (const step of steps) {
      signed = await signPdf(signed, signers[step.role], { reason: step.reason, name: VIETNAMESE_NAMES[step.role].commonName, location: 'Mỹ Hào, Hưng Yên', signingTime: SIGNED_AT });
      // Each step only appends: the previous file is a prefix of the new one.
      expect(signed.length).toBeGreaterThan(pdf.length);
    }
    const file = join(OUT, 'signing-three-signatures.pdf');
    writeFileSync(file, signed);

    const report = pdfsig(file);
    expect(report.map((s) => s.commonName)).toEqual(['Nguyễn Thị Hương', 'Trần Văn Đức', 'Trường THCS Lê Quý Đôn']);
    expect(report.map((s) => s.validation)).toEqual(['Signature is Valid.', 'Signature is Valid.', 'Signature is Valid.']);
    expect(report.map((s) => s.totalDocumentSigned)).toEqual([false, false, true]);
    expect(report[0].distinguishedName).toBe('CN=Nguyễn Thị Hương,O=Trường THCS Lê Quý Đôn,L=Mỹ Hào,ST=Hưng Yên,C=VN');

    const ours = await verifyPdfSignatures(signed, { trustedRoots: [pki.root.der] });
    expect(ours.map((s) => [s.valid, s.signer?.commonName, s.coversWholeDocument, s.trusted])).toEqual([
      [true, 'Nguyễn Thị Hương', false, true],
      [true, 'Trần Văn Đức', false, true],
      [true, 'Trường THCS Lê Quý Đôn', true, true],
    ]);
    expect(ours.map((s) => s.reason)).toEqual(steps.map((s) => s.reason));
    expect(ours[0].location).toBe('Mỹ Hào, Hưng Yên');
    expect(ours[2].name).toBe('Trường THCS Lê Quý Đôn');
    expect(ours[2].fieldName).toBe('Signature3');
    expect(ours[0].signer?.issuerCommonName).toBe('Sổ Điểm Số Test CA cấp 2');
    expect(ours[0].chain.map((c) => c.commonName)).toEqual(['Sổ Điểm Số Test CA cấp 2', 'Sổ Điểm Số Test Root CA']);
    expect(ours[2].message).toBe('Chữ ký hợp lệ; tài liệu không bị thay đổi sau khi ký.');
    for (const s of ours) expect(opensslVerifyPdfSignature(signed, s.byteRange, pki.caFile, SIGNED_AT)).toBe('CMS Verification successful');
    expect(ours.map((s) => s.signingTime)).toEqual([SIGNED_AT, SIGNED_AT, SIGNED_AT]);
    // Another root: valid signatures, but not trusted.
    const other = await createTestPki(undefined, { clock });
    expect((await verifyPdfSignatures(signed, { trustedRoots: [other.root.der] })).map((s) => s.trusted)).toEqual([false, false, false]);

    // The signed file still renders (look at test-results/signing-three-signatures-1.png).
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, join(OUT, 'signing-three-signatures')]);
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Nguyễn Văn An');
  });

  it('reports a flipped byte inside the signed range as invalid (pdfsig and ours)', async () => {
    const once = await signPdf(pdf, signers.homeroomTeacher, { reason: 'Xác nhận', name: 'Nguyễn Thị Hương', location: 'Mỹ Hào', signingTime: SIGNED_AT });
    const twice = await signPdf(once, signers.principal, { reason: 'Phê duyệt', name: 'Trần Văn Đức', location: 'Mỹ Hào', signingTime: SIGNED_AT });
    const tampered = Buffer.from(twice);
    const at = Math.floor(pdf.length / 2); // inside the first range of both signatures
    tampered[at] ^= 0x01;
    const file = join(OUT, 'signing-tampered.pdf');
    writeFileSync(file, tampered);
    expect(pdfsig(file).map((s) => s.validation)).toEqual(['Digest Mismatch.', 'Digest Mismatch.']);
    const ours = await verifyPdfSignatures(tampered);
    expect(ours.map((s) => s.valid)).toEqual([false, false]);
    expect(ours[0].message).toBe('Nội dung tài liệu đã bị thay đổi sau khi ký (mã băm không khớp).');
    expect(ours[0].signer?.commonName).toBe('Nguyễn Thị Hương');

    // A byte changed in the part added after the first signature: only the second breaks.
    const late = Buffer.from(twice);
    late[once.length + 5] ^= 0x01;
    expect((await verifyPdfSignatures(late)).map((s) => s.valid)).toEqual([true, false]);

    // A broken CMS (inside /Contents) is reported, not thrown.
    const [first] = await verifyPdfSignatures(twice);
    const broken = Buffer.from(twice);
    broken.write('FF', first.byteRange[1] + 1, 'latin1');
    expect((await verifyPdfSignatures(broken))[0]).toMatchObject({ valid: false, message: expect.stringMatching(/^(Không đọc được|Không kiểm tra được|Chữ ký không khớp)/) });
  });

  it('signs with the PAdES subfilter (ETSI.CAdES.detached) and reports an unsigned PDF as having no signature', async () => {
    const signed = await signPdf(pdf, signers.schoolSeal, { reason: 'Đóng dấu', name: 'Trường THCS Lê Quý Đôn', location: 'Mỹ Hào', subFilter: 'ETSI.CAdES.detached', signingTime: SIGNED_AT });
    const file = join(OUT, 'signing-cades.pdf');
    writeFileSync(file, signed);
    expect(pdfsig(file)).toMatchObject([{ signatureType: 'ETSI.CAdES.detached', validation: 'Signature is Valid.', totalDocumentSigned: true }]);
    const [ours] = await verifyPdfSignatures(signed);
    expect(ours).toMatchObject({ valid: true, subFilter: 'ETSI.CAdES.detached' });
    // No signingTime attribute in PAdES: the time comes from /M.
    expect(ours.signingTime).toEqual(SIGNED_AT);
    expect(await verifyPdfSignatures(pdf)).toEqual([]);
    expect(readFileSync(file).subarray(0, pdf.length - 1).equals(pdf.subarray(0, pdf.length - 1))).toBe(true);
  });
});
