/**
 * Year set-up for the admin board (S1, S6): school years from the 2018 programme template or
 * copied from last year, terms, subjects, classes, subject groups and the assignment grids.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { classScope } from '../../domain/policies/policy.ts';
import { ZId, authErrors } from '../../shared/api-common.ts';
import {
  ZAssignmentGrid,
  ZClassGroup,
  ZCreateClassInput,
  ZCreateSchoolYearInput,
  ZCreateSubjectInput,
  ZSchoolYear,
  ZSubject,
  ZSubjectGroup,
  ZSubjectGroupInput,
  ZUpdateAssignmentsInput,
  ZUpdateClassInput,
  ZUpdateSubjectInput,
  ZUpdateTermsInput,
  ZYearSetup,
} from '../../shared/setup.ts';
import { createSchoolYear } from './create-school-year.ts';
import { updateAssignments } from './update-assignments.ts';
import { schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import { checkYearDates } from '../../domain/calendar/check-year-dates.ts';
import { getStaffOr404 } from '../school/index.ts';
import {
  getClassOr404,
  getSubjectOr404,
  getYearOr404,
  listClasses,
  loadYearSetup,
} from '../school/index.ts';
import { presentSchoolYear, presentSubject } from '../school/index.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['setup'];

export async function registerSetupRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  /** A staff member referenced by set-up must work at the same school. */
  async function checkStaffInSchool(staffId: string | null | undefined, schoolId: string, field: string) {
    if (!staffId) return;
    const staff = await db.selectFrom('staff').select(['school_id']).where('id', '=', staffId).executeTakeFirst();
    if (!staff || staff.school_id !== schoolId) throw invalid('Giáo viên được chọn không thuộc trường này.', [{ field, message: 'không thuộc trường' }]);
  }

  /** A subject group referenced by a subject must belong to the same school year. */
  async function checkSubjectGroupInYear(groupId: string | null | undefined, yearId: string) {
    if (!groupId) return;
    const group = await db.selectFrom('subject_groups').select(['school_year_id']).where('id', '=', groupId).executeTakeFirst();
    if (!group || group.school_year_id !== yearId) {
      throw invalid('Tổ chuyên môn được chọn không thuộc năm học này của trường.', [{ field: 'subjectGroupId', message: 'không thuộc năm học' }]);
    }
  }

  api.get(
    '/schools/:schoolId/years',
    { schema: { tags, summary: 'Danh sách năm học của trường', params: z.object({ schoolId: ZId }), response: { 200: z.array(ZSchoolYear), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      const rows = await db.selectFrom('school_years').selectAll().where('school_id', '=', request.params.schoolId).orderBy('start_year', 'desc').execute();
      return rows.map(presentSchoolYear);
    },
  );

  api.post(
    '/schools/:schoolId/years',
    {
      schema: {
        tags,
        summary: 'Tạo năm học mới (từ khung chương trình 2018 hoặc sao chép năm trước)',
        params: z.object({ schoolId: ZId }),
        body: ZCreateSchoolYearInput,
        response: { 200: ZYearSetup, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'setup.manage', { schoolId });
      const yearId = await createSchoolYear({ db, schoolId, input: request.body, audit: auditContext(request) });
      return loadYearSetup(db, yearId);
    },
  );

  api.get(
    '/years/:yearId',
    { schema: { tags, summary: 'Thiết lập của một năm học', params: z.object({ yearId: ZId }), response: { 200: ZYearSetup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      const scope = classScope(auth.actor, year.school_id);
      return loadYearSetup(db, year.id, scope.all ? undefined : scope.classIds);
    },
  );

  api.put(
    '/years/:yearId/terms',
    {
      schema: { tags, summary: 'Sửa ngày bắt đầu, kết thúc các học kỳ', params: z.object({ yearId: ZId }), body: ZUpdateTermsInput, response: { 200: ZYearSetup, ...authErrors } },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'setup.manage', { schoolId: year.school_id });
      const problems = checkYearDates({ startYear: Number(year.start_year), startsOn: year.starts_on, endsOn: year.ends_on, terms: request.body.terms });
      if (problems.length) throw invalid(`Ngày học kỳ chưa hợp lệ: ${problems.map((p) => p.message).join('; ')}`, problems);
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        const before = await tx.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on', 'end_test_on']).where('school_year_id', '=', year.id).orderBy('term_no').execute();
        for (const t of request.body.terms) {
          await tx.updateTable('terms').set({ starts_on: t.startsOn, ends_on: t.endsOn, end_test_on: t.endTestOn }).where('school_year_id', '=', year.id).where('term_no', '=', t.termNo).execute();
        }
        await writeAudit(tx, ctx, {
          chainKey: schoolChain(year.school_id),
          schoolId: year.school_id,
          action: 'terms.updated',
          entityType: 'school_year',
          entityId: year.id,
          before,
          after: request.body.terms,
        });
      });
      return loadYearSetup(db, year.id);
    },
  );

  api.post(
    '/years/:yearId/subjects',
    { schema: { tags, summary: 'Thêm môn học cho một khối', params: z.object({ yearId: ZId }), body: ZCreateSubjectInput, response: { 200: ZSubject, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'setup.manage', { schoolId: year.school_id });
      const b = request.body;
      const dup = await db.selectFrom('subjects').select('id').where('school_year_id', '=', year.id).where('grade', '=', b.grade).where('code', '=', b.code).executeTakeFirst();
      if (dup) throw new AppError('CONFLICT', `Khối ${b.grade} đã có môn mã ${b.code}.`);
      await checkSubjectGroupInYear(b.subjectGroupId, year.id);
      const max = await db.selectFrom('subjects').select((eb) => eb.fn.max('sort_order').as('m')).where('school_year_id', '=', year.id).where('grade', '=', b.grade).executeTakeFirst();
      const row = {
        id: randomUUID(),
        school_id: year.school_id,
        school_year_id: year.id,
        grade: b.grade,
        code: b.code,
        name: b.name,
        periods_per_year: b.periodsPerYear,
        assessment_kind: b.assessmentKind,
        learning_topic_cluster: b.learningTopicCluster ? 1 : 0,
        has_periodic_test: b.hasPeriodicTest ? 1 : 0,
        sort_order: Number(max?.m ?? 0) + 1,
        subject_group_id: b.subjectGroupId,
      };
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('subjects').values(row).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'subject.created', entityType: 'subject', entityId: row.id, before: null, after: row });
      });
      return presentSubject(row);
    },
  );

  api.patch(
    '/subjects/:subjectId',
    { schema: { tags, summary: 'Sửa môn học (số tiết, hình thức đánh giá, tổ)', params: z.object({ subjectId: ZId }), body: ZUpdateSubjectInput, response: { 200: ZSubject, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const subject = await getSubjectOr404(db, request.params.subjectId);
      authorize(auth, 'setup.manage', { schoolId: subject.school_id });
      const b = request.body;
      await checkSubjectGroupInYear(b.subjectGroupId, subject.school_year_id);
      const patch = {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.periodsPerYear !== undefined && { periods_per_year: b.periodsPerYear }),
        ...(b.assessmentKind !== undefined && { assessment_kind: b.assessmentKind }),
        ...(b.learningTopicCluster !== undefined && { learning_topic_cluster: b.learningTopicCluster ? 1 : 0 }),
        ...(b.hasPeriodicTest !== undefined && { has_periodic_test: b.hasPeriodicTest ? 1 : 0 }),
        ...(b.subjectGroupId !== undefined && { subject_group_id: b.subjectGroupId }),
      };
      const ctx = auditContext(request);
      const updated = await db.transaction().execute(async (tx) => {
        if (Object.keys(patch).length) await tx.updateTable('subjects').set(patch).where('id', '=', subject.id).execute();
        const after = await tx.selectFrom('subjects').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow();
        await writeAudit(tx, ctx, { chainKey: schoolChain(subject.school_id), schoolId: subject.school_id, action: 'subject.updated', entityType: 'subject', entityId: subject.id, before: subject, after });
        return after;
      });
      return presentSubject(updated);
    },
  );

  api.get(
    '/years/:yearId/classes',
    { schema: { tags, summary: 'Danh sách lớp (chỉ các lớp được xem)', params: z.object({ yearId: ZId }), response: { 200: z.array(ZClassGroup), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      const scope = classScope(auth.actor, year.school_id);
      return listClasses(db, year.id, scope.all ? undefined : scope.classIds);
    },
  );

  api.post(
    '/years/:yearId/classes',
    { schema: { tags, summary: 'Thêm lớp', params: z.object({ yearId: ZId }), body: ZCreateClassInput, response: { 200: ZClassGroup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'setup.manage', { schoolId: year.school_id });
      const b = request.body;
      const grade = await db.selectFrom('grade_levels').select('id').where('school_year_id', '=', year.id).where('grade', '=', b.grade).executeTakeFirst();
      if (!grade) throw invalid(`Năm học này chưa có khối ${b.grade}.`, [{ field: 'grade', message: 'khối chưa được thiết lập' }]);
      const dup = await db.selectFrom('classes').select('id').where('school_year_id', '=', year.id).where('name', '=', b.name).executeTakeFirst();
      if (dup) throw new AppError('CONFLICT', `Đã có lớp ${b.name} trong năm học này.`);
      await checkStaffInSchool(b.homeroomStaffId, year.school_id, 'homeroomStaffId');
      const ctx = auditContext(request);
      const row = {
        id: randomUUID(),
        school_id: year.school_id,
        school_year_id: year.id,
        grade: b.grade,
        name: b.name,
        homeroom_staff_id: b.homeroomStaffId,
        room: b.room,
        session: 'morning',
        created_at: ctx.now,
        version: 1,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('classes').values(row).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'class.created', entityType: 'class', entityId: row.id, before: null, after: row });
      });
      const [created] = await listClasses(db, year.id, [row.id]);
      return created;
    },
  );

  api.patch(
    '/classes/:classId',
    { schema: { tags, summary: 'Sửa lớp, phân công giáo viên chủ nhiệm', params: z.object({ classId: ZId }), body: ZUpdateClassInput, response: { 200: ZClassGroup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'setup.manage', { schoolId: cls.school_id });
      const b = request.body;
      if (b.homeroomStaffId) await checkStaffInSchool(b.homeroomStaffId, cls.school_id, 'homeroomStaffId');
      if (b.name && b.name !== cls.name) {
        const dup = await db.selectFrom('classes').select('id').where('school_year_id', '=', cls.school_year_id).where('name', '=', b.name).executeTakeFirst();
        if (dup) throw new AppError('CONFLICT', `Đã có lớp ${b.name} trong năm học này.`);
      }
      const patch = {
        ...(b.name !== undefined && { name: b.name }),
        ...(b.homeroomStaffId !== undefined && { homeroom_staff_id: b.homeroomStaffId }),
        ...(b.room !== undefined && { room: b.room }),
        version: Number(cls.version) + 1,
      };
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('classes').set(patch).where('id', '=', cls.id).execute();
        const action = b.homeroomStaffId !== undefined && b.homeroomStaffId !== cls.homeroom_staff_id ? 'homeroom.assigned' : 'class.updated';
        await writeAudit(tx, ctx, { chainKey: schoolChain(cls.school_id), schoolId: cls.school_id, action, entityType: 'class', entityId: cls.id, before: cls, after: { ...cls, ...patch } });
      });
      const [updated] = await listClasses(db, cls.school_year_id, [cls.id]);
      return updated;
    },
  );

  api.post(
    '/years/:yearId/subject-groups',
    { schema: { tags, summary: 'Thêm tổ chuyên môn', params: z.object({ yearId: ZId }), body: ZSubjectGroupInput, response: { 200: ZSubjectGroup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'setup.manage', { schoolId: year.school_id });
      return saveSubjectGroup(year.school_id, year.id, null, request.body, auditContext(request));
    },
  );

  api.put(
    '/subject-groups/:groupId',
    { schema: { tags, summary: 'Sửa tổ chuyên môn (tổ trưởng, thành viên)', params: z.object({ groupId: ZId }), body: ZSubjectGroupInput, response: { 200: ZSubjectGroup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const group = await db.selectFrom('subject_groups').selectAll().where('id', '=', request.params.groupId).executeTakeFirst();
      if (!group) throw notFound('tổ chuyên môn');
      authorize(auth, 'setup.manage', { schoolId: group.school_id });
      return saveSubjectGroup(group.school_id, group.school_year_id, group.id, request.body, auditContext(request));
    },
  );

  async function saveSubjectGroup(
    schoolId: string,
    yearId: string,
    groupId: string | null,
    body: z.infer<typeof ZSubjectGroupInput>,
    ctx: ReturnType<typeof auditContext>,
  ) {
    await checkStaffInSchool(body.headStaffId, schoolId, 'headStaffId');
    for (const [i, id] of body.memberStaffIds.entries()) await checkStaffInSchool(id, schoolId, `memberStaffIds[${i}]`);
    const members = [...new Set([...body.memberStaffIds, ...(body.headStaffId ? [body.headStaffId] : [])])];
    const id = groupId ?? randomUUID();
    await db.transaction().execute(async (tx) => {
      const before = groupId ? await tx.selectFrom('subject_groups').selectAll().where('id', '=', id).executeTakeFirst() : null;
      if (groupId) {
        await tx.updateTable('subject_groups').set({ name: body.name, head_staff_id: body.headStaffId }).where('id', '=', id).execute();
        await tx.deleteFrom('subject_group_members').where('subject_group_id', '=', id).execute();
      } else {
        await tx.insertInto('subject_groups').values({ id, school_id: schoolId, school_year_id: yearId, name: body.name, head_staff_id: body.headStaffId }).execute();
      }
      for (const staffId of members) await tx.insertInto('subject_group_members').values({ school_id: schoolId, subject_group_id: id, staff_id: staffId }).execute();
      await writeAudit(tx, ctx, {
        chainKey: schoolChain(schoolId),
        schoolId,
        action: groupId ? 'subjectGroup.updated' : 'subjectGroup.created',
        entityType: 'subject_group',
        entityId: id,
        before,
        after: { name: body.name, headStaffId: body.headStaffId, memberStaffIds: members },
      });
    });
    return { id, name: body.name, headStaffId: body.headStaffId, memberStaffIds: members };
  }

  api.get(
    '/years/:yearId/assignments',
    { schema: { tags, summary: 'Bảng phân công chuyên môn (lớp × môn → giáo viên)', params: z.object({ yearId: ZId }), response: { 200: ZAssignmentGrid, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      return loadAssignmentGrid(year.id);
    },
  );

  api.put(
    '/years/:yearId/assignments',
    { schema: { tags, summary: 'Lưu thay đổi phân công chuyên môn (một lô)', params: z.object({ yearId: ZId }), body: ZUpdateAssignmentsInput, response: { 200: ZAssignmentGrid, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'setup.manage', { schoolId: year.school_id });
      await updateAssignments({ db, year, changes: request.body.changes, audit: auditContext(request) });
      return loadAssignmentGrid(year.id);
    },
  );

  async function loadAssignmentGrid(yearId: string) {
    const setup = await loadYearSetup(db, yearId);
    const rows = await db.selectFrom('teaching_assignments').select(['class_id', 'subject_id', 'staff_id']).where('school_year_id', '=', yearId).execute();
    return {
      classes: setup.classes,
      subjects: setup.subjects,
      assignments: rows.map((r) => ({ classId: r.class_id, subjectId: r.subject_id, staffId: r.staff_id })),
    };
  }

}
