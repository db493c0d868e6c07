/**
 * The Ministry's labels (GLOSSARY.md), one home for the server's prints and the web's screens:
 * each map typed by the codes it labels, and the labels computed from a code. Where the prints
 * and the screens word a label differently, both sit side by side. The maps the rules engine
 * needs for its explanations live in src/domain and are re-exported here. Other src/shared
 * files are imported for their types only: no zod at run time, the web bundle imports this.
 */
import type { AwardTt27 } from '../domain/assessment/award-tt27.ts';
import type { OutcomeTt58 } from '../domain/assessment/legacy/promotion-outcome-tt58.ts';
import type { ConductLevelTt58, TitleTt58 } from '../domain/assessment/legacy/title-tt58.ts';
import type { Tt22Outcome } from '../domain/assessment/promotion-outcome-tt22.ts';
import type { Tt22Title } from '../domain/assessment/title-tt22.ts';
import type { SubjectLevelTt27, TraitLevelTt27 } from '../domain/assessment/year-level-tt27.ts';
import { COLUMN_NAMES, regularColumnName } from '../domain/gradebook/gradebook-columns.ts';
import type { PrimaryPoint } from '../domain/results/primary-traits.ts';
import type { AuditAction } from './audit-events.ts';
import type { CorrectionKind, CorrectionStatus, EvidenceKind, ProfileField } from './corrections.ts';
import type { PrintKind } from './documents.ts';
import type { ApprovalStep, EditSource } from './edit-log.ts';
import type { ConductPeriod, ResultScope } from './homeroom.ts';
import type { GuardianRelation, Sex } from './student.ts';

/** The label of a code read as a plain string (the database, a stored document); an unknown code prints as itself. */
export function labelOf<K extends string>(labels: Readonly<Partial<Record<K, string>>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code as K] ?? code) : code;
}

/** A label inside a sentence: its first letter in lower case ("Học kỳ I" → "học kỳ I", "Cha" → "cha"). */
export function inSentence(label: string): string {
  return label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
}

// Terms, the whole year, the periods of results and conduct, the TT 27/2020 assessment points.

/**
 * "Học kỳ" everywhere — screens, prints and Excel — as the GLOSSARY writes it (issue 15 §8: the app
 * said "Học kỳ" and the PDFs "Học kì" on the same day's work). 'kì' stays callable for a text
 * that must quote a form word for word.
 */
export type Spelling = 'kì' | 'kỳ';
export const TERM_SPELLING: Spelling = 'kỳ';

/** 1 → "I"; 2 → "II", and so does the summer re-assessment (kept as term 3). */
export function termRoman(termNo: number): 'I' | 'II' {
  return termNo === 1 ? 'I' : 'II';
}

/** "Học kỳ I", "Học kỳ II". */
export function termLabel(termNo: number, spelling: Spelling = TERM_SPELLING): string {
  return `Học ${spelling} ${termRoman(termNo)}`;
}

export const WHOLE_YEAR_LABEL = 'Cả năm học';

/** TT 27/2020 Điều 7 k1: "Giữa học kì I", "Cuối học kì I", "Giữa học kì II", "Cuối năm học". */
export function primaryPointLabel(point: PrimaryPoint, spelling: Spelling = TERM_SPELLING): string {
  if (point === 'CN') return 'Cuối năm học';
  return `${point.startsWith('GK') ? 'Giữa' : 'Cuối'} ${inSentence(termLabel(point === 'GK2' ? 2 : 1, spelling))}`;
}

/** TT 27/2020 Điều 7: the score of a periodic test, as a missing item ("Toán: điểm kiểm tra định kỳ") and a column title say it. */
export const PERIODIC_TEST_SCORE = 'điểm kiểm tra định kỳ';

/** The results of a class (TT 22/2021): by term, the year, after the summer. */
export const RESULT_SCOPE_LABELS: Readonly<Record<ResultScope, string>> = {
  term1: termLabel(1, 'kỳ'),
  term2: termLabel(2, 'kỳ'),
  year: 'Cả năm',
  final: 'Sau kiểm tra lại, rèn luyện hè',
};

