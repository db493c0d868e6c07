import ExcelJS from 'exceljs';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  columnBomb,
  deflated,
  emptyCells,
  hugeSheet,
  lyingSheet,
  manyEntries,
  mergeBomb,
  rezipped,
  stored,
  tinySheet,
  validationBomb,
  withSheet,
  zipParts,
} from './testing/xlsx-bombs.ts';
import { BROKEN_XLSX, XLSX_LIMITS, checkXlsxContents, checkXlsxDirectory } from './xlsx-guard.ts';

let school: Buffer | null = null;

/** A whole school's student list as CSDL ngành exports it: 3,000 rows × 40 columns, bordered, a title block with merges. */
async function schoolList(): Promise<Buffer> {
  if (school) return school;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  ws.mergeCells('A1:AN1');
  ws.getCell('A1').value = 'DANH SÁCH HỌC SINH TOÀN TRƯỜNG';
  for (let r = 3; r < 3003; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= 40; c++) {
      const cell = row.getCell(c);
      cell.value = c === 1 ? r - 2 : `Nguyễn Thị Thu Hương ${r}-${c}`;
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' } };
    }
  }
  // exceljs's typings leave out the sheet's validation list, which writes one range (E3:E3002).
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add('E3:E3002', { type: 'list', allowBlank: true, formulae: ['"Nam,Nữ"'] });
  school = Buffer.from(await wb.xlsx.writeBuffer());
  return school;
}

describe('checkXlsxContents: real workbooks pass', () => {
  it('a whole school’s list (3,000 × 40, styles, merges, a validation), as written and as ZIP64', async () => {
    const file = await schoolList();
    expect(checkXlsxDirectory(file)).toBeNull();
    expect(checkXlsxContents(file)).toBeNull();
    expect(checkXlsxContents(rezipped(file, { zip64: true }))).toBeNull();
  }, 60_000);

  it('whole-column validations on two columns, as Excel users set them', async () => {
    const file = await tinySheet(
      '<dataValidations count="2"><dataValidation type="list" sqref="C1:C1048576"><formula1>"a"</formula1></dataValidation><dataValidation type="list" sqref="D:D"><formula1>"b"</formula1></dataValidation></dataValidations>',
    );
    expect(checkXlsxContents(file)).toBeNull();
  });
});

