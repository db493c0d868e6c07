/**
 * Vietnamese labels of the API's enumerations only the screens show, in the Ministry's words
 * (GLOSSARY.md). The labels the prints share (levels, terms, columns, statuses…) are in src/shared/labels.ts.
 */
import type { AuditAction, AuditEntityType } from '../../shared/audit-events.ts';
import { SCORE_EVENT_LABELS } from '../../shared/labels.ts';
import type { AssessmentKind, EnrollmentStatus, Regime } from '../api/types.ts';

import { ROLE_LABELS } from '../../domain/policies/actor.ts';

export { ROLE_LABELS };

export const ENROLLMENT_STATUS_LABELS: Record<EnrollmentStatus, string> = {
  active: 'Đang học',
  transferred_in: 'Chuyển đến',
  transferred_out: 'Chuyển đi',
  moved_class: 'Chuyển lớp',
  dropped_out: 'Thôi học',
  graduated: 'Ra trường',
  retained: 'Không lên lớp',
};

export const ENROLLMENT_STATUS_COLORS: Record<EnrollmentStatus, string> = {
  active: 'teal',
  transferred_in: 'blue',
  transferred_out: 'gray',
  moved_class: 'gray',
  dropped_out: 'red',
  graduated: 'violet',
  retained: 'orange',
};

export function enrollmentStatusLabel(status: string): string {
  return ENROLLMENT_STATUS_LABELS[status as EnrollmentStatus] ?? status;
}

export const ORIGIN_LABELS: Record<string, string> = {
  intake: 'Tuyển mới',
  transfer_in: 'Chuyển đến',
  change_class: 'Chuyển lớp',
  class_change: 'Chuyển lớp',
  moved_class: 'Chuyển lớp',
  rollover: 'Lên lớp',
  promoted: 'Lên lớp',
  retained: 'Không lên lớp',
  import: 'Nhập từ Excel',
};

export const ASSESSMENT_KIND_LABELS: Record<AssessmentKind, string> = {
  scored: 'Đánh giá bằng điểm số',
  comment: 'Đánh giá bằng nhận xét',
  primaryLevel: 'Đánh giá theo mức (Hoàn thành tốt / Hoàn thành / Chưa hoàn thành)',
};

export const ASSESSMENT_KIND_SHORT: Record<AssessmentKind, string> = {
  scored: 'Điểm số',
  comment: 'Nhận xét',
  primaryLevel: 'Mức hoàn thành',
};

export const REGIME_LABELS: Record<Regime, string> = {
  TT22_2021: 'Thông tư 22/2021/TT-BGDĐT',
  TT27_2020: 'Thông tư 27/2020/TT-BGDĐT',
  TT58_TT26: 'Thông tư 58/2011 và Thông tư 26/2020',
  TT58_2011: 'Thông tư 58/2011/TT-BGDĐT',
  TT22_2016: 'Thông tư 22/2016/TT-BGDĐT',
};

export const POSITION_LABELS: Record<string, string> = {
  principal: 'Hiệu trưởng',
  vice_principal: 'Phó hiệu trưởng',
  teacher: 'Giáo viên',
  clerk: 'Văn thư',
  staff: 'Nhân viên',
};

export const ROLLOVER_ACTION_LABELS: Record<string, string> = {
  promoted: 'Lên lớp',
  retained: 'Không lên lớp (ở lại lớp)',
  graduated: 'Ra trường',
};

export const YEAR_STATUS_LABELS: Record<string, string> = {
  draft: 'Đang thiết lập',
  planning: 'Đang thiết lập',
  active: 'Đang diễn ra',
  open: 'Đang diễn ra',
  closed: 'Đã kết thúc',
  archived: 'Đã lưu trữ',
};

