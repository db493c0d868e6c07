/**
 * Bulk printing as jobs (P1–P3): start a job for a class, a grade or the whole school, follow
 * its progress, download the zip (a file per document) or the merged PDF. The job runs in the
 * background worker (print-documents.ts) and survives a restart.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { primaryRole } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZJob, ZStartPrintJob } from '../../shared/documents.ts';
import type { Row } from '../platform/db/schema.ts';
import { type RequestAuth, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { pdfDisposition } from './print-data.ts';
import { presentPrintJob } from './print-job-presenter.ts';
import { getJobOr404, getSchoolClassesOr404, listPrintJobs, readPrintJobOutput } from './print-job-queries.ts';
import { startPrintJob } from './start-print-job.ts';

const tags = ['print'];

/** A job is its creator's; the school-wide readers see every job of the school. */
function authorizeJob(auth: RequestAuth, job: Row<'jobs'>) {
  if (job.created_by === auth.user.id) return;
  authorize(auth, 'document.view', { schoolId: job.school_id });
}

export async function registerPrintJobRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.post(
    '/schools/:schoolId/print-jobs',
    {
      schema: {
        tags,
        summary: 'In hàng loạt (một lớp, một khối hay cả trường): tạo công việc chạy nền, trả về tiến độ',
        params: z.object({ schoolId: ZId }),
        body: ZStartPrintJob,
        response: { 202: ZJob, ...authErrors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      const { kind, classIds, options } = request.body;
      const classes = await getSchoolClassesOr404(db, schoolId, classIds);
      authorize(auth, 'school.view', { schoolId });
      for (const c of classes) authorize(auth, 'documents.print', { schoolId, classIds: [c.id] });
      const job = await startPrintJob({
        db,
        schoolId,
        kind,
        classes,
        options,
        baseUrl: deps.env.publicUrl,
        createdBy: auth.user.id,
        actorRole: primaryRole(auth.actor),
        now: request.now,
      });
      deps.jobs.wake();
      return reply.status(202).send(presentPrintJob(job));
    },
  );

  api.get(
    '/schools/:schoolId/print-jobs',
    {
      schema: { tags, summary: 'Các lần in hàng loạt gần đây', params: z.object({ schoolId: ZId }), response: { 200: z.array(ZJob), ...authErrors } },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      // Only the school-wide readers see everyone's jobs; others see their own.
      const everyone = can(auth.actor, 'document.view', { schoolId }).allowed;
      const jobs = await listPrintJobs(db, schoolId, everyone ? undefined : auth.user.id);
      return jobs.map(presentPrintJob);
    },
  );

  api.get(
    '/jobs/:jobId',
    { schema: { tags, summary: 'Tiến độ một công việc in', params: z.object({ jobId: ZId }), response: { 200: ZJob, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const job = await getJobOr404(db, request.params.jobId);
      authorizeJob(auth, job);
      return presentPrintJob(job);
    },
  );

  api.get(
    '/jobs/:jobId/files/:file',
    {
      schema: {
        tags,
        summary: 'Tải kết quả in hàng loạt: zip (mỗi văn bản một tệp) hoặc một tệp PDF gộp',
        params: z.object({ jobId: ZId, file: z.enum(['zip', 'pdf']) }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const job = await getJobOr404(db, request.params.jobId);
      authorizeJob(auth, job);
      const { filename, bytes } = readPrintJobOutput(deps.env.dataDir, job, request.params.file);
      const zip = request.params.file === 'zip';
      return reply
        .type(zip ? 'application/zip' : 'application/pdf')
        .header('Content-Disposition', pdfDisposition(filename).replace(/^inline/, zip ? 'attachment' : 'inline'))
        .send(bytes);
    },
  );
}
