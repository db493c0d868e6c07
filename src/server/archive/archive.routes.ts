/**
 * The year-end archive (P6, P9, Q3): the retention table, the archive packages of a school and
 * starting one (a `year_archive` background job), and downloading its zip.
 */
import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZArchive, ZRetentionRule, ZStartArchive } from '../../shared/archive.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { presentArchive } from './archive-presenter.ts';
import { getArchiveZipOr404, listYearArchives } from './archive-queries.ts';
import { RETENTION_RULES } from './retention.ts';
import { startYearArchive } from './start-year-archive.ts';

const tags = ['archive'];

export async function registerArchiveRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

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
      const { jobs, yearNames } = await listYearArchives(db, schoolId);
      return jobs.map((j) => presentArchive(j, yearNames));
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
      const { job, year } = await startYearArchive({
        db,
        schoolId,
        schoolYearId: request.body.schoolYearId,
        createdBy: auth.user.id,
        audit: auditContext(request),
        now: request.now,
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
      const zip = await getArchiveZipOr404(db, deps.env.dataDir, schoolId, archiveId);
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="${zip.name}.zip"`)
        .header('cache-control', 'private, no-store')
        .send(createReadStream(zip.file));
    },
  );
}
