/**
 * Locks and assessment windows (C1, C7, G10): the principal locks and unlocks by scope and sets
 * the update windows whose end locks their point. The admin board locks on the principal's
 * recorded order; its releases and window changes are requests that take effect only when the
 * principal (or the vice-principal she delegates) confirms them in the app (issue 14 §3). Also the
 * grade-book settings of the school.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../domain/policies/actor.ts';
import { actsWithoutConfirmation, canDecideLockRequest } from '../../domain/policies/four-eyes.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import {
  ZCreateLockInput,
  ZDecideLockRequestInput,
  ZLockChangeResult,
  ZLocksOverview,
  ZReleaseLockInput,
  ZSetWindowInput,
  ZUpdateSettingsInput,
  ZWindowClosingRefused,
  ZWindowPoint,
} from '../../shared/locks.ts';
import { ZSchoolSettings } from '../../shared/school-settings.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { type RequestAuth, auditContext, authorize, requireAuth, requireDecision } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getSchoolSettingsOr404, getYearOr404 } from '../school/index.ts';
import { decideLockRequest } from './decide-lock-request.ts';
import { fileLockRequest } from './file-lock-request.ts';
import { getLockOr404, getLockRequestOr404, loadLocksOverview, lockRequestTarget } from './locks-queries.ts';
import { releaseLock } from './release-lock.ts';
import { setAssessmentWindow } from './set-assessment-window.ts';
import { setLock } from './set-lock.ts';
import { updateSchoolSettings } from './update-school-settings.ts';

const tags = ['locks'];

/** C1: the admin board locks on the principal's order, and that order is recorded. */
function requireOrder(auth: RequestAuth, schoolId: string, orderedBy: string): void {
  if (!hasRole(auth.actor, 'principal', schoolId) && !orderedBy) {
    const message = 'Ban quản trị chỉ khóa, mở sổ theo lệnh của Hiệu trưởng: hãy ghi lệnh (ví dụ "Theo chỉ đạo của Hiệu trưởng ngày 05/12/2026").';
    throw invalid(message, [{ field: 'orderedBy', message }]);
  }
}

/** The admin board's reason for a request, with the order it cites, if any. */
const requestReason = (reason: string, orderedBy: string) => [reason, orderedBy && `(theo lệnh: ${orderedBy})`].filter(Boolean).join(' ');

