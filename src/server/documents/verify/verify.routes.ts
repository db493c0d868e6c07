/**
 * Public verification (Q3), no login: the JSON twin of the /verify/<id> page, and the check of an
 * uploaded copy. Listed in PUBLIC_ROUTES (app.ts); limited per client address (verifyLimits).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ZErrorResponse } from '../../../shared/api-common.ts';
import { ZPublicVerification, ZUploadCheck } from '../../../shared/documents.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { TokenBuckets, limitByIp } from '../../platform/http/rate-limit.ts';
import { type RouteDeps, typed } from '../../platform/http/route-deps.ts';
import type { TrustStore } from '../../platform/signing/trust-store.ts';
import { signingTrustStore } from '../signing-trust.ts';
import { checkUploadedCopy, publicVerification } from './public-verification.ts';

const tags = ['signing'];
export const ZDocumentCode = z.string().regex(/^[A-Z]{2,6}-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'mã văn bản không đúng dạng');
/** A signed học bạ of many years stays well under this. */
export const MAX_CHECK_BYTES = 20 * 1024 * 1024;

/**
 * Per client address (issue 14): a person checks a few files and opens a few pages a minute. One
 * pair of buckets per server, shared by the JSON API and the HTML page.
 */
const CHECKS_PER_MINUTE = 30;
const VIEWS_PER_MINUTE = 120;
const limitsByServer = new WeakMap<object, { checks: TokenBuckets; views: TokenBuckets }>();

export function verifyLimits(app: FastifyInstance): { checks: TokenBuckets; views: TokenBuckets } {
  let limits = limitsByServer.get(app.server);
  if (!limits) {
    limits = { checks: new TokenBuckets(CHECKS_PER_MINUTE), views: new TokenBuckets(VIEWS_PER_MINUTE) };
    limitsByServer.set(app.server, limits);
  }
  return limits;
}

/** What verification reads besides the database (the stored files, the trust store), per server: set by registerVerifyRoutes, used by the page too. */
const sourcesByServer = new WeakMap<object, { dataDir: string; trust: TrustStore }>();

export function verifySources(app: FastifyInstance): { dataDir: string; trust: TrustStore } {
  const sources = sourcesByServer.get(app.server);
  if (!sources) throw new Error('registerVerifyRoutes must run before registerVerifyPage');
  return sources;
}

export const tooManyChecks = (seconds: number) =>
  `Bạn đã gửi quá ${CHECKS_PER_MINUTE} tệp để kiểm tra trong một phút. Vui lòng thử lại sau ${seconds} giây.`;
export const tooManyViews = (seconds: number) =>
  `Bạn đã tra cứu quá ${VIEWS_PER_MINUTE} lần trong một phút. Vui lòng thử lại sau ${seconds} giây.`;

const tooLarge = () => invalid(`Tệp lớn quá ${MAX_CHECK_BYTES / 1024 / 1024} MB.`, [{ field: 'file', message: `quá ${MAX_CHECK_BYTES / 1024 / 1024} MB` }]);

export async function readUploadedPdf(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw invalid('Hãy gửi tệp PDF dạng multipart/form-data, trường "file".', [{ field: 'file', message: 'không phải tệp tải lên' }]);
  const file = await request.file({ limits: { fileSize: MAX_CHECK_BYTES } });
  if (!file) throw invalid('Chưa chọn tệp PDF.', [{ field: 'file', message: 'chưa chọn tệp' }]);
  // @fastify/multipart throws when the stream is cut at the limit.
  const bytes = await file.toBuffer().catch((error: unknown) => {
    throw (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? tooLarge() : error;
  });
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalid('Tệp tải lên không phải PDF.', [{ field: 'file', message: 'không phải PDF' }]);
  return bytes;
}

export async function registerVerifyRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const limits = verifyLimits(app);
  const sources = { dataDir: deps.env.dataDir, trust: signingTrustStore(deps.env) };
  sourcesByServer.set(app.server, sources);

  api.get(
    '/verify/:documentId',
    {
      schema: {
        tags,
        summary: 'Tra cứu công khai một mã văn bản: có phải văn bản thật, ai ký, khi nào, đã có bản thay thế chưa (không cần đăng nhập)',
        params: z.object({ documentId: ZDocumentCode }),
        response: { 200: ZPublicVerification, 400: ZErrorResponse, 429: ZErrorResponse },
      },
      onRequest: limitByIp(limits.views, (_reply, seconds) => {
        throw new AppError('RATE_LIMITED', tooManyViews(seconds));
      }),
    },
    async (request) => publicVerification({ db, ...sources, now: request.now }, request.params.documentId),
  );

  api.post(
    '/verify/:documentId/check',
    {
      schema: {
        tags,
        summary: 'Kiểm tra một bản PDF tải lên: so mã băm với bản gốc và kiểm tra các chữ ký số (không cần đăng nhập)',
        consumes: ['multipart/form-data'],
        params: z.object({ documentId: ZDocumentCode }),
        response: { 200: ZUploadCheck, 400: ZErrorResponse, 429: ZErrorResponse },
      },
      onRequest: limitByIp(limits.checks, (_reply, seconds) => {
        throw new AppError('RATE_LIMITED', tooManyChecks(seconds));
      }),
    },
    async (request) => checkUploadedCopy({ db, ...sources, now: request.now }, request.params.documentId, await readUploadedPdf(request)),
  );
}
