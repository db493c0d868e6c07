/**
 * Score sheets in Excel: the export a subject teacher fills in offline. A title block (trường,
 * bảng điểm môn … lớp …, học kỳ, năm học, giáo viên, how to fill it in), the header on row
 * `SCORE_HEADER_ROW`, one row per student from the next row: STT | Mã nội bộ (hidden: our
 * student id) | Mã định danh Bộ GD&ĐT | Họ và tên | Ngày sinh | one column per grade-book column
 * with the Ministry's label | ĐTBmhk (or Kết quả học kỳ), computed, informative only. Score cells
 * are formatted as text so "8,5" stays as typed; Đ/CĐ and T/H/C columns carry drop-down lists. A
 * hidden sheet names the class, subject and term the file was made for.
 */
import type ExcelJS from 'exceljs';
import type { ColumnKind } from '../../../domain/gradebook/gradebook-columns.ts';
import { LANDSCAPE_FIT_WIDTH, THIN_BORDER, columnLetter, displayDate, newWorkbook, workbookBuffer, writeHeaderCell } from '../../platform/excel/excel-cells.ts';
import { CLEAR_WORD, DATA_SHEET, META_FORMAT, META_SHEET, SCORE_HEADER_ROW, type ScoreWorkbookSheet } from './score-sheet.ts';

const TERM_NAMES: Record<number, string> = { 1: 'Học kỳ I', 2: 'Học kỳ II' };

/** The computed column at the end of a row: ĐTBmhk for scores, the term result for Đ/CĐ subjects. */
function computedLabel(sheet: ScoreWorkbookSheet): string | null {
  if (sheet.subject.assessmentKind === 'scored') return 'ĐTBmhk';
  if (sheet.subject.assessmentKind === 'comment') return 'Kết quả học kỳ';
  return null;
}

const LIST_BY_KIND: Partial<Record<ColumnKind, string>> = {
  mark: `"Đ,CĐ,${CLEAR_WORD}"`,
  level: `"T,H,C,${CLEAR_WORD}"`,
};

const HELP_BY_KIND: Record<ColumnKind, string> = {
  score: 'Điểm từ 0 đến 10, một chữ số thập phân: 8,5 hoặc 8.5 (gõ 85 cũng là 8,5).',
  testScore: 'Điểm bài kiểm tra định kỳ: số nguyên từ 0 đến 10.',
  mark: 'Đ (Đạt) hoặc CĐ (Chưa đạt).',
  level: 'T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).',
  comment: 'Nhận xét, tối đa 1000 ký tự.',
};