/** Names of audit actions the users will see most; others are shown as their code. */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'login.succeeded': 'Đăng nhập',
  'login.password_ok': 'Đúng mật khẩu (chờ mã xác thực)',
  'login.failed': 'Đăng nhập sai',
  'login.locked': 'Đăng nhập sai nhiều lần (phải chờ trước lần sau)',
  'login.totp_failed': 'Sai mã xác thực',
  'login.totp_replayed': 'Mã xác thực đã dùng (bị dùng lại)',
  'login.totp_throttled': 'Sai mã xác thực nhiều lần (phải chờ trước lần sau)',
  'login.recovery_code_used': 'Đăng nhập bằng mã khôi phục',
  'login.recovery_code_failed': 'Sai mã khôi phục',
  'account.created': 'Tạo tài khoản',
  'account.updated': 'Sửa tài khoản',
  'account.disabled': 'Khóa tài khoản',
  'account.rolesChanged': 'Phân quyền',
  'account.passwordReset': 'Cấp lại mật khẩu',
  'account.password_changed': 'Đổi mật khẩu',
  'account.totp_enabled': 'Bật xác thực hai lớp',
  'account.secondFactorReset': 'Tắt xác thực hai lớp (mất điện thoại và mã khôi phục)',
  'account.recovery_codes_generated': 'Tạo mã khôi phục mới',
  'schoolYear.created': 'Tạo năm học',
  'schoolYear.rolledOver': 'Kết chuyển lên lớp',
  'terms.updated': 'Sửa học kỳ',
  'subject.created': 'Thêm môn học',
  'subject.updated': 'Sửa môn học',
  'subjectGroup.created': 'Thêm tổ chuyên môn',
  'subjectGroup.updated': 'Sửa tổ chuyên môn',
  'class.created': 'Thêm lớp',
  'class.updated': 'Sửa lớp',
  'homeroom.assigned': 'Phân công chủ nhiệm',
  'teachingAssignment.changed': 'Phân công chuyên môn',
  'staff.created': 'Thêm cán bộ, giáo viên',
  'staff.updated': 'Sửa cán bộ, giáo viên',
  'student.created': 'Thêm học sinh',
  'student.updated': 'Sửa hồ sơ học sinh',
  'student.viewed': 'Xem hồ sơ học sinh',
  'student.transferredIn': 'Học sinh chuyển đến',
  'student.transferredOut': 'Học sinh chuyển đi',
  'student.classChanged': 'Chuyển lớp',
  'student.droppedOut': 'Thôi học',
  'classList.sortedAbc': 'Sắp xếp danh sách ABC',
  'classList.reordered': 'Sắp xếp danh sách thủ công',
  'classList.viewed': 'Xem danh sách lớp kèm hồ sơ cá nhân',
  ...SCORE_EVENT_LABELS,
  'lock.set': 'Khóa sổ',
  'lock.released': 'Mở sổ',
  'window.set': 'Đặt đợt cập nhật điểm',
  'testingPlan.set': 'Đặt ngày kiểm tra định kỳ (kế hoạch kiểm tra)',
  'testingPlan.deleted': 'Xóa bài kiểm tra khỏi kế hoạch kiểm tra',
  'settings.updated': 'Đổi thiết lập sửa điểm của trường',
  'scoreImport.applied': 'Nhập điểm từ tệp Excel',
  'scoreImport.rolledBack': 'Hoàn tác lần nhập điểm từ Excel',
  'attendance.marked': 'Điểm danh',
  'attendance.rollTaken': 'Điểm danh cả buổi',
  'conduct.assessed': 'Đánh giá kết quả rèn luyện',
  'conduct.yearOverridden': 'Đánh giá rèn luyện cả năm khác bảng Điều 8 (có lý do)',
  'weeklyNote.written': 'Ghi nhận xét tuần',
  'weeklyNote.edited': 'Sửa nhận xét tuần',
  'results.proposed': 'Đề nghị phê duyệt kết quả',
  'results.approved': 'Phê duyệt kết quả',
  'primary.assessed': 'Đánh giá phẩm chất, năng lực',
  'transcript.confirmed': 'Xác nhận học bạ',
  'transcript.reconfirmed': 'Xác nhận lại học bạ (phiên bản mới)',
  'document.create': 'Lập văn bản',
  'document.sign': 'Ký số văn bản',
  'document.signHandwritten': 'Ghi nhận đã ký tay trên bản in',
  'archive.started': 'Bắt đầu lập gói lưu trữ năm học',
  'correction.filed': 'Gửi giấy đề nghị sửa điểm',
  'correction.evidenceAdded': 'Đính kèm minh chứng',
  'correction.approved': 'Duyệt giấy đề nghị',
  'correction.rejected': 'Từ chối giấy đề nghị',
  'correction.applied': 'Cập nhật giấy đề nghị vào sổ',
  'lockRequest.filed': 'Yêu cầu mở sổ, đổi đợt cập nhật',
  'lockRequest.confirmed': 'Xác nhận yêu cầu mở sổ, đổi đợt cập nhật',
  'lockRequest.refused': 'Từ chối yêu cầu mở sổ, đổi đợt cập nhật',
  'settings.delegateChanged': 'Đổi phó hiệu trưởng được ủy quyền xác nhận',
  'delegation.granted': 'Ủy quyền cho phó hiệu trưởng',
  'delegation.revoked': 'Thu hồi ủy quyền',
  'seal.registered': 'Đăng kí con dấu số',
};

