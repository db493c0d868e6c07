/**
 * Corrections after a lock (C2): the teacher files a request with evidence, the principal
 * approves or rejects with a reason (one she filed herself: the vice-principal she delegates;
 * issue 14 §3), the admin board applies it; all stay listed. Also the
 * in-app notifications that tell the homeroom teacher and the others.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { canDecideCorrection } from '../../domain/policies/four-eyes.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId, ZOk, authErrors } from '../../shared/api-common.ts';
import { ZCorrection, ZCorrectionPage, ZCorrectionQuery, ZCreateCorrectionInput, ZCreateRecordCorrectionInput, ZDecideCorrectionInput, ZNotification, ZRecordLocks } from '../../shared/corrections.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { type RequestAuth, auditContext, authorize, requireAuth, requireDecision } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import { loadSheetContext } from '../gradebook/index.ts';
import { sendPdf } from '../printing/index.ts';
import { getClassOr404 } from '../school/index.ts';
import { addCorrectionEvidence } from './add-correction-evidence.ts';
import { applyCorrectionRequest } from './apply-correction-request.ts';
import { getCorrectionOr404, getEvidenceFileOr404, listCorrections, loadCorrection } from './correction-queries.ts';
import { decideCorrectionRequest } from './decide-correction-request.ts';
import { fileCorrectionRequest } from './file-correction-request.ts';
import { fileRecordCorrection } from './file-record-correction.ts';
import { markNotificationRead } from './mark-notification-read.ts';
import { printCorrectionRequest } from './print-correction-request.ts';
import { loadRecordLocks } from './record-lock-queries.ts';
import { listNotifications } from './notification-queries.ts';

const tags = ['corrections'];

/** Who may read a request: its author, the homeroom teacher of the class, the leadership and the board. */
function authorizeRead(auth: RequestAuth, r: Row<'correction_requests'>) {
  if (r.requested_by === auth.user.id) return;
  if (can(auth.actor, 'classBook.view', { schoolId: r.school_id, classIds: [r.class_id] }).allowed) return;
  authorize(auth, 'editLog.view', { schoolId: r.school_id });
}

