/**
 * The score grid's pure logic, as rule tables: what a box reads as and what it shows, when a row
 * has unsaved work, the live average, blocks pasted from Excel, and the Idempotency-Key ids.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GradebookColumn } from '../../../domain/gradebook/gradebook-columns.ts';
import { type CellValue, EMPTY_CELL } from '../../../domain/gradebook/parse-cell-input.ts';
import type { GradebookSheet } from '../../api/types.ts';
import { type ColumnKind, type LocalCell, canonical, columnsOf, emptyCell, isDirty, liveAverage, newId, parseClipboard, readCell, subjectOf } from './grid-logic.ts';

const score = (tenths: number): CellValue => ({ scoreTenths: tenths, text: null });
const text = (t: string): CellValue => ({ scoreTenths: null, text: t });
const cell = (input: string, saved: CellValue = EMPTY_CELL, version = 0): LocalCell => ({ input, saved, version, source: 'typed' });

function sheetOf(subject: GradebookSheet['subject'], columns: GradebookSheet['columns']): GradebookSheet {
  return {
    classId: 'c1',
    className: '6A1',
    grade: 6,
    schoolYearId: 'y1',
    subject,
    termNo: 1,
    teacherName: null,
    columns,
    rows: [],
    canEdit: true,
    reEntryLastDay: null,
    reasonRequired: 'never',
    evidenceRequired: 'never',
  };
}

describe('readCell: what a box holds, read with the server’s own rules', () => {
  it.each([
    // kind, typed, value
    ['score', '8,5', score(85)],
    ['score', '8.5', score(85)],
    ['score', '85', score(85)],
    ['score', '0,5', score(5)],
    ['score', '1,1', score(11)],
    ['score', '21', score(21)],
    ['score', '0', score(0)],
    ['score', '10', score(100)],
    ['score', '100', score(100)],
    ['score', '10,0', score(100)],
    ['score', '8,50', score(85)],
    ['score', ' 7 ', score(70)],
    ['score', '', EMPTY_CELL],
    ['score', '   ', EMPTY_CELL],
    ['testScore', '0', score(0)],
    ['testScore', '9', score(90)],
    ['testScore', '05', score(50)],
    ['testScore', '10', score(100)],
    ['mark', 'Đ', text('Đ')],
    ['mark', 'đ', text('Đ')],
    ['mark', 'd', text('Đ')],
    ['mark', 'Đạt', text('Đ')],
    ['mark', 'đạt'.normalize('NFD'), text('Đ')],
    ['mark', 'dat', text('Đ')],
    ['mark', 'CĐ', text('CĐ')],
    ['mark', 'cd', text('CĐ')],
    ['mark', 'Chưa đạt', text('CĐ')],
    ['mark', 'chua dat', text('CĐ')],
    ['level', 't', text('T')],
    ['level', 'HTT', text('T')],
    ['level', 'Hoàn thành tốt', text('T')],
    ['level', 'ht', text('H')],
    ['level', 'H', text('H')],
    ['level', 'cht', text('C')],
    ['level', 'Chưa hoàn thành', text('C')],
    ['comment', '  Tiến bộ rõ  ', text('Tiến bộ rõ')],
    ['comment', 'x'.repeat(1000), text('x'.repeat(1000))],
    ['comment', '', EMPTY_CELL],
  ] as [ColumnKind, string, CellValue][])('%s "%s" reads as %o', (kind, input, value) => {
    expect(readCell(kind, cell(input))).toEqual({ ok: true, value });
  });

  it.each([
    // kind, typed, the message the teacher sees
    // issue 15 §5: "11" was saved as 1,1 without a word; the shortcut is 20–99 only
    ['score', '11', '"11" chưa rõ là điểm nào (thang điểm 0–10): nếu là 1,1 hãy nhập "1,1"; nếu là 1 hoặc 10 hãy nhập "1" hoặc "10".'],
    ['score', '05', '"05" chưa rõ là điểm nào (thang điểm 0–10): nếu là 0,5 hãy nhập "0,5"; nếu là 5 hãy nhập "5".'],
    ['score', '8,55', 'Điểm "8,55" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.'],
    ['score', '10,5', 'Điểm "10,5" nằm ngoài thang điểm 0–10.'],
    ['score', '101', 'Điểm "101" nằm ngoài thang điểm 0–10.'],
    ['score', '-1', 'Điểm "-1" nằm ngoài thang điểm 0–10.'],
    ['score', 'abc', '"abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['score', '8,', '"8," không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['score', ',5', '",5" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['score', ' 8 5 ', '"8 5" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'],
    ['testScore', '11', '"11" không phải điểm bài kiểm tra định kỳ: nhập số nguyên từ 0 đến 10 (TT 27/2020 Điều 7).'],
    ['testScore', '8,5', '"8,5" không phải điểm bài kiểm tra định kỳ: nhập số nguyên từ 0 đến 10 (TT 27/2020 Điều 7).'],
    ['testScore', '010', '"010" không phải điểm bài kiểm tra định kỳ: nhập số nguyên từ 0 đến 10 (TT 27/2020 Điều 7).'],
    ['mark', 'K', '"K" không hợp lệ: môn đánh giá bằng nhận xét chỉ nhận Đ (Đạt) hoặc CĐ (Chưa đạt).'],
    ['mark', '8', '"8" không hợp lệ: môn đánh giá bằng nhận xét chỉ nhận Đ (Đạt) hoặc CĐ (Chưa đạt).'],
    ['level', 'A', '"A" không hợp lệ: nhập T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).'],
    ['level', 'Đ', '"Đ" không hợp lệ: nhập T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).'],
    ['comment', 'x'.repeat(1001), 'Nhận xét dài quá 1000 ký tự.'],
  ] as [ColumnKind, string, string][])('%s "%s" is refused: %s', (kind, input, message) => {
    expect(readCell(kind, cell(input))).toEqual({ ok: false, message });
  });

  it('reads only what is typed, not what was saved or its version', () => {
    expect(readCell('score', cell('9', score(85), 4))).toEqual({ ok: true, value: score(90) });
    expect(readCell('score', cell('', score(85), 4))).toEqual({ ok: true, value: EMPTY_CELL });
  });
});

describe('isDirty: typed but not yet saved', () => {
  it.each([
    // kind, typed, saved, dirty
    ['score', '8,5', score(85), false],
    ['score', '8.5', score(85), false],
    ['score', '85', score(85), false],
    ['score', ' 8,5 ', score(85), false],
    ['score', '9', score(85), true],
    ['score', '', EMPTY_CELL, false],
    ['score', '', score(85), true],
    ['score', '8', EMPTY_CELL, true],
    ['score', 'abc', EMPTY_CELL, true],
    ['score', '8,55', score(85), true],
    ['testScore', '9', score(90), false],
    ['testScore', '11', score(90), true],
    ['mark', 'd', text('Đ'), false],
    ['mark', 'CĐ', text('Đ'), true],
    ['level', 'htt', text('T'), false],
    ['comment', ' Tốt ', text('Tốt'), false],
    ['comment', 'Tốt hơn', text('Tốt'), true],
  ] as [ColumnKind, string, CellValue, boolean][])('%s "%s" against %o → %s', (kind, input, saved, dirty) => {
    expect(isDirty(kind, cell(input, saved))).toBe(dirty);
  });
});

describe('canonical: the text a box shows once left, as the server shows it', () => {
  it.each([
    // kind, typed, shown
    ['score', '8.5', '8,5'],
    ['score', '8,5', '8,5'],
    ['score', '8', '8,0'],
    ['score', '05', '05'],
    ['score', '11', '11'],
    ['score', '85', '8,5'],
    ['score', '10', '10,0'],
    ['score', '100', '10,0'],
    ['score', '8,50', '8,5'],
    ['score', '', ''],
    ['score', '  ', ''],
    ['score', 'abc', 'abc'],
    ['score', '8,55', '8,55'],
    ['score', ' 10,5 ', ' 10,5 '],
    ['testScore', '9', '9'],
    ['testScore', '05', '5'],
    ['testScore', '10', '10'],
    ['testScore', '8,5', '8,5'],
    ['mark', 'd', 'Đ'],
    ['mark', 'chua dat', 'CĐ'],
    ['mark', 'K', 'K'],
    ['level', 'htt', 'T'],
    ['level', 'ht', 'H'],
    ['level', 'c', 'C'],
    ['comment', '  Tốt  ', 'Tốt'],
  ] as [ColumnKind, string, string][])('%s "%s" → "%s"', (kind, input, shown) => {
    expect(canonical(kind, input)).toBe(shown);
  });
});

describe('parseClipboard: a block copied from Excel, Google Sheets or LibreOffice', () => {
  it.each([
    ['one value', '8,5', [['8,5']]],
    ['a row: tab between cells', '8,5\t8.5\t9', [['8,5', '8.5', '9']]],
    ['a column: newline between rows', '8,5\n8.5\n', [['8,5'], ['8.5']]],
    ['a block, with the trailing newline Excel adds', '8,5\t8.5\n7\t10\n', [['8,5', '8.5'], ['7', '10']]],
    ['Windows line ends', '8,5\t8.5\r\n7\t10\r\n', [['8,5', '8.5'], ['7', '10']]],
    ['old Mac line ends', '8\r9', [['8'], ['9']]],
    ['only one trailing newline is dropped', '8\n\n', [['8'], ['']]],
    ['an empty row inside the block stays', '8\n\n9', [['8'], [''], ['9']]],
    ['an empty cell inside a row stays', '8\t\t9', [['8', '', '9']]],
    ['a trailing tab is an empty last cell', '8\t', [['8', '']]],
    ['spaces around a value are dropped', ' 8,5 \t 9 ', [['8,5', '9']]],
    ['ragged rows keep their own lengths', '1\t2\t3\n4', [['1', '2', '3'], ['4']]],
    ['a quoted cell is unquoted, doubled quotes undone', '"Tốt, ""chăm chỉ"""\t8', [['Tốt, "chăm chỉ"', '8']]],
    ['an empty quoted cell', '""', [['']]],
    ['a lone quote is kept', '"', [['"']]],
    ['a quote only at the start is kept', '"8', [['"8']]],
    ['nothing', '', [['']]],
    ['a lone newline', '\n', [['']]],
  ] as [string, string, string[][]][])('%s', (_, clipboard, block) => {
    expect(parseClipboard(clipboard)).toEqual(block);
  });

  it('a pasted block with both 8,5 and 8.5 shows 8,5 in every score box and reads as 85 tenths', () => {
    const block = parseClipboard('8,5\t8.5\n85\t 8.5 \r\n');
    expect(block.map((line) => line.map((v) => canonical('score', v)))).toEqual([
      ['8,5', '8,5'],
      ['8,5', '8,5'],
    ]);
    expect(block.flat().map((v) => readCell('score', cell(v)))).toEqual(Array(4).fill({ ok: true, value: score(85) }));
  });

  it('a pasted block with a bad value keeps it as typed, with its message', () => {
    const [[good, bad]] = parseClipboard('8.5\t8.55\n');
    expect([canonical('score', good), canonical('score', bad)]).toEqual(['8,5', '8.55']);
    expect(readCell('score', cell(bad))).toEqual({ ok: false, message: 'Điểm "8.55" có quá một chữ số thập phân; điểm chỉ lấy đến một chữ số thập phân.' });
  });
});

describe('liveAverage: the row’s result as the teacher types', () => {
  const scored = (regularCount: number) => ({ assessmentKind: 'scored' as const, regularCount, hasPeriodicTest: false });
  const cols = (kind: 'score' | 'mark', regular: number): GradebookColumn[] => [
    ...Array.from({ length: regular }, (_, i) => ({ key: `TX${i + 1}`, label: `ĐĐGtx ${i + 1}`, kind, point: 'regular' as const, required: true })),
    { key: 'GK', label: 'ĐĐGgk', kind, point: 'midterm', required: true },
    { key: 'CK', label: 'ĐĐGck', kind, point: 'endOfTerm', required: true },
    { key: 'NX', label: 'Nhận xét', kind: 'comment', point: 'comment', required: false },
  ];
  const typed = (inputs: Record<string, string>, saved: Record<string, CellValue> = {}): Record<string, LocalCell> =>
    Object.fromEntries([...new Set([...Object.keys(inputs), ...Object.keys(saved)])].map((k) => [k, cell(inputs[k] ?? '', saved[k] ?? EMPTY_CELL)]));

  it.each([
    // what is on screen, ĐTBmhk = (TĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (Số ĐĐGtx + 5)
    ['every score typed: (8 + 7 + 2·6 + 3·9) / 7 = 7,71…', typed({ TX1: '8', TX2: '7', GK: '6', CK: '9', NX: 'Tốt' }), '7,7'],
    ['8,5 and 8.5 and 85 are the same score', typed({ TX1: '8,5', TX2: '8.5', GK: '85', CK: '8,5' }), '8,5'],
    ['all tens', typed({ TX1: '10', TX2: '10', GK: '10', CK: '10' }), '10,0'],
    ['all zeros', typed({ TX1: '0', TX2: '0', GK: '0', CK: '0' }), '0,0'],
    ['no end-of-term score yet', typed({ TX1: '8', TX2: '7', GK: '6' }), null],
    ['no midterm score yet', typed({ TX1: '8', TX2: '7', CK: '6' }), null],
    ['a regular score missing', typed({ TX1: '8', GK: '6', CK: '9' }), null],
    ['nothing typed', typed({}), null],
    ['an untouched box counts with its saved score', typed({ TX1: '8', TX2: '7', GK: '6', CK: '9,0' }, { CK: score(90) }), '7,7'],
    ['what is typed wins over what was saved', typed({ TX1: '10', TX2: '7', GK: '6', CK: '9' }, { TX1: score(80) }), '8,0'],
    ['an invalid box falls back to its saved value', typed({ TX1: 'abc', TX2: '7', GK: '6', CK: '9' }, { TX1: score(80) }), '7,7'],
    ['an invalid box with nothing saved leaves the row incomplete', typed({ TX1: '8,55', TX2: '7', GK: '6', CK: '9' }), null],
    ['a box cleared by the teacher empties the row, even if saved', typed({ TX1: '', TX2: '7', GK: '6', CK: '9' }, { TX1: score(80) }), null],
  ] as [string, Record<string, LocalCell>, string | null][])('%s → %s', (_, cells, shown) => {
    expect(liveAverage(scored(2), cols('score', 2), cells)).toBe(shown);
  });

  it('rounds half up at the hundredths: (5 + 5 + 5 + 2·4,8 + 3·5) / 8 = 4,95 → 5,0', () => {
    expect(liveAverage(scored(3), cols('score', 3), typed({ TX1: '5', TX2: '5', TX3: '5', GK: '4,8', CK: '5' }))).toBe('5,0');
  });

  it('a column the row has no box for is not counted (and the row is incomplete)', () => {
    const cells = typed({ TX1: '8', TX2: '7', GK: '6', CK: '9' });
    delete cells.TX2;
    expect(liveAverage(scored(2), cols('score', 2), cells)).toBe(null);
  });

  it.each([
    ['every mark Đạt', { TX1: 'Đ', TX2: 'd', GK: 'Đạt', CK: 'đ' }, 'Đ'],
    ['one Chưa đạt', { TX1: 'Đ', TX2: 'CĐ', GK: 'Đ', CK: 'Đ' }, 'CĐ'],
    ['end-of-term Chưa đạt', { TX1: 'Đ', TX2: 'Đ', GK: 'Đ', CK: 'cd' }, 'CĐ'],
    ['a mark missing', { TX1: 'Đ', GK: 'Đ', CK: 'Đ' }, null],
    ['an invalid mark with nothing saved', { TX1: 'K', TX2: 'Đ', GK: 'Đ', CK: 'Đ' }, null],
  ] as [string, Record<string, string>, string | null][])('a comment-assessed subject: %s → %s', (_, inputs, shown) => {
    expect(liveAverage({ assessmentKind: 'comment', regularCount: 2, hasPeriodicTest: false }, cols('mark', 2), typed(inputs))).toBe(shown);
  });

  it('a primary subject has no row result (the level is the teacher’s judgement)', () => {
    const columns: GradebookColumn[] = [
      { key: 'MUC_GK', label: 'Mức đạt được giữa HK I', kind: 'level', point: 'midterm', required: true },
      { key: 'MUC_CK', label: 'Mức đạt được cuối HK I', kind: 'level', point: 'endOfTerm', required: true },
    ];
    expect(liveAverage({ assessmentKind: 'primaryLevel', regularCount: null, hasPeriodicTest: false }, columns, typed({ MUC_GK: 'T', MUC_CK: 'H' }))).toBe(null);
  });
});

describe('subjectOf and columnsOf: the sheet in the shape src/domain expects', () => {
  const columns: GradebookSheet['columns'] = [
    { key: 'TX1', label: 'ĐĐGtx 1', kind: 'score', point: 'regular', required: true, blockedBy: null },
    { key: 'GK', label: 'ĐĐGgk', kind: 'score', point: 'midterm', required: true, blockedBy: 'Khóa sổ giữa kỳ (Hiệu trưởng)' },
    { key: 'NX', label: 'Nhận xét', kind: 'comment', point: 'comment', required: false, blockedBy: null },
  ];

  it.each([
    ['scored', 3, { assessmentKind: 'scored', regularCount: 3, hasPeriodicTest: false }],
    ['comment', 2, { assessmentKind: 'comment', regularCount: 2, hasPeriodicTest: false }],
    ['primaryLevel', null, { assessmentKind: 'primaryLevel', regularCount: null, hasPeriodicTest: false }],
  ] as const)('a %s subject with %s regular assessments', (assessmentKind, regularCount, expected) => {
    expect(subjectOf(sheetOf({ id: 's1', code: 'TOAN', name: 'Toán', assessmentKind, regularCount }, columns))).toEqual(expected);
  });

  it('columns keep key, label, kind, point and required, in order; the lock reason stays with the sheet', () => {
    expect(columnsOf(sheetOf({ id: 's1', code: 'TOAN', name: 'Toán', assessmentKind: 'scored', regularCount: 1 }, columns))).toEqual([
      { key: 'TX1', label: 'ĐĐGtx 1', kind: 'score', point: 'regular', required: true },
      { key: 'GK', label: 'ĐĐGgk', kind: 'score', point: 'midterm', required: true },
      { key: 'NX', label: 'Nhận xét', kind: 'comment', point: 'comment', required: false },
    ]);
    expect(columnsOf(sheetOf({ id: 's1', code: 'TOAN', name: 'Toán', assessmentKind: 'scored', regularCount: 1 }, []))).toEqual([]);
  });
});

describe('emptyCell', () => {
  it('is a box never saved: nothing typed, nothing saved, version 0, typed', () => {
    expect(emptyCell()).toEqual({ input: '', saved: EMPTY_CELL, version: 0, source: 'typed' });
    expect(isDirty('score', emptyCell())).toBe(false);
  });

  it('is a new object each time, so one box’s edit never shows in another', () => {
    expect(emptyCell()).not.toBe(emptyCell());
  });
});

describe('newId: an Idempotency-Key', () => {
  const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
  afterEach(() => vi.unstubAllGlobals());

  it('is a version 4 UUID, different every time', () => {
    const ids = Array.from({ length: 200 }, newId);
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(200);
  });

  it.each([
    // random bytes, id: the version and variant bits are set whatever the bytes are
    [0x00, '00000000-0000-4000-8000-000000000000'],
    [0xff, 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
    [0xab, 'abababab-abab-4bab-abab-abababababab'],
  ])('without crypto.randomUUID (plain http), from getRandomValues: bytes 0x%s → %s', (byte, id) => {
    vi.stubGlobal('crypto', { getRandomValues: (b: Uint8Array) => b.fill(byte) });
    expect(newId()).toBe(id);
    expect(newId()).toMatch(UUID_V4);
  });
});
