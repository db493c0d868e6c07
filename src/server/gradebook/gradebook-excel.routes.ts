/**
 * The score sheet in Excel (G1, C1, C3): export a class-subject-term sheet; import scores from
 * it in two steps — preview (the file and its diff are stored, nothing in the grade book
 * changes) then apply (all or nothing, locks respected) — and roll a whole import back while
 * nothing later depends on it. See docs/data-exchange.md "Bảng điểm (Excel)".
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ZId, ZLockedResponse, authErrors } from '../../shared/api-common.ts';
import { ZApplyScoreImportInput, ZScoreImport, ZScoreImportConflictResponse, ZScoreImportParams, ZScoreImportPreview } from '../../shared/gradebook-excel.ts';
import { getScoreImportOr404, importScores, loadScoreWorkbookSheet, presentScoreImport, previewScoreImport } from './import-scores.ts';
import { rollBackScoreImport } from './roll-back-score-import.ts';
import { loadSheetContext } from './gradebook-queries.ts';
import { invalid } from '../platform/errors.ts';
import { auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { buildScoreWorkbook } from './score-excel/score-workbook.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';

const tags = ['gradebook'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZSheetParams = z.object({ classId: ZId, subjectId: ZId, termNo: z.coerce.number().int().min(1).max(2) });
const ZXlsxFile = z.string().meta({ format: 'binary', description: 'Tệp Excel .xlsx' });

/** "Toán 6A1 HK1.xlsx" → an ASCII fallback for old clients; the UTF-8 name goes in filename*. */
function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
}

export async function registerGradebookExcelRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất bảng điểm một môn của một lớp trong một học kỳ ra Excel (nhập lại được)',
        params: ZSheetParams,
        produces: [XLSX],
        response: { 200: ZXlsxFile, ...authErrors },
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      const { cls } = await loadSheetContext(db, classId, subjectId);
      authorize(auth, 'gradebook.view', { schoolId: cls.school_id, classIds: [classId], subjectId });
      const sheet = await loadScoreWorkbookSheet(db, auth, { classId, subjectId, termNo: termNo as 1 | 2, now: request.now.toISOString() });
      const buffer = await buildScoreWorkbook(sheet);
      const name = `Bang diem ${sheet.subject.name} ${sheet.className} HK${termNo}.xlsx`;
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`)
        .send(buffer as unknown as string); // a Buffer is sent as is; the schema only documents it
    },
  );

  api.post(
    '/classes/:classId/subjects/:subjectId/terms/:termNo/import/preview',
    {
      schema: {
        tags,
        summary: 'Xem trước nhập điểm từ Excel: lưu tệp và danh sách ô sẽ thay đổi; sổ điểm chưa thay đổi',
        consumes: ['multipart/form-data'],
        params: ZSheetParams,
        // Documents the upload; the multipart parser reads the stream itself (request.file()), so
        // the body seen by validation is null and the schema allows it.
        body: z.object({ file: ZXlsxFile }).nullish(),
        response: { 200: ZScoreImportPreview, ...authErrors },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      const { classId, subjectId, termNo } = request.params;
      const { cls } = await loadSheetContext(db, classId, subjectId);
      authorize(auth, 'gradebook.edit', { schoolId: cls.school_id, classIds: [classId], subjectId });
      if (!request.isMultipart()) throw invalid('Hãy gửi tệp Excel (.xlsx) dạng multipart/form-data, trường "file".', [{ row: 0, field: 'tệp', message: 'không phải tệp tải lên' }]);
      const file = await request.file();
      if (!file) throw invalid('Chưa chọn tệp Excel bảng điểm.', [{ row: 0, field: 'tệp', message: 'chưa chọn tệp' }]);
      const buffer = await file.toBuffer();
      return previewScoreImport({
        db,
        dataDir: deps.env.dataDir,
        auth,
        classId,
        subjectId,
        termNo: termNo as 1 | 2,
        fileName: file.filename,
        buffer,
        audit: auditContext(request),
      });
    },
  );

  api.get(
    '/score-imports/:id',
    { schema: { tags, summary: 'Một lần nhập điểm từ Excel: tệp, SHA-256, các ô trước và sau, trạng thái', params: ZScoreImportParams, response: { 200: ZScoreImport, ...authErrors } } },
    async (request) => {
      const auth = requireAuth(request);
      const imp = await getScoreImportOr404(db, request.params.id);
      authorize(auth, 'gradebook.view', { schoolId: imp.school_id, classIds: [imp.class_id], subjectId: imp.subject_id });
      return presentScoreImport(db, imp);
    },
  );

  api.post(
    '/score-imports/:id/apply',
    {
      schema: {
        tags,
        summary: 'Xác nhận nhập điểm đã xem trước (tất cả hoặc không; ô bị khóa → 423, ô đã sửa sau khi xem trước → 409)',
        params: ZScoreImportParams,
        body: ZApplyScoreImportInput,
        response: { 200: ZScoreImport, ...authErrors, 409: ZScoreImportConflictResponse, 423: ZLockedResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return importScores({ db, auth, importId: request.params.id, expectedSha256: request.body.expectedSha256, audit: auditContext(request) });
    },
  );

  api.post(
    '/score-imports/:id/roll-back',
    {
      schema: {
        tags,
        summary: 'Hoàn tác cả lần nhập điểm khi chưa ô nào bị sửa sau đó (khóa sổ đặt sau lần nhập → 423)',
        params: ZScoreImportParams,
        response: { 200: ZScoreImport, ...authErrors, 409: ZScoreImportConflictResponse, 423: ZLockedResponse },
      },
    },
    async (request) => {
      const auth = requireAuth(request);
      return rollBackScoreImport({ db, auth, importId: request.params.id, audit: auditContext(request) });
    },
  );
}
