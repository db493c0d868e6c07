/**
 * Printing the monthly edit log of one teacher (C4): her score changes of the month as printed for
 * the review, with the reviewer's signature block. Every printed document is registered, with its
 * `document.create` audit entry, so its QR code leads to /verify/<id> (Q3).
 */
import { vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import { loadApprovalLog, loadEditLog, renderEditLogPdf, type EditLogPdfData } from '../audit/index.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { storeDocument } from '../platform/files/store-document.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { type Signer, principalBlock } from '../platform/pdf/layout.ts';
import type { EvidenceKind } from '../../shared/corrections.ts';
import { APPROVAL_STEP_LABELS, columnLabel, sourceLabel } from '../../shared/labels.ts';
import { getSchoolUserOr404, loadSchoolPrintInfo, principalName, schoolYearLabelFor, vnDateTime } from './print-data.ts';
import { printAuthority } from './print-cache.ts';

/** More changes than this in one month print with a note saying the rest were left out. */
const MAX_EDIT_LOG_ROWS = 2000;
/** The short evidence labels next to each change's check boxes (C4), "Khác" last. */
const EDIT_LOG_EVIDENCE: Readonly<Record<EvidenceKind, string>> = {
  personalGradebook: 'Sổ điểm cá nhân',
  testPaper: 'Bài kiểm tra',
  classmateConfirmation: 'Xác nhận của học sinh cùng lớp (điểm miệng)',
  other: 'Khác',
};

export interface PrintEditLogOptions {
  db: Db;
  dataDir: string;
  audit: AuditContext;
  schoolId: string;
  teacherUserId: string;
  /** yyyy-mm */
  month: string;
  /** The vice-principal who reviews on the principal's behalf; null when the principal signs. */
  deputy: { userId: string; fullName: string } | null;
  /** Printed into the verification link. */
  baseUrl: string;
}

export async function printEditLog(o: PrintEditLogOptions): Promise<{ pdf: Buffer; filename: string }> {
  const { db, schoolId, teacherUserId, month, deputy } = o;
  const teacher = await getSchoolUserOr404(db, schoolId, teacherUserId);
  const [y, m] = month.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const query = { teacherUserId, from: `${month}-01`, to: `${month}-${lastDay}`, changesOnly: '1', order: 'asc', limit: MAX_EDIT_LOG_ROWS, offset: 0 } as const;
  const log = await loadEditLog(db, schoolId, query);
  // The month's unlocks and window changes (who asked, who confirmed) and her corrections' decisions.
  const approvals = await loadApprovalLog(db, schoolId, query);
  const stored = await loadSchoolPrintInfo(db, schoolId);
  // The heading of the month's school year (issue 15 §9): a month before 1/7/2025 keeps its Phòng.
  const printed = await printAuthority(db, { schoolId, year: { date: `${month}-15` } });
  const school = { ...stored, heading: { ...stored.heading, authority: printed.authority } };
  // A heading other than the stored office's is part of the id (a new print, not the old file); the same heading keeps the old ids.
  const headingPart = printed.authority === stored.heading.authority ? [] : [printed.authority];
  const schoolYear = await schoolYearLabelFor(db, schoolId, `${month}-15`);

  // Whoever reviews signs: a vice-principal on the principal's behalf, else the principal.
  const leaderSigner: Signer = principalBlock(deputy ? deputy.fullName : await principalName(db, schoolId), Boolean(deputy));
  const reviewer = deputy ? deputy.userId : 'principal';
  const last = log.entries.at(-1);
  const documentId = documentIdFor('NKSD', [schoolId, teacherUserId, month, log.total, last?.eventId ?? '', reviewer, approvals.length, approvals.at(-1)?.eventId ?? '', ...headingPart]);
  const monthLabel = `${String(m).padStart(2, '0')}/${y}`;
  const data: EditLogPdfData = {
    documentId,
    verifyUrl: verifyUrlFor(o.baseUrl, documentId),
    createdAt: last ? new Date(last.at) : vietnamInstant(`${month}-01`),
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
      evidence: e.evidence.map((k) => EDIT_LOG_EVIDENCE[k]),
      evidenceNote: e.evidenceNote,
    })),
    truncatedNote:
      log.total > log.entries.length ? `Tháng có ${log.total} lần sửa điểm; bản in này ghi ${log.entries.length} lần đầu. Xem đầy đủ trong nhật kí sửa điểm trên phần mềm.` : undefined,
    evidenceLabels: Object.values(EDIT_LOG_EVIDENCE),
    approvals: approvals.map((a) => ({
      at: vnDateTime(a.at),
      step: APPROVAL_STEP_LABELS[a.step],
      summary: a.summary,
      requestedByName: a.requestedByName,
      decidedByName: a.decidedByName ?? '',
      reason: a.reason,
    })),
    placeDate: { place: school.place, date: null },
    teacherSigner: { title: 'GIÁO VIÊN', name: teacher.full_name },
    leaderSigner,
  };
  const pdf = await renderEditLogPdf(data);
  await storeDocument(
    db,
    {
      kind: 'edit_log',
      documentId,
      title: `Nhật kí sửa điểm ${monthLabel} - ${teacher.full_name}`,
      publicHeader: `${school.schoolName} — Nhật kí sửa điểm tháng ${monthLabel}, năm học ${schoolYear} — giáo viên ${teacher.full_name}`,
      subject: { teacherUserId, month },
      seriesKey: `edit_log:${teacherUserId}:${month}:${reviewer}`,
      inputsVersion: `${log.total}:${last?.eventId ?? ''}:${approvals.length}:${approvals.at(-1)?.eventId ?? ''}`,
      filename: `nhat-ki-sua-diem-${month}.pdf`,
      pdf,
    },
    { schoolId, dataDir: o.dataDir, audit: o.audit },
  );
  return { pdf, filename: `Nhật kí sửa điểm ${month} - ${teacher.full_name}.pdf` };
}
