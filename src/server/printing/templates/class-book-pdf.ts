/**
 * SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH (THEO LỚP HỌC) — THCS/THPT, TT 22/2021 (FORMS.md §1):
 * cover, instructions and subject teachers, the inner title page, the student list, the monthly
 * attendance sheets, per term a grid per subject signed by its teacher and the term summary, for
 * the whole year the year summary and the year classification, then the principal's monthly
 * remarks, closed by the homeroom teacher's and the principal's signatures.
 *
 * Portrait for the cover, the subject grids (a class of 45 fits a page) and the remarks, landscape
 * for the student list, the attendance sheets and the summaries (one column per subject). A pure function of prepared data:
 * every value arrives as printed (names, dd/mm/yyyy, scores with a decimal comma).
 */
import type { PdfNode } from '../../platform/pdf/engine/nodes.ts';
import { attendancePages, principalRemarksPage } from './class-book-attendance.ts';
import { coverPage, innerTitlePage, instructionsPage, studentListPages } from './class-book-pages.ts';
import { subjectGridPage, summaryPage, yearClassificationPage } from './class-book-grids.ts';
import { type PlaceDate, type Signer, pageFrame, signatureRow } from '../../platform/pdf/layout.ts';
import { renderPdf } from '../../platform/pdf/render-pdf.ts';

export interface ClassBookCover {
  /** "TRƯỜNG THCS" and "Nguyễn Trãi", or "TRƯỜNG" and the full name when it has no level prefix. */
  schoolLabel: string;
  schoolName: string;
  district: string | null;
  province: string | null;
  levelName: string;
  className: string;
  homeroomName: string | null;
  schoolYear: string;
  studentCount: number;
  femaleCount: number;
  subjectTeachers: { subjectName: string; teacherName: string | null }[];
}

export interface ClassBookStudent {
  no: number;
  fullName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  sex: string;
  ethnicity: string;
  address: string;
  father: string;
  mother: string;
  note: string;
}

export interface SubjectGridRow {
  no: number;
  fullName: string;
  /** As many entries as `regularColumns`, blanks where nothing was entered. */
  regular: string[];
  mid: string;
  end: string;
  term: string;
  /** HK II page: the year value (ĐTBmcn or the year Đ/CĐ). */
  year?: string;
  /** HK II page: the summer re-assessment, when there is one. */
  retest?: string;
  note: string;
}

export interface SubjectGridPage {
  kind: 'subject';
  termNo: 1 | 2;
  subjectName: string;
  assessment: 'scored' | 'comment';
  teacherName: string | null;
  regularColumns: number;
  rows: SubjectGridRow[];
}

export interface SummaryRow {
  no: number;
  fullName: string;
  comment: string[];
  scored: string[];
  academic: string;
  conduct: string;
  absentExcused: string;
  absentUnexcused: string;
  note: string;
}

export interface SummaryPage {
  kind: 'summary';
  /** "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KÌ I" … "CẢ NĂM HỌC" */
  title: string;
  /** Where the numbers come from: the approved snapshot or the live results. */
  basis: string;
  commentSubjects: string[];
  scoredSubjects: string[];
  rows: SummaryRow[];
}

export interface YearRow {
  no: number;
  fullName: string;
  conduct: string;
  academic: string;
  conductAfter: string;
  academicAfter: string;
  absences: string;
  promoted: boolean | null;
  award: string;
  note: string;
}

export interface YearClassificationPage {
  kind: 'year';
  basis: string;
  rows: YearRow[];
  totals: { students: number; promoted: number; promotedAfterSummer: number; retained: number; pending: number };
}

export type ClassBookSection = SubjectGridPage | SummaryPage | YearClassificationPage;

/** One student's line on a monthly attendance sheet (FORMS.md §1.2 step 5). */
export interface AttendanceSheetRow {
  no: number;
  fullName: string;
  /** Index d-1 for day d of the month: one letter per session absent ("P", "K", "PK"), '' when present. */
  marks: string[];
  /** Sessions absent in this sheet: total (TS), excused (P), unexcused (K). */
  total: number;
  excused: number;
  unexcused: number;
}

/** "Theo dõi chuyên cần" for one month of one term; a month split by the term boundary gets one sheet per term. */
export interface AttendanceMonthSheet {
  termNo: 1 | 2;
  year: number;
  /** 1–12 */
  month: number;
  /** The days of this month inside the term (1 and the month's last day unless the term starts or ends inside it). */
  firstDay: number;
  lastDay: number;
  rows: AttendanceSheetRow[];
}

export interface ClassBookPdfData {
  documentId: string;
  verifyUrl: string;
  createdAt: Date;
  /** "Sổ theo dõi và đánh giá học sinh – lớp 6A1 – Học kì I – 2026 - 2027" */
  runningTitle: string;
  scopeLabel: string;
  cover: ClassBookCover;
  students: ClassBookStudent[];
  sections: ClassBookSection[];
  /**
   * The monthly attendance sheets of the printed scope, in date order (loadMonthlyAttendance).
   * When present the book also prints them and the principal's monthly remarks table (one row per month).
   */
  attendance?: AttendanceMonthSheet[];
  placeDate: PlaceDate;
  homeroomSigner: Signer;
  principalSigner: Signer;
}

export function classBookDefinition(data: ClassBookPdfData) {
  // FORMS.md §1.2 order: cover, instructions, inner title, student list, attendance, term parts, year, principal's remarks.
  const content: PdfNode[] = [
    coverPage(data.cover, data.scopeLabel),
    instructionsPage(data.cover),
    innerTitlePage(data.cover),
    ...studentListPages(data.students, data.cover),
    ...attendancePages(data.attendance ?? [], data.cover),
  ];
  for (const s of data.sections) {
    if (s.kind === 'subject') content.push(subjectGridPage(s));
    else if (s.kind === 'summary') content.push(summaryPage(s));
    else content.push(yearClassificationPage(s));
  }
  if (data.attendance?.length) content.push(principalRemarksPage(data.attendance));
  // The closing certification: the homeroom teacher and the principal (FORMS.md §1.2 step 10).
  content.push({
    stack: [
      { text: 'XÁC NHẬN CỦA GIÁO VIÊN CHỦ NHIỆM VÀ HIỆU TRƯỞNG', style: 'title', margin: [0, 0, 0, 8] },
      {
        text: `Sổ theo dõi và đánh giá học sinh lớp ${data.cover.className}, ${data.scopeLabel.charAt(0).toLocaleLowerCase('vi')}${data.scopeLabel.slice(1)}, năm học ${data.cover.schoolYear}, gồm ${data.students.length} học sinh, được in từ phần mềm Sổ Điểm Số với mã văn bản ${data.documentId}.`,
        fontSize: 11,
        margin: [0, 0, 0, 8],
      },
      signatureRow([data.homeroomSigner, data.principalSigner], data.placeDate),
    ],
    unbreakable: true,
    margin: [0, 18, 0, 0],
  });
  return pageFrame({ orientation: 'portrait', documentId: data.documentId, verifyUrl: data.verifyUrl, runningTitle: data.runningTitle, content });
}

export async function renderClassBookPdf(data: ClassBookPdfData): Promise<Buffer> {
  return renderPdf(classBookDefinition(data), {
    title: data.runningTitle,
    subject: 'Sổ theo dõi và đánh giá học sinh (theo lớp học)',
    documentId: data.documentId,
    createdAt: data.createdAt,
    keywords: [`lớp ${data.cover.className}`, data.cover.schoolYear, data.scopeLabel],
  });
}
