/** Attendance (G4): the roll per day and session, lessons marked by subject teachers, ranges and totals. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { summarizeAbsences } from '../../domain/attendance/summarize-absences.ts';
import { ZId, ZIsoDate, authErrors } from '../../shared/api-common.ts';
import { ZAttendanceDay, ZAttendanceRange, ZAttendanceSummary, ZRecordAttendanceInput } from '../../shared/homeroom.ts';
import { recordAttendance } from './record-attendance.ts';
import type { Db } from '../platform/db/database.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import { getClassOr404 } from '../school/index.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const P = z.object({ classId: ZId });

async function attendanceDay(db: Db, classId: string, date: string) {
  const students = (await loadClassStudents(db, classId)).filter((s) => s.active);
  const range = await attendanceRange(db, classId, date, date);
  return {
    classId,
    date,
    students: students.map((s) => ({ studentId: s.studentId, listNumber: s.listNumber, fullName: s.fullName })),
    marks: range.marks.map(({ date: _d, ...m }) => m),
    rolls: range.rolls.map(({ date: _d, ...r }) => r),
  };
}

async function attendanceRange(db: Db, classId: string, from: string, to: string) {
  const marks = await db
    .selectFrom('attendance_records')
    .selectAll()
    .where('class_id', '=', classId)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .orderBy('date')
    .orderBy('period_no')
    .execute();
  const rolls = await db
    .selectFrom('attendance_rolls')
    .innerJoin('users', 'users.id', 'attendance_rolls.taken_by')
    .select(['attendance_rolls.date', 'attendance_rolls.session', 'attendance_rolls.period_no', 'attendance_rolls.taken_at', 'users.full_name'])
    .where('attendance_rolls.class_id', '=', classId)
    .where('attendance_rolls.date', '>=', from)
    .where('attendance_rolls.date', '<=', to)
    .orderBy('attendance_rolls.date')
    .execute();
  return {
    marks: marks.map((m) => ({ date: m.date, studentId: m.student_id, session: m.session as 'morning' | 'afternoon', periodNo: Number(m.period_no), kind: m.kind as 'P' | 'K', note: m.note, subjectId: m.subject_id })),
    rolls: rolls.map((r) => ({ date: r.date, session: r.session as 'morning' | 'afternoon', periodNo: Number(r.period_no), takenBy: r.full_name, takenAt: r.taken_at })),
  };
}

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
      return attendanceDay(db, cls.id, request.query.date);
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
      return { classId: cls.id, from, to, ...(await attendanceRange(db, cls.id, from, to)) };
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
      return attendanceDay(db, cls.id, b.date);
    },
  );

  api.get(
    '/classes/:classId/attendance/summary',
    { schema: { tags: ['attendance'], summary: 'Tổng hợp số buổi nghỉ (tháng, học kỳ, năm; quy định 45 buổi)', params: P, response: { 200: ZAttendanceSummary, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      const students = (await loadClassStudents(db, cls.id)).filter((s) => s.active);
      const records = await db.selectFrom('attendance_records').select(['student_id', 'date', 'period_no', 'kind']).where('class_id', '=', cls.id).execute();
      const terms = await db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).execute();
      const totals = summarizeAbsences(
        records.map((r) => ({ studentId: r.student_id, date: r.date, periodNo: Number(r.period_no), kind: r.kind as 'P' | 'K' })),
        terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on })),
      );
      const zero = { excused: 0, unexcused: 0, sessions: 0, lessons: 0 };
      return {
        classId: cls.id,
        rows: students.map((s) => {
          const t = totals.get(s.studentId);
          return { studentId: s.studentId, listNumber: s.listNumber, fullName: s.fullName, year: t?.year ?? zero, term1: t?.term1 ?? zero, term2: t?.term2 ?? zero, byMonth: t?.byMonth ?? {}, overLimit: t?.overLimit ?? false, sessionsLeft: t?.sessionsLeft ?? 45 };
        }),
      };
    },
  );

}