export async function registerLockRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/years/:yearId/locks',
    { schema: { tags, summary: 'Các lệnh khóa sổ, đợt cập nhật điểm và yêu cầu chờ xác nhận của năm học', params: z.object({ yearId: ZId }), response: { 200: ZLocksOverview, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      return loadLocksOverview(db, year.id, request.now.toISOString(), auth.actor);
    },
  );

  api.post(
    '/years/:yearId/locks',
    { schema: { tags, summary: 'Khóa sổ theo phạm vi (trường, khối, lớp, môn, học kỳ, cột)', params: z.object({ yearId: ZId }), body: ZCreateLockInput, response: { 200: ZLocksOverview, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'lock.manage', { schoolId: year.school_id });
      const b = request.body;
      requireOrder(auth, year.school_id, b.orderedBy);
      const ctx = auditContext(request);
      await setLock({
        db,
        year,
        scope: { grade: b.grade, classId: b.classId, subjectId: b.subjectId, termNo: b.termNo, columnKey: b.columnKey },
        reason: b.reason,
        orderedBy: b.orderedBy,
        setBy: auth.user.id,
        audit: ctx,
      });
      return loadLocksOverview(db, year.id, ctx.now, auth.actor);
    },
  );

  api.post(
    '/locks/:lockId/release',
    {
      schema: {
        tags,
        summary: 'Mở sổ (gỡ một lệnh khóa), có ghi lý do: Hiệu trưởng mở ngay (200); Ban quản trị gửi yêu cầu chờ Hiệu trưởng xác nhận (202)',
        params: z.object({ lockId: ZId }),
        body: ZReleaseLockInput,
        response: { 200: ZLockChangeResult, 202: ZLockChangeResult, ...authErrors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const lock = await getLockOr404(db, request.params.lockId);
      authorize(auth, 'lock.manage', { schoolId: lock.school_id });
      const { reason, orderedBy } = request.body;
      const ctx = auditContext(request);
      if (actsWithoutConfirmation(auth.actor, lock.school_id)) {
        await releaseLock({ db, lock, reason, orderedBy, releasedBy: auth.user.id, audit: ctx });
        return { ...(await loadLocksOverview(db, lock.school_year_id, ctx.now, auth.actor)), outcome: 'applied' as const };
      }
      await fileLockRequest({ db, change: { kind: 'release', lock }, reason: requestReason(reason, orderedBy), requestedBy: auth.user.id, audit: ctx });
      return reply.status(202).send({ ...(await loadLocksOverview(db, lock.school_year_id, ctx.now, auth.actor)), outcome: 'requested' as const });
    },
  );

  api.put(
    '/years/:yearId/windows/:point',
    {
      schema: {
        tags,
        summary: 'Đặt đợt cập nhật điểm (hết hạn thì sổ tự khóa phần tương ứng): Hiệu trưởng đặt ngay (200); Ban quản trị gửi yêu cầu chờ Hiệu trưởng xác nhận (202)',
        params: z.object({ yearId: ZId, point: ZWindowPoint }),
        body: ZSetWindowInput,
        response: { 200: ZLockChangeResult, 202: ZLockChangeResult, ...authErrors, 409: ZWindowClosingRefused },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'lock.manage', { schoolId: year.school_id });
      const b = request.body;
      const { point } = request.params;
      if (b.opensOn > b.closesOn) throw invalid('Ngày kết thúc đợt phải sau ngày bắt đầu.', [{ field: 'closesOn', message: 'trước ngày bắt đầu' }]);
      if (b.opensOn < year.starts_on || b.closesOn > year.ends_on) throw invalid('Đợt cập nhật phải nằm trong năm học.', [{ field: 'opensOn', message: 'ngoài năm học' }]);
      const ctx = auditContext(request);
      if (actsWithoutConfirmation(auth.actor, year.school_id)) {
        await setAssessmentWindow({ db, year, point, opensOn: b.opensOn, closesOn: b.closesOn, orderedBy: b.orderedBy, setBy: auth.user.id, audit: ctx, confirmEmpty: b.confirmEmpty });
        return { ...(await loadLocksOverview(db, year.id, ctx.now, auth.actor)), outcome: 'applied' as const };
      }
      const reason = requestReason(b.reason, b.orderedBy);
      if (!reason) {
        const message = 'Hãy ghi lý do đổi đợt cập nhật điểm: Hiệu trưởng xem lý do khi xác nhận.';
        throw invalid(message, [{ field: 'reason', message }]);
      }
      await fileLockRequest({ db, change: { kind: 'window', year, point, opensOn: b.opensOn, closesOn: b.closesOn }, reason, requestedBy: auth.user.id, audit: ctx });
      return reply.status(202).send({ ...(await loadLocksOverview(db, year.id, ctx.now, auth.actor)), outcome: 'requested' as const });
    },
  );

  api.post(
    '/lock-requests/:requestId/decision',
    {
      schema: {
        tags,
        summary: 'Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền) xác nhận hoặc từ chối yêu cầu mở sổ, đổi đợt cập nhật của Ban quản trị',
        params: z.object({ requestId: ZId }),
        body: ZDecideLockRequestInput,
        response: { 200: ZLocksOverview, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getLockRequestOr404(db, request.params.requestId);
      authorize(auth, 'school.view', { schoolId: r.school_id });
      const lockClassId = r.lock_id ? (await getLockOr404(db, r.lock_id)).class_id : null;
      requireDecision(auth, canDecideLockRequest(auth.actor, lockRequestTarget(r, lockClassId)), 'lock.confirm');
      const ctx = auditContext(request);
      await decideLockRequest({ db, request: r, ...request.body, deciderId: auth.user.id, audit: ctx });
      return loadLocksOverview(db, r.school_year_id, ctx.now, auth.actor);
    },
  );

  api.get(
    '/schools/:schoolId/settings',
    { schema: { tags, summary: 'Thiết lập sổ điểm của trường', params: z.object({ schoolId: ZId }), response: { 200: ZSchoolSettings, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      return getSchoolSettingsOr404(db, request.params.schoolId);
    },
  );

  api.patch(
    '/schools/:schoolId/settings',
    { schema: { tags, summary: 'Sửa thiết lập sổ điểm (lý do sửa điểm, hạn sửa, cách cập nhật đề nghị)', params: z.object({ schoolId: ZId }), body: ZUpdateSettingsInput, response: { 200: ZSchoolSettings, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'lock.manage', { schoolId });
      if (!hasRole(auth.actor, 'principal', schoolId)) throw new AppError('FORBIDDEN', 'Chỉ Hiệu trưởng được đổi quy định sửa điểm của trường.');
      return updateSchoolSettings({ db, schoolId, input: request.body, audit: auditContext(request) });
    },
  );
}
