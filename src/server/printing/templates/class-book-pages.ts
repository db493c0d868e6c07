/**
 * The front pages of the class book (FORMS.md §1.2 steps 1–4): the cover, the instructions with
 * the list of subject teachers, the inner title page, and the student list (sơ yếu lý lịch) as two tables, the
 * student's own data, then the family's.
 */
import type { PdfCell, PdfNode } from '../../platform/pdf/engine/nodes.ts';
import type { ClassBookCover, ClassBookStudent } from './class-book-data.ts';
import { td, th } from './class-book-cells.ts';
import { GRID_LAYOUT, contentWidth } from '../../platform/pdf/layout.ts';

const IMPRINT = '(Mẫu ban hành kèm theo Thông tư số 22/2021/TT-BGDĐT ngày 20 tháng 7 năm 2021)';

function coverLine(label: string, value: string | null): PdfNode {
  return { text: [{ text: `${label}: `, bold: true }, { text: value ?? '……………………………………', bold: Boolean(value) }], fontSize: 14, margin: [0, 2, 0, 2] };
}

export function coverPage(c: ClassBookCover, scopeLabel: string): PdfNode {
  return {
    stack: [
      coverLine(c.schoolLabel, c.schoolName),
      coverLine(c.localityLabel, c.locality),
      coverLine('Tỉnh/Thành phố', c.province),
      { text: IMPRINT, italics: true, fontSize: 11, alignment: 'center', margin: [0, 60, 0, 40] },
      { text: 'SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH', bold: true, fontSize: 22, alignment: 'center' },
      { text: '(THEO LỚP HỌC)', bold: true, fontSize: 16, alignment: 'center', margin: [0, 4, 0, 0] },
      { text: `CẤP ${c.levelName}`, bold: true, fontSize: 16, alignment: 'center', margin: [0, 10, 0, 50] },
      { text: [{ text: 'Lớp: ', bold: true }, { text: c.className, bold: true }], fontSize: 16, alignment: 'center', margin: [0, 0, 0, 6] },
      { text: [{ text: 'Giáo viên chủ nhiệm: ', bold: true }, { text: c.homeroomName ?? '……………………………………' }], fontSize: 14, alignment: 'center', margin: [0, 0, 0, 6] },
      { text: `Bản in: ${scopeLabel}`, italics: true, fontSize: 12, alignment: 'center' },
      { text: `NĂM HỌC ${c.schoolYear}`, bold: true, fontSize: 16, alignment: 'center', margin: [0, 150, 0, 0] },
    ],
  };
}

/**
 * The inner title page (bìa lót, FORMS.md §1.2 step 3): the cover's lines again, the class size and
 * the subject teachers as `<Môn>: <họ tên>` lines (two columns; the instructions page has the table
 * with the signatures).
 */
export function innerTitlePage(c: ClassBookCover): PdfNode {
  const lines = c.subjectTeachers.map((t) => ({ text: [{ text: `${t.subjectName}: `, bold: true }, { text: t.teacherName ?? '……………………' }], fontSize: 11, margin: [0, 1, 0, 1] as [number, number, number, number] }));
  const half = Math.ceil(lines.length / 2);
  return {
    stack: [
      coverLine(c.schoolLabel, c.schoolName),
      coverLine(c.localityLabel, c.locality),
      coverLine('Tỉnh/Thành phố', c.province),
      { text: 'SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH', bold: true, fontSize: 20, alignment: 'center', margin: [0, 50, 0, 0] },
      { text: '(THEO LỚP HỌC)', bold: true, fontSize: 14, alignment: 'center', margin: [0, 4, 0, 0] },
      { text: `CẤP ${c.levelName}`, bold: true, fontSize: 14, alignment: 'center', margin: [0, 8, 0, 30] },
      { text: [{ text: 'Lớp: ', bold: true }, { text: c.className, bold: true }], fontSize: 14, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: [{ text: 'Giáo viên chủ nhiệm: ', bold: true }, { text: c.homeroomName ?? '……………………………………' }], fontSize: 13, alignment: 'center', margin: [0, 0, 0, 4] },
      { text: [{ text: 'Sĩ số: ', bold: true }, { text: `${c.studentCount} (nữ: ${c.femaleCount})` }], fontSize: 13, alignment: 'center', margin: [0, 0, 0, 24] },
      { text: 'GIÁO VIÊN MÔN HỌC', bold: true, fontSize: 12, margin: [0, 0, 0, 4] },
      { columns: [{ width: '*', stack: lines.slice(0, half) }, { width: '*', stack: lines.slice(half) }], columnGap: 16 },
      { text: `NĂM HỌC ${c.schoolYear}`, bold: true, fontSize: 15, alignment: 'center', margin: [0, 40, 0, 0] },
    ],
    pageBreak: 'before',
  };
}

