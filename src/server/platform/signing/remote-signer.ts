/**
 * The remote back-end: a remote-signing service holding the key (the shape of VNPT SmartCA,
 * Viettel MySign and similar "ký số từ xa" services). Only a SHA-256 hash leaves the server.
 * A vendor's own API is reached through a small adapter service speaking this protocol
 * (docs/signing.md, "Remote protocol"):
 *
 *   GET  {url}/credentials/{credentialId}
 *        → 200 { credentialId, certificates: [base64 DER, signer first], keyAlgorithm: "RSA" | "EC" }
 *   POST {url}/credentials/{credentialId}/sign
 *        { hashAlgorithm: "SHA-256", hash: base64, signatureAlgorithm: "RSASSA-PKCS1-v1_5" | "ECDSA", description? }
 *        → 200 { signature: base64 }                       signed at once
 *        → 202 { transactionId, status: "pending" }         waits for the user (app on the phone)
 *   POST {url}/credentials/{credentialId}/sign-batch      (a batch: one request, one approval)
 *        { hashAlgorithm: "SHA-256", hashes: [base64, …], signatureAlgorithm, description? }   (1–200 hashes)
 *        → 200 { signatures: [base64, …] }                  in the order of the hashes
 *        → 202 { transactionId, status: "pending" }
 *   GET  {url}/transactions/{transactionId}
 *        → 200 { status: "pending" } | { status: "approved", signature } (sign)
 *              | { status: "approved", signatures: [base64, …] } (sign-batch) | { status: "rejected" | "expired" }
 *
 * Every request carries `Authorization: Bearer <token>`. Errors are JSON
 * { error: { code, message } } with 401 (bad token), 404 (unknown credential), 403 (refused).
 */
import { sha256 } from '../sha256.ts';
import { X509Certificate, verify as cryptoVerify } from 'node:crypto';
import { type RemoteSignerConfig, type SignatureAlgorithm, type Signer, SigningError } from './signer.ts';

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_APPROVAL_TIMEOUT_MS = 180_000;
const POLL_INTERVAL_MS = 1_000;

