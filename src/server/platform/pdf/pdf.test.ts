/** The page frame's pure helpers and the renderer's determinism (no database, no server). */
import { describe, expect, it } from 'vitest';
import { documentIdFor, verifyUrlFor } from './document-id.ts';
import { contentWidth, placeDateText } from './layout.ts';
import { renderCorrectionPdf } from '../../corrections/correction-request-pdf.ts';

describe('page frame helpers', () => {
  it('writes the place-and-date line as Nghị định 30 does (leading zero for days < 10 and months 1, 2)', () => {
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 5, month: 11, year: 2025 } })).toBe('Mỹ Hào, ngày 05 tháng 11 năm 2025');
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 12, month: 2, year: 2026 } })).toBe('Mỹ Hào, ngày 12 tháng 02 năm 2026');
    expect(placeDateText({ place: 'Mỹ Hào', date: { day: 12, month: 3, year: 2026 } })).toBe('Mỹ Hào, ngày 12 tháng 3 năm 2026');
    expect(placeDateText({ place: null, date: null })).toBe('……………, ngày …… tháng …… năm ……');
  });

  it('keeps the seal strip: the text column is narrower than the page by both margins', () => {
    expect(Math.round(contentWidth('portrait'))).toBe(439);
    expect(Math.round(contentWidth('landscape'))).toBe(686);
  });

  it('gives a stable, short document id and its verification address', () => {
    const a = documentIdFor('GDN', ['x', 1]);
    expect(a).toMatch(/^GDN-[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    expect(documentIdFor('GDN', ['x', 1])).toBe(a);
    expect(documentIdFor('GDN', ['x', 2])).not.toBe(a);
    expect(verifyUrlFor('https://so.example.vn/', a)).toBe(`https://so.example.vn/verify/${a}`);
  });
});

describe('renderer', () => {
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
      term: 'Học kì I',
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
  });
});
