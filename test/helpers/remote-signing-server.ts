/**
 * A small local remote-signing service speaking the protocol of src/server/platform/signing/remote-signer.ts
 * (docs/signing.md), holding one RSA key from test/helpers/pki.ts. It signs a received SHA-256
 * hash (PKCS#1 v1.5 over the DigestInfo), at once or after an "approval on the phone" (202 and a
 * transaction to poll), and can be told to answer slowly to test timeouts.
 */
import { constants, createPrivateKey, privateEncrypt, randomUUID } from 'node:crypto';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestIdentity } from './pki.ts';

export interface RemoteSigningServerOptions {
  identity: TestIdentity;
  token: string;
  credentialId: string;
  /** 'immediate' (200 with the signature), 'approve' (202, approved at the second poll), 'reject'. */
  mode?: 'immediate' | 'approve' | 'reject';
  /** Delay every answer by this many milliseconds (to test client timeouts). */
  delayMs?: number;
}

export interface RemoteSigningServer {
  url: string;
  /** Hashes received, base64, in order (the service never sees the document). */
  receivedHashes: string[];
  /** Signing requests received: 'sign' (one hash) or 'sign-batch:<n>' (n hashes in one request). */
  signRequests: string[];
  options: RemoteSigningServerOptions;
  close(): Promise<void>;
}

const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return null;
  }
}

export async function startRemoteSigningServer(options: RemoteSigningServerOptions): Promise<RemoteSigningServer> {
  const transactions = new Map<string, { polls: number; signature: string }>();
  const receivedHashes: string[] = [];
  const signRequests: string[] = [];
  const batches = new Map<string, { polls: number; signatures: string[] }>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { mode = 'immediate', delayMs = 0, token, credentialId } = options;
    // Read per request: a test may give the service another identity once it knows the signer's name.
    const key = createPrivateKey({ key: options.identity.keyPkcs8, format: 'der', type: 'pkcs8' });
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: { code: 'unauthorized', message: 'invalid token' } });
    const url = new URL(req.url ?? '/', 'http://localhost');
    const parts = url.pathname.replace(/^\/api\/v1/, '').split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] === 'credentials') {
      if (parts[1] !== credentialId) return send(res, 404, { error: { code: 'credential_not_found', message: 'unknown credential' } });
      if (req.method === 'GET' && parts.length === 2) {
        return send(res, 200, { credentialId, keyAlgorithm: 'RSA', certificates: options.identity.chain.map((c) => c.toString('base64')) });
      }
      if (req.method === 'POST' && parts[2] === 'sign') {
        const body = await readJson(req);
        const hash = typeof body?.hash === 'string' ? Buffer.from(body.hash, 'base64') : null;
        if (!hash || hash.length !== 32 || body?.hashAlgorithm !== 'SHA-256') return send(res, 400, { error: { code: 'bad_request', message: 'hash must be a base64 SHA-256' } });
        receivedHashes.push(hash.toString('base64'));
        signRequests.push('sign');
        const signature = privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, hash])).toString('base64');
        if (mode === 'immediate') return send(res, 200, { signature });
        const transactionId = randomUUID();
        transactions.set(transactionId, { polls: 0, signature });
        return send(res, 202, { transactionId, status: 'pending' });
      }
    }
      if (req.method === 'POST' && parts[2] === 'sign-batch') {
        const body = await readJson(req);
        const hashes = Array.isArray(body?.hashes) ? body.hashes.map((h) => (typeof h === 'string' ? Buffer.from(h, 'base64') : Buffer.alloc(0))) : [];
        if (!hashes.length || hashes.some((h: Buffer) => h.length !== 32) || body?.hashAlgorithm !== 'SHA-256') return send(res, 400, { error: { code: 'bad_request', message: 'hashes must be base64 SHA-256' } });
        signRequests.push(`sign-batch:${hashes.length}`);
        for (const h of hashes) receivedHashes.push(h.toString('base64'));
        const signatures = hashes.map((h: Buffer) => privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, Buffer.concat([SHA256_DIGEST_INFO_PREFIX, h])).toString('base64'));
        if (mode === 'immediate') return send(res, 200, { signatures });
        const transactionId = randomUUID();
        batches.set(transactionId, { polls: 0, signatures });
        return send(res, 202, { transactionId, status: 'pending' });
      }
    if (parts[0] === 'transactions' && req.method === 'GET') {
      const batch = batches.get(parts[1] ?? '');
      if (batch) {
        batch.polls++;
        if (mode === 'reject') return send(res, 200, { status: 'rejected' });
        return send(res, 200, batch.polls < 2 ? { status: 'pending' } : { status: 'approved', signatures: batch.signatures });
      }
      const tx = transactions.get(parts[1] ?? '');
      if (!tx) return send(res, 404, { error: { code: 'not_found', message: 'unknown transaction' } });
      tx.polls++;
      if (mode === 'reject') return send(res, 200, { status: 'rejected' });
      return send(res, 200, tx.polls < 2 ? { status: 'pending' } : { status: 'approved', signature: tx.signature });
    }
    return send(res, 404, { error: { code: 'not_found', message: 'no such endpoint' } });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => send(res, 500, { error: { code: 'internal', message: String(error) } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v1`,
    receivedHashes,
    signRequests,
    options,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
