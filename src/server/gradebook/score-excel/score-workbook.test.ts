import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { gradebookColumns, type SubjectAssessment } from '../../../domain/gradebook/gradebook-columns.ts';
import { columnBomb, hugeSheet } from '../../platform/excel/testing/xlsx-bombs.ts';
import { SCORE_HEADER_ROW, buildScoreWorkbook, parseScoreWorkbook, type ScoreWorkbookResult, type ScoreWorkbookSheet } from './score-workbook.ts';

type Cell = ExcelJS.CellValue;

const STUDENTS = [
  { studentId: 'st-1', fullName: 'Nguyễn Văn An', dateOfBirth: '2014-09-05', studentCode: '0142976685' },
  { studentId: 'st-2', fullName: 'Trần Thị Bình', dateOfBirth: '2014-01-20', studentCode: '7407137235' },
  { studentId: 'st-3', fullName: 'Lê Minh Châu', dateOfBirth: '2014-03-11', studentCode: null },
  { studentId: 'st-4', fullName: 'Phạm Đức Dũng', dateOfBirth: '2014-07-30', studentCode: null },
];

function makeSheet(assessment: SubjectAssessment = { assessmentKind: 'scored', regularCount: 3, hasPeriodicTest: false }, termNo: 1 | 2 = 1): ScoreWorkbookSheet {
  return {
    classId: 'class-6a1',
    className: '6A1',
    subject: { id: 'subj-toan', code: 'TOAN', name: assessment.assessmentKind === 'comment' ? 'Giáo dục thể chất' : 'Toán', assessmentKind: assessment.assessmentKind },
    termNo,
    teacherName: 'Đỗ Thị Hạnh',
    schoolName: 'Trường THCS Nguyễn Trãi',
    schoolYearName: '2026-2027',
    columns: gradebookColumns(assessment, termNo).map((c) => ({ ...c, blockedBy: null })),
    rows: STUDENTS.map((s, i) => ({
      ...s,
      listNumber: i + 1,
      active: i !== 3,
      cells: (i === 0 && assessment.assessmentKind === 'scored' ? { TX1: { display: '7,0', scoreTenths: 70, text: null, version: 1 } } : {}) as ScoreWorkbookSheet['rows'][number]['cells'],
      average: null,
    })),
  };
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

async function toBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** Our export with cells set by (student index, header) — as a teacher fills it in. */
async function filled(sheet: ScoreWorkbookSheet, values: [number, string, Cell][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = await load(await buildScoreWorkbook(sheet));
  const ws = wb.getWorksheet('Bảng điểm')!;
  const headers = (ws.getRow(SCORE_HEADER_ROW).values as Cell[]).map((v) => String(v ?? ''));
  for (const [i, header, value] of values) {
    const col = headers.indexOf(header);
    if (col < 1) throw new Error(`no column ${header}`);
    ws.getRow(SCORE_HEADER_ROW + 1 + i).getCell(col).value = value;
  }
  edit?.(ws);
  return toBuffer(wb);
}

function expectOk(result: ScoreWorkbookResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 1));
  return result.changes.map(({ studentId, columnKey, value, cell }) => ({ studentId, columnKey, value, cell }));
}

