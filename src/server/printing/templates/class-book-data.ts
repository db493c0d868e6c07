/** The class book's data as printed (every value a string as it appears on the page), for its template (class-book-pdf.ts) and its pages. */
import type { PlaceDate, Signer } from '../../platform/pdf/layout.ts';

export interface ClassBookCover {
  /** "TRƯỜNG THCS" and "Nguyễn Trãi", or "TRƯỜNG" and the full name when it has no level prefix. */
  schoolLabel: string;
  schoolName: string;
  /** "Xã/Phường/Đặc khu" (years from 1/7/2025) or "Huyện/Quận/Thị xã/Thành phố", and its value (domain/calendar/local-government). */
  localityLabel: string;
  locality: string | null;
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
  /** "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ HỌC KỲ I" … "CẢ NĂM HỌC" */
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
  /** "Sổ theo dõi và đánh giá học sinh – lớp 6A1 – Học kỳ I – 2026 - 2027" */
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
