/**
 * Verifies every signature of an uploaded PDF in pure JS (pkijs for the CMS structures, Node's
 * crypto for hashes and signatures), for the public verification page: for each signature the
 * signer (names decoded, so Vietnamese shows correctly), the issuer, the signing time, whether it
 * covers the whole file, and valid/invalid with a Vietnamese reason.
 *
 * Trust (issue 14): with `trust` each signature gets the verdict of certificate-trust.ts (a chain
 * to a configured root, valid at the signing time, revocation asked); with `trustedRoots` only
 * whether such a chain leads to one of those roots.
 */
import { X509Certificate, createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { type CertificateTrust, assessCertificate, buildCertificatePath } from './certificate-trust.ts';
import { OIDS } from './cms.ts';
import { describeCertificate } from './describe-certificate.ts';
import { findPdfSignatures } from './find-pdf-signatures.ts';
import { HASH_BY_OID, SIGNATURE_HASH, verifyWithHash } from './signature-algorithms.ts';
import type { CertificateDescription } from './signer.ts';
import { type TrustStore, memoryTrustStore, readCert } from './trust-store.ts';

export interface PdfSignatureVerification {
  /** 1-based, in file (= signing) order. */
  index: number;
  fieldName: string | null;
  subFilter: string | null;
  valid: boolean;
  /** "Chữ ký hợp lệ." or why not, in Vietnamese. */
  message: string;
  /** The signer's certificate (null when the CMS could not be read). */
  signer: CertificateDescription | null;
  /** The other embedded certificates (issuers), in the order found. */
  chain: CertificateDescription[];
  /** From the CMS signingTime attribute, else the dictionary's /M. */
  signingTime: Date | null;
  name: string | null;
  reason: string | null;
  location: string | null;
  contactInfo: string | null;
  byteRange: [number, number, number, number];
  /** True when the signed ranges reach the end of the file (nothing was added after). */
  coversWholeDocument: boolean;
  /** Length of the revision this signature covers. */
  signedRevisionLength: number;
  /** With trustedRoots: whether the chain leads to one of them (valid at the signing time); null when none were given. */
  trusted: boolean | null;
  /** With `trust`: the verdict on the signer's certificate; null without it or for an invalid signature. */
  trust: CertificateTrust | null;
  /** Whether the signing time is inside the certificate's validity (null if unknown). */
  certificateValidAtSigningTime: boolean | null;
}

export interface VerifyPdfOptions {
  /** DER root certificates to check each chain against (e.g. the Root CA of the NEAC). */
  trustedRoots?: Buffer[];
  /** The configured trust (certificate-trust.ts), on the clock's `now` (also the signing time of a signature that names none). */
  trust?: { store: TrustStore; now: Date };
}

class Invalid extends Error {}

function attributeValue(signerInfo: pkijs.SignerInfo, oid: string): asn1js.AsnType | null {
  return signerInfo.signedAttrs?.attributes.find((a) => a.type === oid)?.values[0] ?? null;
}

function findSignerCertificate(signedData: pkijs.SignedData, signerInfo: pkijs.SignerInfo): pkijs.Certificate | null {
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber)) ?? null;
  }
  // [0] SubjectKeyIdentifier
  const ski = Buffer.from((sid as asn1js.Primitive).valueBlock?.valueHexView ?? []);
  return (
    certificates.find((c) => {
      const ext = c.extensions?.find((e) => e.extnID === '2.5.29.14');
      const value = ext?.parsedValue as asn1js.OctetString | undefined;
      return value ? Buffer.from(value.valueBlock.valueHexView).equals(ski) : false;
    }) ?? null
  );
}

