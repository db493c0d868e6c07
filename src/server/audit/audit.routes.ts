/** The school's audit log (nhật kí hệ thống), filtered and paged. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZAuditPage, ZAuditQuery } from '../../shared/audit.ts';
import { ZEditLogPage, ZEditLogQuery } from '../../shared/edit-log.ts';
import { can } from '../../domain/policies/policy.ts';
import { loadEditLog } from './edit-log-queries.ts';
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
      const q = request.query;
      let base = db.selectFrom('audit_events').where('audit_events.school_id', '=', schoolId);
      if (q.action) base = base.where('audit_events.action', '=', q.action);
      if (q.entityType) base = base.where('audit_events.entity_type', '=', q.entityType);
      if (q.actorUserId) base = base.where('audit_events.actor_user_id', '=', q.actorUserId);
      if (q.from) base = base.where('audit_events.at', '>=', `${q.from}T00:00:00.000Z`);
      if (q.to) base = base.where('audit_events.at', '<=', `${q.to}T23:59:59.999Z`);
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
        .selectAll('audit_events')
        .select('users.full_name as actor_name')
        .orderBy('audit_events.at', 'desc')
        .orderBy('audit_events.seq', 'desc')
        .limit(q.limit)
        .offset(q.offset)
        .execute();
      return {
        total: Number(total.n),
        events: rows.map((r) => ({
          id: r.id,
          chainKey: r.chain_key,
          seq: Number(r.seq),
          at: r.at,
          actorUserId: r.actor_user_id,
          actorName: r.actor_name ?? null,
          actorRole: r.actor_role,
          ip: r.ip,
          userAgent: r.user_agent,
          action: r.action,
          entityType: r.entity_type,
          entityId: r.entity_id,
          before: r.before_json ? JSON.parse(r.before_json) : null,
          after: r.after_json ? JSON.parse(r.after_json) : null,
          reason: r.reason,
          source: r.source,
        })),
      };
    },
  );

  api.get(
    '/schools/:schoolId/edit-log',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật kí sửa điểm (lọc theo giáo viên, lớp, môn, ngày)',
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
      return loadEditLog(db, schoolId, query);
    },
  );
}