/** Every kind of record the audit log names, in the school's words. */
export const ENTITY_TYPE_LABELS: Record<AuditEntityType, string> = {
  user: 'Tài khoản',
  school: 'Nhà trường',
  school_year: 'Năm học',
  subject: 'Môn học',
  subject_group: 'Tổ chuyên môn',
  class: 'Lớp',
  teaching_assignment: 'Phân công chuyên môn',
  staff: 'Cán bộ, giáo viên',
  student: 'Học sinh',
  gradebook_cell: 'Ô điểm',
  score_import: 'Nhập điểm từ Excel',
  lock: 'Khóa sổ',
  assessment_window: 'Đợt cập nhật điểm',
  testing_plan_entry: 'Kế hoạch kiểm tra',
  lock_request: 'Yêu cầu mở sổ, đổi đợt cập nhật',
  correction_request: 'Giấy đề nghị thay đổi thông tin',
  attendance_record: 'Điểm danh',
  attendance_roll: 'Điểm danh cả buổi',
  conduct_assessment: 'Kết quả rèn luyện',
  weekly_note: 'Nhận xét tuần',
  result_snapshot: 'Kết quả đã đề nghị, phê duyệt',
  primary_assessment: 'Phẩm chất, năng lực',
  transcript_record: 'Học bạ (bản ghi năm học)',
  document: 'Văn bản',
  seal_registration: 'Con dấu số của nhà trường',
  delegation: 'Ủy quyền',
  year_archive: 'Lưu trữ năm học',
};

/** Who acted, as the audit log names actors that are not a role of the school. */
export const ACTOR_ROLE_LABELS: Record<string, string> = {
  ...ROLE_LABELS,
  anonymous: 'Chưa đăng nhập',
  system: 'Hệ thống (tự động)',
};

export const CORRECTION_STATUS_COLORS: Record<string, string> = {
  pending: 'orange',
  approved: 'blue',
  rejected: 'red',
  applied: 'teal',
  withdrawn: 'gray',
};

export const REASON_REQUIRED_LABELS: Record<'never' | 'reEntry' | 'always', string> = {
  never: 'Không bắt buộc',
  reEntry: 'Khi sửa điểm đã nhập',
  always: 'Mọi lần nhập, sửa',
};

export const EVIDENCE_REQUIRED_LABELS: Record<'never' | 'reEntry', string> = {
  never: 'Không bắt buộc',
  reEntry: 'Khi sửa điểm đã nhập',
};

export const CORRECTION_APPLY_LABELS: Record<'adminBoard' | 'onApproval', string> = {
  adminBoard: 'Ban quản trị phần mềm cập nhật sau khi Hiệu trưởng duyệt',
  onApproval: 'Tự cập nhật ngay khi Hiệu trưởng duyệt',
};

export const WINDOW_STATE_LABELS: Record<'upcoming' | 'open' | 'closed', string> = {
  upcoming: 'Chưa mở',
  open: 'Đang mở',
  closed: 'Đã kết thúc (tự khóa)',
};

/** "Lớp 6" / "Khối 6". */
export function gradeLabel(grade: number): string {
  return `Khối ${grade}`;
}
