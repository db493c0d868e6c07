/**
 * The year-end archive (P6, P9, Q3): the retention table, the archive packages of a school and
 * starting one (a `year_archive` background job), and downloading its zip.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZArchive, ZRetentionRule, ZStartArchive } from '../../shared/archive.ts';
import { RETENTION_RULES } from './retention.ts';
import type { YearArchiveJobResult } from './year-archive-job.ts';
import { schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Row } from '../platform/db/schema.ts';
import { notFound } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { enqueueJob } from '../platform/jobs/job-queue.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['archive'];
export const YEAR_ARCHIVE_JOB = 'year_archive';

function presentArchive(job: Row<'jobs'>, yearNames: Map<string, string>) {
  const params = JSON.parse(job.params_json) as { schoolYearId: string };
  const result = job.status === 'done' && job.result_json ? (JSON.parse(job.result_json) as YearArchiveJobResult) : null;
  return {
    id: job.id,
    schoolYearId: params.schoolYearId,
    schoolYearName: yearNames.get(params.schoolYearId) ?? '',
    status: job.status,
    progressDone: Number(job.progress_done),
    progressTotal: Number(job.progress_total),
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    result: result
      ? {
          name: result.name,
          files: result.files,
          bytes: result.bytes,
          zipBytes: result.zipBytes,
          manifestSha256: result.manifestSha256,
          signed: result.signed,
          warnings: result.warnings,
          zipUrl: `/api/v1/schools/${job.school_id}/archives/${job.id}/zip`,
        }
      : null,
  };
}

export async function registerArchiveRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;
  const yearNames = async (schoolId: string) =>
    new Map((await db.selectFrom('school_years').select(['id', 'name']).where('school_id', '=', schoolId).execute()).map((y) => [y.id, y.name]));

  api.get(
    '/schools/:schoolId/retention',
    {
      schema: {
        tags,
        summary: 'Thời hạn bảo quản từng loại hồ sơ (TT 27/2016/TT-BGDĐT, TT 09/2011/TT-BNV)',
        params: z.object({ schoolId: ZId }),
        response: { 200: z.array(ZRetentionRule), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      return RETENTION_RULES.map((r) => ({ ...r }));
    },
  );

  api.get(
    '/schools/:schoolId/archives',
    {
      schema: {
        tags,
        summary: 'Các gói lưu trữ hồ sơ năm học của trường (mới nhất trước)',
        params: z.object({ schoolId: ZId }),
        response: { 200: z.array(ZArchive), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'archive.manage', { schoolId });
      const rows = await db.selectFrom('jobs').selectAll().where('school_id', '=', schoolId).where('kind', '=', YEAR_ARCHIVE_JOB).orderBy('created_at', 'desc').limit(50).execute();
      const names = await yearNames(schoolId);
      return rows.map((r) => presentArchive(r, names));
    },
  );

  api.post(
    '/schools/:schoolId/archives',
    {
      schema: {
        tags,
        summary: 'Lập gói lưu trữ hồ sơ của một năm học (chạy nền; theo dõi tiến độ ở danh sách)',
        params: z.object({ schoolId: ZId }),
        body: ZStartArchive,
        response: { 202: ZArchive, ...authErrors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'archive.manage', { schoolId });
      const year = await db.selectFrom('school_years').select(['id', 'name']).where('id', '=', request.body.schoolYearId).where('school_id', '=', schoolId).executeTakeFirst();
      if (!year) throw notFound('năm học');
      const job = await db.transaction().execute(async (tx) => {
        const row = await enqueueJob(tx, { schoolId, kind: YEAR_ARCHIVE_JOB, params: { schoolYearId: year.id }, createdBy: auth.user.id, now: request.now });
        await writeAudit(tx, auditContext(request), {
          chainKey: schoolChain(schoolId),
          schoolId,
          action: 'archive.started',
          entityType: 'year_archive',
          entityId: row.id,
          before: null,
          after: { schoolYearId: year.id, schoolYearName: year.name },
        });
        return row;
      });
      deps.jobs.wake();
      return reply.status(202).send(presentArchive(job, new Map([[year.id, year.name]])));
    },
  );

  api.get(
    '/schools/:schoolId/archives/:archiveId/zip',
    {
      schema: {
        tags,
        summary: 'Tải tệp .zip của gói lưu trữ (để ghi đĩa DVD hoặc ổ cứng ngoài)',
        params: z.object({ schoolId: ZId, archiveId: ZId }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { schoolId, archiveId } = request.params;
      authorize(auth, 'archive.manage', { schoolId });
      const job = await db.selectFrom('jobs').selectAll().where('id', '=', archiveId).where('school_id', '=', schoolId).where('kind', '=', YEAR_ARCHIVE_JOB).executeTakeFirst();
      const result = job?.status === 'done' && job.result_json ? (JSON.parse(job.result_json) as YearArchiveJobResult) : null;
      const file = result ? join(deps.env.dataDir, result.zipPath) : null;
      if (!result || !file || !existsSync(file)) throw notFound('gói lưu trữ');
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${result.name}.zip"`)
        .header('cache-control', 'private, no-store')
        .send(createReadStream(file));
    },
  );
}
