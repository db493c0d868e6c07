/**
 * Printed documents (PDF): the monthly edit log of one teacher (C4) and the correction request
 * (C2). Each route loads with the existing queries, authorizes like its JSON twin, prepares
 * the data as printed and hands it to a template in src/server/pdf.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { hasRole } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { ZId } from '../../shared/api-common.ts';
import { EVIDENCE_KIND_LABELS } from '../../shared/corrections.ts';
import { getCorrectionOr404, presentCorrections } from '../corrections/index.ts';
import { loadEditLog } from '../audit/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { storeDocument } from '../platform/files/store-document.ts';
import { type RequestAuth, auditContext, authorize, requireAuth } from '../platform/http/context.ts';
import { type CorrectionPdfData, renderCorrectionPdf } from '../corrections/index.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { type EditLogPdfData, renderEditLogPdf } from '../audit/index.ts';
import type { Signer } from '../platform/pdf/layout.ts';
import { type RouteDeps, typed } from '../platform/http/route-deps.ts';
import {
  columnLabel,
  loadSchoolPrintInfo,
  pdfDisposition,
  principalName,
  requestBaseUrl,
  schoolYearLabel,
  schoolYearLabelFor,
  sourceLabel,
  vnDateTime,
  vnDateTimeLong,
  vnPrintDate,
} from './print-data.ts';

const tags = ['print'];
/** More changes than this in one month print with a note saying the rest were left out. */
const MAX_EDIT_LOG_ROWS = 2000;
/** The short evidence labels next to each change's check boxes (C4). */
const EDIT_LOG_EVIDENCE = ['Sổ điểm cá nhân', 'Bài kiểm tra', 'Xác nhận của học sinh cùng lớp (điểm miệng)', 'Khác'];
const PRINCIPAL_CAPTION = '(Ký, ghi rõ họ tên và đóng dấu)';
const STATUS_LABELS: Record<string, string> = {
  pending: 'Chờ Hiệu trưởng duyệt',
  approved: 'Đã duyệt, chờ cập nhật',
  rejected: 'Từ chối',
  applied: 'Đã duyệt và đã cập nhật',
  withdrawn: 'Đã rút',
};

/** Same rule as GET /corrections/:id: its author, the class's homeroom teacher, the leadership and the board. */
function authorizeRead(auth: RequestAuth, r: Row<'correction_requests'>) {
  if (r.requested_by === auth.user.id) return;
  if (can(auth.actor, 'classBook.view', { schoolId: r.school_id, classIds: [r.class_id] }).allowed) return;
  authorize(auth, 'editLog.view', { schoolId: r.school_id });
}

const ZMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng phải có dạng yyyy-mm');

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export async function registerPrintRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  const api = typed(app);
  const { db } = deps;

  api.get(
    '/schools/:schoolId/edit-log.pdf',
    {
      schema: {
        tags,
        summary: 'In nhật kí sửa điểm của một giáo viên trong một tháng (PDF, để giải trình)',
        params: z.object({ schoolId: ZId }),
        querystring: z.object({ teacherUserId: ZId.optional(), month: ZMonth }),
      },
    },
    async (request, reply) => {
      const auth = requireAuth(request);
      const { schoolId } = request.params;
      authorize(auth, 'school.view', { schoolId });
      // As the JSON edit log: the leadership and the board print anyone's, a teacher her own (C4).
      let teacherUserId = request.query.teacherUserId;
      if (!can(auth.actor, 'editLog.view', { schoolId }).allowed) {
        if (teacherUserId && teacherUserId !== auth.user.id) authorize(auth, 'editLog.view', { schoolId });
        teacherUserId = auth.user.id;
      }
      if (!teacherUserId) throw invalid('Hãy chọn giáo viên cần in nhật kí sửa điểm.', [{ field: 'teacherUserId', message: 'chưa chọn giáo viên' }]);
      const teacher = await db.selectFrom('users').select(['id', 'full_name', 'school_id']).where('id', '=', teacherUserId).executeTakeFirst();
      if (!teacher || teacher.school_id !== schoolId) throw notFound('giáo viên');

      const { month } = request.query;
      const [y, m] = month.split('-').map(Number);
      const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const log = await loadEditLog(db, schoolId, { teacherUserId, from: `${month}-01`, to: `${month}-${lastDay}`, changesOnly: '1', order: 'asc', limit: MAX_EDIT_LOG_ROWS, offset: 0 });
      const school = await loadSchoolPrintInfo(db, schoolId);
      const schoolYear = await schoolYearLabelFor(db, schoolId, `${month}-15`);

      // Whoever reviews signs: a vice-principal on the principal's behalf, else the principal.
      const deputy = hasRole(auth.actor, 'vice_principal', schoolId) && !hasRole(auth.actor, 'principal', schoolId);
      const leaderSigner: Signer = deputy
        ? { title: 'KT. HIỆU TRƯỞNG', subtitle: 'PHÓ HIỆU TRƯỞNG', caption: PRINCIPAL_CAPTION, name: auth.user.full_name }
        : { title: 'HIỆU TRƯỞNG', caption: PRINCIPAL_CAPTION, name: await principalName(db, schoolId) };
      const last = log.entries.at(-1);
      const documentId = documentIdFor('NKSD', [schoolId, teacherUserId, month, log.total, last?.eventId ?? '', deputy ? auth.user.id : 'principal']);
      const monthLabel = `${String(m).padStart(2, '0')}/${y}`;
      const data: EditLogPdfData = {
        documentId,
        verifyUrl: verifyUrlFor(requestBaseUrl(request), documentId),
        createdAt: new Date(last?.at ?? `${month}-01T00:00:00+07:00`),
        heading: school.heading,
        teacherName: teacher.full_name,
        month: monthLabel,
        schoolYear,
        rows: log.entries.map((e) => ({
          at: vnDateTime(e.at),
          className: e.className,
          subjectName: e.subjectName,
          studentName: e.studentName,
          column: columnLabel(e.columnKey, e.termNo),
          oldValue: e.oldValue,
          newValue: e.newValue,
          source: sourceLabel(e.source, e.correctionNumber),
          reason: e.reason,
        })),
        truncatedNote:
          log.total > log.entries.length ? `Tháng có ${log.total} lần sửa điểm; bản in này ghi ${log.entries.length} lần đầu. Xem đầy đủ trong nhật kí sửa điểm trên phần mềm.` : undefined,
        evidenceLabels: EDIT_LOG_EVIDENCE,
        placeDate: { place: school.place, date: null },
        teacherSigner: { title: 'GIÁO VIÊN', name: teacher.full_name },
        leaderSigner,
      };
      const pdf = await renderEditLogPdf(data);
      // Every printed document is registered, so its QR code leads to /verify/<id> (Q3).
      await storeDocument(db, {
        kind: 'edit_log',
        documentId,
        title: `Nhật kí sửa điểm ${monthLabel} - ${teacher.full_name}`,
        publicHeader: `${school.schoolName} — Nhật kí sửa điểm tháng ${monthLabel}, năm học ${schoolYear} — giáo viên ${teacher.full_name}`,
        subject: { teacherUserId, month },
        seriesKey: `edit_log:${teacherUserId}:${month}:${deputy ? auth.user.id : 'principal'}`,
        inputsVersion: `${log.total}:${last?.eventId ?? ''}`,
        filename: `nhat-ki-sua-diem-${month}.pdf`,
        pdf,
      }, { schoolId, dataDir: deps.env.dataDir, audit: auditContext(request) });
      return reply
        .type('application/pdf')
        .header('content-disposition', pdfDisposition(`Nhật kí sửa điểm ${month} - ${teacher.full_name}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(pdf);
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
      const r = await getCorrectionOr404(db, request.params.id);
      authorizeRead(auth, r);
      const [c] = await presentCorrections(db, [r]);
      const school = await loadSchoolPrintInfo(db, r.school_id);
      const approved = c.status === 'approved' || c.status === 'applied' ? true : c.status === 'rejected' ? false : null;
      const changedAt = [c.requestedAt, c.decidedAt, c.appliedAt].filter((x): x is string => Boolean(x)).sort().at(-1) as string;
      const documentId = documentIdFor('GDN', [c.id, c.version, c.status, ...c.evidence.map((e) => e.sha256)]);
      const data: CorrectionPdfData = {
        documentId,
        verifyUrl: verifyUrlFor(requestBaseUrl(request), documentId),
        createdAt: new Date(changedAt),
        heading: { ...school.heading, number: String(c.number) },
        placeDate: { place: school.place, date: vnPrintDate(c.requestedAt) },
        schoolName: school.schoolName,
        requesterName: c.requestedByName,
        requesterRole: 'Giáo viên bộ môn',
        className: c.className,
        subjectName: c.subjectName,
        term: c.cells[0]?.termNo === 2 ? 'Học kì II' : 'Học kì I',
        schoolYear: await schoolYearLabel(db, c.schoolYearId),
        requestedAt: vnDateTimeLong(c.requestedAt),
        cells: c.cells.map((x) => ({ studentName: x.studentName, column: x.columnLabel, oldValue: x.oldDisplay, newValue: x.newDisplay })),
        reason: c.reason,
        evidence: Object.entries(EVIDENCE_KIND_LABELS).map(([kind, label]) => ({ label, checked: kind === c.evidenceKind })),
        files: c.evidence.map((f) => `${f.filename} (${fileSize(f.size)}; SHA-256 ${f.sha256.slice(0, 12)})`),
        decision: {
          approved,
          statusLabel: STATUS_LABELS[c.status] ?? c.status,
          byName: c.decidedByName,
          at: c.decidedAt ? vnDateTimeLong(c.decidedAt) : null,
          reason: c.decisionReason,
        },
        applied: c.appliedAt && c.appliedByName ? { byName: c.appliedByName, at: vnDateTimeLong(c.appliedAt) } : null,
        signers: {
          requester: { title: 'NGƯỜI ĐỀ NGHỊ', name: c.requestedByName },
          principal: { title: 'HIỆU TRƯỞNG', caption: PRINCIPAL_CAPTION, name: c.decidedByName ?? (await principalName(db, r.school_id)) },
          board: { title: 'BAN QUẢN TRỊ', subtitle: '(Người cập nhật)', name: c.appliedByName },
        },
      };
      const pdf = await renderCorrectionPdf(data);
      await storeDocument(db, {
        kind: 'correction_request',
        documentId,
        title: `Giấy đề nghị thay đổi thông tin số ${c.number} - ${c.className} - ${c.subjectName}`,
        publicHeader: `${school.schoolName} — Giấy đề nghị thay đổi thông tin số ${c.number} — lớp ${c.className}, môn ${c.subjectName}`,
        subject: { classId: r.class_id, correctionId: c.id },
        seriesKey: `correction_request:${c.id}`,
        inputsVersion: `${c.version}:${c.status}`,
        filename: `giay-de-nghi-${c.number}.pdf`,
        pdf,
      }, { schoolId: r.school_id, dataDir: deps.env.dataDir, audit: auditContext(request) });
      return reply
        .type('application/pdf')
        .header('content-disposition', pdfDisposition(`Giấy đề nghị thay đổi thông tin số ${c.number} - ${c.className} - ${c.subjectName}.pdf`))
        .header('cache-control', 'private, no-store')
        .send(pdf);
    },
  );
}
