/**
 * The sheet editor's state transitions, as tables: typing, a save's life (started, acknowledged,
 * refused by a conflict, a lock or a missing reason, failed), resolving a conflict, putting a row
 * back, and a refetched sheet merged under what the teacher is typing.
 */
import { describe, expect, it } from 'vitest';
import type { GradebookCell, GradebookSheet } from '../../api/types.ts';
import { type ColumnKind, type LocalCell, isDirty } from './grid-logic.ts';
import {
  type RowState,
  type RowStatus,
  type SheetEditorAction,
  type SheetEditorState,
  initialSheetEditorState,
  pendingCount,
  sheetEditorReducer,
  unconfirmedColumns,
} from './sheet-editor-state.ts';

const COLUMNS: GradebookSheet['columns'] = [
  { key: 'TX1', label: 'ĐĐGtx 1', kind: 'score', point: 'regular', required: true, blockedBy: null },
  { key: 'TX2', label: 'ĐĐGtx 2', kind: 'score', point: 'regular', required: true, blockedBy: null },
  { key: 'GK', label: 'ĐĐGgk', kind: 'score', point: 'midterm', required: true, blockedBy: null },
  { key: 'CK', label: 'ĐĐGck', kind: 'score', point: 'endOfTerm', required: true, blockedBy: null },
  { key: 'NX', label: 'Nhận xét', kind: 'comment', point: 'comment', required: false, blockedBy: null },
];
const KINDS: ReadonlyMap<string, ColumnKind> = new Map(COLUMNS.map((c) => [c.key, c.kind]));

const serverCell = (display: string, scoreTenths: number | null, version: number, text: string | null = null): GradebookCell => ({ display, scoreTenths, text, version });

function sheetWith(rows: { studentId: string; cells: Record<string, GradebookCell> }[], columns = COLUMNS): GradebookSheet {
  return {
    classId: 'c1',
    className: '6A1',
    grade: 6,
    schoolYearId: 'y1',
    subject: { id: 'sub1', code: 'TOAN', name: 'Toán', assessmentKind: 'scored', regularCount: 2 },
    termNo: 1,
    teacherName: 'Nguyễn Thị Lan',
    columns,
    rows: rows.map((r, i) => ({ studentId: r.studentId, listNumber: i + 1, fullName: `Học sinh ${i + 1}`, dateOfBirth: '2014-01-01', active: true, cells: r.cells, average: null })),
    canEdit: true,
    reEntryLastDay: null,
    reasonRequired: 'reEntry',
    evidenceRequired: 'never',
  };
}

/** Ann has 8,5 saved in TX1 (version 3) and a comment; Bình has nothing saved. */
const SHEET = sheetWith([
  { studentId: 'ann', cells: { TX1: serverCell('8,5', 85, 3), NX: serverCell('Chăm chỉ', null, 1, 'Chăm chỉ') } },
  { studentId: 'binh', cells: {} },
]);
const START = initialSheetEditorState(SHEET);

const reduce = (state: SheetEditorState, ...actions: SheetEditorAction[]) => actions.reduce(sheetEditorReducer, state);
const withStatus = (state: SheetEditorState, studentId: string, status: RowStatus): SheetEditorState => ({ ...state, [studentId]: { ...state[studentId], status } });
const typing = (studentId: string, columnKey: string, input: string, source: 'typed' | 'pasted' | 'filled' = 'typed'): SheetEditorAction => ({
  type: 'inputsSet',
  changes: [{ studentId, columnKey, input }],
  source,
});
const cellOf = (state: SheetEditorState, studentId: string, key: string): LocalCell => state[studentId].cells[key];

const CONFLICT: RowStatus = { state: 'conflict', message: 'Điểm vừa được sửa ở nơi khác.', conflicts: [{ columnKey: 'TX1', mine: '9', current: serverCell('7,0', 70, 4) }] };
const LOCKED: RowStatus = { state: 'locked', message: 'Sổ đã khóa.', blocks: [{ columnKey: 'TX1', message: 'Khóa sổ học kỳ I' }] };

