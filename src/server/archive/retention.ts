/**
 * How long each kind of record in the year-end archive must be kept (P9): Thông tư
 * 27/2016/TT-BGDĐT (thời hạn bảo quản tài liệu chuyên môn nghiệp vụ của ngành Giáo dục) and
 * Thông tư 09/2011/TT-BNV (thời hạn bảo quản hồ sơ, tài liệu hình thành phổ biến trong hoạt động
 * của các cơ quan, tổ chức).
 *
 * Where the exact line of the circular could not be confirmed (`confirmed: false`), the period
 * was chosen conservatively — never shorter than the record it documents — and the note says
 * so; the school's văn thư should check it against the appendix of the circular in force
 * (docs/archive.md).
 */

export type RecordType =
  | 'transcript'
  | 'class_book'
  | 'primary_summary'
  | 'register_book'
  | 'confirmation_sheet'
  | 'report_book'
  | 'edit_log'
  | 'correction_request'
  | 'correction_evidence'
  | 'audit_export'
  | 'data_export'
  | 'archive_manifest'
  | 'other_document';

export interface RetentionRule {
  recordType: RecordType;
  /** Vietnamese name of the record as the circulars and the school call it. */
  name: string;
  /** Years to keep, or null when kept permanently (vĩnh viễn). */
  years: number | null;
  /** "Vĩnh viễn" or "20 năm". */
  label: string;
  legalBasis: string;
  /** True when the period is read from the circular; false when chosen conservatively. */
  confirmed: boolean;
  note: string;
}

const TT27 = 'Thông tư 27/2016/TT-BGDĐT (thời hạn bảo quản tài liệu chuyên môn nghiệp vụ ngành Giáo dục)';
const TT09 = 'Thông tư 09/2011/TT-BNV (thời hạn bảo quản hồ sơ, tài liệu phổ biến của cơ quan, tổ chức)';
const CONSERVATIVE = 'Chưa đối chiếu được mục cụ thể trong phụ lục; chọn thời hạn dài (thận trọng) — văn thư cần đối chiếu văn bản hiện hành.';

const permanent = { years: null, label: 'Vĩnh viễn' } as const;
const years = (n: number) => ({ years: n, label: `${n} năm` });

export const RETENTION_RULES: readonly RetentionRule[] = [
  { recordType: 'transcript', name: 'Học bạ học sinh', ...permanent, legalBasis: TT27, confirmed: true, note: 'Hồ sơ gốc về kết quả học tập, rèn luyện của học sinh.' },
  { recordType: 'register_book', name: 'Sổ đăng bộ', ...permanent, legalBasis: TT27, confirmed: true, note: 'Sổ đăng bộ không nằm trong gói lưu trữ năm học; ghi ở đây để đủ bảng.' },
  {
    recordType: 'class_book',
    name: 'Sổ theo dõi và đánh giá học sinh (theo lớp) / Sổ gọi tên và ghi điểm',
    ...permanent,
    legalBasis: TT27,
    confirmed: false,
    note: `Căn cứ gốc của học bạ nên giữ như học bạ. ${CONSERVATIVE}`,
  },
  {
    recordType: 'primary_summary',
    name: 'Sổ tổng hợp kết quả đánh giá giáo dục (tiểu học)',
    ...permanent,
    legalBasis: TT27,
    confirmed: false,
    note: `Căn cứ gốc của học bạ tiểu học nên giữ như học bạ. ${CONSERVATIVE}`,
  },
  {
    recordType: 'confirmation_sheet',
    name: 'Bảng xác nhận kết quả học tập, rèn luyện',
    ...years(20),
    legalBasis: `${TT27}; ${TT09}`,
    confirmed: false,
    note: CONSERVATIVE,
  },
  { recordType: 'report_book', name: 'Sổ liên lạc (bản lưu của trường)', ...years(10), legalBasis: TT27, confirmed: false, note: `Bản chính giao gia đình. ${CONSERVATIVE}` },
  {
    recordType: 'edit_log',
    name: 'Nhật kí sửa điểm (theo giáo viên, theo tháng)',
    ...permanent,
    legalBasis: `${TT27}; ${TT09}`,
    confirmed: false,
    note: `Giải trình mọi thay đổi của sổ điểm nên giữ như sổ điểm. ${CONSERVATIVE}`,
  },
  {
    recordType: 'correction_request',
    name: 'Giấy đề nghị thay đổi thông tin sau khóa sổ',
    ...permanent,
    legalBasis: `${TT27}; ${TT09}`,
    confirmed: false,
    note: `Căn cứ sửa hồ sơ vĩnh viễn nên giữ như hồ sơ đó. ${CONSERVATIVE}`,
  },
  {
    recordType: 'correction_evidence',
    name: 'Minh chứng kèm giấy đề nghị (bài kiểm tra, sổ điểm cá nhân…)',
    ...permanent,
    legalBasis: `${TT27}; ${TT09}`,
    confirmed: false,
    note: `Giữ cùng giấy đề nghị. ${CONSERVATIVE}`,
  },
  {
    recordType: 'audit_export',
    name: 'Nhật kí hệ thống (chuỗi băm) của năm học',
    ...permanent,
    legalBasis: TT09,
    confirmed: false,
    note: `Bằng chứng toàn vẹn của sổ điểm và học bạ. ${CONSERVATIVE}`,
  },
  {
    recordType: 'data_export',
    name: 'Dữ liệu năm học (xuất toàn bộ, định dạng JSON)',
    ...permanent,
    legalBasis: `${TT27}; ${TT09}`,
    confirmed: false,
    note: `Chứa dữ liệu của học bạ. ${CONSERVATIVE}`,
  },
  { recordType: 'archive_manifest', name: 'Bản kê gói lưu trữ, hướng dẫn, chữ ký số', ...permanent, legalBasis: TT09, confirmed: false, note: 'Giữ cùng gói lưu trữ.' },
  { recordType: 'other_document', name: 'Tài liệu khác của năm học', ...years(20), legalBasis: TT09, confirmed: false, note: CONSERVATIVE },
];

const BY_TYPE = new Map(RETENTION_RULES.map((r) => [r.recordType, r]));

export function retentionFor(recordType: RecordType): RetentionRule {
  return BY_TYPE.get(recordType) ?? (BY_TYPE.get('other_document') as RetentionRule);
}

/** The record type of a stored document by its `documents.kind`. */
export function recordTypeOfDocumentKind(kind: string): RecordType {
  const known: Record<string, RecordType> = {
    transcript: 'transcript',
    class_book: 'class_book',
    primary_summary: 'primary_summary',
    confirmation_sheet: 'confirmation_sheet',
    report_book: 'report_book',
    edit_log: 'edit_log',
    correction_request: 'correction_request',
  };
  return known[kind] ?? 'other_document';
}