export const CONDUCT_PERIOD_LABELS: Readonly<Record<ConductPeriod, string>> = {
  term1: termLabel(1, 'kỳ'),
  term2: termLabel(2, 'kỳ'),
  year: 'Cả năm',
  summer: 'Sau rèn luyện hè',
};

// Levels, titles, awards and outcomes of TT 22/2021, TT 27/2020 and TT 58/2011.

/** KQHT and KQRL of TT 22/2021: Tốt, Khá, Đạt, Chưa đạt (Đ / CĐ also mark comment subjects). */
export { TT22_LEVEL_NAMES } from '../domain/assessment/tt22-level.ts';
/** Đánh giá kết quả giáo dục of TT 27/2020 Điều 9: HTXS, HTT, HT, CHT. */
export { TT27_YEAR_LEVEL_NAMES } from '../domain/assessment/year-level-tt27.ts';
/** Học lực of TT 58/2011: Giỏi, Khá, Trung bình, Yếu, Kém. */
export { TT58_LEVEL_NAMES } from '../domain/assessment/legacy/classify-academic-tt58.ts';

/** TT 27/2020: a subject's or activity's level. */
export const TT27_SUBJECT_LEVEL_NAMES: Readonly<Record<SubjectLevelTt27, string>> = { T: 'Hoàn thành tốt', H: 'Hoàn thành', C: 'Chưa hoàn thành' };
/** TT 27/2020: a quality's or competence's level. */
export const TT27_TRAIT_LEVEL_NAMES: Readonly<Record<TraitLevelTt27, string>> = { T: 'Tốt', Đ: 'Đạt', C: 'Cần cố gắng' };
/** Hạnh kiểm of TT 58/2011. */
export const TT58_CONDUCT_NAMES: Readonly<Record<ConductLevelTt58, string>> = { T: 'Tốt', K: 'Khá', TB: 'Trung bình', Y: 'Yếu' };

/** Danh hiệu of TT 22/2021 Điều 15. */
export const TT22_TITLE_NAMES: Readonly<Record<Tt22Title, string>> = { XS: 'Học sinh Xuất sắc', G: 'Học sinh Giỏi' };
/** Danh hiệu of TT 58/2011, as its học bạ prints them. */
export const TT58_TITLE_NAMES: Readonly<Record<TitleTt58, string>> = { HSG: 'Học sinh giỏi', HSTT: 'Học sinh tiên tiến' };

/** Khen thưởng of TT 27/2020 Điều 15. */
export const TT27_AWARD_NAMES: Readonly<Record<AwardTt27, string>> = {
  XS: 'Học sinh Xuất sắc',
  TB: 'Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện',
};
/** The same, short, for the narrow column of the class summary (Bảng tổng hợp). */
export const SUMMARY_TT27_AWARD_NAMES: Readonly<Record<AwardTt27, string>> = { XS: 'Học sinh Xuất sắc', TB: 'Học sinh Tiêu biểu' };
/** The same as the học bạ tiểu học prints them ("tiêu biểu" in lower case). */
export const TRANSCRIPT_TT27_AWARD_NAMES: Readonly<Record<AwardTt27, string>> = {
  XS: 'Học sinh Xuất sắc',
  TB: 'Học sinh tiêu biểu hoàn thành tốt trong học tập và rèn luyện',
};