describe('initialSheetEditorState: the sheet as the server has it', () => {
  it('each saved cell shows its display text, with its value and version; nothing is dirty; every row idle', () => {
    expect(cellOf(START, 'ann', 'TX1')).toEqual({ input: '8,5', saved: { scoreTenths: 85, text: null }, version: 3, source: 'typed' });
    expect(cellOf(START, 'ann', 'NX')).toEqual({ input: 'Chăm chỉ', saved: { scoreTenths: null, text: 'Chăm chỉ' }, version: 1, source: 'typed' });
    expect(Object.keys(START)).toEqual(['ann', 'binh']);
    for (const row of Object.values(START)) {
      expect(row.status).toEqual({ state: 'idle' });
      expect(Object.keys(row.cells)).toEqual(['TX1', 'TX2', 'GK', 'CK', 'NX']);
      for (const col of COLUMNS) expect(isDirty(col.kind, row.cells[col.key])).toBe(false);
    }
  });

  it('a cell never saved is an empty box at version 0', () => {
    expect(cellOf(START, 'binh', 'GK')).toEqual({ input: '', saved: { scoreTenths: null, text: null }, version: 0, source: 'typed' });
  });

  it('an empty sheet has no rows', () => {
    expect(initialSheetEditorState(sheetWith([]))).toEqual({});
    expect(pendingCount(initialSheetEditorState(sheetWith([])))).toBe(0);
  });
});

describe('inputsSet: typing, paste, fill', () => {
  it.each([
    // the row's status before, after typing
    [{ state: 'idle' }, { state: 'pending' }],
    [{ state: 'pending' }, { state: 'pending' }],
    [{ state: 'saving' }, { state: 'pending' }],
    [{ state: 'saved', at: 1 }, { state: 'pending' }],
    [{ state: 'invalid', message: 'ĐĐGtx 1: …' }, { state: 'pending' }],
    [{ state: 'failed', message: 'Mất kết nối' }, { state: 'pending' }],
    [{ state: 'needReason', message: 'Cần lý do' }, { state: 'pending' }],
    [CONFLICT, CONFLICT],
    [LOCKED, LOCKED],
  ] as [RowStatus, RowStatus][])('a row %o becomes %o (a conflict or a lock stays until resolved)', (before, after) => {
    const next = sheetEditorReducer(withStatus(START, 'ann', before), typing('ann', 'TX1', '9'));
    expect(next.ann.status).toEqual(after);
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '9', saved: { scoreTenths: 85, text: null }, version: 3, source: 'typed' });
  });

  it.each(['typed', 'pasted', 'filled'] as const)('the box remembers it was %s', (source) => {
    expect(cellOf(sheetEditorReducer(START, typing('binh', 'GK', '8.5', source)), 'binh', 'GK').source).toBe(source);
  });

  it('keeps what is typed as typed (8.5 is not rewritten to 8,5 here), invalid text too', () => {
    const next = reduce(START, typing('binh', 'TX1', '8.5'), typing('binh', 'TX2', 'abc'));
    expect([cellOf(next, 'binh', 'TX1').input, cellOf(next, 'binh', 'TX2').input]).toEqual(['8.5', 'abc']);
  });

  it.each([
    ['the same text as the box already has', typing('ann', 'TX1', '8,5')],
    ['an unknown student', typing('nobody', 'TX1', '9')],
    ['an unknown column', typing('ann', 'TX9', '9')],
    ['no changes at all', { type: 'inputsSet', changes: [], source: 'typed' } as SheetEditorAction],
  ])('%s changes no row', (_, action) => {
    const next = sheetEditorReducer(START, action);
    expect(next).toEqual(START);
    expect(next.ann).toBe(START.ann);
    expect(next.binh).toBe(START.binh);
  });

  it('a pasted block touches only its rows; the others keep their identity (no re-render)', () => {
    const next = sheetEditorReducer(START, {
      type: 'inputsSet',
      changes: [
        { studentId: 'binh', columnKey: 'TX1', input: '8,5' },
        { studentId: 'binh', columnKey: 'TX2', input: '8.5' },
      ],
      source: 'pasted',
    });
    expect(next.ann).toBe(START.ann);
    expect(next.binh.status).toEqual({ state: 'pending' });
    expect([cellOf(next, 'binh', 'TX1'), cellOf(next, 'binh', 'TX2')].map((c) => [c.input, c.source])).toEqual([
      ['8,5', 'pasted'],
      ['8.5', 'pasted'],
    ]);
  });

  it('never changes the state it was given', () => {
    const before = JSON.stringify(START);
    sheetEditorReducer(START, typing('ann', 'TX1', '9'));
    expect(JSON.stringify(START)).toBe(before);
  });
});

