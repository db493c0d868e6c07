/**
 * Locks and assessment windows (C1, C7, G10): the principal — or the admin board on the
 * principal's recorded order — locks and unlocks by scope, sets the update windows whose end
 * locks their point automatically, and sets the grade-book settings of the school.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { WINDOW_LABELS, type WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { hasRole } from '../../domain/policies/actor.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZCreateLockInput, ZLocksOverview, ZReleaseLockInput, ZSetWindowInput, ZUpdateSettingsInput, ZWindowPoint } from '../../shared/locks.ts';
import { ZSchoolSettings, parseSchoolSettings } from '../../shared/school-settings.ts';
import { schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import { setAssessmentWindow, setLock } from './set-lock.ts';
import type { Db } from '../platform/db/database.ts';
import { getYearOr404 } from '../school/index.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { type RequestAuth, auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['locks'];

/** C1: the admin board acts on the principal's order, and that order is recorded. */
function requireOrder(auth: RequestAuth, schoolId: string, orderedBy: string): void {
  if (!hasRole(auth.actor, 'principal', schoolId) && !orderedBy) {
    const message = 'Ban quản trị chỉ khóa, mở sổ theo lệnh của Hiệu trưởng: hãy ghi lệnh (ví dụ "Theo chỉ đạo của Hiệu trưởng ngày 05/12/2026").';
    throw invalid(message, [{ field: 'orderedBy', message }]);
  }
}

export async function loadLocksOverview(db: Db, yearId: string, now: string) {
  const locks = await db
    .selectFrom('locks')
    .innerJoin('users as setter', 'setter.id', 'locks.set_by')
    .leftJoin('users as releaser', 'releaser.id', 'locks.released_by')
    .leftJoin('classes', 'classes.id', 'locks.class_id')
    .leftJoin('subjects', 'subjects.id', 'locks.subject_id')
    .selectAll('locks')
    .select(['setter.full_name as setter_name', 'releaser.full_name as releaser_name', 'classes.name as class_name', 'subjects.name as subject_name'])
    .where('locks.school_year_id', '=', yearId)
    .orderBy('locks.set_at', 'desc')
    .execute();
  const windows = await db
    .selectFrom('assessment_windows')
    .innerJoin('users', 'users.id', 'assessment_windows.set_by')
    .selectAll('assessment_windows')
    .select('users.full_name')
    .where('assessment_windows.school_year_id', '=', yearId)
    .execute();
  const today = vietnamDay(now);
  const order = ZWindowPoint.options;
  return {
    locks: locks.map((l) => {
      const parts = [
        l.grade !== null ? `Khối ${l.grade}` : null,
        l.class_name ? `Lớp ${l.class_name}` : null,
        l.subject_name,
        l.term_no !== null ? `Học kỳ ${Number(l.term_no) === 1 ? 'I' : 'II'}` : null,
        l.column_key,
      ].filter(Boolean);
      return {
        id: l.id,
        grade: l.grade === null ? null : Number(l.grade),
        classId: l.class_id,
        className: l.class_name ?? null,
        subjectId: l.subject_id,
        subjectName: l.subject_name ?? null,
        termNo: l.term_no === null ? null : Number(l.term_no),
        columnKey: l.column_key,
        scopeLabel: parts.length ? parts.join(' · ') : 'Toàn trường',
        reason: l.reason,
        orderedBy: l.ordered_by,
        setByName: l.setter_name,
        setAt: l.set_at,
        releasedByName: l.releaser_name ?? null,
        releasedAt: l.released_at,
        releaseReason: l.release_reason,
      };
    }),
    windows: windows
      .map((w) => ({
        id: w.id,
        point: w.point as WindowPoint,
        label: WINDOW_LABELS[w.point as WindowPoint],
        opensOn: w.opens_on,
        closesOn: w.closes_on,
        orderedBy: w.ordered_by,
        setByName: w.full_name,
        setAt: w.set_at,
        state: (today < w.opens_on ? 'upcoming' : today > w.closes_on ? 'closed' : 'open') as 'upcoming' | 'open' | 'closed',
      }))
      .sort((a, b) => order.indexOf(a.point) - order.indexOf(b.point)),
  };
}

