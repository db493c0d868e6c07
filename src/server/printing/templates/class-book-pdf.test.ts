import { describe, expect, it } from 'vitest';
import type { ClassBookPdfData } from './class-book-data.ts';
import { classBookDefinition, renderClassBookPdf } from './class-book-pdf.ts';

const students = ['Trần Thu Anh', 'Chu Hà Khánh Chi', 'Nguyễn Bảo Hoàng Cường'];
const data: ClassBookPdfData = {
  documentId: 'STD-0000-0000-0000-0001',
  verifyUrl: 'https://sodiem.example/verify/STD-0000-0000-0000-0001',
  createdAt: new Date('2026-11-20T03:00:00.000Z'),
  runningTitle: 'Sổ theo dõi và đánh giá học sinh – lớp 6A1 – Cả năm học – 2026 - 2027',
  scopeLabel: 'Cả năm học',
  cover: {
    schoolLabel: 'TRƯỜNG THCS',
    schoolName: 'Nguyễn Trãi',
    localityLabel: 'Xã/Phường/Đặc khu',
    locality: 'Phường Bần Yên Nhân',
    province: 'Hưng Yên',
    levelName: 'TRUNG HỌC CƠ SỞ',
    className: '6A1',
    homeroomName: 'Nguyễn Văn Phong',
    schoolYear: '2026 - 2027',
    studentCount: 3,
    femaleCount: 2,
    subjectTeachers: [{ subjectName: 'Toán', teacherName: 'Đinh Gia Diệp' }],
  },
  students: students.map((fullName, i) => ({ no: i + 1, fullName, dateOfBirth: '13/03/2015', placeOfBirth: 'Hưng Yên', sex: i === 2 ? 'Nam' : 'Nữ', ethnicity: 'Kinh', address: 'Mỹ Hào', father: '', mother: '', note: '' })),
  sections: [
    {
      kind: 'subject',
      termNo: 2,
      subjectName: 'Toán',
      assessment: 'scored',
      teacherName: 'Đinh Gia Diệp',
      regularColumns: 4,
      rows: students.map((fullName, i) => ({ no: i + 1, fullName, regular: ['8,5', '7,0', '9,0'], mid: '8,0', end: '7,5', term: '7,9', year: '8,1', retest: '', note: '' })),
    },
    {
      kind: 'summary',
      title: 'TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ CẢ NĂM HỌC',
      basis: 'Kết quả đã được Hiệu trưởng phê duyệt ngày 20/11/2026 (bản chốt).',
      commentSubjects: ['Giáo dục thể chất'],
      scoredSubjects: ['Toán'],
      rows: students.map((fullName, i) => ({ no: i + 1, fullName, comment: ['Đ'], scored: ['8,1'], academic: 'K', conduct: 'T', absentExcused: '1', absentUnexcused: '', note: '' })),
    },
    {
      kind: 'year',
      basis: 'Kết quả đã được Hiệu trưởng phê duyệt ngày 20/11/2026 (bản chốt).',
      rows: students.map((fullName, i) => ({ no: i + 1, fullName, conduct: 'Tốt', academic: 'Khá', conductAfter: '', academicAfter: '', absences: '1', promoted: true, award: '', note: '' })),
      totals: { students: 3, promoted: 3, promotedAfterSummer: 0, retained: 0, pending: 0 },
    },
  ],
  attendance: [9, 10].map((month) => ({
    termNo: 1 as const,
    year: 2026,
    month,
    firstDay: month === 9 ? 5 : 1,
    lastDay: month === 9 ? 30 : 31,
    rows: students.map((fullName, i) => ({ no: i + 1, fullName, marks: i === 0 ? ['', '', '', '', '', '', 'P'] : [], total: i === 0 ? 1 : 0, excused: i === 0 ? 1 : 0, unexcused: 0 })),
  })),
  placeDate: { place: 'Mỹ Hào', date: null },
  homeroomSigner: { title: 'GIÁO VIÊN CHỦ NHIỆM', name: 'Nguyễn Văn Phong' },
  principalSigner: { title: 'HIỆU TRƯỞNG', name: 'Lê Thu Phương' },
};

describe('class book template', () => {
  it('switches orientation per part: portrait cover and grids, landscape list and summaries', () => {
    const def = classBookDefinition(data);
    const content = def.content as { pageOrientation?: string; pageBreak?: string }[];
    expect(def.pageOrientation).toBe('portrait');
    expect(content.filter((c) => c.pageOrientation === 'landscape')).toHaveLength(6); // two list tables, two attendance months, summary, year
    expect(content.filter((c) => c.pageOrientation === 'portrait')).toHaveLength(2); // the subject grid, the principal's remarks
  });

  it('prints the sections in the order of FORMS.md §1.2, attendance and remarks only when given', () => {
    const titles = (d: ClassBookPdfData) => {
      const seen: string[] = [];
      const walk = (n: unknown): void => {
        if (typeof n === 'string') {
          if (/^(SỔ THEO DÕI|HƯỚNG DẪN|Sĩ số: |SƠ YẾU|THEO DÕI CHUYÊN CẦN|Tháng \d+ năm|TỔNG HỢP|NHẬN XÉT CỦA HIỆU TRƯỞNG|XÁC NHẬN)/.test(n)) seen.push(n);
        } else if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') for (const [k, v] of Object.entries(n)) if (k !== 'header' && k !== 'footer') walk(v);
      };
      walk(classBookDefinition(d).content);
      return seen.map((t) => t.split(' ').slice(0, 3).join(' '));
    };
    expect(titles(data)).toEqual([
      'SỔ THEO DÕI', // cover
      'HƯỚNG DẪN SỬ', // instructions
      'SỔ THEO DÕI', // inner title page …
      'Sĩ số: ', // … with the class size
      'SƠ YẾU LÝ',
      'SƠ YẾU LÝ',
      'THEO DÕI CHUYÊN',
      'Tháng 9 năm',
      'Tháng 10 năm',
      'TỔNG HỢP KẾT', // the year summary
      'TỔNG HỢP KẾT', // the year classification
      'NHẬN XÉT CỦA',
      'XÁC NHẬN CỦA',
    ]);
    const { attendance: _a, ...without } = data;
    expect(titles(without)).not.toContain('THEO DÕI CHUYÊN');
    expect(titles(without)).not.toContain('NHẬN XÉT CỦA');
  });

  it('the cover and the inner title page print the year’s locality line as given (issue 15 §9), never the abolished district line for a 2026 book', () => {
    const strings: string[] = [];
    const walk = (n: unknown): void => {
      if (typeof n === 'string') strings.push(n);
      else if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === 'object') for (const v of Object.values(n)) walk(v);
    };
    walk(classBookDefinition(data).content);
    expect(strings.filter((t) => t === 'Xã/Phường/Đặc khu: ')).toHaveLength(2);
    expect(strings.filter((t) => t === 'Phường Bần Yên Nhân')).toHaveLength(2);
    expect(strings.some((t) => t.startsWith('Huyện/Quận'))).toBe(false);
  });

  it('renders the same bytes for the same data', async () => {
    const a = await renderClassBookPdf(data);
    const b = await renderClassBookPdf(data);
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(Buffer.compare(a, b)).toBe(0);
    const c = await renderClassBookPdf({ ...data, documentId: 'STD-0000-0000-0000-0002' });
    expect(Buffer.compare(a, c)).not.toBe(0);
  }, 30_000);
});