describe('saveSkipped: nothing valid to send', () => {
  it.each([
    // status before, invalid cells, status after
    [{ state: 'pending' }, ['ĐĐGtx 1: "abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'], { state: 'invalid', message: 'ĐĐGtx 1: "abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.' }],
    [{ state: 'pending' }, ['ĐĐGtx 1: a', 'ĐĐGgk: b'], { state: 'invalid', message: 'ĐĐGtx 1: a ĐĐGgk: b' }],
    [{ state: 'pending' }, [], { state: 'idle' }],
    [{ state: 'saved', at: 5 }, [], { state: 'saved', at: 5 }],
    [{ state: 'failed', message: 'x' }, [], { state: 'failed', message: 'x' }],
    [{ state: 'idle' }, [], { state: 'idle' }],
  ] as [RowStatus, string[], RowStatus][])('%o with invalid %o → %o', (before, invalid, after) => {
    expect(sheetEditorReducer(withStatus(START, 'ann', before), { type: 'saveSkipped', studentId: 'ann', invalid }).ann.status).toEqual(after);
  });
});

describe('a save refused or failed keeps what was typed, with the reason on the row', () => {
  const typed = sheetEditorReducer(START, typing('ann', 'TX1', '9'));
  it.each([
    [{ type: 'saveStarted', studentId: 'ann' }, { state: 'saving' }],
    [{ type: 'saveFailed', studentId: 'ann', message: 'Failed to fetch' }, { state: 'failed', message: 'Failed to fetch' }],
    [{ type: 'reasonRequired', studentId: 'ann', message: 'Sửa điểm đã nhập cần ghi lý do.' }, { state: 'needReason', message: 'Sửa điểm đã nhập cần ghi lý do.' }],
    [
      { type: 'saveLocked', studentId: 'ann', message: 'Sổ đã khóa.', blocks: [{ columnKey: 'TX1', message: 'Khóa sổ học kỳ I (Hiệu trưởng)' }] },
      { state: 'locked', message: 'Sổ đã khóa.', blocks: [{ columnKey: 'TX1', message: 'Khóa sổ học kỳ I (Hiệu trưởng)' }] },
    ],
    [
      { type: 'saveConflicted', studentId: 'ann', message: 'Điểm vừa được sửa ở nơi khác.', conflicts: [{ columnKey: 'TX1', current: serverCell('7,0', 70, 4) }, { columnKey: 'TX9', current: serverCell('', null, 1) }] },
      // "mine" is what the box holds now; a column the row does not have shows as empty
      { state: 'conflict', message: 'Điểm vừa được sửa ở nơi khác.', conflicts: [{ columnKey: 'TX1', mine: '9', current: serverCell('7,0', 70, 4) }, { columnKey: 'TX9', mine: '', current: serverCell('', null, 1) }] },
    ],
  ] as [SheetEditorAction, RowStatus][])('%o → %o', (action, status) => {
    const next = sheetEditorReducer(typed, action);
    expect(next.ann.status).toEqual(status);
    expect(next.ann.cells).toBe(typed.ann.cells);
    expect(next.binh).toBe(typed.binh);
  });

  it.each([
    { type: 'saveStarted', studentId: 'nobody' },
    { type: 'saveFailed', studentId: 'nobody', message: 'x' },
    { type: 'saveSkipped', studentId: 'nobody', invalid: [] },
    { type: 'conflictResolved', studentId: 'nobody', choice: 'mine' },
    { type: 'rowReverted', studentId: 'nobody', columns: COLUMNS },
  ] as SheetEditorAction[])('a row that is no longer on the sheet is left alone: %o', (action) => {
    expect(sheetEditorReducer(START, action)).toBe(START);
  });
});

