/** The school's audit log (nhật kí hệ thống), filtered and paged; the edit log with its unlocks and decisions. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZAuditPage, ZAuditQuery } from '../../shared/audit.ts';
import { ZEditLogPage, ZEditLogQuery } from '../../shared/edit-log.ts';
import { can } from '../../domain/policies/policy.ts';
import { loadAuditPage } from './audit-queries.ts';
import { loadApprovalLog, loadEditLog } from './edit-log-queries.ts';
import { authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

export async function registerAuditRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật kí hệ thống của trường (ai, khi nào, trước → sau)',
        params: z.object({ schoolId: ZId }),
        querystring: ZAuditQuery,
        response: { 200: ZAuditPage, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'audit.view', { schoolId });
      return loadAuditPage(db, schoolId, request.query);
    },
  );

  api.get(
    '/schools/:schoolId/edit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật kí sửa điểm (lọc theo giáo viên, lớp, môn, ngày), kèm các lần mở sổ, đổi đợt cập nhật và duyệt giấy đề nghị (ai đề nghị, ai xác nhận)',
        params: z.object({ schoolId: ZId }),
        querystring: ZEditLogQuery,
        response: { 200: ZEditLogPage, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      const query = { ...request.query };
      // A teacher reads her own edit log; the leadership and the board read everyone's (C4).
      if (!can(auth.actor, 'editLog.view', { schoolId }).allowed) {
        if (query.teacherUserId && query.teacherUserId !== auth.user.id) authorize(auth, 'editLog.view', { schoolId });
        query.teacherUserId = auth.user.id;
      }
      return { ...(await loadEditLog(db, schoolId, query)), approvals: await loadApprovalLog(db, schoolId, query) };
    },
  );
}