/** The six points of the instructions (FORMS.md §1.2 step 2, summarised; SECONDARY wording). */
const INSTRUCTIONS = [
  'Sổ theo dõi và đánh giá học sinh (theo lớp học) là hồ sơ quản lí hoạt động dạy học và giáo dục của nhà trường, được quy định tại Điều lệ trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học.',
  'Sổ do nhà trường quản lí và sử dụng.',
  'Giáo viên môn học ghi thông tin của môn học mình phụ trách, đúng với Sổ theo dõi và đánh giá học sinh (của giáo viên); ghi xong danh sách học sinh của môn học thì kí và ghi rõ họ tên. Giáo viên chủ nhiệm ghi các thông tin thuộc nhiệm vụ chủ nhiệm lớp.',
  'Không dùng mực đỏ (trừ khi sửa chữa) và không dùng loại mực có thể tẩy xoá; ghi kịp thời theo kế hoạch dạy học; giữ sổ sạch sẽ.',
  'Khi sửa chữa: gạch bằng mực đỏ nội dung cũ, ghi nội dung mới bằng mực đỏ ở phía trên bên phải và kí xác nhận ở ngay cạnh hoặc ở cột Ghi chú.',
  'Kết quả học tập, rèn luyện của học sinh chỉ được thông báo cho học sinh đó hoặc cha mẹ (người giám hộ) học sinh.',
];

export function instructionsPage(c: ClassBookCover): PdfNode {
  const teacherRows: PdfCell[][] = [
    [th('Số TT', { fontSize: 10 }), th('Môn học, hoạt động giáo dục', { fontSize: 10 }), th('Họ và tên giáo viên', { fontSize: 10 }), th('Chữ kí', { fontSize: 10 })],
    ...c.subjectTeachers.map((t, i) => [td(String(i + 1), { fontSize: 10 }), td(t.subjectName, { align: 'left', fontSize: 10 }), td(t.teacherName ?? '', { align: 'left', fontSize: 10 }), td('')]),
  ];
  return {
    stack: [
      { text: 'HƯỚNG DẪN SỬ DỤNG SỔ THEO DÕI VÀ ĐÁNH GIÁ HỌC SINH', style: 'title', margin: [0, 0, 0, 10] },
      { ol: INSTRUCTIONS.map((t) => ({ text: t, alignment: 'justify' as const, margin: [0, 0, 0, 4] as [number, number, number, number] })), fontSize: 11.5 },
      { text: 'GIÁO VIÊN MÔN HỌC CỦA LỚP', style: 'title', fontSize: 13, margin: [0, 16, 0, 4] },
      { text: `Lớp ${c.className} — Sĩ số: ${c.studentCount} (nữ: ${c.femaleCount}) — Giáo viên chủ nhiệm: ${c.homeroomName ?? '……………………'}`, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 6] },
      { table: { headerRows: 1, dontBreakRows: true, widths: [30, 170, '*', 80], body: teacherRows }, layout: GRID_LAYOUT },
    ],
    pageBreak: 'before',
  };
}

/** The student list: two landscape tables (the two facing pages of the paper book). */
export function studentListPages(students: ClassBookStudent[], c: ClassBookCover): PdfNode[] {
  const w = contentWidth('landscape');
  const left: PdfCell[][] = [
    [th('Số TT'), th('Họ và tên học sinh'), th('Ngày, tháng, năm sinh'), th('Nơi sinh'), th('Nam/ nữ'), th('Dân tộc'), th('Đối tượng ưu tiên'), th('Địa chỉ gia đình')],
    ...students.map((s) => [
      td(String(s.no)),
      td(s.fullName, { align: 'left' }),
      td(s.dateOfBirth),
      td(s.placeOfBirth, { align: 'left', fontSize: 8.5 }),
      td(s.sex),
      td(s.ethnicity),
      td(''),
      td(s.address, { align: 'left', fontSize: 8.5 }),
    ]),
  ];
  const right: PdfCell[][] = [
    [
      th('Số TT'),
      th('Họ và tên học sinh'),
      th('Họ và tên cha, nghề nghiệp, điện thoại (hoặc người giám hộ)'),
      th('Họ và tên mẹ, nghề nghiệp, điện thoại (hoặc người giám hộ)'),
      th('Những thay đổi cần chú ý trong năm học (gia đình, sức khỏe, nơi ở…)'),
    ],
    ...students.map((s) => [td(String(s.no)), td(s.fullName, { align: 'left' }), td(s.father, { align: 'left', fontSize: 8.5 }), td(s.mother, { align: 'left', fontSize: 8.5 }), td(s.note, { align: 'left', fontSize: 8.5 })]),
  ];
  const title = (suffix: string): PdfNode => ({
    stack: [
      { text: 'SƠ YẾU LÝ LỊCH HỌC SINH', style: 'title', margin: [0, 0, 0, 2] },
      { text: `Lớp ${c.className} — Năm học ${c.schoolYear} — Sĩ số: ${c.studentCount} (nữ: ${c.femaleCount})${suffix}`, alignment: 'center', fontSize: 11, margin: [0, 0, 0, 8] },
    ],
  });
  return [
    {
      stack: [title(''), { table: { headerRows: 1, dontBreakRows: true, widths: [24, 130, 62, 100, 30, 44, 50, w - 24 - 130 - 62 - 100 - 30 - 44 - 50 - 8 * 6 - 5], body: left }, layout: GRID_LAYOUT }],
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
    {
      stack: [title(' (tiếp theo)'), { table: { headerRows: 1, dontBreakRows: true, widths: [24, 130, 170, 170, '*'], body: right }, layout: GRID_LAYOUT }],
      pageBreak: 'before',
      pageOrientation: 'landscape',
    },
  ];
}