describe('saveAcknowledged: the server saved the batch', () => {
  const ack = (over: Partial<Extract<SheetEditorAction, { type: 'saveAcknowledged' }>>): Extract<SheetEditorAction, { type: 'saveAcknowledged' }> => ({
    type: 'saveAcknowledged',
    studentId: 'ann',
    changes: [{ studentId: 'ann', columnKey: 'TX1', value: '9', baseVersion: 3 }],
    answer: { saved: [{ studentId: 'ann', columnKey: 'TX1', cell: serverCell('9,0', 90, 4) }], unchanged: [] },
    kinds: KINDS,
    invalid: [],
    at: 1_700_000_000_000,
    ...over,
  });
  const sent = reduce(START, typing('ann', 'TX1', '9'), { type: 'saveStarted', studentId: 'ann' });

  it('a saved cell takes the server’s value and version and is clean; the box keeps what was typed', () => {
    const next = sheetEditorReducer(sent, ack({}));
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '9', saved: { scoreTenths: 90, text: null }, version: 4, source: 'typed' });
    expect(isDirty('score', cellOf(next, 'ann', 'TX1'))).toBe(false);
    expect(next.ann.status).toEqual({ state: 'saved', at: 1_700_000_000_000 });
    expect(cellOf(next, 'ann', 'NX')).toBe(cellOf(sent, 'ann', 'NX'));
    expect(unconfirmedColumns(ack({}))).toEqual([]);
  });

  it('a cell the server already had takes the version the answer tells', () => {
    const state = reduce(START, typing('binh', 'GK', '8.5'), { type: 'saveStarted', studentId: 'binh' });
    const action = ack({ studentId: 'binh', changes: [{ studentId: 'binh', columnKey: 'GK', value: '8.5', baseVersion: 0 }], answer: { saved: [], unchanged: [{ studentId: 'binh', columnKey: 'GK', version: 6 }] } });
    const next = sheetEditorReducer(state, action);
    expect(cellOf(next, 'binh', 'GK')).toEqual({ input: '8.5', saved: { scoreTenths: 85, text: null }, version: 6, source: 'typed' });
    expect(unconfirmedColumns(action)).toEqual([]);
  });

  it.each([
    ['no word of it in the answer', { saved: [] }],
    ['the answer tells only another student’s version', { saved: [], unchanged: [{ studentId: 'binh', columnKey: 'TX1', version: 9 }] }],
  ] as [string, Extract<SheetEditorAction, { type: 'saveAcknowledged' }>['answer']][])(
    'a cell the server already had, with %s, keeps its old version and must be fetched again',
    (_, answer) => {
      const action = ack({ answer });
      const next = sheetEditorReducer(sent, action);
      expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '9', saved: { scoreTenths: 90, text: null }, version: 3, source: 'typed' });
      expect(unconfirmedColumns(action)).toEqual(['TX1']);
    },
  );

  it('a cleared cell, saved, is empty at its new version', () => {
    const state = reduce(START, typing('ann', 'TX1', ''), { type: 'saveStarted', studentId: 'ann' });
    const next = sheetEditorReducer(state, ack({ changes: [{ studentId: 'ann', columnKey: 'TX1', value: '', baseVersion: 3 }], answer: { saved: [{ studentId: 'ann', columnKey: 'TX1', cell: serverCell('', null, 4) }] } }));
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '', saved: { scoreTenths: null, text: null }, version: 4, source: 'typed' });
  });

  it('cells left out of the batch because they were invalid keep the row invalid', () => {
    const state = reduce(START, typing('ann', 'TX1', '9'), typing('ann', 'TX2', 'abc'), { type: 'saveStarted', studentId: 'ann' });
    const next = sheetEditorReducer(state, ack({ invalid: ['ĐĐGtx 2: "abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.'] }));
    expect(next.ann.status).toEqual({ state: 'invalid', message: 'ĐĐGtx 2: "abc" không phải là điểm số; hãy nhập một số từ 0 đến 10, ví dụ 8,5.' });
    expect(isDirty('score', cellOf(next, 'ann', 'TX1'))).toBe(false);
    expect(isDirty('score', cellOf(next, 'ann', 'TX2'))).toBe(true);
  });

  it('typing after the batch was sent stays dirty: the saved value is the one sent, not the one in the box', () => {
    const state = sheetEditorReducer(sent, typing('ann', 'TX1', '9,5'));
    const next = sheetEditorReducer(state, ack({}));
    expect(cellOf(next, 'ann', 'TX1')).toMatchObject({ input: '9,5', saved: { scoreTenths: 90, text: null }, version: 4 });
    expect(isDirty('score', cellOf(next, 'ann', 'TX1'))).toBe(true);
  });
});

