/**
 * Students (S3, S5, S7): class lists in ABC order, adding, editing, Excel import
 * (all-or-nothing), transfers and class changes with history, list numbers, year rollover.
 * Staff routes are in staff.routes.ts.
 */
import type { FastifyInstance } from 'fastify';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { studentFieldView } from '../../domain/policies/student-fields.ts';
import { z } from 'zod';
import { ZId, authErrors } from '../../shared/api-common.ts';
import {
  ZAddStudentInput,
  ZChangeClassInput,
  ZClassList,
  ZDropOutInput,
  ZImportReport,
  ZListOrderInput,
  ZRolloverInput,
  ZRolloverPreview,
  ZStudentDetail,
  ZTransferOutInput,
  ZUpdateStudentInput,
} from '../../shared/people.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getClassOr404, getStudentOr404, getYearOr404, studentClassIds } from '../school/index.ts';
import { addStudents } from './add-students.ts';
import { changeEnrollment } from './change-enrollment.ts';
import { presentClassList, presentStudentDetail } from './people-presenter.ts';
import { recordClassListView } from './record-class-list-view.ts';
import { recordStudentView } from './record-student-view.ts';
import { reorderClassList } from './reorder-class-list.ts';
import { previewRollover, rollOverYear } from './roll-over-year.ts';
import { buildStudentTemplate, parseStudentWorkbook } from './student-import/student-workbook.ts';
import { loadClassList, loadStudentDetail } from './student-queries.ts';
import { updateStudent } from './update-student.ts';

const tags = ['people'];

