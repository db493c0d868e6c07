/**
 * Bulk printing as jobs (P1–P3): start a job for a class, a grade or the whole school, follow
 * its progress, download the zip (a file per document) or the merged PDF. The job runs in the
 * background worker (src/server/jobs) and survives a restart.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { primaryRole } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZJob, ZStartPrintJob } from '../../shared/documents.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { type RequestAuth, authorize, requireAuth } from '../platform/http/context.ts';
import { enqueueJob, getJob } from '../platform/jobs/job-queue.ts';
import { readJobFile } from './print-documents.ts';
import { PRINT_TARGETS } from './print-targets.ts';
import { pdfDisposition, requestBaseUrl } from './print-data.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['print'];
const KIND_FILE_NAMES: Record<string, string> = {
  class_book: 'so-theo-doi',
  confirmation_sheet: 'bang-xac-nhan',
  transcript: 'hoc-ba',
  report_book: 'so-lien-lac',
  primary_summary: 'bang-tong-hop',
};

function presentJob(job: Row<'jobs'>) {
  const result = job.result_json ? JSON.parse(job.result_json) : null;
  return {
    id: job.id,
    kind: JSON.parse(job.params_json).kind ?? job.kind,
    status: job.status,
    progressDone: job.progress_done,
    progressTotal: job.progress_total,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    result: result?.documents
      ? { documents: result.documents, skipped: result.skipped ?? [], pages: result.pages, zipUrl: `/api/v1/jobs/${job.id}/files/zip`, pdfUrl: `/api/v1/jobs/${job.id}/files/pdf` }
      : null,
  };
}

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
      const classes = await db.selectFrom('classes').select(['id', 'name', 'school_id']).where('id', 'in', classIds).execute();
      if (classes.length !== new Set(classIds).size || classes.some((c) => c.school_id !== schoolId)) throw notFound('lớp');
      authorize(auth, 'school.view', { schoolId });
      for (const c of classes) authorize(auth, 'documents.print', { schoolId, classIds: [c.id] });
      if (!PRINT_TARGETS[kind]) throw invalid('Loại văn bản này chưa in hàng loạt được.', [{ field: 'kind', message: 'chưa hỗ trợ' }]);
      const ordered = classIds.map((id) => classes.find((c) => c.id === id)!);
      const name = `${KIND_FILE_NAMES[kind]}-${ordered.length === 1 ? ordered[0].name : `${ordered.length}-lop`}`.replace(/[^\w.-]+/g, '-');
      const job = await enqueueJob(db, {
        schoolId,
        kind: 'print_documents',
        params: { kind, classIds: ordered.map((c) => c.id), options, baseUrl: requestBaseUrl(request), name, actorRole: primaryRole(auth.actor) },
        createdBy: auth.user.id,
        now: request.now,
      });
      deps.jobs.wake();
      return reply.status(202).send(presentJob(job));
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
      let q = db.selectFrom('jobs').selectAll().where('school_id', '=', schoolId).where('kind', '=', 'print_documents');
      // Only the school-wide readers see everyone's jobs; others see their own.
      if (!can(auth.actor, 'document.view', { schoolId }).allowed) q = q.where('created_by', '=', auth.user.id);
      const rows = await q.orderBy('created_at', 'desc').limit(30).execute();
      return rows.map(presentJob);
    },
  );

  api.get(
    '/jobs/:jobId',
    { schema: { tags, summary: 'Tiến độ một công việc in', params: z.object({ jobId: ZId }), response: { 200: ZJob, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const job = await getJob(db, request.params.jobId);
      if (!job) throw notFound('công việc');
      authorizeJob(auth, job);
      return presentJob(job);
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
      const job = await getJob(db, request.params.jobId);
      if (!job) throw notFound('công việc');
      authorizeJob(auth, job);
      if (job.status !== 'done' || !job.result_json) throw invalid('Công việc chưa xong.', [{ field: 'jobId', message: 'chưa xong' }]);
      const result = JSON.parse(job.result_json) as { zipPath: string; mergedPath: string };
      const zip = request.params.file === 'zip';
      const path = zip ? result.zipPath : result.mergedPath;
      const filename = path.split('/').pop()!;
      return reply
        .type(zip ? 'application/zip' : 'application/pdf')
        .header('Content-Disposition', pdfDisposition(filename).replace(/^inline/, zip ? 'attachment' : 'inline'))
        .send(readJobFile(deps.env.dataDir, path));
    },
  );
}
