/**
 * Student-level documents (P3, P8, C6): the học bạ as PDF, canonical JSON and XML, and the sổ
 * liên lạc of a term. The học bạ: the student's homeroom teacher, the leadership, the board and
 * the clerk (transcript.print); the report book also the student's own guardian (reportBook.view).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { ZId } from '../../shared/api-common.ts';
import type { Executor } from '../platform/db/database.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { notFound } from '../platform/errors.ts';
import { type RequestAuth, authorize, requireAuth } from '../platform/http/context.ts';
import { buildReportBook } from './build-report-book.ts';
import { buildTranscript } from './build-transcript.ts';
import { loadTranscript } from './load-transcript.ts';
import { transcriptXml } from './transcript-xml.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { pdfDisposition, requestBaseUrl } from '../printing/index.ts';

const tags = ['print'];
const P = z.object({ studentId: ZId });

/** The student's school and the classes of his latest school year there (for the homeroom rule). */
async function studentTarget(db: Executor, studentId: string) {
  const student = await db.selectFrom('students').select(['id', 'school_id']).where('id', '=', studentId).executeTakeFirst();
  if (!student) throw notFound('học sinh');
  const rows = await db
    .selectFrom('enrollments')
    .innerJoin('school_years', 'school_years.id', 'enrollments.school_year_id')
    .select(['enrollments.class_id', 'school_years.start_year'])
    .where('enrollments.student_id', '=', studentId)
    .execute();
  const latest = Math.max(...rows.map((r) => Number(r.start_year)));
  return { schoolId: student.school_id, studentId, classIds: rows.filter((r) => Number(r.start_year) === latest).map((r) => r.class_id) };
}

async function authorizeTranscript(db: Executor, auth: RequestAuth, studentId: string) {
  authorize(auth, 'transcript.print', await studentTarget(db, studentId));
}

function sendPdf(reply: FastifyReply, doc: RenderedDocument, printedName: string) {
  return reply
    .type('application/pdf')
    .header('content-disposition', pdfDisposition(printedName))
    .header('cache-control', 'private, no-store')
    .header('x-document-id', doc.documentId)
    .send(doc.pdf);
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
      const doc = await buildTranscript(db, { studentId: request.params.studentId }, { baseUrl: requestBaseUrl(request) });
      return sendPdf(reply.header('x-data-sha256', doc.dataSha256 ?? ''), doc, `${doc.title}.pdf`);
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
      authorize(auth, 'reportBook.view', await studentTarget(db, request.params.studentId));
      const { termId, term } = request.query;
      const doc = await buildReportBook(db, { studentId: request.params.studentId, termId, term: (term ?? (termId ? undefined : 1)) as 1 | 2 | undefined }, { baseUrl: requestBaseUrl(request) });
      return sendPdf(reply, doc, `${doc.title}.pdf`);
    },
  );
}
