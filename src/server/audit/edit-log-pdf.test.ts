/** The monthly edit log's template lists the month's unlocks and decisions with both names when given (issue 14 §3). */
import { describe, expect, it } from 'vitest';
import { type EditLogPdfData, editLogDocument, renderEditLogPdf } from './edit-log-pdf.ts';

const data: EditLogPdfData = {
  documentId: 'NKSD-TEST-TEST-TEST-TEST',
  verifyUrl: 'https://so.example.vn/verify/NKSD-TEST-TEST-TEST-TEST',
  createdAt: new Date('2026-11-23T03:00:00Z'),
  heading: { authority: 'Phòng Giáo dục và Đào tạo thị xã Mỹ Hào', school: 'Trường THCS Nguyễn Trãi' },
  teacherName: 'Lê Thị Thu Hương',
  month: '11/2026',
  schoolYear: '2026 - 2027',
  rows: [{ at: '10:00 23/11/2026', className: '6A1', subjectName: 'Toán', studentName: 'Đặng Văn Ước', column: 'ĐĐGtx 1 (HK I)', oldValue: '5,0', newValue: '8,0', source: 'Nhập trên lưới điểm', reason: 'Nhập nhầm', evidence: [], evidenceNote: '' }],
  evidenceLabels: ['Sổ điểm cá nhân', 'Bài kiểm tra'],
  placeDate: { place: 'Mỹ Hào', date: null },
  teacherSigner: { title: 'GIÁO VIÊN', name: 'Lê Thị Thu Hương' },
  leaderSigner: { title: 'HIỆU TRƯỞNG', name: 'Nguyễn Văn Hiệu' },
};

describe('edit log PDF', () => {
  it('prints the unlocks and decisions of the month with who asked and who confirmed', async () => {
    const approvals = [
      { at: '09:00 23/11/2026', step: 'Ban quản trị gửi yêu cầu', summary: 'Mở sổ Lớp 6A1 · Toán · Học kỳ I · TX1', requestedByName: 'Ban quản trị phần mềm', decidedByName: '', reason: 'Giáo viên nhập nhầm' },
      { at: '09:30 23/11/2026', step: 'Xác nhận', summary: 'Mở sổ Lớp 6A1 · Toán · Học kỳ I · TX1', requestedByName: 'Ban quản trị phần mềm', decidedByName: 'Nguyễn Văn Hiệu', reason: 'Đồng ý' },
    ];
    const text = JSON.stringify(editLogDocument({ ...data, approvals }));
    expect(text).toContain('Mở sổ, đổi đợt cập nhật điểm và duyệt giấy đề nghị trong tháng');
    for (const s of ['Ban quản trị phần mềm', 'Nguyễn Văn Hiệu', 'Xác nhận', 'Giáo viên nhập nhầm']) expect(text).toContain(s);
    expect(JSON.stringify(editLogDocument({ ...data, approvals: [] }))).toContain('Trong tháng không có.');
    expect(JSON.stringify(editLogDocument(data))).not.toContain('duyệt giấy đề nghị trong tháng');
    const pdf = await renderEditLogPdf({ ...data, approvals });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('ticks the boxes of the evidence named on saving and leaves the others for hand filling (C4)', () => {
    const named = editLogDocument({ ...data, rows: [{ ...data.rows[0], evidence: ['Bài kiểm tra'], evidenceNote: '' }] });
    const text = JSON.stringify(named);
    expect(text).toContain('Đã ghi khi sửa: Bài kiểm tra');
    // One crossed box (two lines) in the evidence cell; none without evidence.
    const crosses = (s: string) => (s.match(/"lineWidth":1\}/g) ?? []).length;
    expect(crosses(text) - crosses(JSON.stringify(editLogDocument(data)))).toBe(2);
    expect(JSON.stringify(editLogDocument(data))).not.toContain('Đã ghi khi sửa');
  });
});