export async function registerPeopleRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  // ---- students ----
  api.get(
    '/classes/:classId/students',
    { schema: { tags, summary: 'Danh sách học sinh của lớp (theo số thứ tự)', params: z.object({ classId: ZId }), response: { 200: ZClassList, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const target = { schoolId: cls.school_id, classIds: [cls.id] };
      authorize(auth, 'class.view', target);
      const view = studentFieldView(auth.actor, target);
      const list = await loadClassList(db, cls.id);
      if (view === 'full') await recordClassListView({ db, cls, students: list.entries.length, audit: auditContext(request) });
      return presentClassList(list, view);
    },
  );

  api.post(
    '/classes/:classId/students',
    { schema: { tags, summary: 'Tiếp nhận một học sinh vào lớp (mới hoặc chuyển đến)', params: z.object({ classId: ZId }), body: ZAddStudentInput, response: { 200: ZStudentDetail, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'student.create', { schoolId: cls.school_id, classIds: [cls.id] });
      const [id] = await addStudents({
        db,
        cls,
        students: [{ student: request.body.student }],
        startsOn: request.body.startsOn,
        origin: request.body.origin,
        note: request.body.note,
        source: 'typed',
        audit: auditContext(request),
      });
      return loadStudentDetail(db, id);
    },
  );

  api.get(
    '/students/import-template.xlsx',
    { schema: { tags, summary: 'Tải mẫu Excel nhập danh sách học sinh', produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'] } },
    async (request, reply) => {
      requireAuth(request);
      const buffer = await buildStudentTemplate();
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="mau-nhap-hoc-sinh.xlsx"`)
        .send(buffer);
    },
  );

  api.post(
    '/classes/:classId/students/import',
    {
      schema: {
        tags,
        summary: 'Nhập học sinh từ Excel (tất cả hoặc không: mọi lỗi được báo theo dòng và cột)',
        consumes: ['multipart/form-data'],
        params: z.object({ classId: ZId }),
        querystring: z.object({ startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }),
        response: { 200: ZImportReport, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'student.import', { schoolId: cls.school_id, classIds: [cls.id] });
      if (!request.isMultipart()) throw invalid('Hãy gửi tệp Excel (.xlsx) dạng multipart/form-data, trường "file".', [{ row: 0, field: 'tệp', message: 'không phải tệp tải lên' }]);
      const file = await request.file();
      if (!file) throw invalid('Chưa chọn tệp Excel.', [{ row: 0, field: 'tệp', message: 'chưa chọn tệp' }]);
      const buffer = await file.toBuffer();
      const parsed = await parseStudentWorkbook(buffer);
      if (!parsed.ok) {
        const fileLevel = parsed.errors.length === 1 && parsed.errors[0].row === 0;
        throw invalid(
          fileLevel ? `Không đọc được tệp: ${parsed.errors[0].message}` : `Tệp có ${parsed.errors.length} lỗi; chưa nhập học sinh nào. Sửa các dòng được nêu rồi nhập lại.`,
          parsed.errors,
        );
      }
      if (!parsed.rows.length) throw invalid('Tệp không có dòng học sinh nào.', [{ row: 0, field: 'tệp', message: 'không có dữ liệu' }]);
      const year = await getYearOr404(db, cls.school_year_id);
      const ids = await addStudents({
        db,
        cls,
        students: parsed.rows,
        startsOn: request.query.startsOn ?? (vietnamDay(request.now) < year.starts_on ? year.starts_on : vietnamDay(request.now)),
        origin: 'intake',
        source: 'imported',
        audit: auditContext(request),
      });
      return { imported: ids.length, studentIds: ids };
    },
  );

  api.get(
    '/students/:studentId',
    { schema: { tags, summary: 'Sơ yếu lý lịch và quá trình học tập của học sinh', params: z.object({ studentId: ZId }), response: { 200: ZStudentDetail, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const student = await getStudentOr404(db, request.params.studentId);
      const target = { schoolId: student.school_id, studentId: student.id, classIds: await studentClassIds(db, student.id) };
      authorize(auth, 'student.view', target);
      await recordStudentView({ db, actor: auth.actor, student, audit: auditContext(request) });
      return presentStudentDetail(await loadStudentDetail(db, student.id), studentFieldView(auth.actor, target));
    },
  );

  api.put(
    '/students/:studentId',
    { schema: { tags, summary: 'Sửa sơ yếu lý lịch học sinh', params: z.object({ studentId: ZId }), body: ZUpdateStudentInput, response: { 200: ZStudentDetail, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const student = await getStudentOr404(db, request.params.studentId);
      authorize(auth, 'student.edit', { schoolId: student.school_id, studentId: student.id, classIds: await studentClassIds(db, student.id) });
      await updateStudent({ db, student, input: request.body.student, baseVersion: request.body.version, audit: auditContext(request) });
      return loadStudentDetail(db, student.id);
    },
  );

  const enrollmentRoute = <T extends z.ZodTypeAny>(path: string, summary: string, body: T, toChange: (b: z.infer<T>) => Promise<Parameters<typeof changeEnrollment>[0]['change']>) =>
    api.post(
      `/students/:studentId/${path}`,
      { schema: { tags, summary, params: z.object({ studentId: ZId }), body, response: { 200: ZStudentDetail, ...authErrors } } },
      async (request) => {
        const auth = requireAuth(request);
        const student = await getStudentOr404(db, (request.params as { studentId: string }).studentId);
        authorize(auth, 'enrollment.manage', { schoolId: student.school_id, studentId: student.id });
        await changeEnrollment({ db, student, change: await toChange(request.body as z.infer<T>), audit: auditContext(request) });
        return loadStudentDetail(db, student.id);
      },
    );

  enrollmentRoute('transfer-out', 'Chuyển trường (chuyển đi)', ZTransferOutInput, async (b) => ({ kind: 'transferOut', date: b.date, toSchool: b.toSchool, reason: b.reason }));
  enrollmentRoute('drop-out', 'Thôi học', ZDropOutInput, async (b) => ({ kind: 'dropOut', date: b.date, reason: b.reason }));
  enrollmentRoute('change-class', 'Chuyển lớp trong năm học', ZChangeClassInput, async (b) => ({
    kind: 'changeClass',
    date: b.date,
    reason: b.reason,
    toClass: await getClassOr404(db, b.toClassId),
  }));

  api.put(
    '/classes/:classId/list-order',
    { schema: { tags, summary: 'Sắp xếp danh sách lớp (ABC hoặc chỉnh tay)', params: z.object({ classId: ZId }), body: ZListOrderInput, response: { 200: ZClassList, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      const target = { schoolId: cls.school_id, classIds: [cls.id] };
      authorize(auth, 'classList.reorder', target);
      await reorderClassList({ db, cls, order: request.body, audit: auditContext(request) });
      return presentClassList(await loadClassList(db, cls.id), studentFieldView(auth.actor, target));
    },
  );

  // ---- rollover ----
  const rolloverTarget = async (fromYearId: string, toYearId: string, request: Parameters<typeof requireAuth>[0]) => {
    const auth = requireAuth(request);
    const fromYear = await getYearOr404(db, fromYearId);
    authorize(auth, 'enrollment.manage', { schoolId: fromYear.school_id });
    const toYear = await getYearOr404(db, toYearId);
    return { fromYear, toYear };
  };

  api.get(
    '/years/:yearId/rollover',
    {
      schema: {
        tags,
        summary: 'Xem trước kết chuyển học sinh sang năm học mới',
        params: z.object({ yearId: ZId }),
        querystring: z.object({ toYearId: ZId, retained: z.string().optional() }),
        response: { 200: ZRolloverPreview, ...authErrors },
      },
    },
    async (request) => {
      const { fromYear, toYear } = await rolloverTarget(request.params.yearId, request.query.toYearId, request);
      const retained = request.query.retained ? request.query.retained.split(',').filter(Boolean) : [];
      const plan = await previewRollover({ db, fromYear, toYear, retainedStudentIds: retained, classMap: {} });
      return { fromYearId: fromYear.id, toYearId: toYear.id, ...plan };
    },
  );

  api.post(
    '/years/:yearId/rollover/preview',
    { schema: { tags, summary: 'Xem trước kết chuyển với danh sách ở lại lớp và lớp đích đã chọn', params: z.object({ yearId: ZId }), body: ZRolloverInput, response: { 200: ZRolloverPreview, ...authErrors } } },
    async (request) => {
      const { fromYear, toYear } = await rolloverTarget(request.params.yearId, request.body.toYearId, request);
      const plan = await previewRollover({ db, fromYear, toYear, retainedStudentIds: request.body.retainedStudentIds, classMap: request.body.classMap });
      return { fromYearId: fromYear.id, toYearId: toYear.id, ...plan };
    },
  );

  api.post(
    '/years/:yearId/rollover',
    { schema: { tags, summary: 'Kết chuyển học sinh sang năm học mới', params: z.object({ yearId: ZId }), body: ZRolloverInput, response: { 200: ZRolloverPreview, ...authErrors } } },
    async (request) => {
      const { fromYear, toYear } = await rolloverTarget(request.params.yearId, request.body.toYearId, request);
      const plan = await rollOverYear({ db, fromYear, toYear, retainedStudentIds: request.body.retainedStudentIds, classMap: request.body.classMap, audit: auditContext(request) });
      return { fromYearId: fromYear.id, toYearId: toYear.id, ...plan };
    },
  );

}
