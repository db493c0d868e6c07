/**
 * Staff (cán bộ, giáo viên): the school's list in ABC order, adding, editing; and the school's
 * teacher accounts (to filter the edit log, to print by teacher).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZStaff, ZStaffInput, ZUpdateStaffInput } from '../../shared/people.ts';
import { compareStudentNames } from '../../domain/names/compare-student-names.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getStaffOr404, presentStaff } from '../school/index.ts';
import { createStaff } from './create-staff.ts';
import { listStaff, listTeacherAccounts } from './staff-queries.ts';
import { updateStaff } from './update-staff.ts';

const tags = ['people'];

export async function registerStaffRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/staff',
    { schema: { tags, summary: 'Danh sách cán bộ, giáo viên', params: z.object({ schoolId: ZId }), response: { 200: z.array(ZStaff), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'staff.view', { schoolId: request.params.schoolId });
      const rows = await listStaff(db, request.params.schoolId);
      return rows
        .map(presentStaff)
        .sort((a, b) => compareStudentNames({ ...a, dateOfBirth: a.dateOfBirth ?? '' }, { ...b, dateOfBirth: b.dateOfBirth ?? '' }));
    },
  );

  api.post(
    '/schools/:schoolId/staff',
    { schema: { tags, summary: 'Thêm cán bộ, giáo viên', params: z.object({ schoolId: ZId }), body: ZStaffInput, response: { 200: ZStaff, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'staff.manage', { schoolId });
      const row = await createStaff({ db, schoolId, input: request.body, audit: auditContext(request) });
      return presentStaff(row);
    },
  );

  api.patch(
    '/staff/:staffId',
    { schema: { tags, summary: 'Sửa thông tin cán bộ, giáo viên', params: z.object({ staffId: ZId }), body: ZUpdateStaffInput, response: { 200: ZStaff, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const staff = await getStaffOr404(db, request.params.staffId);
      authorize(auth, 'staff.manage', { schoolId: staff.school_id });
      const after = await updateStaff({ db, staff, input: request.body, audit: auditContext(request) });
      return presentStaff(after);
    },
  );

  api.get(
    '/schools/:schoolId/teachers',
    {
      schema: {
        tags,
        summary: 'Tài khoản giáo viên (để lọc nhật kí sửa điểm, in theo giáo viên)',
        params: z.object({ schoolId: ZId }),
        response: { 200: z.array(z.object({ userId: z.string(), fullName: z.string(), staffId: z.string().nullable() })), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      authorize(auth, 'editLog.view', { schoolId: request.params.schoolId });
      return listTeacherAccounts(db, request.params.schoolId);
    },
  );
}