/** The year outcome of TT 22/2021 Điều 12, as the screens name it. */
export const TT22_OUTCOME_NAMES: Readonly<Record<Tt22Outcome, string>> = {
  promoted: 'Lên lớp',
  retest: 'Kiểm tra lại',
  summerTraining: 'Rèn luyện trong kỳ nghỉ hè',
  retained: 'Không lên lớp',
  review: 'Cần xem xét',
};
/** The same as the printed books (class book, confirmation sheet) name it. */
export const PRINTED_TT22_OUTCOME_NAMES: Readonly<Record<Tt22Outcome, string>> = {
  promoted: 'Được lên lớp',
  retest: 'Kiểm tra lại',
  summerTraining: 'Rèn luyện trong hè',
  retained: 'Không được lên lớp',
  review: 'Cần xem xét',
};
/** The year outcome of a TT 58 year in the học bạ (after the summer: promotedAfterReassessment). */
export const TT58_OUTCOME_NAMES: Readonly<Record<OutcomeTt58 | 'promotedAfterReassessment', string>> = {
  promoted: 'Được lên lớp',
  promotedAfterReassessment: 'Được lên lớp sau khi kiểm tra lại / rèn luyện hè',
  retained: 'Ở lại lớp',
  retest: 'Kiểm tra lại',
  summerTraining: 'Rèn luyện trong hè',
};

// Grade-book columns, where a value came from, the score events, corrections and their evidence.

/** A column's short name: "TX2" → "ĐĐGtx 2", "GK" → "ĐĐGgk", "MUC_GK" → "Mức giữa kì"; another key as itself. */
export function columnName(columnKey: string, spelling: Spelling = TERM_SPELLING): string {
  const tx = /^TX(\d+)$/.exec(columnKey);
  if (tx) return regularColumnName(Number(tx[1]));
  return labelOf(
    { ...COLUMN_NAMES, MUC_GK: `Mức giữa ${spelling}`, MUC_CK: `Mức cuối ${spelling}`, KT_GK: `KTĐK giữa ${spelling}`, KT_CK: `KTĐK cuối ${spelling}` },
    columnKey,
  );
}

/** A column with its term, as the edit log prints it: "ĐĐGtx 2 (HK I)". */
export function columnLabel(columnKey: string, termNo: number): string {
  return `${columnName(columnKey)} (HK ${termRoman(termNo)})`;
}

/** Where a grade-book value came from, as the edit log on screen says it ("Nguồn"). */
export const EDIT_SOURCE_LABELS: Readonly<Record<EditSource, string>> = {
  typed: 'Gõ tay',
  pasted: 'Dán từ Excel',
  filled: 'Điền xuống',
  imported: 'Nhập từ Excel',
  correction: 'Theo giấy đề nghị',
};
/** The same as the printed edit log and the archive say it. */
const PRINTED_EDIT_SOURCE_LABELS: Readonly<Record<EditSource, string>> = {
  typed: 'Nhập trên lưới điểm',
  pasted: 'Dán từ Excel vào lưới điểm',
  filled: 'Điền xuống trên lưới điểm',
  imported: 'Nhập từ tệp Excel',
  correction: 'Giấy đề nghị',
};

/** How the change was made, as printed in the edit log: a correction names its request. */
export function sourceLabel(source: string, correctionNumber: number | null): string {
  if (correctionNumber !== null) return `Giấy đề nghị số ${correctionNumber}`;
  return labelOf(PRINTED_EDIT_SOURCE_LABELS, source);
}

/** The grade-book events of the audit log ("Thao tác" of the edit log). */
export const SCORE_EVENT_LABELS: Readonly<Record<Extract<AuditAction, `score.${string}`>, string>> = {
  'score.entered': 'Nhập điểm',
  'score.changed': 'Sửa điểm',
  'score.cleared': 'Xóa điểm',
};

/** The steps of unlocks, window changes and correction decisions in the edit log (issue 14 §3). */
export const APPROVAL_STEP_LABELS: Readonly<Record<ApprovalStep, string>> = {
  requested: 'Gửi yêu cầu',
  confirmed: 'Xác nhận',
  refused: 'Từ chối',
  direct: 'Hiệu trưởng thực hiện',
  approved: 'Duyệt giấy đề nghị',
  rejected: 'Từ chối giấy đề nghị',
};