export async function registerLockRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/years/:yearId/locks',
    { schema: { tags, summary: 'Các lệnh khóa sổ và đợt cập nhật điểm của năm học', params: z.object({ yearId: ZId }), response: { 200: ZLocksOverview, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      return loadLocksOverview(db, year.id, request.now.toISOString());
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
      if (b.classId) {
        const cls = await db.selectFrom('classes').select(['school_year_id']).where('id', '=', b.classId).executeTakeFirst();
        if (!cls || cls.school_year_id !== year.id) throw invalid('Lớp không thuộc năm học này.', [{ field: 'classId', message: 'không thuộc năm học' }]);
      }
      if (b.subjectId) {
        const s = await db.selectFrom('subjects').select(['school_year_id']).where('id', '=', b.subjectId).executeTakeFirst();
        if (!s || s.school_year_id !== year.id) throw invalid('Môn học không thuộc năm học này.', [{ field: 'subjectId', message: 'không thuộc năm học' }]);
      }
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
      return loadLocksOverview(db, year.id, ctx.now);
    },
  );

  api.post(
    '/locks/:lockId/release',
    { schema: { tags, summary: 'Mở sổ (gỡ một lệnh khóa), có ghi lý do', params: z.object({ lockId: ZId }), body: ZReleaseLockInput, response: { 200: ZLocksOverview, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const lock = await db.selectFrom('locks').selectAll().where('id', '=', request.params.lockId).executeTakeFirst();
      if (!lock) throw notFound('lệnh khóa sổ');
      authorize(auth, 'lock.manage', { schoolId: lock.school_id });
      requireOrder(auth, lock.school_id, request.body.orderedBy);
      if (lock.released_at) throw new AppError('INVALID_STATE', 'Lệnh khóa này đã được gỡ.');
      const ctx = auditContext(request);
      const releaseReason = request.body.orderedBy ? `${request.body.reason} (theo lệnh: ${request.body.orderedBy})` : request.body.reason;
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('locks').set({ released_at: ctx.now, released_by: auth.user.id, release_reason: releaseReason }).where('id', '=', lock.id).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(lock.school_id), schoolId: lock.school_id, action: 'lock.released', entityType: 'lock', entityId: lock.id, before: lock, after: { releasedAt: ctx.now, releasedBy: auth.user.id }, reason: releaseReason });
      });
      return loadLocksOverview(db, lock.school_year_id, ctx.now);
    },
  );

  api.put(
    '/years/:yearId/windows/:point',
    {
      schema: {
        tags,
        summary: 'Đặt đợt cập nhật điểm (hết hạn thì sổ tự khóa phần tương ứng)',
        params: z.object({ yearId: ZId, point: ZWindowPoint }),
        body: ZSetWindowInput,
        response: { 200: ZLocksOverview, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'lock.manage', { schoolId: year.school_id });
      const b = request.body;
      requireOrder(auth, year.school_id, b.orderedBy);
      if (b.opensOn > b.closesOn) throw invalid('Ngày kết thúc đợt phải sau ngày bắt đầu.', [{ field: 'closesOn', message: 'trước ngày bắt đầu' }]);
      if (b.opensOn < year.starts_on || b.closesOn > year.ends_on) throw invalid('Đợt cập nhật phải nằm trong năm học.', [{ field: 'opensOn', message: 'ngoài năm học' }]);
      const ctx = auditContext(request);
      await setAssessmentWindow({ db, year, point: request.params.point, opensOn: b.opensOn, closesOn: b.closesOn, orderedBy: b.orderedBy, setBy: auth.user.id, audit: ctx });
      return loadLocksOverview(db, year.id, ctx.now);
    },
  );

  api.get(
    '/schools/:schoolId/settings',
    { schema: { tags, summary: 'Thiết lập sổ điểm của trường', params: z.object({ schoolId: ZId }), response: { 200: ZSchoolSettings, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      const school = await db.selectFrom('schools').select('settings_json').where('id', '=', request.params.schoolId).executeTakeFirst();
      if (!school) throw notFound('trường');
      return parseSchoolSettings(school.settings_json);
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
      const school = await db.selectFrom('schools').select('settings_json').where('id', '=', schoolId).executeTakeFirstOrThrow();
      const before = parseSchoolSettings(school.settings_json);
      const after = ZSchoolSettings.parse({ ...before, ...request.body });
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('schools').set({ settings_json: JSON.stringify(after) }).where('id', '=', schoolId).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(schoolId), schoolId, action: 'settings.updated', entityType: 'school', entityId: schoolId, before, after });
      });
      return after;
    },
  );
}