/** One signature checked; `chain` (the signer's certificate first) when it is valid. */
function verifyOne(pdf: Buffer, index: number, dict: ReturnType<typeof findPdfSignatures>[number]): { result: PdfSignatureVerification; chain: Buffer[] | null } {
  const [a, b, c, d] = dict.byteRange;
  const result: PdfSignatureVerification = {
    index,
    fieldName: dict.fieldName,
    subFilter: dict.subFilter,
    valid: false,
    message: '',
    signer: null,
    chain: [],
    signingTime: dict.signingTime,
    name: dict.name,
    reason: dict.reason,
    location: dict.location,
    contactInfo: dict.contactInfo,
    byteRange: dict.byteRange,
    coversWholeDocument: a === 0 && c + d === pdf.length,
    signedRevisionLength: c + d,
    trusted: null,
    trust: null,
    certificateValidAtSigningTime: null,
  };
  let chain: Buffer[] | null = null;
  try {
    if (dict.problem) throw new Invalid(dict.problem);
    let signedData: pkijs.SignedData;
    try {
      const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(dict.contents));
      if (contentInfo.contentType !== OIDS.signedData) throw new Error('not SignedData');
      signedData = new pkijs.SignedData({ schema: contentInfo.content });
    } catch {
      throw new Invalid('Không đọc được dữ liệu chữ ký (CMS) trong tệp.');
    }
    const signerInfo = signedData.signerInfos[0];
    if (!signerInfo) throw new Invalid('Chữ ký không có thông tin người ký.');
    const certificate = findSignerCertificate(signedData, signerInfo);
    const embedded = (signedData.certificates ?? []).filter((x): x is pkijs.Certificate => x instanceof pkijs.Certificate);
    const ders = embedded.map((x) => Buffer.from(x.toSchema().toBER()));
    result.chain = embedded.filter((x) => x !== certificate).map((x) => describeCertificate(Buffer.from(x.toSchema().toBER()), x));
    if (!certificate) throw new Invalid('Chữ ký không kèm chứng thư số của người ký.');
    const certificateDer = Buffer.from(certificate.toSchema().toBER());
    result.signer = describeCertificate(certificateDer, certificate);

    const signingTimeValue = attributeValue(signerInfo, OIDS.signingTime) as asn1js.UTCTime | asn1js.GeneralizedTime | null;
    if (signingTimeValue && 'toDate' in signingTimeValue) result.signingTime = signingTimeValue.toDate();
    if (result.signingTime) {
      result.certificateValidAtSigningTime = result.signingTime >= result.signer.notBefore && result.signingTime <= result.signer.notAfter;
    }

    const hash = HASH_BY_OID[signerInfo.digestAlgorithm.algorithmId];
    if (!hash) throw new Invalid(`Thuật toán băm của chữ ký chưa được hỗ trợ (${signerInfo.digestAlgorithm.algorithmId}).`);
    const digest = createHash(hash).update(pdf.subarray(0, b)).update(pdf.subarray(c, c + d)).digest();

    let signedBytes: Buffer;
    if (signerInfo.signedAttrs) {
      const messageDigest = attributeValue(signerInfo, OIDS.messageDigest) as asn1js.OctetString | null;
      if (!messageDigest) throw new Invalid('Chữ ký thiếu thuộc tính messageDigest.');
      if (!Buffer.from(messageDigest.valueBlock.valueHexView).equals(digest)) {
        throw new Invalid('Nội dung tài liệu đã bị thay đổi sau khi ký (mã băm không khớp).');
      }
      signedBytes = Buffer.from(signerInfo.signedAttrs.encodedValue); // already tagged SET (0x31)
    } else {
      signedBytes = Buffer.concat([pdf.subarray(0, b), pdf.subarray(c, c + d)]);
    }

    const algorithm = signerInfo.signatureAlgorithm.algorithmId;
    if (algorithm === '1.2.840.113549.1.1.10') throw new Invalid('Chữ ký RSA-PSS chưa được hỗ trợ kiểm tra.');
    const signatureHash = SIGNATURE_HASH[algorithm] ?? hash;
    const publicKey = new X509Certificate(certificateDer).publicKey;
    if (!verifyWithHash(signatureHash, signedBytes, publicKey, signerInfo.signature.valueBlock.valueHexView)) {
      throw new Invalid('Chữ ký không khớp với chứng thư số (chữ ký hoặc dữ liệu ký đã bị sửa).');
    }
    chain = [certificateDer, ...ders.filter((x) => !x.equals(certificateDer))];
    result.valid = true;
    result.message = result.coversWholeDocument
      ? 'Chữ ký hợp lệ; tài liệu không bị thay đổi sau khi ký.'
      : 'Chữ ký hợp lệ cho phiên bản tài liệu lúc ký; sau đó tài liệu được bổ sung (ví dụ chữ ký tiếp theo).';
  } catch (error) {
    result.valid = false;
    result.message = error instanceof Invalid ? error.message : 'Không kiểm tra được chữ ký: dữ liệu chữ ký bị hỏng.';
  }
  return { result, chain };
}

/**
 * Verifies every signature in the PDF (an empty list when it has none); throws
 * TooManySignaturesError beyond MAX_PDF_SIGNATURES. Other requests are served between signatures.
 */
export async function verifyPdfSignatures(pdf: Buffer, options: VerifyPdfOptions = {}): Promise<PdfSignatureVerification[]> {
  const roots = options.trustedRoots ? memoryTrustStore(options.trustedRoots) : null;
  const results: PdfSignatureVerification[] = [];
  for (const [i, dict] of findPdfSignatures(pdf).entries()) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    const { result, chain } = verifyOne(pdf, i + 1, dict);
    const at = result.signingTime ?? options.trust?.now;
    if (roots && chain) {
      const [signer, ...carried] = chain.map(readCert);
      result.trusted = at !== undefined && buildCertificatePath(signer, carried, roots, at).ok;
    }
    if (options.trust && chain && at) result.trust = await assessCertificate(chain, options.trust.store, at, options.trust.now);
    results.push(result);
  }
  return results;
}