export async function registerCorrectionRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.post(
    '/classes/:classId/subjects/:subjectId/corrections',
    {
      schema: {
        tags,
        summary: 'Lập giấy đề nghị thay đổi thông tin (sửa điểm sau khóa sổ)',
        params: z.object({ classId: ZId, subjectId: ZId }),
        body: ZCreateCorrectionInput,
        response: { 200: ZCorrection, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId } = request.params;
      const { cls } = await loadSheetContext(db, classId, subjectId);
      authorize(auth, 'correction.request', { schoolId: cls.school_id, classIds: [classId], subjectId });
      const id = await fileCorrectionRequest({ db, classId, subjectId, requestedBy: auth.user.id, input: request.body, audit: auditContext(request) });
      return loadCorrection(db, id, auth.actor);
    },
  );

  api.post(
    '/classes/:classId/record-corrections',
    {
      schema: {
        tags,
        summary: 'Lập giấy đề nghị thay đổi kết quả rèn luyện, điểm danh, sơ yếu lý lịch hoặc đánh giá phẩm chất, năng lực sau khóa sổ (giáo viên chủ nhiệm)',
        params: z.object({ classId: ZId }),
        body: ZCreateRecordCorrectionInput,
        response: { 200: ZCorrection, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'correction.requestRecord', { schoolId: cls.school_id, classIds: [cls.id] });
      const id = await fileRecordCorrection({ db, cls, requestedBy: auth.user.id, input: request.body, audit: auditContext(request) });
      return loadCorrection(db, id, auth.actor);
    },
  );

  api.get(
    '/classes/:classId/record-locks',
    { schema: { tags, summary: 'Kết quả rèn luyện, điểm danh, sơ yếu lý lịch của lớp đang khóa (ai khóa, lúc nào)', params: z.object({ classId: ZId }), response: { 200: ZRecordLocks, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const cls = await getClassOr404(db, request.params.classId);
      authorize(auth, 'class.view', { schoolId: cls.school_id, classIds: [cls.id] });
      return loadRecordLocks(db, cls);
    },
  );

  api.post(
    '/corrections/:id/evidence',
    {
      schema: {
        tags,
        summary: 'Đính kèm minh chứng (ảnh hoặc PDF bài kiểm tra, tối đa 10 MB)',
        consumes: ['multipart/form-data'],
        params: z.object({ id: ZId }),
        response: { 200: ZCorrection, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      if (r.requested_by !== auth.user.id) throw new AppError('FORBIDDEN', 'Chỉ người lập giấy đề nghị được đính kèm minh chứng.');
      if (r.status !== 'pending') throw new AppError('INVALID_STATE', 'Giấy đề nghị đã được xử lý, không đính kèm thêm được.');
      if (!request.isMultipart()) throw invalid('Hãy gửi tệp minh chứng dạng multipart/form-data, trường "file".', [{ field: 'file', message: 'không phải tệp tải lên' }]);
      const file = await request.file();
      if (!file) throw invalid('Chưa chọn tệp minh chứng.', [{ field: 'file', message: 'chưa chọn tệp' }]);
      const buffer = await file.toBuffer();
      await addCorrectionEvidence({ db, dataDir: deps.env.dataDir, request: r, filename: file.filename, buffer, userId: auth.user.id, audit: auditContext(request) });
      return loadCorrection(db, r.id, auth.actor);
    },
  );

  api.get(
    '/corrections/:id/evidence/:fileId',
    { schema: { tags, summary: 'Tải minh chứng', params: z.object({ id: ZId, fileId: ZId }) } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, r);
      const f = await getEvidenceFileOr404(db, r.id, request.params.fileId);
      return reply
        .type(f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
        .send(createReadStream(join(deps.env.dataDir, 'files', f.path)));
    },
  );

  api.get(
    '/schools/:schoolId/corrections',
    { schema: { tags, summary: 'Danh sách giấy đề nghị (lọc theo trạng thái, lớp)', params: z.object({ schoolId: ZId }), querystring: ZCorrectionQuery, response: { 200: ZCorrectionPage, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      // The leadership and board see all; a teacher sees her own and those of her homeroom classes.
      const visibleTo = can(auth.actor, 'editLog.view', { schoolId }).allowed ? null : { userId: auth.user.id, homeroomClassIds: auth.actor.homeroomClassIds };
      return listCorrections(db, schoolId, request.query, visibleTo, auth.actor);
    },
  );

  api.get(
    '/corrections/:id',
    { schema: { tags, summary: 'Một giấy đề nghị', params: z.object({ id: ZId }), response: { 200: ZCorrection, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, r);
      return loadCorrection(db, r.id, auth.actor);
    },
  );

  api.get(
    '/corrections/:id/pdf',
    {
      schema: {
        tags,
        summary: 'In giấy đề nghị thay đổi thông tin (PDF, có chỗ ký)',
        params: z.object({ id: ZId }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const correction = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, correction);
      const printed = await printCorrectionRequest({ db, dataDir: deps.env.dataDir, audit: auditContext(request), correction, baseUrl: deps.env.publicUrl });
      return sendPdf(reply, printed);
    },
  );

  api.post(
    '/corrections/:id/decision',
    { schema: { tags, summary: 'Hiệu trưởng duyệt hoặc từ chối (có lý do); giấy do Hiệu trưởng lập: phó hiệu trưởng được ủy quyền; không ai tự duyệt giấy của mình', params: z.object({ id: ZId }), body: ZDecideCorrectionInput, response: { 200: ZCorrection, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      // The principal or a vice-principal she delegated for the class decides; one the principal filed herself, such a vice-principal (issue 14 §3, issue 22).
      const { filedByPrincipal } = await loadCorrection(db, r.id, auth.actor);
      const allowed = canDecideCorrection(auth.actor, { schoolId: r.school_id, classIds: [r.class_id] }, { filedByPrincipal });
      requireDecision(auth, allowed, 'correction.decide');
      await decideCorrectionRequest({ db, request: r, ...request.body, deciderId: auth.user.id, audit: auditContext(request) });
      return loadCorrection(db, r.id, auth.actor);
    },
  );

  api.post(
    '/corrections/:id/apply',
    { schema: { tags, summary: 'Ban quản trị cập nhật thay đổi đã được duyệt', params: z.object({ id: ZId }), response: { 200: ZCorrection, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorize(auth, 'correction.apply', { schoolId: r.school_id });
      await applyCorrectionRequest({ db, request: r, applierId: auth.user.id, audit: auditContext(request) });
      return loadCorrection(db, r.id, auth.actor);
    },
  );

  api.get(
    '/notifications',
    { schema: { tags, summary: 'Thông báo của tôi', querystring: z.object({ unread: z.enum(['0', '1']).optional() }), response: { 200: z.array(ZNotification), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      return listNotifications(db, auth.user.id, request.query.unread === '1');
    },
  );

  api.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ id: ZId }), response: { 200: ZOk, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      await markNotificationRead({ db, notificationId: request.params.id, userId: auth.user.id, now: request.now.toISOString() });
      return { ok: true as const };
    },
  );
}