export interface RemoteSignerOptions {
  /** How long to wait for the user to approve on the phone (202 + polling); default 3 minutes. */
  approvalTimeoutMs?: number;
  /** Shown to the user in the approval request, e.g. "Học bạ Nguyễn Văn An – 9A1". */
  description?: string;
  pollIntervalMs?: number;
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

export async function createRemoteSigner(config: Omit<RemoteSignerConfig, 'backend'>, options: RemoteSignerOptions = {}): Promise<Signer> {
  const base = config.url.replace(/\/+$/, '');
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const credential = encodeURIComponent(config.credentialId);

  async function call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: T }> {
    let response: Response;
    try {
      response = await fetch(`${base}${path}`, {
        method,
        headers: { authorization: `Bearer ${config.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new SigningError(`Dịch vụ ký số từ xa không phản hồi sau ${(timeoutMs / 1000).toLocaleString('vi-VN')} giây. Vui lòng thử lại sau.`, 'timeout', { cause: error });
      }
      throw new SigningError(`Không kết nối được dịch vụ ký số từ xa (${base}). Kiểm tra địa chỉ dịch vụ và kết nối mạng.`, 'service_unavailable', { cause: error });
    }
    let json: unknown = null;
    try {
      json = await response.json();
    } catch (error) {
      if (response.ok) throw new SigningError('Dịch vụ ký số từ xa trả về dữ liệu không hợp lệ.', 'bad_response', { cause: error });
    }
    if (response.ok) return { status: response.status, json: json as T };
    const detail = (json as ErrorBody | null)?.error?.message;
    const suffix = detail ? ` (${detail})` : '';
    switch (response.status) {
      case 401:
        throw new SigningError(`Dịch vụ ký số từ xa từ chối mã truy cập: mã sai hoặc đã hết hạn${suffix}.`, 'unauthorized');
      case 404:
        throw new SigningError(`Dịch vụ ký số từ xa không có chứng thư số "${config.credentialId}"${suffix}.`, 'credential_not_found');
      case 403:
        throw new SigningError(`Yêu cầu ký bị từ chối${suffix}.`, 'rejected');
      default:
        throw new SigningError(`Dịch vụ ký số từ xa báo lỗi ${response.status}${suffix}.`, response.status >= 500 ? 'service_unavailable' : 'bad_response');
    }
  }

  const { json: info } = await call<{ certificates?: unknown; keyAlgorithm?: unknown }>('GET', `/credentials/${credential}`);
  if (!Array.isArray(info?.certificates) || info.certificates.length === 0 || !info.certificates.every((c) => typeof c === 'string')) {
    throw new SigningError('Dịch vụ ký số từ xa không trả về chứng thư số.', 'bad_response');
  }
  const chain = (info.certificates as string[]).map((c) => Buffer.from(c, 'base64'));
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(chain[0]);
  } catch (error) {
    throw new SigningError('Chứng thư số do dịch vụ ký số từ xa trả về không hợp lệ.', 'bad_response', { cause: error });
  }
  const isEc = certificate.publicKey.asymmetricKeyType === 'ec';
  const algorithm: SignatureAlgorithm = isEc ? 'ecdsa-p256-sha256' : 'rsa-pkcs1-sha256';

  async function waitForApproval(transactionId: string): Promise<{ signature?: unknown; signatures?: unknown }> {
    const deadline = performance.now() + (options.approvalTimeoutMs ?? DEFAULT_APPROVAL_TIMEOUT_MS);
    while (performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, options.pollIntervalMs ?? POLL_INTERVAL_MS));
      const { json } = await call<{ status?: string; signature?: unknown; signatures?: unknown }>('GET', `/transactions/${encodeURIComponent(transactionId)}`);
      if (json?.status === 'approved') return json;
      if (json?.status === 'rejected') throw new SigningError('Người ký đã từ chối yêu cầu ký trên ứng dụng.', 'rejected');
      if (json?.status === 'expired') throw new SigningError('Yêu cầu ký đã hết hạn mà chưa được xác nhận.', 'timeout');
    }
    throw new SigningError('Hết thời gian chờ người ký xác nhận trên ứng dụng ký số.', 'timeout');
  }

  return {
    backend: 'remote',
    certificateChain: async () => chain.map((c) => Buffer.from(c)),
    signatureAlgorithm: async () => algorithm,
    async sign(data) {
      const hash = sha256(data);
      const { status, json } = await call<{ signature?: string; transactionId?: string }>('POST', `/credentials/${credential}/sign`, {
        hashAlgorithm: 'SHA-256',
        hash: hash.toString('base64'),
        signatureAlgorithm: isEc ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
        ...(options.description ? { description: options.description } : {}),
      });
      const answer = status === 202 && typeof json?.transactionId === 'string' ? await waitForApproval(json.transactionId) : json;
      if (typeof answer?.signature !== 'string') throw new SigningError('Dịch vụ ký số từ xa không trả về chữ ký.', 'bad_response');
      return checked(data, answer.signature);
    },
    async signMany(items) {
      if (items.length === 0) return [];
      const { status, json } = await call<{ signatures?: unknown; transactionId?: string }>('POST', `/credentials/${credential}/sign-batch`, {
        hashAlgorithm: 'SHA-256',
        hashes: items.map((d) => sha256(d).toString('base64')),
        signatureAlgorithm: isEc ? 'ECDSA' : 'RSASSA-PKCS1-v1_5',
        ...(options.description ? { description: options.description } : {}),
      });
      const answer = status === 202 && typeof json?.transactionId === 'string' ? await waitForApproval(json.transactionId) : json;
      const list = answer?.signatures;
      if (!Array.isArray(list) || list.length !== items.length || !list.every((x) => typeof x === 'string')) {
        throw new SigningError('Dịch vụ ký số từ xa không trả về đủ chữ ký cho các văn bản.', 'bad_response');
      }
      return items.map((d, i) => checked(d, list[i] as string));
    },
  };

  /** A wrong credential or a broken adapter shows here, not in a reader months later. */
  function checked(data: Buffer, signatureB64: string): Buffer {
    const signature = Buffer.from(signatureB64, 'base64');
    const key = isEc ? { key: certificate.publicKey, dsaEncoding: 'der' as const } : certificate.publicKey;
    if (!cryptoVerify('sha256', data, key, signature)) {
      throw new SigningError('Chữ ký do dịch vụ ký số từ xa trả về không khớp với chứng thư số.', 'bad_response');
    }
    return signature;
  }
}