describe('conflictResolved: the teacher chooses', () => {
  const inConflict = reduce(START, typing('ann', 'TX1', '9'), { type: 'saveStarted', studentId: 'ann' }, {
    type: 'saveConflicted',
    studentId: 'ann',
    message: 'Điểm vừa được sửa ở nơi khác.',
    conflicts: [{ columnKey: 'TX1', current: serverCell('7,0', 70, 4) }],
  });

  it.each([
    // choice, the box after, still to be saved
    ['mine', '9', true],
    ['theirs', '7,0', false],
  ] as const)('%s: the box shows "%s", on the server’s version 4; dirty = %s; the row waits to be saved', (choice, input, dirty) => {
    const next = sheetEditorReducer(inConflict, { type: 'conflictResolved', studentId: 'ann', choice });
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input, saved: { scoreTenths: 70, text: null }, version: 4, source: 'typed' });
    expect(isDirty('score', cellOf(next, 'ann', 'TX1'))).toBe(dirty);
    expect(next.ann.status).toEqual({ state: 'pending' });
  });

  it.each([[{ state: 'idle' }], [{ state: 'saved', at: 1 }], [LOCKED]] as [RowStatus][])('a row not in conflict (%o) is left alone', (status) => {
    const state = withStatus(START, 'ann', status);
    expect(sheetEditorReducer(state, { type: 'conflictResolved', studentId: 'ann', choice: 'theirs' })).toBe(state);
  });
});

describe('rowReverted: back to what the server confirmed (after a lock, or the reason dialog closed)', () => {
  it('unsaved and invalid boxes show their saved value again, typed; clean boxes are untouched; the row is idle', () => {
    const state = reduce(START, typing('ann', 'TX1', '9', 'pasted'), typing('ann', 'TX2', 'abc'), typing('ann', 'GK', ''), {
      type: 'saveLocked',
      studentId: 'ann',
      message: 'Sổ đã khóa.',
      blocks: [{ columnKey: 'TX1', message: 'Khóa sổ học kỳ I' }],
    });
    const next = sheetEditorReducer(state, { type: 'rowReverted', studentId: 'ann', columns: COLUMNS });
    expect(next.ann.status).toEqual({ state: 'idle' });
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '8,5', saved: { scoreTenths: 85, text: null }, version: 3, source: 'typed' });
    expect(cellOf(next, 'ann', 'TX2')).toEqual({ input: '', saved: { scoreTenths: null, text: null }, version: 0, source: 'typed' });
    expect(cellOf(next, 'ann', 'GK')).toBe(cellOf(state, 'ann', 'GK'));
    expect(cellOf(next, 'ann', 'NX')).toBe(cellOf(state, 'ann', 'NX'));
    expect(next.binh).toBe(state.binh);
  });

  it('a box typed in another way of writing the same value (85 for 8,5) is not rewritten', () => {
    const state = sheetEditorReducer(START, typing('ann', 'TX1', '85'));
    const next = sheetEditorReducer(state, { type: 'rowReverted', studentId: 'ann', columns: COLUMNS });
    expect(cellOf(next, 'ann', 'TX1').input).toBe('85');
  });
});

