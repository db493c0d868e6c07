/**
 * The downloadable template "Mẫu nhập học sinh" (shared/domain/EXCHANGE.md §0, §2.1): a data
 * sheet whose headers the parser knows, drop-downs for Giới tính and Dân tộc, text-formatted
 * identifier columns, and a "Hướng dẫn" sheet with an example row.
 */
import { LANDSCAPE_FIT_WIDTH, columnLetter, newWorkbook, workbookBuffer, writeHeaderCell } from '../../platform/excel/excel-cells.ts';
import { MAX_STUDENT_ROWS } from './student-parser.ts';
import { ETHNIC_GROUPS } from './student-values.ts';

/** Row of the header in the template (title on row 1, instructions on row 2). */
export const TEMPLATE_HEADER_ROW = 3;
const TEMPLATE_PREFORMATTED_ROWS = 1000;

export interface TemplateColumn {
  header: string;
  width: number;
  required?: boolean;
  /** Store typed values as text (dates, identifiers, phone numbers keep their leading zeros). */
  text?: boolean;
  help: string;
  example: string;
}

/** The template's columns; every header is a first-choice alias of the parser. */
export const TEMPLATE_COLUMNS: readonly TemplateColumn[] = [
  { header: 'STT', width: 6, help: 'Số thứ tự (không bắt buộc).', example: '1' },
  { header: 'Họ và tên', width: 28, required: true, help: 'Họ, tên đệm và tên, cách nhau một dấu cách.', example: 'Nguyễn Thị Minh Anh' },
  { header: 'Ngày sinh', width: 13, required: true, text: true, help: 'Dạng dd/mm/yyyy (ngày/tháng/năm).', example: '05/09/2014' },
  { header: 'Giới tính', width: 10, required: true, help: 'Chọn Nam hoặc Nữ.', example: 'Nữ' },
  { header: 'Dân tộc', width: 12, help: 'Tên dân tộc; để trống là Kinh.', example: 'Kinh' },
  { header: 'Quốc tịch', width: 12, help: 'Để trống là Việt Nam.', example: 'Việt Nam' },
  { header: 'Tôn giáo', width: 12, help: 'Để trống nếu không có.', example: '' },
  { header: 'Nơi sinh', width: 24, help: 'Tỉnh/thành phố nơi sinh.', example: 'Thành phố Hà Nội' },
  { header: 'Số định danh cá nhân', width: 18, text: true, help: 'Số định danh cá nhân (CCCD), đúng 12 chữ số.', example: '001314012345' },
  { header: 'Mã định danh Bộ GD&ĐT', width: 18, text: true, help: 'Mã học sinh trên CSDL ngành, đúng 10 chữ số; để trống nếu chưa có.', example: '0142976685' },
  { header: 'Địa chỉ', width: 32, help: 'Chỗ ở hiện nay.', example: 'Số 12 ngõ 5 phố Láng Hạ, phường Láng, Thành phố Hà Nội' },
  { header: 'Số điện thoại', width: 14, text: true, help: 'Số điện thoại của học sinh (nếu có).', example: '' },
  { header: 'Họ tên cha', width: 24, help: '', example: 'Nguyễn Văn Bình' },
  { header: 'Nghề nghiệp cha', width: 16, help: '', example: 'Kỹ sư' },
  { header: 'Năm sinh cha', width: 10, text: true, help: '4 chữ số.', example: '1984' },
  { header: 'SĐT cha', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '0912345678' },
  { header: 'Họ tên mẹ', width: 24, help: '', example: 'Trần Thị Hoa' },
  { header: 'Nghề nghiệp mẹ', width: 16, help: '', example: 'Giáo viên' },
  { header: 'Năm sinh mẹ', width: 10, text: true, help: '4 chữ số.', example: '1986' },
  { header: 'SĐT mẹ', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '0987654321' },
  { header: 'Họ tên người giám hộ', width: 24, help: 'Chỉ ghi khi người giám hộ không phải cha hoặc mẹ.', example: '' },
  { header: 'SĐT người giám hộ', width: 14, text: true, help: '10 chữ số, bắt đầu bằng 0.', example: '' },
];

