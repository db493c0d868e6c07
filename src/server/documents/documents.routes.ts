/**
 * Stored documents (the registry): list, detail with versions and signatures, the PDF as it
 * stands (after its latest signature), and marking a signature as given on paper (mixed mode,
 * shown honestly as not digital). Signing itself: signing.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZDocumentDetail, ZDocumentSummary } from '../../shared/documents.ts';
import { AppError } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { pdfDisposition } from '../printing/index.ts';
import { presentDocumentDetail, presentDocumentSummary } from './document-presenter.ts';
import {
  SIGN_ACTION,
  assertNextStep,
  documentTarget,
  getDocumentOr404,
  getSignedDocumentOr404,
  listDocumentVersions,
  listVisibleDocuments,
  readCurrentFile,
} from './document-queries.ts';
import { recordHandwrittenSignature } from './record-handwritten-signature.ts';

const tags = ['signing'];

export async function registerDocumentRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/documents',
    {
      schema: {
        tags,
        summary: 'Văn bản đã in và lưu (bản mới nhất của mỗi văn bản), lọc theo loại, lớp, học sinh, trạng thái ký',
        params: z.object({ schoolId: ZId }),
        querystring: z.object({
          kind: z.string().max(40).optional(),
          classId: ZId.optional(),
          studentId: ZId.optional(),
          /** awaiting: documents whose next signature the current user may give */
          awaiting: z.enum(['me']).optional(),
        }),
        response: { 200: z.array(ZDocumentSummary), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      const { kind, classId, studentId, awaiting } = request.query;
      const { documents, signatures } = await listVisibleDocuments(db, auth.actor, schoolId, { kind, classId, studentId });
      const out = documents.map((d) => presentDocumentSummary(d, signatures.get(d.id) ?? [], auth.actor));
      return awaiting ? out.filter((d) => d.canSign) : out.slice(0, 500);
    },
  );

  api.get(
    '/documents/:documentId',
    {
      schema: { tags, summary: 'Một văn bản: các phiên bản, chữ ký theo thứ tự, mã băm', params: z.object({ documentId: ZId }), response: { 200: ZDocumentDetail, ...authErrors } },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { doc, signatures } = await getSignedDocumentOr404(db, request.params.documentId);
      authorize(auth, 'document.view', documentTarget(doc));
      return presentDocumentDetail(doc, signatures, await listDocumentVersions(db, doc.series_key), auth.actor);
    },
  );

  api.get(
    '/documents/:documentId/pdf',
    {
      schema: {
        tags,
        summary: 'Tệp PDF của văn bản (kèm các chữ ký số đã có); embed=1: hiển thị trong khung xem của chính ứng dụng (ký hàng loạt)',
        params: z.object({ documentId: ZId }),
        querystring: z.object({ embed: z.enum(['1']).optional() }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const doc = await getDocumentOr404(db, request.params.documentId);
      authorize(auth, 'document.view', documentTarget(doc));
      // The batch viewer frames the PDF in the app's own page: framing by the same origin only.
      if (request.query.embed) {
        reply.header('X-Frame-Options', 'SAMEORIGIN');
        reply.header('Content-Security-Policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'self'; base-uri 'self'; form-action 'self'");
      }
      return reply.type('application/pdf').header('Content-Disposition', pdfDisposition(`${doc.title}.pdf`)).send(readCurrentFile(deps.env.dataDir, doc));
    },
  );

  api.post(
    '/documents/:documentId/signatures/:seq/handwritten',
    {
      schema: {
        tags,
        summary: 'Ghi nhận chữ ký tay trên bản giấy cho một bước ký (chế độ hỗn hợp: hiển thị rõ là chưa ký số)',
        params: z.object({ documentId: ZId, seq: z.coerce.number().int().min(1).max(9) }),
        response: { 200: ZDocumentSummary, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { doc, signatures } = await getSignedDocumentOr404(db, request.params.documentId);
      const step = signatures.find((s) => s.seq === request.params.seq);
      if (!step) throw new AppError('NOT_FOUND', 'Văn bản không có bước ký này.');
      authorize(auth, SIGN_ACTION[step.role], documentTarget(doc));
      assertNextStep(doc, signatures, step.seq);
      await recordHandwrittenSignature({ db, doc, signatures, step, signer: { userId: auth.user.id, fullName: auth.user.full_name }, audit: auditContext(request) });
      const fresh = await getSignedDocumentOr404(db, doc.id);
      return presentDocumentSummary(fresh.doc, fresh.signatures, auth.actor);
    },
  );
}