describe('checkXlsxDirectory: refused from the central directory alone', () => {
  it.each([
    ['a sheet that unpacks to 500 MB (the finding: 1.9 MB uploaded)', () => hugeSheet(500), 'Tệp Excel quá lớn khi giải nén: phần "xl/worksheets/sheet1.xml" có 500 MB (tối đa 50 MB).'],
    ['a sheet of 40 MB compressed 250×', () => hugeSheet(40), /^Tệp Excel nén bất thường: phần "xl\/worksheets\/sheet1\.xml" giải nén ra gấp \d+ lần \(tối đa 100 lần\)\.$/],
    ['5,000 parts', () => manyEntries(5000), 'Tệp Excel chứa 5.016 phần bên trong (tối đa 1.000): đây không phải là một bảng tính thông thường.'],
  ] as const)('%s', async (_label, make, message) => {
    const file = await make();
    expect(checkXlsxDirectory(file)).toMatch(message);
    expect(checkXlsxContents(file)).toMatch(message);
  });

  it('parts that are each under the limit but together over it', async () => {
    const file = await schoolList();
    expect(checkXlsxDirectory(file, { ...XLSX_LIMITS, totalBytes: 1024 * 1024 })).toMatch(/^Tệp Excel quá lớn khi giải nén \(hơn [\d,]+ MB, tối đa 1 MB\)\.$/);
  }, 60_000);

  it('an encrypted part, an unknown method, a stored part whose sizes differ → broken', async () => {
    const base = stored('xl/workbook.xml', '<workbook/>');
    for (const part of [{ ...base, method: 9 as 0 }, { ...base, declaredSize: 3 }]) expect(checkXlsxDirectory(zipParts([part]))).toBe(BROKEN_XLSX);
    const encrypted = zipParts([base]);
    encrypted.writeUInt16LE(0x0801, encrypted.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    expect(checkXlsxDirectory(encrypted)).toBe(BROKEN_XLSX);
  });
});

describe('checkXlsxContents: refused while unpacking, before anything is loaded', () => {
  it.each([
    ['a ZIP that says its 300 MB sheet is 4 KB', () => lyingSheet(300), 'Tệp Excel không hợp lệ: phần "xl/worksheets/sheet1.xml" giải nén ra nhiều hơn kích thước ghi trong tệp (4.096 byte).'],
    ['two million empty styled cells', () => emptyCells(20_000, 100), 'Tệp Excel có hơn 400.000 ô (kể cả ô gộp): hãy xóa các trang tính, dòng và cột thừa (kể cả ô trống đã định dạng) rồi lưu lại.'],
    ['60,000 rows', () => emptyCells(60_000, 1), 'Tệp Excel có hơn 50.000 dòng: hãy xóa các trang tính, dòng và cột thừa (kể cả ô trống đã định dạng) rồi lưu lại.'],
    ['one merge over the whole grid (a few hundred bytes)', mergeBomb, 'Tệp Excel có hơn 400.000 ô (kể cả ô gộp): hãy xóa các trang tính, dòng và cột thừa (kể cả ô trống đã định dạng) rồi lưu lại.'],
    ['6,000 merges', () => tinySheet(Array.from({ length: 6000 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')), 'Tệp Excel có hơn 5.000 vùng gộp ô: hãy bỏ gộp các ô không cần thiết rồi lưu lại.'],
    ['a data validation over the whole grid', validationBomb, 'Tệp Excel có vùng kiểm tra dữ liệu (Data Validation) phủ hơn 2.200.000 ô: hãy thu hẹp vùng đó về các dòng có dữ liệu rồi lưu lại.'],
    ['a column range to 200,000,000', columnBomb, 'Tệp Excel có tham chiếu ô ngoài giới hạn của Excel (200000000): tệp bị hỏng hoặc không do Excel tạo ra.'],
    ['a sheet hidden under a name exceljs still parses', () => withSheet(deflated('xl/worksheets/sheet1.xml', strToU8('<worksheet/>')), [deflated('xl/worksheets/sheet2.xml.bak', strToU8('<mergeCell ref="A1:XFD1048576"/>'))]), /^Tệp Excel có hơn 400\.000 ô/],
  ] as const)('%s', async (_label, make, message) => {
    const file = await make();
    expect(checkXlsxDirectory(file)).toBeNull();
    expect(checkXlsxContents(file)).toMatch(message);
  }, 30_000);

  it('shared strings over their limit', async () => {
    const sst = `<sst>${'<si><t>x</t></si>'.repeat(11)}</sst>`;
    const file = await withSheet(deflated('xl/worksheets/sheet1.xml', strToU8('<worksheet/>')), [deflated('xl/sharedStrings.xml', strToU8(sst))]);
    expect(checkXlsxContents(file, { ...XLSX_LIMITS, sharedStrings: 10 })).toBe('Tệp Excel có hơn 10 chuỗi văn bản: hãy xóa các trang tính, dòng và cột thừa (kể cả ô trống đã định dạng) rồi lưu lại.');
  });

  it('a deflate stream that is cut short → broken', async () => {
    const part = deflated('xl/worksheets/sheet1.xml', strToU8('<worksheet>' + '<row/>'.repeat(1000) + '</worksheet>'));
    expect(checkXlsxContents(zipParts([{ ...part, data: part.data.subarray(0, 10) }]))).toBe(BROKEN_XLSX);
  });

  it('a part that unpacks to less than it states', async () => {
    const part = deflated('xl/styles.xml', strToU8('<styleSheet/>'));
    expect(checkXlsxContents(zipParts([{ ...part, declaredSize: 100 }]))).toBe('Tệp Excel không hợp lệ: phần "xl/styles.xml" giải nén ra khác với kích thước ghi trong tệp (100 byte).');
  });
});