export async function buildStudentTemplate(options: { className?: string } = {}): Promise<Buffer> {
  const workbook = newWorkbook('Mẫu nhập học sinh');

  const sheet = workbook.addWorksheet('Học sinh', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: TEMPLATE_HEADER_ROW }],
    pageSetup: LANDSCAPE_FIT_WIDTH,
  });
  const last = columnLetter(TEMPLATE_COLUMNS.length);
  const className = options.className?.normalize('NFC').trim();

  sheet.mergeCells(`A1:${last}1`);
  const title = sheet.getCell('A1');
  title.value = className ? `MẪU NHẬP HỌC SINH — LỚP ${className}` : 'MẪU NHẬP HỌC SINH';
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 24;

  sheet.mergeCells(`A2:${last}2`);
  const note = sheet.getCell('A2');
  note.value =
    `Mỗi dòng một học sinh, bắt đầu từ dòng ${TEMPLATE_HEADER_ROW + 1}; không đổi tên các cột. ` +
    'Ngày sinh ghi dd/mm/yyyy (ví dụ 05/09/2014). Giới tính chọn Nam hoặc Nữ. ' +
    'Số định danh cá nhân (12 chữ số) và mã định danh Bộ GD&ĐT (10 chữ số) ghi đủ cả số 0 ở đầu. ' +
    'Cột có dấu * là bắt buộc. Xem trang "Hướng dẫn".';
  note.font = { italic: true, color: { argb: 'FF555555' } };
  note.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).height = 48;

  const header = sheet.getRow(TEMPLATE_HEADER_ROW);
  TEMPLATE_COLUMNS.forEach((column, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = column.width;
    if (column.text) col.numFmt = '@';
    const note = column.required ? `* Bắt buộc. ${column.help}` : column.help;
    writeHeaderCell(header.getCell(i + 1), column.header, column.required ? 'FFFFE699' : 'FFDDEBF7', note);
  });
  header.height = 32;
  sheet.autoFilter = { from: { row: TEMPLATE_HEADER_ROW, column: 1 }, to: { row: TEMPLATE_HEADER_ROW, column: TEMPLATE_COLUMNS.length } };

  // Code list for the Dân tộc drop-down, on a hidden sheet.
  const lists = workbook.addWorksheet('Danh mục', { state: 'hidden' });
  ETHNIC_GROUPS.forEach((name, i) => {
    lists.getCell(i + 1, 1).value = name;
  });

  const colOf = (name: string) => TEMPLATE_COLUMNS.findIndex((c) => c.header === name) + 1;
  const sexCol = colOf('Giới tính');
  const ethnicCol = colOf('Dân tộc');
  const textCols = TEMPLATE_COLUMNS.map((c, i) => (c.text ? i + 1 : 0)).filter(Boolean);
  for (let r = TEMPLATE_HEADER_ROW + 1; r <= TEMPLATE_HEADER_ROW + TEMPLATE_PREFORMATTED_ROWS; r++) {
    const row = sheet.getRow(r);
    for (const c of textCols) row.getCell(c).numFmt = '@';
    row.getCell(sexCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: ['"Nam,Nữ"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: 'Giới tính',
      error: 'Chọn Nam hoặc Nữ.',
    };
    row.getCell(ethnicCol).dataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`'Danh mục'!$A$1:$A$${ETHNIC_GROUPS.length}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Dân tộc',
      error: 'Tên dân tộc không có trong danh mục. Vẫn giữ giá trị này?',
    };
  }

  // Instructions sheet, with one example row that is NOT on the data sheet (so it is never imported).
  const help = workbook.addWorksheet('Hướng dẫn');
  help.columns = [
    { header: 'Cột', key: 'header', width: 24 },
    { header: 'Bắt buộc', key: 'required', width: 10 },
    { header: 'Cách ghi', key: 'help', width: 60 },
    { header: 'Ví dụ', key: 'example', width: 40 },
  ];
  help.getRow(1).font = { bold: true };
  for (const column of TEMPLATE_COLUMNS) {
    const row = help.addRow({ header: column.header, required: column.required ? 'Có' : '', help: column.help, example: column.example });
    row.getCell('example').numFmt = '@';
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  help.addRow([]);
  for (const line of [
    'Nhập được cả tệp xuất từ CSDL ngành (Học sinh → Xuất Excel) và từ vnEdu/SMAS: chương trình nhận cột theo tên tiêu đề, không theo vị trí.',
    'Có thể dùng các cột "Họ", "Đệm", "Tên" riêng thay cho cột "Họ và tên".',
    'Giới tính nhận "Nam"/"Nữ" hoặc mã 1/2 của CSDL ngành.',
    'Nếu Excel tự đổi số định danh thành dạng số (mất số 0 ở đầu), hãy định dạng cột là Văn bản (Text) rồi gõ lại.',
    `Mỗi tệp tối đa ${MAX_STUDENT_ROWS.toLocaleString('vi-VN')} học sinh. Tệp có lỗi sẽ không được nhập dòng nào; danh sách lỗi ghi rõ dòng và cột cần sửa.`,
  ]) {
    help.addRow([line]);
  }

  return workbookBuffer(workbook);
}
