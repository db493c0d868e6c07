/**
 * Student-level documents (P3, P8, C6): the học bạ as PDF, canonical JSON and XML, and the sổ
 * liên lạc of a term. The học bạ: the student's homeroom teacher, the leadership, the board and
 * the clerk (transcript.print); the report book also the student's own guardian (reportBook.view).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../shared/api-common.ts';
import type { Executor } from '../platform/db/database.ts';
import { type RequestAuth, authorize, requireAuth } from '../platform/http/context.ts';
import { buildReportBook } from './build-report-book.ts';
import { buildTranscript } from './build-transcript.ts';
import { loadTranscript } from './load-transcript.ts';
import { studentPrintTarget } from './transcript-queries.ts';
import { transcriptXml } from './transcript-xml.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { sendDocumentPdf } from '../printing/index.ts';

const tags = ['print'];
const P = z.object({ studentId: ZId });

async function authorizeTranscript(db: Executor, auth: RequestAuth, studentId: string) {
  authorize(auth, 'transcript.print', await studentPrintTarget(db, studentId));
}

export async function registerStudentPrintRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/students/:studentId/transcript.pdf',
    { schema: { tags, summary: 'In học bạ của học sinh (PDF) từ các bản ghi năm học đã được Hiệu trưởng xác nhận', params: P } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await authorizeTranscript(db, auth, request.params.studentId);
      const doc = await buildTranscript(db, { studentId: request.params.studentId }, { baseUrl: deps.env.publicUrl });
      return sendDocumentPdf(reply.header('x-data-sha256', doc.dataSha256 ?? ''), doc);
    },
  );

  api.get(
    '/students/:studentId/transcript.json',
    { schema: { tags, summary: 'Dữ liệu học bạ dạng JSON chuẩn (khóa theo thứ tự, điểm dạng chuỗi thập phân chính xác)', params: P } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await authorizeTranscript(db, auth, request.params.studentId);
      const t = await loadTranscript(db, request.params.studentId);
      return reply.type('application/json; charset=utf-8').header('cache-control', 'private, no-store').header('x-data-sha256', t.dataSha256).send(t.json);
    },
  );

  api.get(
    '/students/:studentId/transcript.xml',
    { schema: { tags, summary: 'Dữ liệu học bạ dạng XML (cùng nội dung với JSON)', params: P } },
    async (request, reply) => {
      const auth = requireAuth(request);
      await authorizeTranscript(db, auth, request.params.studentId);
      const t = await loadTranscript(db, request.params.studentId);
      return reply.type('application/xml; charset=utf-8').header('cache-control', 'private, no-store').header('x-data-sha256', t.dataSha256).send(transcriptXml(t.document));
    },
  );

  api.get(
    '/students/:studentId/report-book.pdf',
    {
      schema: {
        tags,
        summary: 'In sổ liên lạc của học sinh theo học kỳ (PDF) cho gia đình',
        params: P,
        querystring: z.object({ termId: ZId.optional(), term: z.coerce.number().int().min(1).max(2).optional() }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      authorize(auth, 'reportBook.view', await studentPrintTarget(db, request.params.studentId));
      const { termId, term } = request.query;
      const doc = await buildReportBook(db, { studentId: request.params.studentId, termId, term: (term ?? (termId ? undefined : 1)) as 1 | 2 | undefined }, { baseUrl: deps.env.publicUrl });
      return sendDocumentPdf(reply, doc);
    },
  );
}
