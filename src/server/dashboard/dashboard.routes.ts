/**
 * Dashboards (biểu đồ): one class for those who may see its results, the whole school for the
 * leadership and officers above. Read-only; figures from the live results.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZClassDashboard, ZDashboardScope, ZSchoolDashboard } from '../../shared/dashboard.ts';
import { classDashboard, schoolDashboard } from './dashboard-queries.ts';
import { getClassOr404, getYearOr404 } from '../school/index.ts';
import { authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const Q = z.object({ scope: ZDashboardScope.default('term1') });

export async function registerDashboardRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/dashboard',
    {
      schema: {
        tags: ['results'],
        summary: 'Biểu đồ kết quả lớp: phân bố KQHT, KQRL, điểm trung bình môn theo khoảng, trung bình lớp, số buổi nghỉ theo tháng',
        params: z.object({ classId: ZId }),
        querystring: Q,
        response: { 200: ZClassDashboard, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return classDashboard(db, cls.id, request.query.scope, request.now);
    },
  );

  api.get(
    '/years/:yearId/dashboard',
    {
      schema: {
        tags: ['results'],
        summary: 'Thống kê toàn trường: KQHT, KQRL từng lớp và toàn trường, số buổi nghỉ theo tháng',
        params: z.object({ yearId: ZId }),
        querystring: Q,
        response: { 200: ZSchoolDashboard, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'progress.view', { schoolId: year.school_id });
      return schoolDashboard(db, year.id, request.query.scope, request.now);
    },
  );
}
