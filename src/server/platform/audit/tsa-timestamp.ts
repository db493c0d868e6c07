/**
 * RFC 3161 timestamps for audit checkpoints, where the operator configures a timestamping
 * authority (SODIEM_TSA_URL): an outside party's signed statement that the checkpoint existed at
 * a time, so not even someone holding the server's anchor key can back-date a checkpoint.
 * `openssl ts -verify -data body.json -in token.der -token_in -CAfile tsa-ca.pem` checks a token
 * without this software.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { sha256 } from '../sha256.ts';

const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
/** The largest timestamp response read (a token with its TSA's certificates is a few KB). */
const MAX_RESPONSE_BYTES = 256 * 1024;

/** Asks the TSA at `url` to timestamp `data`; returns the token (DER ContentInfo). */
export async function requestTimestamp(url: string, data: Buffer, timeoutMs = 10_000): Promise<Buffer> {
  const nonce = randomBytes(8);
  nonce[0] &= 0x7f; // a positive INTEGER
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: sha256(data) }),
    }),
    nonce: new asn1js.Integer({ valueHex: nonce }),
    certReq: true,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/timestamp-query' },
    body: Buffer.from(request.toSchema().toBER()),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`máy chủ cấp dấu thời gian trả lời ${response.status}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_RESPONSE_BYTES) throw new Error('câu trả lời của máy chủ cấp dấu thời gian quá lớn');
  const reply = pkijs.TimeStampResp.fromBER(new Uint8Array(bytes));
  if (reply.status.status > 1 || !reply.timeStampToken) throw new Error(`máy chủ cấp dấu thời gian từ chối (trạng thái ${reply.status.status})`);
  const token = Buffer.from(reply.timeStampToken.toSchema().toBER());
  const info = readTstInfo(token);
  if (!info.nonce || !Buffer.from(info.nonce.valueBlock.valueHexView).equals(nonce)) throw new Error('dấu thời gian không mang số dùng một lần của yêu cầu');
  return token;
}

function readTstInfo(token: Buffer): pkijs.TSTInfo {
  const info = pkijs.ContentInfo.fromBER(new Uint8Array(token));
  if (info.contentType !== OID_SIGNED_DATA) throw new Error('không phải CMS SignedData');
  const signed = new pkijs.SignedData({ schema: info.content });
  const content = signed.encapContentInfo.eContent;
  if (!content) throw new Error('dấu thời gian không có nội dung TSTInfo');
  return pkijs.TSTInfo.fromBER(content.getValue());
}

export type TimestampCheck = { valid: true; genTime: Date; tsa: string } | { valid: false; problem: string };

/** Checks that `token` timestamps exactly `data` and that the TSA's signature over it holds. */
export async function verifyTimestamp(token: Buffer, data: Buffer): Promise<TimestampCheck> {
  try {
    const tst = readTstInfo(token);
    if (tst.messageImprint.hashAlgorithm.algorithmId !== OID_SHA256) return { valid: false, problem: 'dấu thời gian dùng thuật toán băm khác SHA-256' };
    if (!Buffer.from(tst.messageImprint.hashedMessage.valueBlock.valueHexView).equals(sha256(data))) return { valid: false, problem: 'dấu thời gian không khớp nội dung điểm neo' };
    const signed = new pkijs.SignedData({ schema: pkijs.ContentInfo.fromBER(new Uint8Array(token)).content });
    // For a timestamp token pkijs checks `data` against the TSTInfo's imprint, then the TSA's signature.
    const ok = await signed.verify({ signer: 0, checkChain: false, data: new Uint8Array(data).buffer });
    if (!ok) return { valid: false, problem: 'chữ ký của máy chủ cấp dấu thời gian không hợp lệ' };
    const tsaCert = (signed.certificates ?? []).find((c): c is pkijs.Certificate => c instanceof pkijs.Certificate);
    const cn = tsaCert?.subject.typesAndValues.find((t) => t.type === '2.5.4.3')?.value.valueBlock.value;
    return { valid: true, genTime: tst.genTime, tsa: typeof cn === 'string' ? cn : 'không rõ' };
  } catch (error) {
    return { valid: false, problem: `không đọc được dấu thời gian (${(error as Error).message})` };
  }
}