export async function buildScoreWorkbook(sheet: ScoreWorkbookSheet): Promise<Buffer> {
  const workbook = newWorkbook(`Bảng điểm ${sheet.subject.name} lớp ${sheet.className}`);

  const ws = workbook.addWorksheet(DATA_SHEET, {
    views: [{ state: 'frozen', xSplit: 4, ySplit: SCORE_HEADER_ROW }],
    pageSetup: LANDSCAPE_FIT_WIDTH,
  });
  const computed = computedLabel(sheet);
  const fixed = [
    { header: 'STT', width: 6 },
    { header: 'Mã nội bộ (không sửa)', width: 12 },
    { header: 'Mã định danh Bộ GD&ĐT', width: 16 },
    { header: 'Họ và tên', width: 28 },
    { header: 'Ngày sinh', width: 12 },
  ];
  const firstGradeCol = fixed.length + 1;
  const lastCol = fixed.length + sheet.columns.length + (computed ? 1 : 0);
  const last = columnLetter(lastCol);

  const title = (row: number, value: string, font: Partial<ExcelJS.Font>, align: 'left' | 'center' = 'center') => {
    ws.mergeCells(`A${row}:${last}${row}`);
    const cell = ws.getCell(`A${row}`);
    cell.value = value;
    cell.font = font;
    cell.alignment = { horizontal: align, vertical: 'middle', wrapText: true };
  };
  title(1, (sheet.schoolName ?? '').toLocaleUpperCase('vi'), { bold: true }, 'left');
  title(2, `BẢNG ĐIỂM MÔN ${sheet.subject.name.toLocaleUpperCase('vi')} — LỚP ${sheet.className}`, { bold: true, size: 14 });
  ws.getRow(2).height = 22;
  title(3, `${TERM_NAMES[sheet.termNo] ?? `Học kỳ ${sheet.termNo}`}${sheet.schoolYearName ? ` — Năm học ${sheet.schoolYearName}` : ''}`, { bold: true });
  title(4, `Giáo viên bộ môn: ${sheet.teacherName ?? '(chưa phân công)'}`, {}, 'center');
  title(
    5,
    `Cách nhập: ghi điểm vào các cột đánh giá, mỗi học sinh một dòng (điểm số: 8,5 hoặc 8.5; môn đánh giá bằng nhận xét: Đ / CĐ; tiểu học: T / H / C). ` +
      `Ô để trống nghĩa là GIỮ NGUYÊN giá trị đang có trong sổ; muốn xóa một giá trị, ghi "${CLEAR_WORD}". ` +
      `Cột ${computed ?? 'tính tự động'} do chương trình tính, không được nhập. Không sửa các cột mã, họ tên, ngày sinh; không thêm, bớt hay đổi tên cột. ` +
      `Cột có tiêu đề màu xám đang bị khóa: giá trị ghi vào đó sẽ bị từ chối.`,
    { italic: true, color: { argb: 'FF555555' } },
    'left',
  );
  ws.getRow(5).height = 58;

  const header = ws.getRow(SCORE_HEADER_ROW);
  header.height = 32;
  const headCell = (col: number, text: string, fill: string, note?: string) => writeHeaderCell(header.getCell(col), text, fill, note);
  fixed.forEach((f, i) => {
    ws.getColumn(i + 1).width = f.width;
    headCell(i + 1, f.header, 'FFDDEBF7');
  });
  ws.getColumn(2).hidden = true;
  sheet.columns.forEach((c, i) => {
    const col = firstGradeCol + i;
    ws.getColumn(col).width = c.kind === 'comment' ? 40 : 10;
    const blocked = c.blockedBy ? `ĐANG KHÓA: ${c.blockedBy}` : '';
    headCell(col, c.label, c.blockedBy ? 'FFD9D9D9' : 'FFFFE699', [HELP_BY_KIND[c.kind], `Để trống: giữ nguyên; "${CLEAR_WORD}": xóa.`, blocked].filter(Boolean).join(' '));
  });
  if (computed) {
    ws.getColumn(lastCol).width = 12;
    headCell(lastCol, computed, 'FFD9D9D9', 'Chương trình tự tính theo TT 22/2021; chỉ để xem, giá trị ở cột này không được nhập.');
  }

  sheet.rows.forEach((r, i) => {
    const row = ws.getRow(SCORE_HEADER_ROW + 1 + i);
    row.getCell(1).value = r.listNumber;
    row.getCell(2).value = r.studentId;
    row.getCell(3).value = r.studentCode ?? '';
    row.getCell(3).numFmt = '@';
    row.getCell(4).value = r.active ? r.fullName : `${r.fullName} (đã chuyển đi)`;
    row.getCell(5).value = displayDate(r.dateOfBirth);
    row.getCell(5).numFmt = '@';
    for (let c = 1; c < firstGradeCol; c++) row.getCell(c).font = { color: { argb: r.active ? 'FF000000' : 'FF999999' } };
    sheet.columns.forEach((c, j) => {
      const cell = row.getCell(firstGradeCol + j);
      cell.numFmt = '@';
      cell.value = r.cells[c.key]?.display || null;
      if (c.kind === 'comment') cell.alignment = { wrapText: true, vertical: 'top' };
      else cell.alignment = { horizontal: 'center' };
      const list = LIST_BY_KIND[c.kind];
      if (list) {
        cell.dataValidation = {
          type: 'list',
          allowBlank: true,
          formulae: [list],
          showErrorMessage: true,
          errorStyle: 'stop',
          errorTitle: c.label,
          error: HELP_BY_KIND[c.kind],
        };
      } else if (c.kind === 'score' || c.kind === 'testScore') {
        cell.dataValidation = { type: 'textLength', operator: 'lessThanOrEqual', allowBlank: true, formulae: [4], showInputMessage: true, promptTitle: c.label, prompt: HELP_BY_KIND[c.kind] };
      }
      if (c.blockedBy) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    });
    if (computed) {
      const cell = row.getCell(lastCol);
      cell.value = r.average ?? '';
      cell.numFmt = '@';
      cell.alignment = { horizontal: 'center' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
    for (let c = 1; c <= lastCol; c++) row.getCell(c).border = THIN_BORDER;
  });

  // Which sheet this file belongs to: checked on import.
  const meta = workbook.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', META_FORMAT],
    ['version', '1'],
    ['classId', sheet.classId],
    ['subjectId', sheet.subject.id],
    ['termNo', String(sheet.termNo)],
    ['className', sheet.className],
    ['subjectName', sheet.subject.name],
  ]);

  const help = workbook.addWorksheet('Hướng dẫn');
  help.getColumn(1).width = 110;
  for (const line of [
    'HƯỚNG DẪN NHẬP ĐIỂM TỪ TỆP EXCEL',
    `1. Nhập vào trang "${DATA_SHEET}", mỗi học sinh một dòng; các cột đánh giá ghi đúng theo sổ điểm.`,
    '2. Điểm số: từ 0 đến 10, tối đa một chữ số thập phân, dùng dấu phẩy hoặc dấu chấm (8,5 hoặc 8.5); gõ 85 cũng được hiểu là 8,5; 10 là 10.',
    '3. Môn đánh giá bằng nhận xét: Đ (Đạt) hoặc CĐ (Chưa đạt). Tiểu học: T / H / C; điểm kiểm tra định kỳ là số nguyên 0–10.',
    `4. Ô để trống: giữ nguyên giá trị đang có trong sổ (không xóa). Muốn xóa một giá trị, ghi "${CLEAR_WORD}".`,
    `5. Cột ${computed ?? 'tính tự động'} chỉ để xem; chương trình tự tính lại, không đọc cột này khi nhập.`,
    '6. Không sửa cột Mã nội bộ (ẩn), Mã định danh Bộ GD&ĐT, Họ và tên, Ngày sinh: chương trình dựa vào đó để nhận đúng học sinh. Có thể sắp xếp lại các dòng.',
    '7. Không dùng công thức ở các cột đánh giá; nếu có, chỉ kết quả đã lưu của công thức được đọc và phải là giá trị hợp lệ.',
    '8. Khi tải tệp lên, chương trình cho xem trước từng ô sẽ thay đổi; chưa có gì thay đổi cho đến khi thầy/cô xác nhận. Tệp có lỗi thì không nhập ô nào.',
    '9. Cột bị khóa (tiêu đề màu xám) hoặc đã hết hạn sửa điểm: các ô thay đổi ở đó bị từ chối; muốn sửa phải gửi giấy đề nghị thay đổi thông tin.',
    '10. Sau khi nhập, có thể hoàn tác cả lần nhập khi chưa ai sửa các ô đó và sổ chưa khóa.',
  ]) {
    help.addRow([line]).alignment = { wrapText: true };
  }
  help.getRow(1).font = { bold: true, size: 13 };
  workbook.views = [{ x: 0, y: 0, width: 10000, height: 20000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  return workbookBuffer(workbook);
}