/** A correction request's status, as the screens show it. */
export const CORRECTION_STATUS_LABELS: Readonly<Record<CorrectionStatus, string>> = {
  pending: 'Chờ duyệt',
  approved: 'Đã duyệt',
  rejected: 'Từ chối',
  applied: 'Đã cập nhật',
  withdrawn: 'Đã rút',
};
/** The same as the printed request (Giấy đề nghị thay đổi thông tin) states it. */
export const PRINTED_CORRECTION_STATUS_LABELS: Readonly<Record<CorrectionStatus, string>> = {
  pending: 'Chờ Hiệu trưởng duyệt',
  approved: 'Đã duyệt, chờ cập nhật',
  rejected: 'Từ chối',
  applied: 'Đã duyệt và đã cập nhật',
  withdrawn: 'Đã rút',
};

/** C4: the evidence a teacher keeps for a change (personal grade book, test paper, a classmate's confirmation). */
export const EVIDENCE_KIND_LABELS: Readonly<Record<EvidenceKind, string>> = {
  personalGradebook: 'Sổ điểm cá nhân của giáo viên',
  testPaper: 'Bài kiểm tra của học sinh',
  classmateConfirmation: 'Xác nhận của học sinh cùng lớp (điểm kiểm tra miệng)',
  other: 'Minh chứng khác',
};

/** Issue 22: what a correction request changes. */
export const CORRECTION_KIND_LABELS: Readonly<Record<CorrectionKind, string>> = {
  scores: 'Điểm số',
  conduct: 'Kết quả rèn luyện',
  attendance: 'Điểm danh',
  profile: 'Sơ yếu lý lịch',
  primaryAssessment: 'Phẩm chất, năng lực (tiểu học)',
};
/** Issue 22: the profile fields the học bạ prints, as a request names them. */
export const PROFILE_FIELD_LABELS: Readonly<Record<ProfileField, string>> = {
  familyName: 'Họ',
  middleName: 'Tên đệm',
  givenName: 'Tên',
  sex: 'Giới tính',
  dateOfBirth: 'Ngày sinh',
  placeOfBirth: 'Nơi sinh',
  ethnicity: 'Dân tộc',
  nationality: 'Quốc tịch',
  nationalId: 'Mã định danh',
  studentCode: 'Mã học sinh',
  address: 'Nơi ở',
  guardians: 'Cha, mẹ, người giám hộ',
};

// People, as the forms print them.

export const SEX_LABELS: Readonly<Record<Sex, string>> = { male: 'Nam', female: 'Nữ' };

export const GUARDIAN_RELATION_LABELS: Readonly<Record<GuardianRelation, string>> = { father: 'Cha', mother: 'Mẹ', guardian: 'Người giám hộ' };

// The documents the school prints and stores, and who signs them.

/** The documents the bulk print makes, in the order the print page lists them. */
export const PRINT_KIND_LABELS: Readonly<Record<PrintKind, string>> = {
  class_book: 'Sổ theo dõi và đánh giá học sinh (theo lớp)',
  confirmation_sheet: 'Bảng xác nhận kết quả',
  transcript: 'Học bạ',
  report_book: 'Sổ liên lạc',
  primary_summary: 'Bảng tổng hợp kết quả đánh giá giáo dục của lớp',
};

/** Every kind of stored document. */
export const DOCUMENT_KIND_LABELS: Readonly<Record<PrintKind | 'edit_log' | 'correction_request' | 'archive_manifest', string>> = {
  ...PRINT_KIND_LABELS,
  edit_log: 'Nhật kí sửa điểm',
  correction_request: 'Giấy đề nghị thay đổi thông tin',
  archive_manifest: 'Danh mục hồ sơ lưu trữ năm học',
};

export const SIGNER_ROLE_LABELS: Readonly<Record<'homeroom' | 'principal' | 'seal', string>> = {
  homeroom: 'Giáo viên chủ nhiệm',
  principal: 'Hiệu trưởng',
  seal: 'Con dấu số của nhà trường',
};

/** The principal's step signed by a vice-principal on her delegation (issue 22). */
export const DEPUTY_SIGNER_LABEL = 'KT. Hiệu trưởng – Phó hiệu trưởng';
