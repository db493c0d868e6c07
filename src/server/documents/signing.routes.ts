/**
 * Digital signing of stored documents (P5): the next signer in order signs what she was shown —
 * with her own certificate file (.p12/.pfx, used for this request only, never stored), through a
 * remote-signing service, or, for the seal, with the school's configured certificate (a PKCS#12
 * file or a PKCS#11 token on the server). See docs/signing.md. The seal's registration by the
 * principal: seal.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZBatchItem, ZBatchResult, ZBatchRole, ZDocumentSummary } from '../../shared/documents.ts';
import { signDocument } from './sign-document.ts';
import { openSigningBatch } from './sign-documents-batch.ts';
import { PassThrough } from 'node:stream';
import { presentDocumentSummary } from './document-presenter.ts';
import { getDocumentOr404, getSignedDocumentOr404, signingPlace } from './document-queries.ts';
import type { Env } from '../platform/env.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { createSigner } from '../platform/signing/create-signer.ts';
import { createPkcs12Signer } from '../platform/signing/pkcs12-signer.ts';
import { createRemoteSigner } from '../platform/signing/remote-signer.ts';
import type { Signer } from '../platform/signing/signer.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { registerSealRoutes } from './seal.routes.ts';
import { signingTrustStore } from './signing-trust.ts';

const ZSha = z.string().regex(/^[0-9a-f]{64}$/, 'mã băm SHA-256 không hợp lệ');
const ZSignRequest = z.discriminatedUnion('method', [
  z.object({
    method: z.literal('pkcs12'),
    seq: z.number().int().min(1).max(9),
    expectedSha256: ZSha,
    /** the .p12/.pfx file, base64 */
    p12: z.string().min(100).max(200_000),
    password: z.string().max(200),
  }),
  z.object({ method: z.literal('remote'), seq: z.number().int().min(1).max(9), expectedSha256: ZSha, credentialId: z.string().min(1).max(200) }),
  z.object({ method: z.literal('server'), seq: z.number().int().min(1).max(9), expectedSha256: ZSha }),
]);
export type SignRequest = z.infer<typeof ZSignRequest>;

const ZBatchItems = {
  /** The step signed in the batch: each document's next pending step must be this one. */
  role: ZBatchRole,
  /** Each document with the SHA-256 of the version reviewed in the batch viewer ("Tôi đã xem"). */
  items: z.array(ZBatchItem).min(1, 'chọn ít nhất một văn bản').max(200),
};
const ZSignBatchRequest = z.discriminatedUnion('method', [
  z.object({ method: z.literal('pkcs12'), ...ZBatchItems, p12: z.string().min(100).max(200_000), password: z.string().max(200) }),
  z.object({ method: z.literal('remote'), ...ZBatchItems, credentialId: z.string().min(1).max(200) }),
  z.object({ method: z.literal('server'), ...ZBatchItems }),
]);

/** Opens the signer a request asks for; the school's own certificate only for the seal step. */
async function openRequestedSigner(env: Env, body: Pick<SignRequest, 'method'> & { p12?: string; password?: string; credentialId?: string }, role: string): Promise<Signer> {
  if (body.method === 'pkcs12') return createPkcs12Signer({ file: Buffer.from(body.p12 ?? '', 'base64'), password: body.password ?? '' });
  if (body.method === 'remote') {
    const remote = env.signing.remote;
    if (!remote) throw invalid('Nhà trường chưa cấu hình dịch vụ ký số từ xa (SODIEM_REMOTE_SIGNING_URL).', [{ field: 'method', message: 'chưa cấu hình' }]);
    return createRemoteSigner({ url: remote.url, token: remote.token, credentialId: body.credentialId ?? '' });
  }
  if (role !== 'seal') throw invalid('Chứng thư số của nhà trường chỉ dùng để đóng dấu số; người ký dùng chứng thư số của mình.', [{ field: 'method', message: 'chỉ cho con dấu' }]);
  const seal = env.signing.seal;
  if (!seal) throw invalid('Nhà trường chưa cấu hình chứng thư số con dấu (SODIEM_SEAL_BACKEND, xem docs/signing.md).', [{ field: 'method', message: 'chưa cấu hình' }]);
  return createSigner(seal);
}

export async function registerSigningRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const trust = signingTrustStore(deps.env);

  api.post(
    '/documents/:documentId/signatures',
    {
      schema: {
        tags: ['signing'],
        summary: 'Ký số bước tiếp theo của văn bản (GVCN → Hiệu trưởng → con dấu số), trên đúng bản người ký đã xem',
        params: z.object({ documentId: ZId }),
        body: ZSignRequest,
        response: { 200: ZDocumentSummary, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const body = request.body;
      const doc = await getDocumentOr404(db, request.params.documentId);
      await signDocument({
        db,
        dataDir: deps.env.dataDir,
        auth,
        audit: auditContext(request),
        documentId: doc.id,
        seq: body.seq,
        expectedSha256: body.expectedSha256,
        // Opened only after the step is authorized (inside signDocument).
        openSigner: (role) => openRequestedSigner(deps.env, body, role),
        location: await signingPlace(db, doc.school_id),
        now: request.now,
        trust,
      });
      const fresh = await getSignedDocumentOr404(db, doc.id);
      return presentDocumentSummary(fresh.doc, fresh.signatures, auth.actor);
    },
  );

  api.post(
    '/schools/:schoolId/signature-batches',
    {
      schema: {
        tags: ['signing'],
        summary:
          'Ký số hàng loạt: một lần nhập mật khẩu/PIN (một yêu cầu tới dịch vụ ký từ xa) cho nhiều văn bản cùng bước ký, mỗi văn bản trên đúng bản đã xem; mỗi văn bản được ký trọn vẹn hoặc không; văn bản lỗi được liệt kê. Accept: application/x-ndjson trả về tiến độ từng dòng.',
        params: z.object({ schoolId: ZId }),
        body: ZSignBatchRequest,
        response: { 200: ZBatchResult, ...authErrors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const body = request.body;
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      // Each document is authorized on its own inside (its class, its year's delegation).
      const batch = await openSigningBatch({
        db,
        dataDir: deps.env.dataDir,
        auth,
        audit: auditContext(request),
        role: body.role,
        items: body.items,
        openSigner: (role) => openRequestedSigner(deps.env, body, role),
        location: await signingPlace(db, request.params.schoolId),
        now: request.now,
        trust,
      });
      if (!String(request.headers.accept ?? '').includes('application/x-ndjson')) return batch.run();
      // Progress, one JSON line per document, then the result.
      const out = new PassThrough();
      const line = (x: unknown) => out.write(`${JSON.stringify(x)}\n`);
      line({ type: 'start', batchId: batch.batchId, total: batch.total });
      batch
        .run((p) => line({ type: 'progress', ...p }))
        .then((result) => line({ type: 'result', ...result }))
        .catch((error: unknown) => {
          request.log.error(error);
          line({ type: 'error', message: error instanceof AppError ? error.message : 'Lỗi hệ thống khi ký hàng loạt.' });
        })
        .finally(() => out.end());
      return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(out as never); // a stream: not serialized by the schema
    },
  );

  await registerSealRoutes(app, deps);
}
