/**
 * Primary assessment (G8, TT 27/2020): qualities and competences at the four points by the
 * homeroom teacher, and the summary book (Sổ tổng hợp kết quả đánh giá giáo dục) per class and
 * point — subject levels and test scores from the grade book, and at year end the level, award
 * and completion computed by src/domain; the approval of each point (C5): the homeroom teacher
 * proposes, the principal approves and the point is frozen and locked.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZPrimaryApprovals, ZPrimaryAssessmentSheet, ZPrimaryPoint, ZPrimarySummary, ZSavePrimaryAssessmentsInput } from '../../shared/primary.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getClassOr404 } from '../school/index.ts';
import { approvePrimaryResults, proposePrimaryResults } from './approve-primary-results.ts';
import { loadPrimaryApprovals } from './primary-approval-queries.ts';
import { loadPrimaryAssessmentSheet } from './primary-assessment-queries.ts';
import { loadPrimarySummary } from './primary-summary-queries.ts';
import { savePrimaryAssessments } from './save-primary-assessments.ts';

const P = z.object({ classId: ZId });

export async function registerPrimaryRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/primary-assessments',
    { schema: { tags: ['results'], summary: 'Phẩm chất, năng lực của học sinh tiểu học tại một thời điểm', params: P, querystring: z.object({ point: ZPrimaryPoint }), response: { 200: ZPrimaryAssessmentSheet, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadPrimaryAssessmentSheet(db, cls, request.query.point);
    },
  );

  api.put(
    '/classes/:classId/primary-assessments',
    { schema: { tags: ['results'], summary: 'Giáo viên chủ nhiệm đánh giá phẩm chất, năng lực (và đề xuất khen thưởng cuối năm)', params: P, body: ZSavePrimaryAssessmentsInput, response: { 200: z.object({ ok: z.literal(true) }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'conduct.assess', { schoolId: cls.school_id, classIds: [cls.id] });
      await savePrimaryAssessments({ db, cls, point: request.body.point, entries: request.body.entries, userId: auth.user.id, audit: auditContext(request) });
      return { ok: true as const };
    },
  );

  api.get(
    '/classes/:classId/primary-summary',
    { schema: { tags: ['results'], summary: 'Sổ tổng hợp kết quả đánh giá giáo dục của lớp tại một thời điểm', params: P, querystring: z.object({ point: ZPrimaryPoint }), response: { 200: ZPrimarySummary, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadPrimarySummary(db, cls, request.query.point);
    },
  );

  api.get(
    '/classes/:classId/primary-approvals',
    { schema: { tags: ['results'], summary: 'Đề nghị và phê duyệt kết quả đánh giá của lớp tiểu học tại bốn thời điểm', params: P, response: { 200: ZPrimaryApprovals, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadPrimaryApprovals(db, cls);
    },
  );

  api.post(
    '/classes/:classId/primary-results/:point/proposal',
    { schema: { tags: ['results'], summary: 'Giáo viên chủ nhiệm đề nghị phê duyệt kết quả đánh giá tại một thời điểm (tiểu học)', params: P.extend({ point: ZPrimaryPoint }), response: { 200: z.object({ snapshotId: z.string() }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.propose', { schoolId: cls.school_id, classIds: [cls.id] });
      return { snapshotId: await proposePrimaryResults({ db, cls, point: request.params.point, userId: auth.user.id, audit: auditContext(request) }) };
    },
  );

  api.post(
    '/classes/:classId/primary-results/:point/approval',
    { schema: { tags: ['results'], summary: 'Hiệu trưởng phê duyệt kết quả đánh giá tại một thời điểm (tiểu học): đóng băng và khóa sổ', params: P.extend({ point: ZPrimaryPoint }), body: z.object({ snapshotId: ZId }), response: { 200: z.object({ ok: z.literal(true) }), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'results.approve', { schoolId: cls.school_id, classIds: [cls.id] });
      await approvePrimaryResults({ db, cls, point: request.params.point, snapshotId: request.body.snapshotId, userId: auth.user.id, audit: auditContext(request) });
      return { ok: true as const };
    },
  );
}
