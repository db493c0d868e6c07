/**
 * Staff (cán bộ, giáo viên): the school's list in ABC order, adding, editing; and the school's
 * teacher accounts (to filter the edit log, to print by teacher).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import { ZStaff, ZStaffInput, ZUpdateStaffInput } from '../../shared/people.ts';
import { compareStudentNames } from '../../domain/names/compare-student-names.ts';
import { schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import { getStaffOr404, presentStaff } from '../school/index.ts';
import { AppError } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

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
      const rows = await db.selectFrom('staff').selectAll().where('school_id', '=', request.params.schoolId).execute();
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
      const b = request.body;
      const ctx = auditContext(request);
      const row = {
        id: randomUUID(),
        school_id: schoolId,
        family_name: b.familyName,
        middle_name: b.middleName,
        given_name: b.givenName,
        sex: b.sex,
        date_of_birth: b.dateOfBirth,
        position: b.position,
        speciality: b.speciality,
        phone: b.phone,
        email: b.email,
        active: 1,
        created_at: ctx.now,
        updated_at: ctx.now,
        version: 1,
      };
      await db.transaction().execute(async (tx) => {
        await tx.insertInto('staff').values(row).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(schoolId), schoolId, action: 'staff.created', entityType: 'staff', entityId: row.id, before: null, after: row });
      });
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
      const b = request.body;
      if (b.version !== Number(staff.version)) throw new AppError('CONFLICT', 'Thông tin này vừa được người khác sửa. Hãy tải lại trang.');
      const patch = {
        ...(b.familyName !== undefined && { family_name: b.familyName }),
        ...(b.middleName !== undefined && { middle_name: b.middleName }),
        ...(b.givenName !== undefined && { given_name: b.givenName }),
        ...(b.sex !== undefined && { sex: b.sex }),
        ...(b.dateOfBirth !== undefined && { date_of_birth: b.dateOfBirth }),
        ...(b.position !== undefined && { position: b.position }),
        ...(b.speciality !== undefined && { speciality: b.speciality }),
        ...(b.phone !== undefined && { phone: b.phone }),
        ...(b.email !== undefined && { email: b.email }),
        ...(b.active !== undefined && { active: b.active ? 1 : 0 }),
      };
      const ctx = auditContext(request);
      const after = { ...staff, ...patch, updated_at: ctx.now, version: Number(staff.version) + 1 };
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('staff').set({ ...patch, updated_at: ctx.now, version: after.version }).where('id', '=', staff.id).execute();
        await writeAudit(tx, ctx, { chainKey: schoolChain(staff.school_id), schoolId: staff.school_id, action: 'staff.updated', entityType: 'staff', entityId: staff.id, before: staff, after });
      });
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
      const rows = await db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select(['users.id', 'users.full_name', 'users.staff_id'])
        .where('users.school_id', '=', request.params.schoolId)
        .where('user_roles.role', '=', 'teacher')
        .orderBy('users.full_name')
        .execute();
      return rows.map((r) => ({ userId: r.id, fullName: r.full_name, staffId: r.staff_id }));
    },
  );
}
