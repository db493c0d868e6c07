/**
 * Builds the confirmation sheets (Bảng xác nhận kết quả, P2): a subject teacher's for her class ×
 * subject × term (the grade-book sheet as loadSheet presents it), or the homeroom teacher's for
 * a term or the year (the class results — the approved snapshot when there is one — and the
 * absences). Counts come from summarizeClassResults (src/domain).
 */
import { formatTenths } from '../../domain/assessment/tenths.ts';
import { summarizeClassResults, type LevelCount } from '../../domain/results/summarize-class-results.ts';
import type { Db } from '../platform/db/database.ts';
import { getClassOr404 } from '../school/index.ts';
import type { RenderedDocument } from '../platform/pdf/rendered-document.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { type ConfirmationSheetPdfData, renderConfirmationSheetPdf } from './templates/confirmation-sheet-pdf.ts';
import { documentIdFor, verifyUrlFor } from '../platform/pdf/document-id.ts';
import { loadSheet } from '../gradebook/index.ts';
import { PRINTED_TT22_OUTCOME_NAMES, TT22_LEVEL_NAMES, TT22_TITLE_NAMES, WHOLE_YEAR_LABEL, labelOf, termLabel } from '../../shared/labels.ts';
import { classDataChangedAt, latestInstant, loadClassPrintHeader, printedDataVersion, slug } from './class-print-common.ts';
import { loadAbsences, loadPrintStudents, loadScopeResults } from './class-print-results.ts';
import { principalBlock } from '../platform/pdf/layout.ts';
import { resultsSigner } from './results-signer.ts';

export type ConfirmationTerm = 1 | 2 | 'year';
type Printed = ConfirmationSheetPdfData extends infer T ? (T extends unknown ? Omit<T, 'documentId' | 'verifyUrl' | 'createdAt'> : never) : never;
const TERM_LABEL = { 1: termLabel(1), 2: termLabel(2), year: WHOLE_YEAR_LABEL } as const;

const pct = (c: LevelCount) => `${c.count} (${formatTenths(c.percentTenths, ',')}%)`;

/** "Tốt: 10 (25,0%); Khá: …" for a level tally. */
function levelTally(label: string, counts: Record<string, LevelCount>): string {
  const parts = (['T', 'K', 'Đ', 'CĐ'] as const).map((l) => `${TT22_LEVEL_NAMES[l]}: ${pct(counts[l])}`);
  if (counts.pending?.count) parts.push(`chưa có: ${counts.pending.count}`);
  return `${label} — ${parts.join('; ')}.`;
}

