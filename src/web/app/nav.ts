/** The sections of the app, and the ability each needs (hidden when the server forbids it). */
import type { Ability } from '../api/types.ts';

export interface NavItem {
  href: string;
  label: string;
  description: string;
  ability: Ability | null;
}

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Trang chủ', description: 'Tổng quan và các việc cần làm', ability: null },
  {
    href: '/thiet-lap',
    label: 'Thiết lập năm học',
    description: 'Năm học, học kỳ, môn học, lớp, tổ chuyên môn, phân công',
    ability: 'setup.manage',
  },
  { href: '/can-bo', label: 'Cán bộ, giáo viên', description: 'Danh sách cán bộ, giáo viên, nhân viên', ability: 'staff.view' },
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
];
