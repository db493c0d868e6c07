import { describe, expect, it } from 'vitest';
import { columnLabel, sourceLabel } from '../../shared/labels.ts';
import { pdfDisposition, placeFromOfficeName, vnDateTime } from './print-data.ts';

describe('print data', () => {
  it('takes the locality from the office name', () => {
    expect(placeFromOfficeName('Phòng Giáo dục và Đào tạo thị xã Mỹ Hào (dữ liệu mẫu)')).toBe('Mỹ Hào');
    expect(placeFromOfficeName('Sở Giáo dục và Đào tạo tỉnh Hưng Yên')).toBe('Hưng Yên');
    expect(placeFromOfficeName('Ủy ban nhân dân xã X')).toBeNull();
  });
  it('prints Vietnam time, column and source labels', () => {
    expect(vnDateTime('2026-11-23T17:30:00.000Z')).toBe('00:30 24/11/2026');
    expect(columnLabel('TX2', 1)).toBe('ĐĐGtx 2 (HK I)');
    expect(columnLabel('CK', 2)).toBe('ĐĐGck (HK II)');
    expect(sourceLabel('correction', 3)).toBe('Giấy đề nghị số 3');
  });
  it('names the file for every browser (RFC 6266 / 5987)', () => {
    expect(pdfDisposition('Nhật kí sửa điểm 2026-11 - Đặng Ước.pdf')).toBe(
      `inline; filename="Nhat-ki-sua-diem-2026-11-Dang-Uoc.pdf"; filename*=UTF-8''Nh%E1%BA%ADt%20k%C3%AD%20s%E1%BB%ADa%20%C4%91i%E1%BB%83m%202026-11%20-%20%C4%90%E1%BA%B7ng%20%C6%AF%E1%BB%9Bc.pdf`,
    );
  });
});
