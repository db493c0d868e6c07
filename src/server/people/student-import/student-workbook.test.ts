import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatFullName } from '../../../domain/names/split-full-name.ts';
import { generateStudents } from '../../demo/demo-people.ts';
import { AppError } from '../../platform/errors.ts';
import { hugeSheet, mergeBomb, stored, tinySheet, zipParts } from '../../platform/excel/testing/xlsx-bombs.ts';
import { XLSX_LIMITS } from '../../platform/excel/xlsx-guard.ts';
import { XLSX_QUEUE, XLSX_WORKERS } from '../../platform/excel/xlsx-worker.ts';
import {
  MAX_STUDENT_ROWS,
  TEMPLATE_COLUMNS,
  TEMPLATE_HEADER_ROW,
  buildStudentTemplate,
  foldHeader,
  parseStudentWorkbook,
  parseVietnameseDate,
  type StudentWorkbookResult,
} from './student-workbook.ts';

type Cell = ExcelJS.CellValue;

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return workbook;
}

/** Our template with rows filled in by header name (as a teacher would type them). */
async function filledTemplate(rows: Record<string, Cell>[], setup?: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const workbook = await loadWorkbook(await buildStudentTemplate({ className: '6A1' }));
  const sheet = workbook.getWorksheet('Học sinh')!;
  rows.forEach((values, i) => {
    const row = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    for (const [header, value] of Object.entries(values)) {
      const col = TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1;
      if (col === 0) throw new Error(`no template column ${header}`);
      row.getCell(col).value = value;
    }
  });
  setup?.(sheet);
  return toBuffer(workbook);
}

/** A free-form sheet: `rows[0]` is Excel row 1. */
async function sheetBuffer(rows: Cell[][], setup?: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  rows.forEach((values, i) => {
    values.forEach((value, j) => {
      if (value !== undefined) sheet.getCell(i + 1, j + 1).value = value;
    });
  });
  setup?.(sheet, workbook);
  return toBuffer(workbook);
}