export async function buildConfirmationSheet(
  db: Db,
  options: { classId: string; term: ConfirmationTerm; subjectId?: string | null },
  ctx: { baseUrl: string },
): Promise<RenderedDocument> {
  const cls = await getClassOr404(db, options.classId);
  const header = await loadClassPrintHeader(db, cls);
  const students = await loadPrintStudents(db, cls.id);
  const dob = new Map(students.map((s) => [s.studentId, s.dateOfBirth]));
  const termLabel = TERM_LABEL[options.term];
  const principalSigner = principalBlock(header.principalName, false);
  const placeDate = { place: header.school.place, date: null };

  let printed: Printed;
  let createdAt: Date;
  let idParts: string[];
  let subjectIds: Record<string, string>;
  if (options.subjectId) {
    if (options.term === 'year') throw invalid('Bảng xác nhận điểm môn học in theo từng học kỳ (term=1 hoặc 2).', [{ field: 'term', message: 'chọn học kỳ I hoặc II' }]);
    const termNo = options.term;
    const cells = await db.selectFrom('gradebook_cells').select((eb) => eb.fn.max('updated_at').as('at')).where('class_id', '=', cls.id).where('subject_id', '=', options.subjectId).executeTakeFirst();
    createdAt = latestInstant([cells?.at ? String(cells.at) : null], cls.created_at);
    const sheet = await loadSheet(db, null, { classId: cls.id, subjectId: options.subjectId, termNo, now: createdAt.toISOString() });
    if (sheet.subject.assessmentKind === 'primaryLevel') throw new AppError('INVALID_STATE', 'Môn tiểu học được xác nhận trong Bảng tổng hợp kết quả đánh giá giáo dục của lớp.');
    const year = termNo === 2 ? await loadScopeResults(db, cls, 'year', createdAt.toISOString()) : null;
    const regularKeys = sheet.columns.filter((c) => c.point === 'regular').map((c) => c.key);
    const required = sheet.columns.filter((c) => c.required).map((c) => c.key);
    const active = new Set(students.map((s) => s.studentId));
    const rows = sheet.rows.filter((r) => active.has(r.studentId));
    const incomplete = rows.filter((r) => required.some((k) => !r.cells[k]?.display));
    printed = {
      kind: 'subject',
      runningTitle: `Bảng xác nhận kết quả học tập – ${sheet.subject.name} – lớp ${cls.name} – ${termLabel} – ${header.schoolYear}`,
      heading: header.school.heading,
      title: 'BẢNG XÁC NHẬN KẾT QUẢ HỌC TẬP',
      lines: [`Môn: ${sheet.subject.name} — Lớp: ${cls.name}`, `${termLabel} — Năm học ${header.schoolYear}`, `Giáo viên môn học: ${sheet.teacherName ?? '……………………'}`],
      grid: {
        termNo,
        assessment: sheet.subject.assessmentKind as 'scored' | 'comment',
        regularColumns: Math.max(4, regularKeys.length),
        rows: rows.map((r) => ({
          no: r.listNumber,
          fullName: r.fullName,
          regular: regularKeys.map((k) => r.cells[k]?.display ?? ''),
          mid: r.cells.GK?.display ?? '',
          end: r.cells.CK?.display ?? '',
          term: r.average ?? '',
          ...(termNo === 2 ? { year: year?.students.find((s) => s.studentId === r.studentId)?.subjects.find((s) => s.subjectId === sheet.subject.id)?.value ?? '', retest: '' } : {}),
          note: '',
        })),
      },
      datesOfBirth: rows.map((r) => dob.get(r.studentId) ?? ''),
      tally: [
        `Sĩ số: ${rows.length}. Học sinh đã có đủ các điểm đánh giá bắt buộc: ${rows.length - incomplete.length}; còn thiếu: ${incomplete.length}${incomplete.length ? ` (số TT ${incomplete.map((r) => r.listNumber).join(', ')})` : ''}.`,
      ],
      statement: 'Tôi đã kiểm tra các điểm đánh giá trên, đúng với điểm đã nhập vào phần mềm và với Sổ theo dõi và đánh giá học sinh (của giáo viên).',
      placeDate,
      teacherSigner: { title: 'GIÁO VIÊN MÔN HỌC', caption: '(Ký và ghi rõ họ tên)', name: sheet.teacherName },
      principalSigner,
    };
    idParts = [cls.id, options.subjectId, String(termNo), year?.snapshotId ?? 'live'];
    subjectIds = { subjectId: options.subjectId, term: String(termNo) };
  } else {
    createdAt = await classDataChangedAt(db, cls);
    const scope = options.term === 'year' ? 'year' : (`term${options.term}` as const);
    const results = await loadScopeResults(db, cls, scope, createdAt.toISOString());
    const absences = await loadAbsences(db, cls);
    const byId = new Map(results.students.map((s) => [s.studentId, s]));
    const summary = summarizeClassResults(students.map((s) => byId.get(s.studentId) ?? { academic: null, conduct: null }));
    const level = (v: string | null | undefined) => (v ? labelOf(TT22_LEVEL_NAMES, v) : '');
    printed = {
      kind: 'homeroom',
      year: options.term === 'year',
      runningTitle: `Bảng xác nhận kết quả học tập và rèn luyện – lớp ${cls.name} – ${termLabel} – ${header.schoolYear}`,
      heading: header.school.heading,
      title: 'BẢNG XÁC NHẬN KẾT QUẢ HỌC TẬP VÀ RÈN LUYỆN',
      lines: [`Lớp: ${cls.name} — ${termLabel} — Năm học ${header.schoolYear}`, `Giáo viên chủ nhiệm: ${header.homeroomName ?? '……………………'}`, results.basis],
      rows: students.map((st) => {
        const r = byId.get(st.studentId);
        const a = absences(st.studentId)[scope];
        return {
          no: st.no,
          fullName: st.fullName,
          dateOfBirth: st.dateOfBirth,
          academic: level(r?.academic),
          conduct: level(r?.conduct),
          excused: String(a.excused),
          unexcused: String(a.unexcused),
          total: String(a.sessions),
          ...(options.term === 'year' ? { title: r?.title ? TT22_TITLE_NAMES[r.title] : '', outcome: r?.outcome ? labelOf(PRINTED_TT22_OUTCOME_NAMES, r.outcome) : '' } : {}),
          note: r && r.missing.length ? `Còn thiếu ${r.missing.length} mục` : '',
        };
      }),
      tally: [
        `Sĩ số: ${summary.students}.`,
        levelTally('Kết quả học tập', summary.academic),
        levelTally('Kết quả rèn luyện', summary.conduct),
        ...(options.term === 'year' ? [`Danh hiệu — Học sinh Xuất sắc: ${pct(summary.titles.XS)}; Học sinh Giỏi: ${pct(summary.titles.G)}.`] : []),
      ],
      statement: `Tôi đã kiểm tra kết quả học tập, kết quả rèn luyện và số buổi nghỉ học của học sinh lớp ${cls.name} trên đây, đúng với Sổ theo dõi và đánh giá học sinh (theo lớp học).`,
      placeDate,
      teacherSigner: { title: 'GIÁO VIÊN CHỦ NHIỆM', caption: '(Ký và ghi rõ họ tên)', name: header.homeroomName },
      // Who approved these results signs (KT. for a vice-principal on the principal's delegation).
      principalSigner: (await resultsSigner(db, cls.school_id, results.snapshotId ?? null)).signer,
    };
    idParts = [cls.id, 'homeroom', String(options.term), results.snapshotId ?? 'live'];
    subjectIds = { term: String(options.term) };
  }
  const inputsVersion = printedDataVersion(printed);
  const documentId = documentIdFor('BXN', [...idParts, inputsVersion]);
  const pdf = await renderConfirmationSheetPdf({ ...printed, documentId, verifyUrl: verifyUrlFor(ctx.baseUrl, documentId), createdAt } as ConfirmationSheetPdfData);
  const what = printed.kind === 'subject' ? printed.lines[0].replace(' — ', ' – ') : `Lớp: ${cls.name}`;
  return {
    kind: 'confirmation_sheet',
    documentId,
    title: printed.runningTitle,
    publicHeader: `${header.school.schoolName} – ${printed.title} – ${what} – ${termLabel} – năm học ${header.schoolYear}`,
    subject: { classId: cls.id, schoolYearId: cls.school_year_id, ...subjectIds },
    seriesKey: `confirmation_sheet:${cls.id}:${options.subjectId ?? 'homeroom'}:${options.term}`,
    inputsVersion,
    dataSha256: inputsVersion,
    filename: `xac-nhan-${slug(cls.name)}-${options.subjectId ? `${slug(printed.runningTitle.split(' – ')[1])}-hk${options.term}` : `chu-nhiem-${options.term === 'year' ? 'ca-nam' : `hk${options.term}`}`}-${slug(header.schoolYear)}.pdf`,
    pdf,
  };
}
