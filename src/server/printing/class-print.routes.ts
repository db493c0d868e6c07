/**
 * Class-level printed books (P1, P2, P4): the class book (TT 22), the confirmation sheets of the
 * subject and homeroom teachers, and the primary class summary (TT 27). Each route loads the
 * class, authorizes like its JSON twin and hands over to the builder, which the bulk-print jobs
 * and the document registry call too.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../shared/api-common.ts';
import { ZPrimaryPoint } from '../../shared/primary.ts';
import { getClassOr404 } from '../school/index.ts';
import { authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { buildClassBook } from './class-print-class-book.ts';
import { buildConfirmationSheet } from './class-print-confirmation.ts';
import { buildPrimarySummary } from './class-print-primary-summary.ts';
import { sendDocumentPdf } from './print-data.ts';

const tags = ['print'];
const P = z.object({ classId: ZId });

export async function registerClassPrintRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/class-book.pdf',
    {
      schema: {
        tags,
        summary: 'In Sổ theo dõi và đánh giá học sinh (theo lớp học, TT 22): học kỳ I, học kỳ II hoặc cả năm (PDF)',
        params: P,
        querystring: z.object({ scope: z.enum(['hk1', 'hk2', 'year']) }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'classBook.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return sendDocumentPdf(reply, await buildClassBook(db, { classId: cls.id, scope: request.query.scope }, { baseUrl: deps.env.publicUrl }));
    },
  );

  api.get(
    '/classes/:classId/confirmation-sheet.pdf',
    {
      schema: {
        tags,
        summary: 'In bảng xác nhận kết quả: của giáo viên môn học (subjectId, học kỳ) hoặc của giáo viên chủ nhiệm (KQHT, KQRL, số buổi nghỉ) (PDF)',
        params: P,
        querystring: z.object({ subjectId: ZId.optional(), term: z.enum(['1', '2', 'year']) }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const { subjectId } = request.query;
      // As the JSON twins: the subject's sheet (gradebook.view), the class results (results.view).
      if (subjectId) authorize(auth, 'gradebook.view', { schoolId: cls.school_id, classIds: [cls.id], subjectId });
      else authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const term = request.query.term === 'year' ? 'year' : (Number(request.query.term) as 1 | 2);
      return sendDocumentPdf(reply, await buildConfirmationSheet(db, { classId: cls.id, term, subjectId }, { baseUrl: deps.env.publicUrl }));
    },
  );

  api.get(
    '/classes/:classId/primary-summary.pdf',
    {
      schema: {
        tags,
        summary: 'In Bảng tổng hợp kết quả đánh giá giáo dục của lớp (tiểu học, TT 27) tại một thời điểm (PDF)',
        params: P,
        querystring: z.object({ point: ZPrimaryPoint }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return sendDocumentPdf(reply, await buildPrimarySummary(db, { classId: cls.id, point: request.query.point }, { baseUrl: deps.env.publicUrl }));
    },
  );
}