function expectOk(result: StudentWorkbookResult) {
  if (!result.ok) throw new Error(`expected ok, got errors:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.rows;
}

function expectErrors(result: StudentWorkbookResult) {
  if (result.ok) throw new Error('expected errors, got ok');
  return result.errors;
}

const anh = {
  'Họ và tên': 'Nguyễn Thị Minh Anh',
  'Ngày sinh': '05/09/2014',
  'Giới tính': 'Nữ',
  'Dân tộc': 'Kinh',
  'Nơi sinh': 'Thành phố Hà Nội',
  'Số định danh cá nhân': '001314012345',
  'Mã định danh Bộ GD&ĐT': '0142976685',
  'Địa chỉ': 'Số 12 ngõ 5 phố Láng Hạ, phường Láng, Thành phố Hà Nội',
  'Họ tên cha': 'Nguyễn Văn Bình',
  'Nghề nghiệp cha': 'Kỹ sư',
  'Năm sinh cha': '1984',
  'SĐT cha': '0912345678',
  'Họ tên mẹ': 'Trần Thị Hoa',
  'SĐT mẹ': '0987654321',
};

describe('buildStudentTemplate', () => {
  it('has the data sheet first, a hidden code list and an instructions sheet', async () => {
    const workbook = await loadWorkbook(await buildStudentTemplate());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Học sinh', 'Danh mục', 'Hướng dẫn']);
    expect(workbook.getWorksheet('Danh mục')!.state).toBe('hidden');
    expect(workbook.getWorksheet('Danh mục')!.getCell('A1').value).toBe('Kinh');
    const help = workbook.getWorksheet('Hướng dẫn')!;
    expect(help.getCell('A1').value).toBe('Cột');
    expect(help.getCell('A3').value).toBe('Họ và tên');
    expect(help.getCell('D3').value).toBe('Nguyễn Thị Minh Anh');
  });

  it('has the title, the instructions row and the header row with the Vietnamese headers', async () => {
    const sheet = (await loadWorkbook(await buildStudentTemplate({ className: '6A1' }))).getWorksheet('Học sinh')!;
    expect(sheet.getCell('A1').value).toBe('MẪU NHẬP HỌC SINH — LỚP 6A1');
    expect(String(sheet.getCell('A2').value)).toContain('dd/mm/yyyy');
    const headers = (sheet.getRow(TEMPLATE_HEADER_ROW).values as Cell[]).slice(1);
    expect(headers).toEqual(TEMPLATE_COLUMNS.map((c) => c.header));
    expect(headers).toEqual(
      expect.arrayContaining(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính', 'Dân tộc', 'Số định danh cá nhân', 'Mã định danh Bộ GD&ĐT', 'Nơi sinh', 'Địa chỉ', 'Họ tên cha', 'SĐT cha', 'Họ tên mẹ', 'SĐT mẹ', 'Họ tên người giám hộ']),
    );
    expect(headers.every((h) => typeof h === 'string' && h === h.normalize('NFC'))).toBe(true);
  });

  it('without a class name the title has no class', async () => {
    const sheet = (await loadWorkbook(await buildStudentTemplate())).getWorksheet('Học sinh')!;
    expect(sheet.getCell('A1').value).toBe('MẪU NHẬP HỌC SINH');
  });

  it('freezes the header, formats dates and identifiers as text, and has drop-downs', async () => {
    const sheet = (await loadWorkbook(await buildStudentTemplate())).getWorksheet('Học sinh')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW });
    const col = (h: string) => TEMPLATE_COLUMNS.findIndex((c) => c.header === h) + 1;
    const first = sheet.getRow(TEMPLATE_HEADER_ROW + 1);
    expect(first.getCell(col('Ngày sinh')).numFmt).toBe('@');
    expect(first.getCell(col('Số định danh cá nhân')).numFmt).toBe('@');
    expect(first.getCell(col('Mã định danh Bộ GD&ĐT')).numFmt).toBe('@');
    expect(first.getCell(col('SĐT cha')).numFmt).toBe('@');
    expect(first.getCell(col('Giới tính')).dataValidation).toMatchObject({ type: 'list', formulae: ['"Nam,Nữ"'] });
    expect(sheet.getRow(TEMPLATE_HEADER_ROW + 500).getCell(col('Giới tính')).dataValidation?.type).toBe('list');
    expect(first.getCell(col('Dân tộc')).dataValidation?.formulae?.[0]).toContain('Danh mục');
  });

  it('an untouched template has no students', async () => {
    const errors = expectErrors(await parseStudentWorkbook(await buildStudentTemplate()));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringContaining('không có dòng học sinh nào') }]);
  });
});

describe('parseStudentWorkbook: our template', () => {
  it('reads a filled row into a StudentInput', async () => {
    const rows = expectOk(await parseStudentWorkbook(await filledTemplate([anh])));
    expect(rows).toEqual([
      {
        row: 4,
        student: {
          familyName: 'Nguyễn',
          middleName: 'Thị Minh',
          givenName: 'Anh',
          sex: 'female',
          dateOfBirth: '2014-09-05',
          placeOfBirth: 'Thành phố Hà Nội',
          ethnicity: 'Kinh',
          nationality: 'Việt Nam',
          religion: '',
          nationalId: '001314012345',
          studentCode: '0142976685',
          address: 'Số 12 ngõ 5 phố Láng Hạ, phường Láng, Thành phố Hà Nội',
          phone: null,
          guardians: [
            { relation: 'father', fullName: 'Nguyễn Văn Bình', phone: '0912345678', occupation: 'Kỹ sư', birthYear: 1984 },
            { relation: 'mother', fullName: 'Trần Thị Hoa', phone: '0987654321', occupation: null, birthYear: null },
          ],
        },
      },
    ]);
  });

  it.each([
    ['d/m/yyyy text', '5/9/2014', '2014-09-05'],
    ['dd-mm-yyyy text', '05-09-2014', '2014-09-05'],
    ['dd.mm.yyyy text', '05.09.2014', '2014-09-05'],
    ['ISO text', '2014-09-05', '2014-09-05'],
    ['text with a midnight time', '05/09/2014 00:00:00', '2014-09-05'],
    ['29 February of a leap year', '29/02/2012', '2012-02-29'],
    ['real Excel date cell', new Date(Date.UTC(2014, 8, 5)), '2014-09-05'],
    ['date cell at the end of a year', new Date(Date.UTC(2013, 11, 31)), '2013-12-31'],
    ['date formula result', { formula: 'DATE(2014,9,5)', result: new Date(Date.UTC(2014, 8, 5)) }, '2014-09-05'],
  ])('Ngày sinh as %s', async (_label, value, iso) => {
    const rows = expectOk(await parseStudentWorkbook(await filledTemplate([{ ...anh, 'Ngày sinh': value as Cell }])));
    expect(rows[0].student.dateOfBirth).toBe(iso);
  });

  it('a date cell gives the same day whatever the server time zone', async () => {
    const buffer = await filledTemplate([{ ...anh, 'Ngày sinh': new Date(Date.UTC(2014, 0, 1)) }]);
    const saved = process.env.TZ;
    try {
      for (const tz of ['Asia/Ho_Chi_Minh', 'America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
        process.env.TZ = tz;
        expect(expectOk(await parseStudentWorkbook(buffer))[0].student.dateOfBirth, tz).toBe('2014-01-01');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('a date typed into a General-format cell (Excel serial number) is converted', async () => {
    const serial = (Date.UTC(2014, 8, 5) - Date.UTC(1899, 11, 30)) / 86_400_000;
    const buffer = await filledTemplate([{ ...anh, 'Ngày sinh': serial }], (sheet) => {
      sheet.getCell(TEMPLATE_HEADER_ROW + 1, 3).numFmt = 'General';
    });
    expect(expectOk(await parseStudentWorkbook(buffer))[0].student.dateOfBirth).toBe('2014-09-05');
  });

  it.each([
    ['Nam', 'male'],
    ['nam', 'male'],
    ['NỮ', 'female'],
    ['Nu', 'female'],
    ['1', 'male'],
    ['02', 'female'],
    [2, 'female'],
  ])('Giới tính %j → %s', async (value, sex) => {
    const rows = expectOk(await parseStudentWorkbook(await filledTemplate([{ ...anh, 'Giới tính': value }])));
    expect(rows[0].student.sex).toBe(sex);
  });

  it('identifiers and phones from number cells: restored only when unambiguous', async () => {
    const buffer = await filledTemplate(
      [
        // 12-digit CCCD typed as a number lost its leading 0: 079 (TP HCM) is a province code → restored.
        { ...anh, 'Số định danh cá nhân': 79209009517, 'Mã định danh Bộ GD&ĐT': 7407137235, 'SĐT cha': 912345678 },
        // 10-digit number: "00" + "1…" → 001 (Hà Nội) → restored.
        { ...anh, 'Họ và tên': 'Lê Văn Nam', 'Số định danh cá nhân': 1314012346, 'Mã định danh Bộ GD&ĐT': null },
      ],
      (sheet) => {
        for (const r of [4, 5]) for (const c of [9, 10, 16]) sheet.getCell(r, c).numFmt = 'General';
      },
    );
    const rows = expectOk(await parseStudentWorkbook(buffer));
    expect(rows[0].student).toMatchObject({ nationalId: '079209009517', studentCode: '7407137235' });
    expect(rows[0].student.guardians[0].phone).toBe('0912345678');
    expect(rows[1].student).toMatchObject({ nationalId: '001314012346', studentCode: null });
  });

  it('accepts rich text, hyperlinks, formulas with a cached result, NFD text and extra spaces', async () => {
    const buffer = await filledTemplate([
      {
        ...anh,
        'Họ và tên': { richText: [{ text: 'Phạm ', font: { bold: true } }, { text: 'Thu  Hà' }] },
        'Nơi sinh': { formula: '"Tỉnh "&"Nghệ An"', result: 'Tỉnh Nghệ An' },
        'Địa chỉ': { text: 'Xóm 3, xã Diễn Châu', hyperlink: 'https://example.org' },
        'Họ tên mẹ': 'Trần  Thị   Hoa'.normalize('NFD'),
        'Dân tộc': 'thái',
      },
    ]);
    const [{ student }] = expectOk(await parseStudentWorkbook(buffer));
    expect(student).toMatchObject({
      familyName: 'Phạm',
      middleName: 'Thu',
      givenName: 'Hà',
      placeOfBirth: 'Tỉnh Nghệ An',
      address: 'Xóm 3, xã Diễn Châu',
      ethnicity: 'Thái',
    });
    expect(student.guardians[1].fullName).toBe('Trần Thị Hoa');
    expect(student.guardians[1].fullName.length).toBe('Trần Thị Hoa'.length);
  });

  it('skips empty rows, rows with only STT, and formatted-but-empty rows', async () => {
    const buffer = await filledTemplate([anh, {}, { STT: 3 }, { ...anh, 'Họ và tên': 'Lê Na', 'Số định danh cá nhân': null, 'Mã định danh Bộ GD&ĐT': null }], (sheet) => {
      sheet.getCell(900, 2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    });
    const rows = expectOk(await parseStudentWorkbook(buffer));
    expect(rows.map((r) => [r.row, r.student.givenName])).toEqual([
      [4, 'Anh'],
      [7, 'Na'],
    ]);
  });

  it('reports every bad field of every row, with the row number and the header as written', async () => {
    const buffer = await filledTemplate(
      [
        anh,
        { ...anh, 'Họ và tên': 'Trần Văn Đức', 'Ngày sinh': '31/02/2012', 'Giới tính': 'X', 'Số định danh cá nhân': '12345', 'Mã định danh Bộ GD&ĐT': '01429766' },
        { ...anh, 'Họ và tên': 'Hùng', 'Số định danh cá nhân': null, 'Mã định danh Bộ GD&ĐT': null, 'SĐT mẹ': '12345', 'Năm sinh cha': '19x5' },
        { ...anh, 'Họ và tên': null, 'Ngày sinh': null, 'Giới tính': null, 'Số định danh cá nhân': null, 'Mã định danh Bộ GD&ĐT': null },
        { ...anh, 'Họ và tên': 'Lê Văn Tám', 'Số định danh cá nhân': null, 'Mã định danh Bộ GD&ĐT': null, 'Họ tên cha': null },
      ],
    );
    const errors = expectErrors(await parseStudentWorkbook(buffer));
    expect(errors.map((e) => e.message)).toEqual([
      'Dòng 5, cột "Ngày sinh": "31/02/2012" không phải là ngày hợp lệ (dd/mm/yyyy)',
      'Dòng 5, cột "Giới tính": "X" không phải là giới tính hợp lệ (Nam hoặc Nữ)',
      'Dòng 5, cột "Số định danh cá nhân": "12345" không phải là số định danh cá nhân hợp lệ (đúng 12 chữ số)',
      'Dòng 5, cột "Mã định danh Bộ GD&ĐT": "01429766" không phải là mã học sinh hợp lệ (đúng 10 chữ số)',
      'Dòng 6, cột "Họ và tên": "Hùng" chỉ có một chữ; cần ghi đủ họ và tên',
      'Dòng 6, cột "Năm sinh cha": "19x5" không phải là năm sinh hợp lệ (4 chữ số, ví dụ 1985)',
      'Dòng 6, cột "SĐT mẹ": "12345" không phải là số điện thoại hợp lệ (10 chữ số, bắt đầu bằng 0)',
      'Dòng 7, cột "Họ và tên": chưa có họ tên',
      'Dòng 7, cột "Ngày sinh": chưa có ngày sinh (dd/mm/yyyy)',
      'Dòng 7, cột "Giới tính": chưa có giới tính (Nam hoặc Nữ)',
      'Dòng 8, cột "Nghề nghiệp cha": có thông tin nhưng chưa có họ tên cha',
      'Dòng 8, cột "Năm sinh cha": có thông tin nhưng chưa có họ tên cha',
      'Dòng 8, cột "SĐT cha": có thông tin nhưng chưa có họ tên cha',
    ]);
    expect(errors[0]).toEqual({ row: 5, field: 'Ngày sinh', message: errors[0].message });
  });

  it('rejects a personal ID or MOET code whose leading zeros cannot be restored', async () => {
    const buffer = await filledTemplate([{ ...anh, 'Số định danh cá nhân': 123456789, 'Mã định danh Bộ GD&ĐT': 142976685 }], (sheet) => {
      sheet.getCell(4, 9).numFmt = 'General';
      sheet.getCell(4, 10).numFmt = 'General';
    });
    const errors = expectErrors(await parseStudentWorkbook(buffer));
    expect(errors.map((e) => e.field)).toEqual(['Số định danh cá nhân', 'Mã định danh Bộ GD&ĐT']);
    expect(errors[0].message).toContain('Văn bản (Text)');
    expect(errors[1].message).toBe(
      'Dòng 4, cột "Mã định danh Bộ GD&ĐT": mã học sinh 142976685 chỉ có 9 chữ số, có thể Excel đã bỏ mất số 0 ở đầu; hãy định dạng cột là Văn bản (Text) rồi nhập lại đủ 10 chữ số',
    );
  });

  it('reports formulas without a stored result and error cells', async () => {
    const buffer = await filledTemplate([
      { ...anh, 'Họ và tên': { formula: 'CONCATENATE(X1," ",Y1)' } as Cell, 'Nơi sinh': { error: '#REF!' } as Cell },
    ]);
    const errors = expectErrors(await parseStudentWorkbook(buffer));
    expect(errors.map((e) => e.message)).toEqual([
      'Dòng 4, cột "Họ và tên": ô chứa công thức (=CONCATENATE(X1," ",Y1)) nhưng tệp không lưu kết quả; hãy mở tệp bằng Excel rồi lưu lại, hoặc dán dạng giá trị (Paste Values)',
      'Dòng 4, cột "Nơi sinh": ô có lỗi #REF!',
    ]);
  });

  it('reports values too long for the student record', async () => {
    const errors = expectErrors(await parseStudentWorkbook(await filledTemplate([{ ...anh, 'Địa chỉ': 'x'.repeat(301) }])));
    expect(errors.map((e) => e.message)).toEqual(['Dòng 4, cột "Địa chỉ": dài quá 300 ký tự']);
  });

  it('detects duplicate personal IDs and MOET codes inside the file', async () => {
    const buffer = await filledTemplate([
      anh,
      { ...anh, 'Họ và tên': 'Lê Văn Nam', 'Mã định danh Bộ GD&ĐT': '0142976686' },
      { ...anh, 'Họ và tên': 'Đỗ Thị Lan', 'Số định danh cá nhân': '001314099999' },
      { ...anh, 'Họ và tên': 'Vũ Minh Khôi', 'Số định danh cá nhân': '001314012345', 'Mã định danh Bộ GD&ĐT': '0142976685' },
    ]);
    const errors = expectErrors(await parseStudentWorkbook(buffer));
    expect(errors.map((e) => e.message)).toEqual([
      'Dòng 5, cột "Số định danh cá nhân": số định danh cá nhân "001314012345" trùng với dòng 4',
      'Dòng 6, cột "Mã định danh Bộ GD&ĐT": mã học sinh "0142976685" trùng với dòng 4',
      'Dòng 7, cột "Số định danh cá nhân": số định danh cá nhân "001314012345" trùng với dòng 4',
      'Dòng 7, cột "Mã định danh Bộ GD&ĐT": mã học sinh "0142976685" trùng với dòng 4',
    ]);
  });

  it(`rejects more than ${MAX_STUDENT_ROWS} rows`, async () => {
    const rows: Cell[][] = [['Họ và tên', 'Ngày sinh', 'Giới tính']];
    for (let i = 0; i <= MAX_STUDENT_ROWS; i++) rows.push([`Nguyễn Văn A${i}`, '01/01/2012', 'Nam']);
    const errors = expectErrors(await parseStudentWorkbook(await sheetBuffer(rows)));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringContaining('hơn 5.000 dòng') }]);
  });

  it(`accepts exactly ${MAX_STUDENT_ROWS} rows`, async () => {
    const rows: Cell[][] = [['Họ và tên', 'Ngày sinh', 'Giới tính']];
    for (let i = 0; i < MAX_STUDENT_ROWS; i++) rows.push([`Nguyễn Văn An`, '01/01/2012', 'Nam']);
    expect(expectOk(await parseStudentWorkbook(await sheetBuffer(rows)))).toHaveLength(MAX_STUDENT_ROWS);
  });
});

describe('round trip: demo students written into the template import unchanged', () => {
  it('40 generated students', async () => {
    const students = generateStudents(40, { seed: 11, birthYear: 2013 });
    const dmy = (iso: string) => iso.split('-').reverse().join('/');
    const buffer = await filledTemplate(
      students.map((s, i) => {
        const values: Record<string, Cell> = {
          STT: i + 1,
          'Họ và tên': formatFullName(s),
          'Ngày sinh': dmy(s.dateOfBirth),
          'Giới tính': s.sex === 'male' ? 'Nam' : 'Nữ',
          'Dân tộc': s.ethnicity,
          'Quốc tịch': s.nationality,
          'Tôn giáo': s.religion,
          'Nơi sinh': s.placeOfBirth,
          'Số định danh cá nhân': s.nationalId,
          'Mã định danh Bộ GD&ĐT': s.studentCode,
          'Địa chỉ': s.address,
          'Số điện thoại': s.phone,
        };
        for (const g of s.guardians) {
          if (g.relation === 'guardian') {
            values['Họ tên người giám hộ'] = g.fullName;
            values['SĐT người giám hộ'] = g.phone;
            continue;
          }
          const who = g.relation === 'father' ? 'cha' : 'mẹ';
          values[`Họ tên ${who}`] = g.fullName;
          values[`SĐT ${who}`] = g.phone;
          values[`Nghề nghiệp ${who}`] = g.occupation;
          values[`Năm sinh ${who}`] = g.birthYear === null ? null : String(g.birthYear);
        }
        return values;
      }),
    );
    const rows = expectOk(await parseStudentWorkbook(buffer));
    const expected = students.map((s) => ({
      ...s,
      // The template has no occupation / birth-year columns for "người giám hộ".
      guardians: s.guardians.map((g) => (g.relation === 'guardian' ? { ...g, occupation: null, birthYear: null } : g)),
    }));
    expect(rows.map((r) => r.student)).toEqual(expected);
    expect(rows.map((r) => r.row)).toEqual(students.map((_, i) => TEMPLATE_HEADER_ROW + 1 + i));
  });
});

describe('parseStudentWorkbook: exports of other systems', () => {
  it('vnEdu student list: title block, vnEdu headers, vnEdu own code ignored in favour of Mã MOET', async () => {
    const header = [
      'Mã học sinh', 'Mã VEMIS', 'Mã MOET', 'Số đăng bộ', 'Họ và tên', 'Giới tính', 'Dân tộc', 'Ngày sinh', 'Chỗ ở hiện nay',
      'Nơi thường trú', 'Quê quán', 'Nơi sinh', 'Nơi khai sinh', 'Căn cước', 'Tên cha', 'Đ.thoại cha', 'Tên mẹ', 'Đ.thoại mẹ', 'Điện thoại HS',
    ];
    const buffer = await sheetBuffer(
      [
        ['TRƯỜNG TRUNG - TIỂU HỌC PÉTRUS KÝ'],
        ['DANH SÁCH HỌC SINH'],
        header,
        ['2004949387', 'V123', '7456839782', '7456839782', 'Võ Hoàng Gia Bảo', 'Nam', 'Kinh', new Date(Date.UTC(2011, 10, 23)), '12 Lê Lợi, phường Bến Thành', '12 Lê Lợi', 'Bến Tre', 'TP Hồ Chí Minh', 'TP Hồ Chí Minh', '079211001234', 'Võ Văn Hải', '0903123456', 'Huỳnh Thị Mai', '0938123456', ''],
        ['2004949388', 'V124', '7456839783', '7456839783', 'Huỳnh Ngọc Trâm', 'Nữ', 'Hoa', new Date(Date.UTC(2011, 0, 2)), 'Quận 5 (cũ)', '', '', 'TP Hồ Chí Minh', '', '079311005678', '', '', 'Lý Thị Hạnh', '0909 888 777', '0901234567'],
      ],
      (sheet) => {
        sheet.mergeCells('A1:S1');
        sheet.mergeCells('A2:S2');
      },
    );
    const rows = expectOk(await parseStudentWorkbook(buffer));
    expect(rows.map((r) => r.row)).toEqual([4, 5]);
    expect(rows[0].student).toMatchObject({
      familyName: 'Võ',
      middleName: 'Hoàng Gia',
      givenName: 'Bảo',
      sex: 'male',
      dateOfBirth: '2011-11-23',
      studentCode: '7456839782',
      nationalId: '079211001234',
      address: '12 Lê Lợi, phường Bến Thành',
      placeOfBirth: 'TP Hồ Chí Minh',
      guardians: [
        { relation: 'father', fullName: 'Võ Văn Hải', phone: '0903123456' },
        { relation: 'mother', fullName: 'Huỳnh Thị Mai', phone: '0938123456' },
      ],
    });
    expect(rows[1].student).toMatchObject({ ethnicity: 'Hoa', phone: '0901234567', guardians: [{ relation: 'mother', phone: '0909888777' }] });
  });

  it('CSDL ngành export (HCM, post-2025): header on row 4, multi-line headers, codes, Số định danh cá nhân preferred to Số CMND', async () => {
    const buffer = await sheetBuffer([
      ['SỞ GIÁO DỤC VÀ ĐÀO TẠO THÀNH PHỐ HỒ CHÍ MINH'],
      ['DANH SÁCH HỌC SINH LỚP 12.6'],
      [],
      ['STT', 'Mã định danh Bộ GD&ĐT', 'Họ tên', 'Ngày sinh\n(dd/mm/yyyy)', 'Giới tính', 'Dân tộc', 'Trạng thái', 'SĐT liên hệ', 'Nơi sinh chi tiết', 'Số CMND', 'Tên cha', 'Nghề nghiệp cha', 'Năm sinh cha', 'Tên mẹ', 'Lớp học', 'Khối học', 'Số định danh cá nhân'],
      [1, '7407137235', 'Trần Thị Ngọc Hân', '14/03/2008', '2', 'Khmer', 'Đang học', '0912000111', 'Sóc Trăng', '094308000001', 'Trần Văn Lộc', 'Nông dân', 1975, 'Thạch Thị Sa', '12.6', 'Khối 12', '094308000001'],
      [2, '7407137236', 'Nguyễn Phúc Thịnh', '01/12/2008', '1', 'Kinh', 'Đang học', '', 'TP Hồ Chí Minh', '', '', '', '', '', '12.6', 'Khối 12', '079208000002'],
    ]);
    const rows = expectOk(await parseStudentWorkbook(buffer));
    expect(rows[0]).toMatchObject({
      row: 5,
      student: {
        studentCode: '7407137235',
        familyName: 'Trần',
        middleName: 'Thị Ngọc',
        givenName: 'Hân',
        dateOfBirth: '2008-03-14',
        sex: 'female',
        ethnicity: 'Khơ-me',
        phone: '0912000111',
        placeOfBirth: 'Sóc Trăng',
        nationalId: '094308000001',
        guardians: [
          { relation: 'father', fullName: 'Trần Văn Lộc', occupation: 'Nông dân', birthYear: 1975 },
          { relation: 'mother', fullName: 'Thạch Thị Sa' },
        ],
      },
    });
    expect(rows[1].student).toMatchObject({ sex: 'male', nationalId: '079208000002', givenName: 'Thịnh', guardians: [] });
  });

  it('CSDL C1-HocSinh: "Mã học sinh" is the MOET code when no other MOET column exists', async () => {
    const buffer = await sheetBuffer([
      ['Mã lớp', 'Mã học sinh', 'Họ tên', 'Ngày sinh', 'Giới tính', 'Trạng thái HS', 'Dân tộc', 'Số định danh cá nhân'],
      ['1A', '0142976685', 'Đặng Gia Huy', '02/02/2019', 'Nam', 'Đang học', 'Tày', '001219000123'],
    ]);
    const [{ student }] = expectOk(await parseStudentWorkbook(buffer));
    expect(student).toMatchObject({ studentCode: '0142976685', ethnicity: 'Tày', nationalId: '001219000123' });
  });

  it('separate Họ / Đệm / Tên columns', async () => {
    const buffer = await sheetBuffer([
      ['STT', 'Họ', 'Đệm', 'Tên', 'Ngày sinh', 'Giới tính'],
      [1, 'Tôn Nữ', 'Thị Ngọc', 'Hân', '01/01/2012', 'Nữ'],
      [2, 'Lê', '', 'Na', '02/01/2012', 'Nữ'],
      [3, '', 'Văn', 'Hùng', '03/01/2012', 'Nam'],
    ]);
    const errors = expectErrors(await parseStudentWorkbook(buffer));
    expect(errors.map((e) => e.message)).toEqual(['Dòng 4, cột "Họ": chưa có họ']);
  });

  it('two header rows: "Họ và tên" merged over "Họ đệm" | "Tên"', async () => {
    const buffer = await sheetBuffer(
      [
        ['DANH SÁCH HỌC SINH LỚP 7A2'],
        ['STT', 'Họ và tên', undefined, 'Ngày sinh', 'Giới tính'],
        [undefined, 'Họ đệm', 'Tên', undefined, undefined],
        [1, 'Nguyễn Thị Minh', 'Anh', '05/09/2012', 'Nữ'],
        [2, 'Bùi Văn', 'An', '06/09/2012', 'Nam'],
      ],
      (sheet) => {
        sheet.mergeCells('B2:C2');
        sheet.mergeCells('A2:A3');
        sheet.mergeCells('D2:D3');
        sheet.mergeCells('E2:E3');
      },
    );
    const rows = expectOk(await parseStudentWorkbook(buffer));
    expect(rows.map((r) => [r.row, r.student.familyName, r.student.middleName, r.student.givenName])).toEqual([
      [4, 'Nguyễn', 'Thị Minh', 'Anh'],
      [5, 'Bùi', 'Văn', 'An'],
    ]);
  });

  it('finds the table on a later sheet', async () => {
    const buffer = await sheetBuffer([['Ghi chú của trường']], (_sheet, workbook) => {
      const data = workbook.addWorksheet('Danh sách');
      data.addRow(['Họ và tên', 'Ngày sinh', 'Giới tính']);
      data.addRow(['Lê Na', '01/01/2012', 'Nữ']);
    });
    expect(expectOk(await parseStudentWorkbook(buffer))[0]).toMatchObject({ row: 2, student: { givenName: 'Na' } });
  });

  it('a missing required column is reported on the header row', async () => {
    const buffer = await sheetBuffer([
      ['Tiêu đề'],
      ['Họ và tên', 'Ngày sinh', 'Dân tộc'],
      ['Lê Na', '01/01/2012', 'Kinh'],
    ]);
    expect(expectErrors(await parseStudentWorkbook(buffer))).toEqual([
      { row: 2, field: 'Giới tính', message: 'Dòng 2: không tìm thấy cột "Giới tính" (trang "Sheet1")' },
    ]);
  });

  it('no header row in the first rows', async () => {
    const errors = expectErrors(await parseStudentWorkbook(await sheetBuffer([['a', 'b'], [1, 2]])));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringContaining('Không tìm thấy dòng tiêu đề') }]);
  });
});

describe('parseStudentWorkbook: files that are not student workbooks', () => {
  const notXlsx: [string, () => Promise<Buffer>, string][] = [
    ['an empty file', async () => Buffer.alloc(0), 'Tệp rỗng'],
    ['a CSV file', async () => Buffer.from('Họ và tên,Ngày sinh\nLê Na,01/01/2012\n'), 'không phải là tệp Excel .xlsx'],
    ['an old .xls (OLE2) file', async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), '.xls'],
    ['a truncated ZIP', async () => (await buildStudentTemplate()).subarray(0, 500), 'bị hỏng'],
    ['random bytes after a ZIP signature', async () => Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(200, 7)]), 'bị hỏng'],
    ['a ZIP that is not a workbook', async () => zipParts([stored('hello.txt', 'xin chào')]), 'trang tính'],
    ['a Word document (ZIP with word/document.xml)', async () => zipParts([stored('[Content_Types].xml', '<Types/>'), stored('word/document.xml', '<w:document/>')]), 'trang tính'],
  ];

  it.each(notXlsx)('%s gives one file error and never throws', async (_label, make, text) => {
    const errors = expectErrors(await parseStudentWorkbook(await make()));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: 0, field: 'tệp' });
    expect(errors[0].message).toContain(text);
  });
});

describe('parseStudentWorkbook: hostile files, read in a worker thread with limits (issue 14)', () => {
  /** The limits a file must slip past for the worker's own heap and time limits to be what stops it. */
  const loose = { ...XLSX_LIMITS, cells: Infinity, merges: Infinity };

  it('a sheet that unpacks to 500 MB is refused from the ZIP directory, naming the limit', async () => {
    expect(expectErrors(await parseStudentWorkbook(await hugeSheet(500)))).toEqual([
      { row: 0, field: 'tệp', message: 'Tệp Excel quá lớn khi giải nén: phần "xl/worksheets/sheet1.xml" có 500 MB (tối đa 50 MB).' },
    ]);
  });

  it('a few hundred bytes merging the whole grid are refused before exceljs loads them', async () => {
    expect(expectErrors(await parseStudentWorkbook(await mergeBomb()))[0].message).toMatch(/^Tệp Excel có hơn 400\.000 ô/);
  });

  it('a file that slips past the checks and outgrows the heap ends its worker only; the next file is read', async () => {
    const errors = expectErrors(await parseStudentWorkbook(await mergeBomb(), { limits: loose, heapMb: 128 }));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: 'Tệp Excel cần quá nhiều bộ nhớ để đọc (tối đa 128 MB): hãy xóa các trang tính, dòng và cột thừa rồi lưu lại.' }]);
    expect(expectOk(await parseStudentWorkbook(await filledTemplate([anh]), { heapMb: 128 }))).toHaveLength(1);
  }, 60_000);

  it('a file that keeps its worker busy past the time limit is stopped', async () => {
    // 8,000 merges: exceljs compares each with every other, ~10 s of work in ~70 KB.
    const slow = await tinySheet(`<mergeCells>${Array.from({ length: 8000 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')}</mergeCells>`);
    const errors = expectErrors(await parseStudentWorkbook(slow, { limits: loose, timeLimitMs: 2000 }));
    expect(errors[0].message).toBe('Đọc tệp Excel quá lâu (hơn 2 giây): hãy xóa các trang tính, dòng và cột thừa rồi lưu lại.');
    expect(expectOk(await parseStudentWorkbook(await filledTemplate([anh])))).toHaveLength(1);
  }, 60_000);

  it(`reads ${XLSX_WORKERS} files at once with ${XLSX_QUEUE} waiting; more are refused as busy (429), the others all read`, async () => {
    const file = await filledTemplate([anh]);
    const settled = await Promise.allSettled(Array.from({ length: XLSX_WORKERS + XLSX_QUEUE + 2 }, () => parseStudentWorkbook(file)));
    const refused = settled.filter((s) => s.status === 'rejected').map((s) => (s as PromiseRejectedResult).reason as AppError);
    expect(refused.map((e) => [e.code, e.message])).toEqual([
      ['RATE_LIMITED', 'Máy chủ đang bận đọc các tệp Excel khác; vui lòng thử lại sau ít phút.'],
      ['RATE_LIMITED', 'Máy chủ đang bận đọc các tệp Excel khác; vui lòng thử lại sau ít phút.'],
    ]);
    for (const s of settled) if (s.status === 'fulfilled') expect(expectOk(s.value)).toHaveLength(1);
  }, 60_000);
});

describe('helpers', () => {
  it.each([
    ['Mã định danh Bộ GD&ĐT', 'madinhdanhbogddt'],
    ['Mã định danh Bộ GDĐT', 'madinhdanhbogddt'],
    ['Tỉnh/Thành phố\n(Theo địa chỉ thường trú)', 'tinhthanhphotheodiachithuongtru'],
    ['  SĐT   cha ', 'sdtcha'],
    ['Đ.thoại cha', 'dthoaicha'],
    ['HỌ VÀ TÊN'.normalize('NFD'), 'hovaten'],
  ])('foldHeader(%j) = %s', (text, folded) => {
    expect(foldHeader(text)).toBe(folded);
  });

  it.each([
    ['05/09/2014', '2014-09-05'],
    ['5/9/2014', '2014-09-05'],
    ['31/02/2012', null],
    ['29/02/2013', null],
    ['00/01/2012', null],
    ['12/13/2012', null],
    ['05/09/14', null],
    ['2014-09-05', '2014-09-05'],
    ['hôm qua', null],
  ])('parseVietnameseDate(%j) = %s', (text, iso) => {
    expect(parseVietnameseDate(text)).toBe(iso);
  });
});
