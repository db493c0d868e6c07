/**
 * Printed documents (PDF): the monthly edit log of one teacher (C4); the correction request (C2)
 * prints in its own area. The route authorizes like its JSON twin and hands over to its print
 * action, which prepares the data as printed, renders it and registers the document.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId } from '../../shared/api-common.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { printEditLog } from './print-edit-log.ts';
import { sendPdf } from './print-data.ts';

const tags = ['print'];

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng phải có dạng yyyy-mm');

export async function registerPrintRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/edit-log.pdf',
    {
      schema: {
        tags,
        summary: 'In nhật kí sửa điểm của một giáo viên trong một tháng (PDF, để giải trình)',
        params: z.object({ schoolId: ZId }),
        querystring: z.object({ teacherUserId: ZId.optional(), month: ZMonth }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      // As the JSON edit log: the leadership and the board print anyone's, a teacher her own (C4).
      let teacherUserId = request.query.teacherUserId;
      if (!can(auth.actor, 'editLog.view', { schoolId }).allowed) {
        if (teacherUserId && teacherUserId !== auth.user.id) authorize(auth, 'editLog.view', { schoolId });
        teacherUserId = auth.user.id;
      }
      if (!teacherUserId) throw invalid('Hãy chọn giáo viên cần in nhật kí sửa điểm.', [{ field: 'teacherUserId', message: 'chưa chọn giáo viên' }]);
      // A vice-principal reviews on the principal's behalf and signs as such.
      const deputy = hasRole(auth.actor, 'vice_principal', schoolId) && !hasRole(auth.actor, 'principal', schoolId);
      const printed = await printEditLog({
        db,
        dataDir: deps.env.dataDir,
        audit: auditContext(request),
        schoolId,
        teacherUserId,
        month: request.query.month,
        deputy: deputy ? { userId: auth.user.id, fullName: auth.user.full_name } : null,
        baseUrl: deps.env.publicUrl,
      });
      return sendPdf(reply, printed);
    },
  );

}
