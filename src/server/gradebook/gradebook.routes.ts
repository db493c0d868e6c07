/**
 * The grade book (G1, G3, G9): a sheet per class × subject × term for the assigned subject
 * teacher, batch saves with versions, the whole class book read-only for the homeroom teacher
 * and the leadership, and the school's entry progress.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, ZLockedResponse, authErrors } from '../../shared/api-common.ts';
import { ZConflictResponse, ZGradebookSheet, ZSaveCellsInput, ZSaveCellsResult } from '../../shared/gradebook.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { getClassOr404, getYearOr404 } from '../school/index.ts';
import { loadSheetContext } from './gradebook-queries.ts';
import { loadProgress } from './progress-queries.ts';
import { saveCells } from './save-cells.ts';
import { loadClassBook, loadSheet } from './sheet-queries.ts';

const tags = ['gradebook'];
const ZSheetParams = z.object({ classId: ZId, subjectId: ZId, termNo: z.coerce.number().int().min(1).max(2) });

export async function registerGradebookRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/sheet',
    { schema: { tags, summary: 'Sổ điểm một môn của một lớp trong một học kỳ', params: ZSheetParams, response: { 200: ZGradebookSheet, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      const { cls } = await loadSheetContext(db, classId, subjectId);
      authorize(auth, 'gradebook.view', { schoolId: cls.school_id, classIds: [classId], subjectId });
      return loadSheet(db, auth, { classId, subjectId, termNo: termNo as 1 | 2, now: request.now.toISOString() });
    },
  );

  api.post(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/cells',
    {
      schema: {
        tags,
        summary: 'Lưu một lô ô điểm (tất cả hoặc không; mỗi ô mang phiên bản đã sửa từ đó)',
        params: ZSheetParams,
        body: ZSaveCellsInput,
        response: { 200: ZSaveCellsResult, ...authErrors, 409: ZConflictResponse, 423: ZLockedResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      // Only the class is needed to authorize; saveCells loads the whole sheet context in its transaction.
      const cls = await getClassOr404(db, classId);
      authorize(auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [classId], subjectId });
      return saveCells({ db, cls, classId, subjectId, termNo: termNo as 1 | 2, input: request.body, audit: auditContext(request) });
    },
  );

  api.get(
    '/classes/:classId/class-book',
    {
      schema: {
        tags,
        summary: 'Sổ theo dõi và đánh giá học sinh của lớp (mọi môn, chỉ xem)',
        params: z.object({ classId: ZId }),
        querystring: z.object({ termNo: z.coerce.number().int().min(1).max(2) }),
        response: { 200: z.object({ classId: z.string(), className: z.string(), termNo: z.number().int(), sheets: z.array(ZGradebookSheet) }), ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'classBook.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadClassBook(db, cls, request.query.termNo as 1 | 2, request.now.toISOString());
    },
  );

  api.get(
    '/years/:yearId/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ nhập điểm: lớp × môn × giáo viên, số ô còn trống theo cột',
        params: z.object({ yearId: ZId }),
        querystring: z.object({ termNo: z.coerce.number().int().min(1).max(2) }),
        response: {
          200: z.object({
            termNo: z.number().int(),
            rows: z.array(
              z.object({
                classId: z.string(),
                className: z.string(),
                subjectId: z.string(),
                subjectName: z.string(),
                teacherName: z.string().nullable(),
                students: z.number().int(),
                expected: z.number().int(),
                filled: z.number().int(),
                missingByColumn: z.record(z.string(), z.number().int()),
              }),
            ),
          }),
          ...authErrors,
        },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const year = await getYearOr404(db, request.params.yearId);
      authorize(auth, 'progress.view', { schoolId: year.school_id });
      return { termNo: request.query.termNo, rows: await loadProgress(db, year.id, request.query.termNo as 1 | 2) };
    },
  );
}
