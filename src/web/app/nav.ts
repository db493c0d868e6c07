/** The sections of the app, and the ability each needs (hidden when the server forbids it). */
import type { Ability, Me } from '../api/types.ts';

export interface NavItem {
  href: string;
  label: string;
  description: string;
  ability: Ability | null;
  /** Shown also when this holds (a teacher's own class-subjects, a homeroom class). */
  orIf?: (me: Me) => boolean;
  /** Only in schools of this level (TT 27 pages in primary schools, TT 22 pages elsewhere). */
  level?: 'primary' | 'secondary';
}

/** Whether the menu shows this item to this user. */
export function navVisible(item: NavItem, me: Me, can: (a: Ability) => boolean, schoolLevel?: string | null): boolean {
  if (item.level && schoolLevel && (item.level === 'primary') !== (schoolLevel === 'primary')) return false;
  return item.ability === null || can(item.ability) || (item.orIf?.(me) ?? false);
}

const teaches = (me: Me) => me.teaching.length > 0;
const homeroom = (me: Me) => me.homeroomClassIds.length > 0;

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Trang chủ', description: 'Tổng quan và các việc cần làm', ability: null },
  {
    href: '/thiet-lap',
    label: 'Thiết lập năm học',
    description: 'Năm học, học kỳ, môn học, lớp, tổ chuyên môn, phân công',
    ability: 'setup.manage',
  },
  { href: '/can-bo', label: 'Cán bộ, giáo viên', description: 'Danh sách cán bộ, giáo viên, nhân viên', ability: 'staff.view' },
  {
    href: '/so-diem',
    label: 'Sổ điểm',
    description: 'Nhập điểm, nhận xét các lớp, môn được phân công; điểm trung bình tính ngay',
    ability: 'classBook.view',
    orIf: (me) => teaches(me) || homeroom(me),
  },
  {
    href: '/so-theo-doi',
    label: 'Sổ theo dõi của lớp',
    description: 'Toàn bộ các môn của một lớp (chỉ xem): giáo viên chủ nhiệm, Ban giám hiệu',
    ability: 'classBook.view',
    orIf: homeroom,
  },
  {
    href: '/diem-danh',
    label: 'Điểm danh',
    description: 'Điểm danh theo buổi (GVCN) hoặc theo tiết (GVBM); tổng hợp số buổi nghỉ, cảnh báo 45 buổi',
    ability: 'attendance.record',
    orIf: (me) => teaches(me) || homeroom(me),
  },
  {
    href: '/ne-nep',
    label: 'Nề nếp, nhận xét tuần',
    description: 'Nề nếp, kỷ luật của lớp từng tuần; nhận xét tuần của giáo viên bộ môn',
    ability: 'results.view',
    orIf: (me) => teaches(me) || homeroom(me),
  },
  {
    href: '/ren-luyen',
    label: 'Kết quả rèn luyện',
    description: 'Đánh giá rèn luyện từng học kỳ, cả năm (bảng Điều 8) và sau rèn luyện hè',
    ability: 'results.view',
    orIf: homeroom,
    level: 'secondary',
  },
  {
    href: '/ket-qua',
    label: 'Kết quả học tập, tổng hợp',
    description: 'Kết quả học tập, rèn luyện, danh hiệu, lên lớp của lớp; đề nghị và phê duyệt',
    ability: 'results.view',
    orIf: homeroom,
    level: 'secondary',
  },
  {
    href: '/bieu-do',
    label: 'Biểu đồ kết quả lớp',
    description: 'Phân bố KQHT, KQRL, điểm trung bình các môn theo khoảng điểm, số buổi nghỉ theo tháng',
    ability: 'results.view',
    orIf: homeroom,
    level: 'secondary',
  },
  {
    href: '/thong-ke',
    label: 'Thống kê toàn trường',
    description: 'KQHT, KQRL từng lớp và toàn trường; số buổi nghỉ của trường theo tháng',
    ability: 'progress.view',
    level: 'secondary',
  },
  {
    href: '/kiem-tra-lai',
    label: 'Kiểm tra lại',
    description: 'Nhập điểm kiểm tra lại trong hè; kết quả sau kiểm tra lại',
    ability: 'results.view',
    orIf: (me) => teaches(me) || homeroom(me),
    level: 'secondary',
  },
  {
    href: '/tieu-hoc',
    label: 'Phẩm chất, năng lực',
    description: 'Đánh giá 5 phẩm chất, 10 năng lực tại bốn thời điểm; đề xuất khen thưởng cuối năm',
    ability: 'results.view',
    orIf: homeroom,
    level: 'primary',
  },
  {
    href: '/so-tong-hop',
    label: 'Sổ tổng hợp kết quả',
    description: 'Sổ tổng hợp kết quả đánh giá giáo dục của lớp: mức đạt được, điểm KTĐK, phẩm chất, năng lực',
    ability: 'results.view',
    orIf: homeroom,
    level: 'primary',
  },
  { href: '/tien-do', label: 'Tiến độ nhập điểm', description: 'Lớp, môn, giáo viên nào còn cột điểm trống', ability: 'progress.view' },
  { href: '/ke-hoach-kiem-tra', label: 'Kế hoạch kiểm tra', description: 'Ngày kiểm tra định kỳ của từng lớp, môn; hạn sửa điểm; bài đã kiểm tra còn thiếu điểm', ability: 'school.view' },
  { href: '/khoa-so', label: 'Khóa sổ, mở sổ', description: 'Khóa, mở sổ theo phạm vi; đợt cập nhật điểm; thiết lập sửa điểm', ability: 'lock.manage' },
  { href: '/uy-quyen', label: 'Ủy quyền', description: 'Hiệu trưởng ủy quyền cho phó hiệu trưởng: phê duyệt kết quả, duyệt giấy đề nghị, ký thay, xác nhận mở sổ', ability: 'delegation.view' },
  {
    href: '/de-nghi-sua-diem',
    label: 'Giấy đề nghị sửa điểm',
    description: 'Đề nghị thay đổi thông tin sau khóa sổ: gửi, duyệt, cập nhật',
    ability: 'editLog.view',
    orIf: (me) => teaches(me) || homeroom(me),
  },
  {
    href: '/nhat-ki-sua-diem',
    label: 'Nhật kí sửa điểm',
    description: 'Mọi lần nhập, sửa điểm: ai, lúc nào, cũ → mới, lý do; in theo tháng',
    ability: 'editLog.view',
    orIf: teaches,
  },
  { href: '/lop', label: 'Lớp học', description: 'Danh sách lớp, hồ sơ học sinh, nhập từ Excel', ability: 'class.view' },
  {
    href: '/ket-chuyen',
    label: 'Kết chuyển lên lớp',
    description: 'Chuyển học sinh sang năm học mới',
    ability: 'enrollment.manage',
  },
  {
    href: '/tai-khoan',
    label: 'Tài khoản, phân quyền',
    description: 'Tạo tài khoản, cấp lại mật khẩu, khóa, phân quyền',
    ability: 'account.manage',
  },
  { href: '/nhat-ki', label: 'Nhật kí hệ thống', description: 'Ai đã làm gì, khi nào: trước → sau', ability: 'audit.view' },
  {
    href: '/in-an',
    label: 'In ấn',
    description: 'In sổ theo dõi, bảng xác nhận, học bạ, sổ liên lạc cho một lớp, một khối hay toàn trường',
    ability: 'documents.print',
    orIf: homeroom,
  },
  {
    href: '/xac-nhan-hoc-ba',
    label: 'Xác nhận học bạ',
    description: 'Hiệu trưởng xác nhận thông tin và kết quả cả năm đưa vào học bạ của từng lớp',
    ability: 'transcript.confirm',
  },
  {
    href: '/ky-so',
    label: 'Ký số',
    description: 'Học bạ chờ ký: giáo viên chủ nhiệm, Hiệu trưởng, con dấu số; các văn bản đã lưu',
    ability: 'document.signAsPrincipal',
    orIf: (me) => homeroom(me) || me.grants.some((g) => g.role === 'clerk'),
  },
  {
    href: '/luu-tru',
    label: 'Lưu trữ hồ sơ',
    description: 'Gói lưu trữ cuối năm học (ghi đĩa, ổ cứng ngoài); thời hạn bảo quản từng loại hồ sơ',
    ability: 'archive.manage',
  },
];
