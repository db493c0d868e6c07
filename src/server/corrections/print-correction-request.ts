/**
 * Printing a correction request (C2): the request as it stands (cells, reason, evidence, the
 * principal's decision, the board's update) with its signature blocks, registered with its
 * `document.create` audit entry so its QR code leads to /verify/<id> (Q3).
 */
import { formatVietnamDateTime } from '../../domain/calendar/vietnam-time.ts';
import { EVIDENCE_KIND_LABELS, PRINTED_CORRECTION_STATUS_LABELS, labelOf, termLabel } from '../../shared/labels.ts';
import { presentCorrections } from './correction-queries.ts';
import { type CorrectionPdfData, renderCorrectionPdf } from './correction-request-pdf.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { storeDocument } from '../platform/files/store-document.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { loadSchoolPrintInfo, principalName, printAuthority, schoolYearLabel, vnPrintDate } from '../printing/index.ts';
import { getClassOr404, printLevelOfGrade } from '../school/index.ts';
import { principalBlock } from '../platform/pdf/layout.ts';

export interface PrintCorrectionRequestOptions {
  db: Db;
  dataDir: string;
  audit: AuditContext;
  /** The request, as loaded for the reader the route authorized. */
  correction: Row<'correction_requests'>;
  /** Printed into the verification link. */
  baseUrl: string;
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace('.', ',')} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export async function printCorrectionRequest(o: PrintCorrectionRequestOptions): Promise<{ pdf: Buffer; filename: string }> {
  const { db, correction: r } = o;
  const [c] = await presentCorrections(db, [r]);
  const stored = await loadSchoolPrintInfo(db, r.school_id);
  // The heading of the request's school year and class (issue 15 §9).
  const cls = await getClassOr404(db, r.class_id);
  const printed = await printAuthority(db, { schoolId: r.school_id, year: { schoolYearId: c.schoolYearId }, level: printLevelOfGrade(Number(cls.grade)) });
  const school = { ...stored, heading: { ...stored.heading, authority: printed.authority } };
  // A heading other than the stored office's is part of the id (a new print, not the old file); the same heading keeps the old ids.
  const headingPart = printed.authority === stored.heading.authority ? [] : [printed.authority];
  const approved = c.status === 'approved' || c.status === 'applied' ? true : c.status === 'rejected' ? false : null;
  const changedAt = [c.requestedAt, c.decidedAt, c.appliedAt].filter((x): x is string => Boolean(x)).sort().at(-1) as string;
  const documentId = documentIdFor('GDN', [c.id, c.version, c.status, ...c.evidence.map((e) => e.sha256), ...headingPart]);
  const data: CorrectionPdfData = {
    documentId,
    verifyUrl: verifyUrlFor(o.baseUrl, documentId),
    createdAt: new Date(changedAt),
    heading: { ...school.heading, number: String(c.number) },
    placeDate: { place: school.place, date: vnPrintDate(c.requestedAt) },
    schoolName: school.schoolName,
    requesterName: c.requestedByName,
    requesterRole: c.kind === 'scores' ? 'Giáo viên bộ môn' : 'Giáo viên chủ nhiệm',
    className: c.className,
    subjectName: c.subjectName,
    ...(c.kind !== 'scores' && { record: c.subjectName }),
    term: termLabel(c.cells[0]?.termNo === 2 ? 2 : 1),
    schoolYear: await schoolYearLabel(db, c.schoolYearId),
    requestedAt: formatVietnamDateTime(c.requestedAt),
    cells: c.cells.map((x) => ({ studentName: x.studentName, column: x.columnLabel, oldValue: x.oldDisplay, newValue: x.newDisplay })),
    reason: c.reason,
    evidence: Object.entries(EVIDENCE_KIND_LABELS).map(([kind, label]) => ({ label, checked: kind === c.evidenceKind })),
    files: c.evidence.map((f) => `${f.filename} (${fileSize(f.size)}; SHA-256 ${f.sha256.slice(0, 12)})`),
    decision: {
      approved,
      statusLabel: labelOf(PRINTED_CORRECTION_STATUS_LABELS, c.status),
      byName: c.decidedByName,
      at: c.decidedAt ? formatVietnamDateTime(c.decidedAt) : null,
      reason: c.decisionReason,
    },
    applied: c.appliedAt && c.appliedByName ? { byName: c.appliedByName, at: formatVietnamDateTime(c.appliedAt) } : null,
    signers: {
      requester: { title: 'NGƯỜI ĐỀ NGHỊ', name: c.requestedByName },
      // Decided by a vice-principal on the principal's delegation (always so for a request the principal filed herself).
      principal: principalBlock(c.decidedByName ?? (await principalName(db, r.school_id)), c.decidedByDeputy && Boolean(c.decidedByName)),
      board: { title: 'BAN QUẢN TRỊ', subtitle: '(Người cập nhật)', name: c.appliedByName },
    },
  };
  const pdf = await renderCorrectionPdf(data);
  await storeDocument(
    db,
    {
      kind: 'correction_request',
      documentId,
      title: `Giấy đề nghị thay đổi thông tin số ${c.number} - ${c.className} - ${c.subjectName}`,
      publicHeader: `${school.schoolName} — Giấy đề nghị thay đổi thông tin số ${c.number} — lớp ${c.className}, ${c.kind === 'scores' ? `môn ${c.subjectName}` : c.subjectName}`,
      subject: { classId: r.class_id, correctionId: c.id },
      seriesKey: `correction_request:${c.id}`,
      inputsVersion: `${c.version}:${c.status}`,
      filename: `giay-de-nghi-${c.number}.pdf`,
      pdf,
    },
    { schoolId: r.school_id, dataDir: o.dataDir, audit: o.audit },
  );
  return { pdf, filename: `Giấy đề nghị thay đổi thông tin số ${c.number} - ${c.className} - ${c.subjectName}.pdf` };
}
