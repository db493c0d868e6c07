/**
 * Stored documents (the registry): list, detail with versions and signatures, the PDF as it
 * stands (after its latest signature), and marking a signature as given on paper (mixed mode,
 * shown honestly as not digital). Signing itself: signing.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZDocumentDetail, ZDocumentSummary } from '../../shared/documents.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import {
  SIGN_ACTION,
  assertNextStep,
  currentFilePath,
  documentTarget,
  getDocumentOr404,
  loadSignatures,
  presentDocumentSummary,
} from './document-queries.ts';
import { can } from '../../domain/policies/policy.ts';
import { AppError } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { pdfDisposition } from '../printing/index.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

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
      let q = db.selectFrom('documents').selectAll().where('school_id', '=', schoolId).where('superseded_by_id', 'is', null);
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('created_at', 'desc').limit(5000).execute();
      // The list holds what the user may see (the same rule as opening one): school-wide readers
      // everything, a homeroom teacher her class's documents.
      const visible = rows.filter((d) => {
        const t = documentTarget(d);
        if (classId && !t.classIds?.includes(classId)) return false;
        if (studentId && t.studentId !== studentId) return false;
        return can(auth.actor, 'document.view', t).allowed;
      });
      const signatures = await loadSignatures(db, visible.map((d) => d.id));
      const out = visible.map((d) => presentDocumentSummary(d, signatures.get(d.id) ?? [], auth.actor));
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
      const doc = await getDocumentOr404(db, request.params.documentId);
      authorize(auth, 'document.view', documentTarget(doc));
      const signatures = (await loadSignatures(db, [doc.id])).get(doc.id) ?? [];
      const versions = await db
        .selectFrom('documents')
        .select(['id', 'version_no', 'created_at', 'status'])
        .where('series_key', '=', doc.series_key)
        .orderBy('version_no', 'desc')
        .execute();
      return {
        ...presentDocumentSummary(doc, signatures, auth.actor),
        supersedesId: doc.supersedes_id,
        dataSha256: doc.data_sha256,
        inputsVersion: doc.inputs_version,
        size: doc.size,
        versions: versions.map((v) => ({ id: v.id, versionNo: v.version_no, createdAt: v.created_at, status: v.status })),
      };
    },
  );

  api.get(
    '/documents/:documentId/pdf',
    { schema: { tags, summary: 'Tệp PDF của văn bản (kèm các chữ ký số đã có)', params: z.object({ documentId: ZId }) } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const doc = await getDocumentOr404(db, request.params.documentId);
      authorize(auth, 'document.view', documentTarget(doc));
      const bytes = readFileSync(join(deps.env.dataDir, 'files', currentFilePath(doc)));
      return reply.type('application/pdf').header('Content-Disposition', pdfDisposition(`${doc.title}.pdf`)).send(bytes);
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
      const doc = await getDocumentOr404(db, request.params.documentId);
      const signatures = (await loadSignatures(db, [doc.id])).get(doc.id) ?? [];
      const step = signatures.find((s) => s.seq === request.params.seq);
      if (!step) throw new AppError('NOT_FOUND', 'Văn bản không có bước ký này.');
      authorize(auth, SIGN_ACTION[step.role], documentTarget(doc));
      assertNextStep(doc, signatures, step.seq);
      const audit: AuditContext = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('document_signatures')
          .set({ status: 'handwritten', signer_user_id: auth.user.id, signer_name: auth.user.full_name, signed_at: audit.now })
          .where('id', '=', step.id)
          .where('status', '=', 'pending')
          .execute();
        const done = signatures.every((s) => s.seq === step.seq || s.status !== 'pending');
        await tx.updateTable('documents').set({ status: done ? 'signed' : 'signing' }).where('id', '=', doc.id).execute();
        await writeAudit(tx, audit, {
          chainKey: schoolChain(doc.school_id),
          schoolId: doc.school_id,
          action: 'document.signHandwritten',
          entityType: 'document',
          entityId: doc.id,
          before: { seq: step.seq, status: 'pending' },
          after: { seq: step.seq, role: step.role, status: 'handwritten' },
        });
      });
      const fresh = await getDocumentOr404(db, doc.id);
      return presentDocumentSummary(fresh, (await loadSignatures(db, [doc.id])).get(doc.id) ?? [], auth.actor);
    },
  );
}
