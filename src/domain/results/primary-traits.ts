/**
 * TT 27/2020 Điều 6 k2 (Chương trình GDPT 2018): the 5 qualities (phẩm chất chủ yếu) and the
 * 10 competences (3 general, 7 specific) assessed for every primary student at the four points.
 */
export const QUALITIES = ['Yêu nước', 'Nhân ái', 'Chăm chỉ', 'Trung thực', 'Trách nhiệm'] as const;

export const COMPETENCES = [
  'Tự chủ và tự học',
  'Giao tiếp và hợp tác',
  'Giải quyết vấn đề và sáng tạo',
  'Ngôn ngữ',
  'Tính toán',
  'Khoa học',
  'Công nghệ',
  'Tin học',
  'Thẩm mĩ',
  'Thể chất',
] as const;

/** The four assessment points of TT 27 Điều 7 k1. */
export const PRIMARY_POINTS = ['GK1', 'CK1', 'GK2', 'CN'] as const;
export type PrimaryPoint = (typeof PRIMARY_POINTS)[number];

/** Which grade-book term and columns hold a point's subject level and test score. */
export function pointColumns(point: PrimaryPoint): { termNo: 1 | 2; level: string; test: string } {
  switch (point) {
    case 'GK1':
      return { termNo: 1, level: 'MUC_GK', test: 'KT_GK' };
    case 'CK1':
      return { termNo: 1, level: 'MUC_CK', test: 'KT_CK' };
    case 'GK2':
      return { termNo: 2, level: 'MUC_GK', test: 'KT_GK' };
    case 'CN':
      return { termNo: 2, level: 'MUC_CK', test: 'KT_CK' };
  }
}

/**
 * The grade-book columns a point's approval locks in its term: a mid-term point its level and
 * test columns; an end-of-term point the whole term (null), its comment and mid-term columns too.
 */
export function pointLockColumns(point: PrimaryPoint): (string | null)[] {
  const cols = pointColumns(point);
  return point === 'GK1' || point === 'GK2' ? [cols.level, cols.test] : [null];
}
