/** The correction request's template prints the same bytes for the same data (no database, no server). */
import { describe, expect, it } from 'vitest';
import { termLabel } from '../../shared/labels.ts';
import { renderCorrectionPdf } from './correction-request-pdf.ts';

describe('correction request PDF', () => {
  it('prints the same bytes for the same data', async () => {
    const data = {
      documentId: 'GDN-TEST-TEST-TEST-TEST',
      verifyUrl: 'https://so.example.vn/verify/GDN-TEST-TEST-TEST-TEST',
      createdAt: new Date('2026-11-23T03:00:00Z'),
      heading: { authority: 'Phòng Giáo dục và Đào tạo thị xã Mỹ Hào', school: 'Trường THCS Nguyễn Trãi', number: '1' },
      placeDate: { place: 'Mỹ Hào', date: { day: 23, month: 11, year: 2026 } },
      schoolName: 'Trường THCS Nguyễn Trãi',
      requesterName: 'Lê Thị Thu Hương',
      requesterRole: 'Giáo viên bộ môn',
      className: '6A1',
      subjectName: 'Toán',
      term: termLabel(1),
      schoolYear: '2026 - 2027',
      requestedAt: '10:00 ngày 23/11/2026',
      cells: [{ studentName: 'Đặng Văn Ước', column: 'ĐĐGgk (HK I)', oldValue: '5,0', newValue: '8,0' }],
      reason: 'Cộng nhầm',
      evidence: [{ label: 'Bài kiểm tra của học sinh', checked: true }],
      files: [],
      decision: { approved: null, statusLabel: 'Chờ Hiệu trưởng duyệt', byName: null, at: null, reason: '' },
      applied: null,
      signers: { requester: { title: 'NGƯỜI ĐỀ NGHỊ' }, principal: { title: 'HIỆU TRƯỞNG' }, board: { title: 'BAN QUẢN TRỊ' } },
    };
    const a = await renderCorrectionPdf(data);
    const b = await renderCorrectionPdf(structuredClone(data));
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
    // A request for another record (issue 22) prints its field, old → new.
    const record = { ...data, subjectName: 'Sơ yếu lý lịch', record: 'Sơ yếu lý lịch', cells: [{ studentName: 'Đặng Văn Ước', column: 'Ngày sinh', oldValue: '03/02/2013', newValue: '03/02/2014' }] };
    const c = await renderCorrectionPdf(record);
    expect(c.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, c)).not.toBe(0);
  });
});
