/**
 * Year set-up for the admin board (S1, S6): school years from the 2018 programme template or
 * copied from last year, terms, subjects, classes, subject groups and the assignment grids.
 */
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
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import {
  getClassOr404,
  getSubjectOr404,
  getYearOr404,
  listClasses,
  loadYearSetup,
  presentSchoolYear,
  presentSubject,
} from '../school/index.ts';
import { createClass } from './create-class.ts';
import { createSchoolYear } from './create-school-year.ts';
import { createSubject } from './create-subject.ts';
import { saveSubjectGroup } from './save-subject-group.ts';
import { getSubjectGroupOr404, listSchoolYears, loadAssignmentGrid } from './setup-queries.ts';
import { updateAssignments } from './update-assignments.ts';
import { updateClass } from './update-class.ts';
import { updateSubject } from './update-subject.ts';
import { updateTerms } from './update-terms.ts';

const tags = ['setup'];

export async function registerSetupRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/years',
    { schema: { tags, summary: 'Danh sách năm học của trường', params: z.object({ schoolId: ZId }), response: { 200: z.array(ZSchoolYear), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'school.view', { schoolId: request.params.schoolId });
      const rows = await listSchoolYears(db, request.params.schoolId);
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
      await updateTerms({ db, year, terms: request.body.terms, audit: auditContext(request) });
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
      const row = await createSubject({ db, year, input: request.body, audit: auditContext(request) });
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
      const updated = await updateSubject({ db, subject, input: request.body, audit: auditContext(request) });
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
      const id = await createClass({ db, year, input: request.body, audit: auditContext(request) });
      const [created] = await listClasses(db, year.id, [id]);
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
      await updateClass({ db, cls, input: request.body, audit: auditContext(request) });
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
      return saveSubjectGroup({ db, schoolId: year.school_id, yearId: year.id, groupId: null, input: request.body, audit: auditContext(request) });
    },
  );

  api.put(
    '/subject-groups/:groupId',
    { schema: { tags, summary: 'Sửa tổ chuyên môn (tổ trưởng, thành viên)', params: z.object({ groupId: ZId }), body: ZSubjectGroupInput, response: { 200: ZSubjectGroup, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const group = await getSubjectGroupOr404(db, request.params.groupId);
      authorize(auth, 'setup.manage', { schoolId: group.school_id });
      return saveSubjectGroup({ db, schoolId: group.school_id, yearId: group.school_year_id, groupId: group.id, input: request.body, audit: auditContext(request) });
    },
  );

  api.get(
    '/years/:yearId/assignments',
    { schema: { tags, summary: 'Bảng phân công chuyên môn (lớp × môn → giáo viên)', params: z.object({ yearId: ZId }), response: { 200: ZAssignmentGrid, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'school.view', { schoolId: year.school_id });
      return loadAssignmentGrid(db, year.id);
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
      return loadAssignmentGrid(db, year.id);
    },
  );
}
