/**
 * Corrections after a lock (C2): the teacher files a request with evidence, the principal
 * approves or rejects with a reason, the admin board applies it; all stay listed. Also the
 * in-app notifications that tell the homeroom teacher and the others.
 */
import type { FastifyInstance } from 'fastify';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { can } from '../../domain/policies/policy.ts';
import { ZId, ZOk, authErrors } from '../../shared/api-common.ts';
import { ZCorrection, ZCorrectionPage, ZCorrectionQuery, ZCreateCorrectionInput, ZDecideCorrectionInput, ZNotification } from '../../shared/corrections.ts';
import { applyCorrectionRequest } from './apply-correction-request.ts';
import { decideCorrectionRequest } from './decide-correction-request.ts';
import { fileCorrectionRequest } from './file-correction-request.ts';
import { writeAudit } from '../platform/audit/audit-log.ts';
import { getCorrectionOr404, presentCorrections } from './correction-queries.ts';
import { loadSheetContext } from '../gradebook/index.ts';
import { gradebookChain } from '../platform/audit/audit-log.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, invalid, notFound } from '../platform/errors.ts';
import { storeEvidenceFile } from '../platform/files/store-file.ts';
import { type RequestAuth, auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

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
  const present = async (id: string) => (await presentCorrections(db, [await getCorrectionOr404(db, id)]))[0];

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
      return present(id);
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
      const ctx = auditContext(request);
      await db.transaction().execute(async (tx) => {
        const stored = await storeEvidenceFile(tx, { dataDir: deps.env.dataDir, schoolId: r.school_id, ownerType: 'correction_request', ownerId: r.id, filename: file.filename, buffer, userId: auth.user.id, now: ctx.now });
        await writeAudit(tx, ctx, {
          chainKey: gradebookChain(r.class_id, r.subject_id),
          schoolId: r.school_id,
          action: 'correction.evidenceAdded',
          entityType: 'correction_request',
          entityId: r.id,
          before: null,
          after: { fileId: stored.id, filename: stored.filename, sha256: stored.sha256, size: stored.size, mime: stored.mime },
          source: 'correction',
        });
      });
      return present(r.id);
    },
  );

  api.get(
    '/corrections/:id/evidence/:fileId',
    { schema: { tags, summary: 'Tải minh chứng', params: z.object({ id: ZId, fileId: ZId }) } },
    async (request, reply) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, r);
      const f = await db.selectFrom('stored_files').selectAll().where('id', '=', request.params.fileId).where('owner_id', '=', r.id).executeTakeFirst();
      if (!f) throw notFound('tệp minh chứng');
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
      const q = request.query;
      let base = db.selectFrom('correction_requests').where('school_id', '=', schoolId);
      // The leadership and board see all; a teacher sees her own and those of her homeroom classes.
      if (!can(auth.actor, 'editLog.view', { schoolId }).allowed) {
        const homeroom = auth.actor.homeroomClassIds;
        base = base.where((eb) => eb.or([eb('requested_by', '=', auth.user.id), ...(homeroom.length ? [eb('class_id', 'in', homeroom)] : [])]));
      }
      if (q.status) base = base.where('status', '=', q.status);
      if (q.classId) base = base.where('class_id', '=', q.classId);
      if (q.q) {
        const text = q.q;
        base = /^\d+$/.test(text) ? base.where('number', '=', Number(text)) : base.where('reason', 'like', `%${text.replace(/[%_]/g, '')}%`);
      }
      const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = await base.selectAll().orderBy('number', 'desc').limit(q.limit).offset(q.offset).execute();
      return { total: Number(total.n), requests: await presentCorrections(db, rows) };
    },
  );

  api.get(
    '/corrections/:id',
    { schema: { tags, summary: 'Một giấy đề nghị', params: z.object({ id: ZId }), response: { 200: ZCorrection, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, r);
      return present(r.id);
    },
  );

  api.post(
    '/corrections/:id/decision',
    { schema: { tags, summary: 'Hiệu trưởng duyệt hoặc từ chối (có lý do)', params: z.object({ id: ZId }), body: ZDecideCorrectionInput, response: { 200: ZCorrection, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const r = await getCorrectionOr404(db, request.params.id);
      authorize(auth, 'correction.decide', { schoolId: r.school_id });
      await decideCorrectionRequest({ db, request: r, ...request.body, deciderId: auth.user.id, audit: auditContext(request) });
      return present(r.id);
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
      return present(r.id);
    },
  );

  api.get(
    '/notifications',
    { schema: { tags, summary: 'Thông báo của tôi', querystring: z.object({ unread: z.enum(['0', '1']).optional() }), response: { 200: z.array(ZNotification), ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      let q = db.selectFrom('notifications').selectAll().where('user_id', '=', auth.user.id);
      if (request.query.unread === '1') q = q.where('read_at', 'is', null);
      const rows = await q.orderBy('created_at', 'desc').limit(100).execute();
      return rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at, readAt: n.read_at }));
    },
  );

  api.post(
    '/notifications/:id/read',
    { schema: { tags, summary: 'Đánh dấu đã đọc', params: z.object({ id: ZId }), response: { 200: ZOk, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      await db.updateTable('notifications').set({ read_at: request.now.toISOString() }).where('id', '=', request.params.id).where('user_id', '=', auth.user.id).where('read_at', 'is', null).execute();
      return { ok: true as const };
    },
  );
}
