/**
 * Public verification (Q3), no login: the JSON twin of the /verify/<id> page, and the check of an
 * uploaded copy. Listed in PUBLIC_ROUTES (app.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZErrorResponse } from '../../../shared/api-common.ts';
import { ZPublicVerification, ZUploadCheck } from '../../../shared/documents.ts';
import { invalid } from '../../platform/errors.ts';
import { type RouteDeps, typed } from '../../platform/http/route-deps.ts';
import { checkUploadedCopy, publicVerification } from './public-verification.ts';

const tags = ['signing'];
export const ZDocumentCode = z.string().regex(/^[A-Z]{2,6}-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/, 'mã văn bản không đúng dạng');
/** A signed học bạ of many years stays well under this. */
export const MAX_CHECK_BYTES = 20 * 1024 * 1024;

export async function readUploadedPdf(request: import('fastify').FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw invalid('Hãy gửi tệp PDF dạng multipart/form-data, trường "file".', [{ field: 'file', message: 'không phải tệp tải lên' }]);
  const file = await request.file({ limits: { fileSize: MAX_CHECK_BYTES } });
  if (!file) throw invalid('Chưa chọn tệp PDF.', [{ field: 'file', message: 'chưa chọn tệp' }]);
  const bytes = await file.toBuffer();
  if (file.file.truncated) throw invalid('Tệp lớn quá 20 MB.', [{ field: 'file', message: 'quá 20 MB' }]);
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw invalid('Tệp tải lên không phải PDF.', [{ field: 'file', message: 'không phải PDF' }]);
  return bytes;
}

export async function registerVerifyRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/verify/:documentId',
    {
      schema: {
        tags,
        summary: 'Tra cứu công khai một mã văn bản: có phải văn bản thật, ai ký, khi nào, đã có bản thay thế chưa (không cần đăng nhập)',
        params: z.object({ documentId: ZDocumentCode }),
        response: { 200: ZPublicVerification, 400: ZErrorResponse },
      },
    },
    async (request) => publicVerification(db, request.params.documentId),
  );

  api.post(
    '/verify/:documentId/check',
    {
      schema: {
        tags,
        summary: 'Kiểm tra một bản PDF tải lên: so mã băm với bản gốc và kiểm tra các chữ ký số (không cần đăng nhập)',
        consumes: ['multipart/form-data'],
        params: z.object({ documentId: ZDocumentCode }),
        response: { 200: ZUploadCheck, 400: ZErrorResponse },
      },
    },
    async (request) => checkUploadedCopy(db, request.params.documentId, await readUploadedPdf(request)),
  );
}