describe('sheetLoaded: a refetched sheet merged under what is being typed', () => {
  const refetched = sheetWith([
    { studentId: 'ann', cells: { TX1: serverCell('7,0', 70, 4), TX2: serverCell('6,0', 60, 1), NX: serverCell('Chăm chỉ', null, 1, 'Chăm chỉ') } },
    { studentId: 'binh', cells: { GK: serverCell('5,0', 50, 1) } },
  ]);
  const load = (state: SheetEditorState, sheet = refetched, busy: string[] = []) => sheetEditorReducer(state, { type: 'sheetLoaded', sheet, kinds: KINDS, busy: new Set(busy) });

  it('clean boxes take the server’s newer values; statuses stay', () => {
    const next = load(withStatus(START, 'ann', { state: 'saved', at: 3 }));
    expect(cellOf(next, 'ann', 'TX1')).toEqual({ input: '7,0', saved: { scoreTenths: 70, text: null }, version: 4, source: 'typed' });
    expect(cellOf(next, 'ann', 'TX2').input).toBe('6,0');
    expect(cellOf(next, 'binh', 'GK').input).toBe('5,0');
    expect(next.ann.status).toEqual({ state: 'saved', at: 3 });
    expect(next.binh.status).toEqual({ state: 'idle' });
  });

  it.each([
    ['a box typed but not saved keeps what is typed', reduce(START, typing('ann', 'TX1', '9')), [], { input: '9', version: 3 }],
    ['an invalid box keeps what is typed', reduce(START, typing('ann', 'TX1', 'abc')), [], { input: 'abc', version: 3 }],
    ['a row being saved keeps every box, even clean ones', START, ['ann'], { input: '8,5', version: 3 }],
  ] as [string, SheetEditorState, string[], Partial<LocalCell>][])('%s', (_, state, busy, tx1) => {
    const next = load(state, refetched, busy);
    expect(cellOf(next, 'ann', 'TX1')).toMatchObject(tx1);
    expect(cellOf(next, 'binh', 'GK').input).toBe('5,0');
  });

  it('a row being saved keeps even its clean boxes that the server changed', () => {
    expect(cellOf(load(START, refetched, ['ann']), 'ann', 'TX2').input).toBe('');
  });

  it('an older sheet (fetched before our save was answered) does not undo a newer saved value', () => {
    const saved = sheetEditorReducer(START, {
      type: 'saveAcknowledged',
      studentId: 'ann',
      changes: [{ studentId: 'ann', columnKey: 'TX1', value: '9', baseVersion: 3 }],
      answer: { saved: [{ studentId: 'ann', columnKey: 'TX1', cell: serverCell('9,0', 90, 5) }] },
      kinds: KINDS,
      invalid: [],
      at: 1,
    });
    const next = load(saved);
    expect(cellOf(next, 'ann', 'TX1')).toMatchObject({ saved: { scoreTenths: 90, text: null }, version: 5 });
  });

  it('the same version from the server replaces the box (its display text wins)', () => {
    const state = reduce(START, typing('ann', 'TX1', '85'));
    expect(cellOf(load(state, SHEET), 'ann', 'TX1').input).toBe('8,5');
  });

  it('a student who joined the class appears; one no longer on the sheet goes; a new column appears', () => {
    const columns = [...COLUMNS, { key: 'TX3', label: 'ĐĐGtx 3', kind: 'score' as const, point: 'regular' as const, required: true, blockedBy: null }];
    const next = load(START, sheetWith([{ studentId: 'ann', cells: { TX3: serverCell('10,0', 100, 1) } }, { studentId: 'chi', cells: {} }], columns));
    expect(Object.keys(next)).toEqual(['ann', 'chi']);
    expect(cellOf(next, 'ann', 'TX3').input).toBe('10,0');
    expect(next.chi.status).toEqual({ state: 'idle' });
  });
});

