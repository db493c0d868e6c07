/**
 * The system log's "Trước → Sau" in the school's words (issue 15 §7): every field the server puts
 * in an audit entry's before/after, named in Vietnamese per entity type, and the values that are
 * codes (pkcs12, morning, P) spelled out. The map is total over the entity types (a new type does
 * not compile without its entry); a field without a label still reads as words, never as
 * "inputsVersion" (audit-field-labels.test.ts checks every field the demo school's log holds).
 */
import type { AuditEntityType } from '../../../shared/audit-events.ts';

const STUDENT_FIELDS: Record<string, string> = {
  id: 'Mã bản ghi',
  address: 'Địa chỉ',
  created_at: 'Tạo lúc',
  date_of_birth: 'Ngày sinh',
  ethnicity: 'Dân tộc',
  family_name: 'Họ',
  middle_name: 'Tên đệm',
  given_name: 'Tên',
  guardians_json: 'Cha mẹ, người giám hộ',
  national_id: 'Mã định danh',
  nationality: 'Quốc tịch',
  phone: 'Điện thoại',
  place_of_birth: 'Nơi sinh',
  religion: 'Tôn giáo',
  school_id: 'Trường',
  sex: 'Giới tính',
  status: 'Tình trạng',
  student_code: 'Mã học sinh',
  updated_at: 'Sửa lúc',
  version: 'Phiên bản',
};

const ENROLLMENT_FIELDS: Record<string, string> = {
  id: 'Mã bản ghi',
  class_id: 'Lớp',
  created_at: 'Tạo lúc',
  starts_on: 'Từ ngày',
  ends_on: 'Đến ngày',
  list_number: 'Số thứ tự',
  note: 'Ghi chú',
  origin: 'Nguồn',
  school_id: 'Trường',
  school_year_id: 'Năm học',
  status: 'Tình trạng',
  student_id: 'Học sinh',
  version: 'Phiên bản',
};

const prefixed = (prefix: string, label: string, fields: Record<string, string>) =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [`${prefix}.${k}`, `${label}: ${v.charAt(0).toLocaleLowerCase('vi')}${v.slice(1)}`]));

/** Fields common to many entries. */
const COMMON: Record<string, string> = {
  studentId: 'Học sinh',
  classId: 'Lớp',
  subjectId: 'Môn học',
  termNo: 'Học kỳ',
  version: 'Phiên bản',
  comment: 'Nhận xét',
  note: 'Ghi chú',
  reason: 'Lý do',
  status: 'Trạng thái',
  date: 'Ngày',
  point: 'Thời điểm',
  id: 'Mã bản ghi',
};

