/**
 * Checks a detached CMS signature over some bytes without a network (the archive's
 * manifest.json.p7s, an audit checkpoint's seal): the message digest in the signed attributes
 * must equal SHA-256 of the content, and the
 * signature over those attributes must verify with the public key of the embedded signer
 * certificate. Whether that certificate is trusted (its chain to a CA root) is for the reader
 * to judge from the certificate reported (or `openssl cms -verify -CAfile …`, docs/archive.md).
 */
import { sha256 } from '../sha256.ts';
import { X509Certificate, verify } from 'node:crypto';
import * as pkijs from 'pkijs';
import { describeCertificate } from './describe-certificate.ts';
import type { CertificateDescription } from './signer.ts';

const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';

export type SignatureCheck =
  | { valid: true; certificate: CertificateDescription; signingTime: Date | null }
  | { valid: false; problem: string; certificate: CertificateDescription | null };

/** `name`: what the content is called in the problems reported, e.g. "manifest.json". */
export function verifyDetachedSignature(content: Buffer, p7s: Buffer, name: string): SignatureCheck {
  let signedData: pkijs.SignedData;
  try {
    const info = pkijs.ContentInfo.fromBER(new Uint8Array(p7s));
    if (info.contentType !== OID_SIGNED_DATA) return { valid: false, problem: 'tệp chữ ký không phải CMS SignedData', certificate: null };
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch (e) {
    return { valid: false, problem: `không đọc được tệp chữ ký (${(e as Error).message})`, certificate: null };
  }
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo) return { valid: false, problem: 'tệp chữ ký không có người ký', certificate: null };
  const certificates = (signedData.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
  const sid = signerInfo.sid;
  // Identified by issuer and serial (what openssl and signing/cms.ts write); by key id, the only certificate.
  const own =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find((c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber))
      : certificates.length === 1
        ? certificates[0]
        : undefined;
  if (!own) return { valid: false, problem: 'tệp chữ ký không kèm chứng thư của người ký', certificate: null };
  const ownDer = Buffer.from(own.toSchema().toBER());
  const certificate = describeCertificate(ownDer, own);
  if (signerInfo.digestAlgorithm.algorithmId !== OID_SHA256) return { valid: false, problem: `thuật toán băm không hỗ trợ (${signerInfo.digestAlgorithm.algorithmId})`, certificate };

  const digest = sha256(content);
  let signedBytes: Buffer = content;
  let signingTime: Date | null = null;
  if (signerInfo.signedAttrs) {
    const md = signerInfo.signedAttrs.attributes.find((a) => a.type === OID_MESSAGE_DIGEST);
    const value = md?.values[0] as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
    if (!value?.valueBlock?.valueHexView || !Buffer.from(value.valueBlock.valueHexView).equals(digest)) {
      return { valid: false, problem: `${name} đã bị sửa sau khi ký (mã băm không khớp chữ ký)`, certificate };
    }
    const time = signerInfo.signedAttrs.attributes.find((a) => a.type === '1.2.840.113549.1.9.5')?.values[0] as { toDate?: () => Date } | undefined;
    signingTime = time?.toDate ? time.toDate() : null;
    // The signature covers the attributes DER-encoded as a SET OF (tag 0x31).
    signedBytes = Buffer.from(signerInfo.signedAttrs.encodedValue.byteLength ? signerInfo.signedAttrs.encodedValue : signerInfo.signedAttrs.toSchema().toBER());
    signedBytes = Buffer.from(signedBytes);
    signedBytes[0] = 0x31;
  }
  const publicKey = new X509Certificate(ownDer).publicKey;
  const signature = Buffer.from(signerInfo.signature.valueBlock.valueHexView);
  let ok: boolean;
  try {
    ok = verify('sha256', signedBytes, publicKey, signature);
  } catch (e) {
    return { valid: false, problem: `không kiểm tra được chữ ký (${(e as Error).message})`, certificate };
  }
  if (!ok) return { valid: false, problem: `chữ ký số không hợp lệ (${name} hoặc chữ ký đã bị sửa)`, certificate };
  return { valid: true, certificate, signingTime };
}
