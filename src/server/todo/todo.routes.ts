/**
 * "Việc cần làm" (issue 15 §1): the signed-in user's to-do in one school year — each item judged
 * by the policy of the act it leads to — and the bell's count of notices still waiting.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZTodo } from '../../shared/todo.ts';
import { authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getYearOr404 } from '../school/index.ts';
import { loadTodo } from './todo-queries.ts';

export async function registerTodoRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/years/:yearId/todo',
    {
      schema: {
        tags: ['todo'],
        summary: 'Việc cần làm của tôi trong năm học: kết quả chờ phê duyệt, giấy đề nghị, yêu cầu mở sổ, văn bản chờ ký, cột điểm còn trống, lệnh in; và số thông báo còn chờ',
        params: z.object({ yearId: ZId }),
        response: { 200: ZTodo, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      return loadTodo(db, { schoolId: year.school_id, yearId: year.id, actor: auth.actor, now: request.now.toISOString() });
    },
  );
}
