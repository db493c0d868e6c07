/** Attendance (G4): the roll per day and session, lessons marked by subject teachers, ranges and totals. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, ZIsoDate, authErrors } from '../../shared/api-common.ts';
import { ZAttendanceDay, ZAttendanceRange, ZAttendanceSummary, ZRecordAttendanceInput } from '../../shared/homeroom.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getClassOr404 } from '../school/index.ts';
import { loadAttendanceDay, loadAttendanceRange, loadAttendanceSummary } from './attendance-queries.ts';
import { recordAttendance } from './record-attendance.ts';

const P = z.object({ classId: ZId });

export async function registerAttendanceRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/attendance',
    { schema: { tags: ['attendance'], summary: 'Điểm danh một ngày của lớp', params: P, querystring: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }), response: { 200: ZAttendanceDay, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadAttendanceDay(db, cls.id, request.query.date);
    },
  );

  api.get(
    '/classes/:classId/attendance/range',
    {
      schema: {
        tags: ['attendance'],
        summary: 'Điểm danh của lớp trong một khoảng ngày (tối đa 62 ngày)',
        params: P,
        querystring: z.object({ from: ZIsoDate, to: ZIsoDate }),
        response: { 200: ZAttendanceRange, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const { from, to } = request.query;
      if (from > to || Date.parse(to) - Date.parse(from) > 62 * 86_400_000) throw invalid('Khoảng ngày không hợp lệ (từ ngày phải trước đến ngày, tối đa 62 ngày).', [{ field: 'to', message: 'khoảng ngày' }]);
      return { classId: cls.id, from, to, ...(await loadAttendanceRange(db, cls.id, from, to)) };
    },
  );

  api.put(
    '/classes/:classId/attendance',
    { schema: { tags: ['attendance'], summary: 'Ghi điểm danh một buổi (cả lớp) hoặc một tiết', params: P, body: ZRecordAttendanceInput, response: { 200: ZAttendanceDay, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const b = request.body;
      if (b.lesson) authorize(auth, 'attendance.markLesson', { schoolId: cls.school_id, classIds: [cls.id], subjectId: b.lesson.subjectId });
      else authorize(auth, 'attendance.record', { schoolId: cls.school_id, classIds: [cls.id] });
      await recordAttendance({ db, cls, date: b.date, session: b.session, marks: b.marks, lesson: b.lesson, userId: auth.user.id, audit: auditContext(request) });
      return loadAttendanceDay(db, cls.id, b.date);
    },
  );

  api.get(
    '/classes/:classId/attendance/summary',
    { schema: { tags: ['attendance'], summary: 'Tổng hợp số buổi nghỉ (tháng, học kỳ, năm; quy định 45 buổi)', params: P, response: { 200: ZAttendanceSummary, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadAttendanceSummary(db, cls);
    },
  );
}