function expectErrors(result: ScoreWorkbookResult) {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.changes)}`);
  return result.errors;
}

describe('buildScoreWorkbook', () => {
  it('writes a title block, the Ministry headers, a hidden id column, text cells and frozen panes', async () => {
    const sheet = makeSheet();
    const wb = await load(await buildScoreWorkbook(sheet));
    const ws = wb.getWorksheet('Bảng điểm')!;
    const title = [1, 2, 3, 4].map((r) => String(ws.getCell(`A${r}`).value));
    expect(title[0]).toBe('TRƯỜNG THCS NGUYỄN TRÃI');
    expect(title[1]).toBe('BẢNG ĐIỂM MÔN TOÁN — LỚP 6A1');
    expect(title[2]).toBe('Học kỳ I — Năm học 2026-2027');
    expect(title[3]).toBe('Giáo viên bộ môn: Đỗ Thị Hạnh');
    expect(String(ws.getCell('A5').value)).toContain('Ô để trống nghĩa là GIỮ NGUYÊN');
    expect(String(ws.getCell('A5').value)).toContain('"xóa"');
    expect((ws.getRow(SCORE_HEADER_ROW).values as Cell[]).slice(1)).toEqual([
      'STT', 'Mã nội bộ (không sửa)', 'Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh', 'ĐĐGtx 1', 'ĐĐGtx 2', 'ĐĐGtx 3', 'ĐĐGgk', 'ĐĐGck', 'Nhận xét', 'ĐTBmhk',
    ]);
    expect(ws.getColumn(2).hidden).toBe(true);
    const first = ws.getRow(SCORE_HEADER_ROW + 1);
    expect(first.getCell(2).value).toBe('st-1');
    expect(first.getCell(3).value).toBe('0142976685');
    expect(first.getCell(5).value).toBe('05/09/2014');
    expect(first.getCell(6).value).toBe('7,0');
    expect(first.getCell(6).numFmt).toBe('@');
    expect(first.getCell(7).numFmt).toBe('@');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: SCORE_HEADER_ROW });
    expect(wb.getWorksheet('Hướng dẫn')).toBeDefined();
  });

  it('gives Đ/CĐ columns a drop-down list and names the computed result', async () => {
    const wb = await load(await buildScoreWorkbook(makeSheet({ assessmentKind: 'comment', regularCount: 2, hasPeriodicTest: false })));
    const ws = wb.getWorksheet('Bảng điểm')!;
    const headers = (ws.getRow(SCORE_HEADER_ROW).values as Cell[]).slice(1);
    expect(headers.at(-1)).toBe('Kết quả học kỳ');
    const v = ws.getRow(SCORE_HEADER_ROW + 1).getCell(6).dataValidation;
    expect(v).toMatchObject({ type: 'list', formulae: ['"Đ,CĐ,xóa"'] });
  });

  it('gives T/H/C lists to primary levels', async () => {
    const wb = await load(await buildScoreWorkbook(makeSheet({ assessmentKind: 'primaryLevel', regularCount: null, hasPeriodicTest: true })));
    const ws = wb.getWorksheet('Bảng điểm')!;
    const headers = (ws.getRow(SCORE_HEADER_ROW).values as Cell[]).slice(1);
    expect(headers).toContain('Mức đạt được giữa HK I');
    expect(headers).toContain('Điểm KTĐK cuối HK I');
    expect(ws.getRow(SCORE_HEADER_ROW + 1).getCell(6).dataValidation).toMatchObject({ type: 'list', formulae: ['"T,H,C,xóa"'] });
  });
});

describe('parseScoreWorkbook: our export filled in', () => {
  it('reads "8,5", "8.5", "85" (typed shorthand), number 8.5 exactly, whole numbers and 10', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [
      [0, 'ĐĐGtx 2', '8,5'],
      [0, 'ĐĐGtx 3', '8.5'],
      [0, 'ĐĐGgk', '85'],
      [1, 'ĐĐGtx 1', 8.5],
      [1, 'ĐĐGtx 2', 9],
      [1, 'ĐĐGtx 3', 10],
      [1, 'ĐĐGgk', 0.1 * 3],
      [2, 'ĐĐGck', 7.1],
      [2, 'Nhận xét', 'Tiến bộ rõ'],
    ]);
    const changes = expectOk(await parseScoreWorkbook(buf, sheet));
    const tenths = Object.fromEntries(changes.map((c) => [`${c.studentId}.${c.columnKey}`, c.cell.scoreTenths ?? c.cell.text]));
    expect(tenths).toEqual({
      'st-1.TX1': 70, // exported value, unchanged (the diff skips it later)
      'st-1.TX2': 85,
      'st-1.TX3': 85,
      'st-1.GK': 85,
      'st-2.TX1': 85,
      'st-2.TX2': 90,
      'st-2.TX3': 100,
      'st-2.GK': 3,
      'st-3.CK': 71,
      'st-3.NX': 'Tiến bộ rõ',
    });
    expect(changes.find((c) => c.studentId === 'st-2' && c.columnKey === 'TX1')!.value).toBe('8,5');
  });

  it('an empty cell is no change; "xóa" clears', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [[0, 'ĐĐGtx 1', null], [1, 'ĐĐGgk', 'Xóa']]);
    expect(expectOk(await parseScoreWorkbook(buf, sheet))).toEqual([
      { studentId: 'st-2', columnKey: 'GK', value: '', cell: { scoreTenths: null, text: null } },
    ]);
  });

  it('matches rows by the hidden id even when the rows were sorted', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [], (ws) => {
      // swap the first two students' rows entirely
      const a = ws.getRow(SCORE_HEADER_ROW + 1).values as Cell[];
      const b = ws.getRow(SCORE_HEADER_ROW + 2).values as Cell[];
      ws.getRow(SCORE_HEADER_ROW + 1).values = b;
      ws.getRow(SCORE_HEADER_ROW + 2).values = a;
      ws.getRow(SCORE_HEADER_ROW + 1).getCell(9).value = '6';
    });
    const changes = expectOk(await parseScoreWorkbook(buf, sheet));
    expect(changes).toContainEqual({ studentId: 'st-2', columnKey: 'GK', value: '6,0', cell: { scoreTenths: 60, text: null } });
  });

  it('reports every bad value with its Excel row and column header', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [
      [0, 'ĐĐGtx 2', '10,5'],
      [0, 'ĐĐGck', 'tám'],
      [1, 'ĐĐGtx 1', 8.55],
      [2, 'ĐĐGgk', new Date(Date.UTC(2026, 4, 8))],
      [2, 'ĐĐGck', { formula: 'A1+B1' } as Cell],
    ], (ws) => {
      // What Excel does to "8.5" typed into a General cell under some regional settings.
      const cell = ws.getRow(SCORE_HEADER_ROW + 3).getCell(9);
      cell.style = { ...cell.style, numFmt: 'dd/mm/yyyy' }; // a fresh style: loaded cells share theirs
    });
    const errors = expectErrors(await parseScoreWorkbook(buf, sheet));
    const r = SCORE_HEADER_ROW;
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [r + 1, 'ĐĐGtx 2'],
      [r + 1, 'ĐĐGck'],
      [r + 2, 'ĐĐGtx 1'],
      [r + 3, 'ĐĐGgk'],
      [r + 3, 'ĐĐGck'],
    ]);
    expect(errors[0].message).toBe(`Dòng ${r + 1}, cột "ĐĐGtx 2": Điểm "10,5" nằm ngoài thang điểm 0–10.`);
    expect(errors[2].message).toContain('quá một chữ số thập phân');
    expect(errors[3].message).toContain('ngày tháng');
    expect(errors[4].message).toContain('công thức (=A1+B1)');
  });

  it('takes a formula whose saved result is a valid score; refuses one whose result is not', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [
      [1, 'ĐĐGtx 1', { formula: '17/2', result: 8.5 } as Cell],
      [1, 'ĐĐGtx 2', { formula: '17', result: 17 } as Cell],
    ]);
    const errors = expectErrors(await parseScoreWorkbook(buf, sheet));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ row: SCORE_HEADER_ROW + 2, field: 'ĐĐGtx 2' });
    expect(errors[0].message).toContain('công thức (=17)');
    expect(errors[0].message).toContain('ngoài thang điểm');
    const ok = await filled(sheet, [[1, 'ĐĐGtx 1', { formula: '17/2', result: 8.5 } as Cell]]);
    expect(expectOk(await parseScoreWorkbook(ok, sheet))).toContainEqual({ studentId: 'st-2', columnKey: 'TX1', value: '8,5', cell: { scoreTenths: 85, text: null } });
  });

  it('ignores the computed ĐTBmhk column', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [[1, 'ĐTBmhk', '9,9']]);
    expect(expectOk(await parseScoreWorkbook(buf, sheet)).filter((c) => c.studentId === 'st-2')).toEqual([]);
  });

  it('refuses values for a student who left the class, and a name that does not match the id', async () => {
    const sheet = makeSheet();
    const buf = await filled(sheet, [[3, 'ĐĐGgk', '7']], (ws) => {
      ws.getRow(SCORE_HEADER_ROW + 2).getCell(4).value = 'Lê Minh Châu';
    });
    const errors = expectErrors(await parseScoreWorkbook(buf, sheet));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [SCORE_HEADER_ROW + 2, 'Họ và tên'],
      [SCORE_HEADER_ROW + 4, 'Họ và tên'],
    ]);
    expect(errors[0].message).toContain('không khớp');
    expect(errors[1].message).toContain('đã chuyển đi');
  });

  it('refuses a file exported for another class, subject or term', async () => {
    const other = { ...makeSheet(), classId: 'class-6a2', className: '6A2' };
    const buf = await filled(other, []);
    const errors = expectErrors(await parseScoreWorkbook(buf, makeSheet()));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringContaining('lớp 6A2') }]);
  });

  it('a broken file is one error on the file', async () => {
    for (const buf of [Buffer.alloc(0), Buffer.from('STT,Họ và tên\n1,An'), Buffer.from('PK\u0003\u0004broken')]) {
      const errors = expectErrors(await parseScoreWorkbook(buf, makeSheet()));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ row: 0, field: 'tệp' });
    }
  });
});

describe('parseScoreWorkbook: vnEdu / SMAS-like sheets', () => {
  /** Title block on rows 1–6, two header rows (7–8) with a merged ĐĐGtx group, data from row 9. */
  async function vendorFile(rows: Cell[][], tx: Cell[] = [1, 2, 3]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.getCell('A1').value = 'SỞ GD&ĐT HƯNG YÊN';
    ws.getCell('A2').value = 'TRƯỜNG THCS NGUYỄN TRÃI';
    ws.getCell('C4').value = 'BẢNG ĐIỂM MÔN TOÁN HỌC KỲ I';
    ws.getCell('C5').value = 'Lớp: 6A1 - Năm học 2026-2027';
    const fixed = ['STT', 'Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh'];
    fixed.forEach((h, i) => {
      ws.getCell(7, i + 1).value = h;
      ws.mergeCells(7, i + 1, 8, i + 1);
    });
    const txStart = fixed.length + 1;
    ws.getCell(7, txStart).value = 'ĐĐGtx';
    ws.mergeCells(7, txStart, 7, txStart + tx.length - 1);
    tx.forEach((n, i) => (ws.getCell(8, txStart + i).value = n));
    ['ĐĐGgk', 'ĐĐGck', 'ĐTBmhkI'].forEach((h, i) => {
      const col = txStart + tx.length + i;
      ws.getCell(7, col).value = h;
      ws.mergeCells(7, col, 8, col);
    });
    rows.forEach((r, i) => (ws.getRow(9 + i).values = r));
    return toBuffer(wb);
  }

  it('finds the two-row header below the title block and matches by MOET code, else name + date of birth', async () => {
    const sheet = makeSheet();
    const buf = await vendorFile([
      [1, '0142976685', 'Nguyễn Văn An', '05/09/2014', '8', '7,5', 9, '8', '9', '8,4'],
      [2, '7407137235', 'Trần Thị Bình', '20/01/2014', null, null, null, '6.5', null, null],
      [3, '9999999999', 'Lê Minh Châu', '11/03/2014', '10', null, null, null, null, null],
    ]);
    const result = await parseScoreWorkbook(buf, sheet);
    const changes = expectOk(result);
    expect(result.ok && result.changes[0].row).toBe(9);
    expect(changes.map((c) => `${c.studentId}.${c.columnKey}=${c.value}`)).toEqual([
      'st-1.TX1=8,0',
      'st-1.TX2=7,5',
      'st-1.TX3=9,0',
      'st-1.GK=8,0',
      'st-1.CK=9,0',
      'st-2.GK=6,5',
      'st-3.TX1=10,0',
    ]);
  });

  it('maps Miệng / 15 phút / 1 tiết to ĐĐGtx slots', async () => {
    const buf = await vendorFile([[1, '0142976685', 'Nguyễn Văn An', '05/09/2014', '6', '7', '8', null, null]], ['Miệng', '15 phút', '1 tiết']);
    const changes = expectOk(await parseScoreWorkbook(buf, makeSheet()));
    expect(changes.map((c) => `${c.columnKey}=${c.value}`)).toEqual(['TX1=6,0', 'TX2=7,0', 'TX3=8,0']);
  });

  it('an ĐĐGtx column the subject does not have is an error only when filled', async () => {
    const buf = await vendorFile([[1, '0142976685', 'Nguyễn Văn An', '05/09/2014', '6', '7', '8', '9', null, null]], [1, 2, 3, 4]);
    const errors = expectErrors(await parseScoreWorkbook(buf, makeSheet()));
    expect(errors).toEqual([{ row: 9, field: 'ĐĐGtx 4', message: expect.stringContaining('không có cột này') }]);
  });

  it('two students with the same name and birthday need the code; unknown students with values are errors', async () => {
    const sheet = makeSheet();
    sheet.rows.push({ studentId: 'st-5', listNumber: 5, fullName: 'Lê Minh Châu', dateOfBirth: '2014-03-11', active: true, studentCode: null, cells: {}, average: null });
    const buf = await vendorFile([
      [1, null, 'Lê Minh Châu', '11/03/2014', '8', null, null, null, null, null],
      [2, null, 'Hoàng Văn Em', '01/01/2014', '8', null, null, null, null, null],
      [3, null, 'Hoàng Văn Không Điểm', '01/01/2014', null, null, null, null, null, null],
    ]);
    const errors = expectErrors(await parseScoreWorkbook(buf, sheet));
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [9, 'Họ và tên'],
      [10, 'Họ và tên'],
    ]);
    expect(errors[0].message).toContain('có 2 học sinh tên "Lê Minh Châu"');
    expect(errors[1].message).toContain('không tìm thấy học sinh "Hoàng Văn Em"');
  });

  it('comment subjects: Đ / CĐ and the spelled-out Đạt / Chưa đạt', async () => {
    const sheet = makeSheet({ assessmentKind: 'comment', regularCount: 2, hasPeriodicTest: false });
    const buf = await vendorFile([[1, '0142976685', 'Nguyễn Văn An', '05/09/2014', 'Đ', 'Chưa đạt', 'đ', 'Khá', null]], [1, 2]);
    const errors = expectErrors(await parseScoreWorkbook(buf, sheet));
    expect(errors).toEqual([{ row: 9, field: 'ĐĐGck', message: expect.stringContaining('chỉ nhận Đ (Đạt) hoặc CĐ (Chưa đạt)') }]);
    const ok = await vendorFile([[1, '0142976685', 'Nguyễn Văn An', '05/09/2014', 'Đ', 'Chưa đạt', 'đ', 'Đạt', null]], [1, 2]);
    expect(expectOk(await parseScoreWorkbook(ok, sheet)).map((c) => c.value)).toEqual(['Đ', 'CĐ', 'Đ', 'Đ']);
  });

  it('a sheet without any grade column is a file error', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('DS');
    ws.addRow(['STT', 'Họ và tên', 'Ngày sinh', 'Giới tính']);
    ws.addRow([1, 'Nguyễn Văn An', '05/09/2014', 'Nam']);
    const errors = expectErrors(await parseScoreWorkbook(await toBuffer(wb), makeSheet()));
    expect(errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringContaining('không có cột đánh giá nào') }]);
  });
});

describe('parseScoreWorkbook: hostile files go through the same guarded reader as the student import (issue 14)', () => {
  it.each([
    ['a sheet that unpacks to 500 MB', () => hugeSheet(500), 'Tệp Excel quá lớn khi giải nén: phần "xl/worksheets/sheet1.xml" có 500 MB (tối đa 50 MB).'],
    ['a column range past XFD', columnBomb, 'Tệp Excel có tham chiếu ô ngoài giới hạn của Excel (200000000): tệp bị hỏng hoặc không do Excel tạo ra.'],
  ] as const)('%s → one file error naming the limit', async (_label, make, message) => {
    expect(expectErrors(await parseScoreWorkbook(await make(), makeSheet()))).toEqual([{ row: 0, field: 'tệp', message }]);
  });
});
