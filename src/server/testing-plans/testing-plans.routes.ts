/**
 * The school's testing plan (kế hoạch kiểm tra định kỳ, G10): the principal or the admin board
 * dates each class's periodic tests, typed or imported from Excel; every staff member reads the
 * plan of her homeroom class and of the subjects she teaches (the school-wide readers, the whole
 * school's) with how far each past test's scores are entered; a test not yet scored can be taken out of the plan. The end-of-term test's day sets the class's re-entry deadline.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { classScope } from '../../domain/policies/policy.ts';
import type { PlannedTest } from '../../domain/testing-plan/testing-plan.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZSetTestingPlanInput, ZTestingPlan, ZTestingPlanChange } from '../../shared/testing-plan.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getSchoolSettingsOr404, getYearOr404 } from '../school/index.ts';
import { deletePlannedTest } from './delete-planned-test.ts';
import { importTestingPlan } from './import-testing-plan.ts';
import { setTestingPlan } from './set-testing-plan.ts';
import { buildPlanTemplate } from './testing-plan-excel.ts';
import { presentTestingPlan } from './testing-plan-presenter.ts';
import { loadPlanForTemplate, loadPlanProgress } from './testing-plan-queries.ts';

const tags = ['testing-plan'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function registerTestingPlanRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/years/:yearId/testing-plan',
    {
      schema: {
        tags,
        summary: 'Kế hoạch kiểm tra định kỳ của năm học và tiến độ nhập điểm theo kế hoạch',
        params: z.object({ yearId: ZId }),
        querystring: z.object({
          termNo: z.coerce.number().int().min(1).max(2).optional(),
          classId: ZId.optional(),
          grade: z.coerce.number().int().min(1).max(12).optional(),
        }),
        response: { 200: ZTestingPlan, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      const scope = classScope(auth.actor, year.school_id);
      const settings = await getSchoolSettingsOr404(db, year.school_id);
      const { actor } = auth;
      // A teacher reads her homeroom class's plan, and in other classes the subjects she teaches.
      const rows = (await loadPlanProgress(db, year.id, { ...request.query, classIds: scope.all ? undefined : scope.classIds })).filter(
        (r) => scope.all || actor.homeroomClassIds.includes(r.classId) || actor.teaching.some((t) => t.classId === r.classId && t.subjectId === r.subjectId),
      );
      return presentTestingPlan({ schoolYearId: year.id, today: vietnamDay(request.now), schoolWide: scope.all, editDeadlineDays: settings.editDeadlineDays, rows });
    },
  );

  api.put(
    '/years/:yearId/testing-plan',
    {
      schema: {
        tags,
        summary: 'Đặt ngày các bài kiểm tra định kỳ (theo lớp hoặc khối; tất cả hoặc không)',
        params: z.object({ yearId: ZId }),
        body: ZSetTestingPlanInput,
        response: { 200: ZTestingPlanChange, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'testingPlan.manage', { schoolId: year.school_id });
      return setTestingPlan({ db, year, entries: request.body.entries, source: 'typed', audit: auditContext(request) });
    },
  );

  api.post(
    '/years/:yearId/testing-plan/:entryId/deletion',
    {
      schema: {
        tags,
        summary: 'Xóa một bài kiểm tra khỏi kế hoạch (chỉ khi sổ điểm chưa có điểm của bài đó)',
        params: z.object({ yearId: ZId, entryId: ZId }),
        response: { 200: z.object({ ok: z.literal(true) }), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'testingPlan.manage', { schoolId: year.school_id });
      await deletePlannedTest({ db, year, entryId: request.params.entryId, audit: auditContext(request) });
      return { ok: true as const };
    },
  );

  api.get(
    '/years/:yearId/testing-plan/template.xlsx',
    { schema: { tags, summary: 'Tải mẫu Excel kế hoạch kiểm tra (kèm kế hoạch đã có)', params: z.object({ yearId: ZId }), produces: [XLSX] } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'testingPlan.manage', { schoolId: year.school_id });
      const rows = (await loadPlanForTemplate(db, year.id)).map((r) => ({ ...r, termNo: Number(r.term_no), test: r.test as PlannedTest, testOn: r.test_on }));
      const buffer = await buildPlanTemplate({ yearName: year.name, rows });
      return reply.header('content-type', XLSX).header('content-disposition', 'attachment; filename="ke-hoach-kiem-tra.xlsx"').send(buffer);
    },
  );

  api.post(
    '/years/:yearId/testing-plan/import',
    {
      schema: {
        tags,
        summary: 'Nhập kế hoạch kiểm tra từ Excel (tất cả hoặc không: mọi lỗi được báo theo dòng và cột)',
        consumes: ['multipart/form-data'],
        params: z.object({ yearId: ZId }),
        response: { 200: ZTestingPlanChange, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'testingPlan.manage', { schoolId: year.school_id });
      if (!request.isMultipart()) throw invalid('Hãy gửi tệp Excel (.xlsx) dạng multipart/form-data, trường "file".', [{ row: 0, field: 'tệp', message: 'không phải tệp tải lên' }]);
      const file = await request.file();
      if (!file) throw invalid('Chưa chọn tệp Excel.', [{ row: 0, field: 'tệp', message: 'chưa chọn tệp' }]);
      return importTestingPlan({ db, year, file: await file.toBuffer(), audit: auditContext(request) });
    },
  );
}