describe('pendingCount: rows not yet safe on the server (leaving the page asks first)', () => {
  it.each([
    ['idle', { state: 'idle' }, 0],
    ['pending', { state: 'pending' }, 1],
    ['saving', { state: 'saving' }, 1],
    ['saved', { state: 'saved', at: 1 }, 0],
    ['invalid', { state: 'invalid', message: 'x' }, 0],
    ['failed', { state: 'failed', message: 'x' }, 0],
    ['conflict', CONFLICT, 0],
    ['locked', LOCKED, 0],
    ['needReason', { state: 'needReason', message: 'x' }, 0],
  ] as [string, RowStatus, number][])('a row %s counts %i', (_, status, n) => {
    expect(pendingCount(withStatus(START, 'ann', status))).toBe(n);
  });

  it('counts rows, not cells', () => {
    const state = reduce(START, typing('ann', 'TX1', '9'), typing('ann', 'TX2', '8'), typing('binh', 'GK', '7'), { type: 'saveStarted', studentId: 'binh' });
    expect(pendingCount(state)).toBe(2);
  });
});

describe('a save’s whole life, one action after another', () => {
  it('type → save → someone else saved first → keep mine → save again → saved', () => {
    const steps: [SheetEditorAction, RowStatus['state'], Partial<LocalCell>][] = [
      [typing('ann', 'TX1', '9'), 'pending', { input: '9', version: 3 }],
      [{ type: 'saveStarted', studentId: 'ann' }, 'saving', { input: '9', version: 3 }],
      [{ type: 'saveConflicted', studentId: 'ann', message: 'Điểm vừa được sửa ở nơi khác.', conflicts: [{ columnKey: 'TX1', current: serverCell('7,0', 70, 4) }] }, 'conflict', { input: '9', version: 3 }],
      [typing('ann', 'TX1', '9,5'), 'conflict', { input: '9,5', version: 3 }],
      [{ type: 'conflictResolved', studentId: 'ann', choice: 'mine' }, 'pending', { input: '9,5', version: 4 }],
      [{ type: 'saveStarted', studentId: 'ann' }, 'saving', { input: '9,5', version: 4 }],
      [
        {
          type: 'saveAcknowledged',
          studentId: 'ann',
          changes: [{ studentId: 'ann', columnKey: 'TX1', value: '9,5', baseVersion: 4 }],
          answer: { saved: [{ studentId: 'ann', columnKey: 'TX1', cell: serverCell('9,5', 95, 5) }], unchanged: [] },
          kinds: KINDS,
          invalid: [],
          at: 42,
        },
        'saved',
        { input: '9,5', version: 5, saved: { scoreTenths: 95, text: null } },
      ],
    ];
    let state = START;
    for (const [action, status, cell] of steps) {
      state = sheetEditorReducer(state, action);
      expect(state.ann.status.state).toBe(status);
      expect(cellOf(state, 'ann', 'TX1')).toMatchObject(cell);
    }
    expect(pendingCount(state)).toBe(0);
    expect(state.binh).toBe(START.binh);
  });

  it('type → locked → put back: the row is as the server has it', () => {
    const state = reduce(
      START,
      typing('ann', 'TX1', '9'),
      { type: 'saveStarted', studentId: 'ann' },
      { type: 'saveLocked', studentId: 'ann', message: 'Sổ đã khóa.', blocks: [{ columnKey: 'TX1', message: 'Khóa sổ học kỳ I' }] },
      { type: 'rowReverted', studentId: 'ann', columns: COLUMNS },
    );
    expect(state.ann).toEqual<RowState>({ ...START.ann, status: { state: 'idle' } });
  });
});