export const AUDIT_FIELD_LABELS: Readonly<Record<AuditEntityType, Readonly<Record<string, string>>>> = {
  user: { fullName: 'Họ và tên', username: 'Tên đăng nhập', grants: 'Quyền', staffId: 'Cán bộ', totpEnabled: 'Xác thực hai lớp', disabled: 'Khóa tài khoản' },
  school: { name: 'Tên trường', address: 'Địa chỉ', level: 'Cấp học', reasonRequired: 'Ghi lý do khi sửa điểm', evidenceRequired: 'Minh chứng khi sửa điểm', editDeadlineDays: 'Hạn sửa điểm (ngày)', correctionApply: 'Áp dụng đề nghị sửa điểm' },
  school_year: { name: 'Năm học', startsOn: 'Ngày bắt đầu', endsOn: 'Ngày kết thúc', grades: 'Các khối', subjects: 'Số môn học', terms: 'Các học kỳ', copiedFrom: 'Sao chép từ năm học', status: 'Trạng thái' },
  subject: { name: 'Tên môn', code: 'Mã môn', assessmentKind: 'Hình thức đánh giá', periodsPerYear: 'Số tiết/năm' },
  subject_group: { name: 'Tên tổ chuyên môn', headStaffId: 'Tổ trưởng' },
  class: { name: 'Tên lớp', grade: 'Khối', homeroomStaffId: 'Giáo viên chủ nhiệm', '<studentId>': 'Số thứ tự của học sinh' },
  teaching_assignment: { staffId: 'Giáo viên', subjectId: 'Môn học', classId: 'Lớp' },
  staff: { fullName: 'Họ và tên', position: 'Chức vụ', subjectGroupId: 'Tổ chuyên môn' },
  student: { ...prefixed('student', 'Học sinh', STUDENT_FIELDS), ...prefixed('enrollment', 'Ghi danh', ENROLLMENT_FIELDS) },
  gradebook_cell: { columnKey: 'Cột điểm', scoreTenths: 'Điểm', text: 'Mức, nhận xét', correctionRequestId: 'Giấy đề nghị sửa điểm', evidence: 'Minh chứng', source: 'Cách nhập' },
  score_import: { fileName: 'Tệp', cells: 'Số ô', rolledBack: 'Đã hoàn tác' },
  lock: {
    class_id: 'Lớp',
    column_key: 'Cột điểm',
    grade: 'Khối',
    id: 'Mã khóa',
    ordered_by: 'Theo lệnh của',
    reason: 'Lý do khóa',
    release_reason: 'Lý do mở',
    released_at: 'Mở lúc',
    released_by: 'Người mở',
    school_id: 'Trường',
    school_year_id: 'Năm học',
    set_at: 'Khóa lúc',
    set_by: 'Người khóa',
    subject_id: 'Môn học',
    term_no: 'Học kỳ',
  },
  assessment_window: { point: 'Đợt cập nhật điểm', opens_on: 'Mở từ ngày', closes_on: 'Đến hết ngày', ordered_by: 'Theo lệnh của', set_at: 'Đặt lúc', set_by: 'Người đặt', emptyCellsConfirmed: 'Số ô còn trống được xác nhận khóa' },
  testing_plan_entry: { test: 'Bài kiểm tra', testOn: 'Ngày kiểm tra', test_on: 'Ngày kiểm tra' },
  lock_request: { kind: 'Loại đề nghị', reason: 'Lý do' },
  correction_request: { number: 'Số giấy', cells: 'Các ô đề nghị sửa', evidenceKind: 'Minh chứng', decisionNote: 'Ý kiến', appliedAt: 'Áp dụng lúc' },
  attendance_record: { kind: 'Vắng', session: 'Buổi', periodNo: 'Tiết' },
  attendance_roll: { absences: 'Số học sinh vắng', changed: 'Số học sinh thay đổi', session: 'Buổi', periodNo: 'Tiết' },
  conduct_assessment: { level: 'Kết quả rèn luyện', period: 'Kỳ đánh giá' },
  weekly_note: { week: 'Tuần', text: 'Nhận xét' },
  result_snapshot: { scope: 'Kỳ', inputsVersion: 'Phiên bản dữ liệu', ruleVersion: 'Phiên bản quy tắc' },
  primary_assessment: { qualities: 'Phẩm chất', competences: 'Năng lực', nominated: 'Đề xuất khen thưởng', nominationNote: 'Ghi chú khen thưởng' },
  transcript_record: { ruleVersion: 'Phiên bản quy tắc', seeded: 'Dữ liệu dùng thử', sha256: 'Mã băm dữ liệu', versionNo: 'Lần xác nhận' },
  document: {
    backend: 'Cách ký',
    certificate: 'Chứng thư số',
    certificateSha256: 'Mã băm chứng thư',
    dataSha256: 'Mã băm dữ liệu',
    inputsVersion: 'Phiên bản dữ liệu',
    kind: 'Loại văn bản',
    role: 'Ký với tư cách',
    seq: 'Lượt ký',
    sha256: 'Mã băm tệp',
    title: 'Tên văn bản',
  },
  seal_registration: { certificateSha256: 'Mã băm chứng thư', issuer: 'Tổ chức cấp', notAfter: 'Hết hạn', subject: 'Chủ thể' },
  delegation: { delegateUserId: 'Người được ủy quyền', powers: 'Quyền ủy quyền', startsOn: 'Từ ngày', endsOn: 'Đến ngày', revokedAt: 'Thu hồi lúc' },
  year_archive: { sha256: 'Mã băm bản lưu', fileName: 'Tệp lưu trữ' },
};

/** Codes spelled out, by field name. */
const VALUE_LABELS: Record<string, Record<string, string>> = {
  backend: { pkcs12: 'Tệp chứng thư số (.p12)', pkcs11: 'Thiết bị ký số (USB token)', remote: 'Ký số từ xa' },
  role: { homeroom: 'Giáo viên chủ nhiệm', principal: 'Hiệu trưởng', vice_principal: 'Phó hiệu trưởng', seal: 'Con dấu của trường', teacher: 'Giáo viên', clerk: 'Văn thư', admin: 'Ban quản trị' },
  kind: { transcript: 'Học bạ', class_book: 'Sổ theo dõi và đánh giá học sinh', P: 'Nghỉ có phép', K: 'Nghỉ không phép' },
  session: { morning: 'Buổi sáng', afternoon: 'Buổi chiều' },
  status: { pending: 'Chờ duyệt', approved: 'Đã duyệt', rejected: 'Từ chối', applied: 'Đã áp dụng', active: 'Đang học' },
};

const isId = (key: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(key);

/** The Vietnamese name of a field ("document", "inputsVersion" → "Phiên bản dữ liệu"). */
export function auditFieldLabel(entityType: string, key: string): string {
  const own = (AUDIT_FIELD_LABELS as Record<string, Readonly<Record<string, string>>>)[entityType] ?? {};
  if (own[key]) return own[key];
  if (COMMON[key]) return COMMON[key];
  if (isId(key)) return own['<studentId>'] ?? 'Mục';
  return readableKey(key);
}

/** Whether a field has a label of its own (not the fallback). */
export function hasAuditFieldLabel(entityType: string, key: string): boolean {
  const own = (AUDIT_FIELD_LABELS as Record<string, Readonly<Record<string, string>>>)[entityType] ?? {};
  return Boolean(own[key] ?? COMMON[key]) || (isId(key) && Boolean(own['<studentId>']));
}

/** "inputsVersion", "inputs_version" → "inputs version": words at least, when a field has no label. */
export function readableKey(key: string): string {
  const words = key
    .split('.')
    .at(-1)!
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value as the log shows it: "(trống)" for nothing, Có / Không, codes spelled out. */
export function auditValueText(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (typeof value === 'string') return VALUE_LABELS[key.split('.').at(-1)!]?.[value] ?? value;
  return JSON.stringify(value);
}
