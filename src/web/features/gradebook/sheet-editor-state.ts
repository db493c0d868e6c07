/**
 * The grade-book sheet's editing state as a pure reducer (no React, no network, no clock): what
 * each cell holds, what the server last confirmed, and each row's save status. useSheetEditor.ts
 * runs the autosave around it (timers, requests, retries) and dispatches what happened.
 */
import { displayCell } from '../../../domain/gradebook/row-average.ts';
import type { GradebookCell, GradebookSheet, SaveCellsInput, SaveCellsResult } from '../../api/types.ts';
import { type CellSource, type ColumnKind, type LocalCell, emptyCell, isDirty, readCell } from './grid-logic.ts';

export interface Conflict {
  columnKey: string;
  mine: string;
  current: GradebookCell;
}
export interface Block {
  columnKey: string;
  message: string;
}

export type RowStatus =
  | { state: 'idle' }
  | { state: 'pending' }
  | { state: 'saving' }
  | { state: 'saved'; at: number }
  | { state: 'invalid'; message: string }
  | { state: 'failed'; message: string }
  | { state: 'conflict'; message: string; conflicts: Conflict[] }
  | { state: 'locked'; message: string; blocks: Block[] }
  | { state: 'needReason'; message: string };

export interface RowState {
  cells: Record<string, LocalCell>;
  status: RowStatus;
}

/** The rows of the sheet by student id. */
export type SheetEditorState = Record<string, RowState>;

/** Each column's kind by key; a key not in it is read as a comment. */
export type ColumnKinds = ReadonlyMap<string, ColumnKind>;

export type SheetEditorAction =
  /** The sheet came (again) from the server: cells nobody is editing here take its values. */
  | { type: 'sheetLoaded'; sheet: GradebookSheet; kinds: ColumnKinds; busy: ReadonlySet<string> }
  /** Typing, paste, fill, Esc: what is in the boxes. */
  | { type: 'inputsSet'; changes: readonly { studentId: string; columnKey: string; input: string }[]; source: CellSource }
  /** A save found nothing valid to send: the row's invalid cells, as "label: message". */
  | { type: 'saveSkipped'; studentId: string; invalid: readonly string[] }
  | { type: 'saveStarted'; studentId: string }
  /** The server saved the batch; `invalid` are the cells left out of it, `at` the client time. */
  | {
      type: 'saveAcknowledged';
      studentId: string;
      changes: SaveCellsInput['changes'];
      answer: Pick<SaveCellsResult, 'saved'> & { unchanged?: SaveCellsResult['unchanged'] };
      kinds: ColumnKinds;
      invalid: readonly string[];
      at: number;
    }
  /** 409: someone else saved these cells first. */
  | { type: 'saveConflicted'; studentId: string; message: string; conflicts: readonly { columnKey: string; current: GradebookCell }[] }
  /** 423: a lock or a closed window refused these cells. */
  | { type: 'saveLocked'; studentId: string; message: string; blocks: readonly Block[] }
  /** 400: a re-entry needs a reason. */
  | { type: 'reasonRequired'; studentId: string; message: string }
  | { type: 'saveFailed'; studentId: string; message: string }
  /** Conflict: keep mine (to be re-saved on the server's version) or take the server's value. */
  | { type: 'conflictResolved'; studentId: string; choice: 'mine' | 'theirs' }
  /** Put the row's unsaved cells back to what the server confirmed. */
  | { type: 'rowReverted'; studentId: string; columns: readonly { key: string; kind: ColumnKind }[] };

function cellFromServer(c: GradebookCell | undefined): LocalCell {
  return c ? { input: c.display, saved: { scoreTenths: c.scoreTenths, text: c.text }, version: c.version, source: 'typed' } : emptyCell();
}

/** Every row of the sheet as the server has it, nothing typed, every status idle. */
export function initialSheetEditorState(sheet: GradebookSheet): SheetEditorState {
  const out: SheetEditorState = {};
  for (const row of sheet.rows) {
    const cells: Record<string, LocalCell> = {};
    for (const col of sheet.columns) cells[col.key] = cellFromServer(row.cells[col.key]);
    out[row.studentId] = { cells, status: { state: 'idle' } };
  }
  return out;
}

const kindOf = (kinds: ColumnKinds, key: string): ColumnKind => kinds.get(key) ?? 'comment';

/**
 * Cells of an acknowledged save whose value the server already had but whose version the answer
 * does not tell: the sheet must be fetched again to learn it.
 */
export function unconfirmedColumns(action: Extract<SheetEditorAction, { type: 'saveAcknowledged' }>): string[] {
  const saved = new Set(action.answer.saved.map((x) => x.columnKey));
  const unchanged = new Set((action.answer.unchanged ?? []).filter((x) => x.studentId === action.studentId).map((x) => x.columnKey));
  return action.changes
    .filter((ch) => !saved.has(ch.columnKey) && !unchanged.has(ch.columnKey) && readCell(kindOf(action.kinds, ch.columnKey), { ...emptyCell(), input: ch.value }).ok)
    .map((ch) => ch.columnKey);
}

function mergeLoaded(rows: SheetEditorState, sheet: GradebookSheet, kinds: ColumnKinds, busy: ReadonlySet<string>): SheetEditorState {
  const fresh = initialSheetEditorState(sheet);
  const out: SheetEditorState = {};
  for (const [id, f] of Object.entries(fresh)) {
    const mine = rows[id];
    if (!mine) {
      out[id] = f;
      continue;
    }
    // A row being saved, and any cell typed but not saved, stay as they are; otherwise the newer version wins.
    const rowBusy = busy.has(id);
    const cells: Record<string, LocalCell> = {};
    for (const [key, fc] of Object.entries(f.cells)) {
      const mc = mine.cells[key];
      cells[key] = !mc ? fc : rowBusy || isDirty(kindOf(kinds, key), mc) ? mc : fc.version >= mc.version ? fc : mc;
    }
    out[id] = { cells, status: mine.status };
  }
  return out;
}

function setInputs(rows: SheetEditorState, action: Extract<SheetEditorAction, { type: 'inputsSet' }>): SheetEditorState {
  const out = { ...rows };
  for (const ch of action.changes) {
    const row = out[ch.studentId];
    const cell = row?.cells[ch.columnKey];
    if (!row || !cell || cell.input === ch.input) continue;
    out[ch.studentId] = {
      cells: { ...row.cells, [ch.columnKey]: { ...cell, input: ch.input, source: action.source } },
      // A row refused by a lock or waiting for a conflict keeps that state until resolved.
      status: row.status.state === 'conflict' || row.status.state === 'locked' ? row.status : { state: 'pending' },
    };
  }
  return out;
}

function acknowledge(row: RowState, action: Extract<SheetEditorAction, { type: 'saveAcknowledged' }>): RowState {
  const saved = new Map(action.answer.saved.map((x) => [x.columnKey, x.cell]));
  // Cells sent with the value the server already had: it tells their current version.
  const unchangedVersions = new Map((action.answer.unchanged ?? []).filter((x) => x.studentId === action.studentId).map((x) => [x.columnKey, x.version]));
  const cells = { ...row.cells };
  for (const ch of action.changes) {
    const cell = cells[ch.columnKey];
    const got = saved.get(ch.columnKey);
    const sent = readCell(kindOf(action.kinds, ch.columnKey), { ...cell, input: ch.value });
    if (got) cells[ch.columnKey] = { ...cell, saved: { scoreTenths: got.scoreTenths, text: got.text }, version: got.version };
    else if (sent.ok) cells[ch.columnKey] = { ...cell, saved: sent.value, version: unchangedVersions.get(ch.columnKey) ?? cell.version };
  }
  return { cells, status: action.invalid.length ? { state: 'invalid', message: action.invalid.join(' ') } : { state: 'saved', at: action.at } };
}

function resolveConflict(row: RowState, choice: 'mine' | 'theirs'): RowState {
  if (row.status.state !== 'conflict') return row;
  const cells = { ...row.cells };
  for (const c of row.status.conflicts) {
    const cell = cells[c.columnKey];
    const current = { scoreTenths: c.current.scoreTenths, text: c.current.text };
    cells[c.columnKey] = choice === 'mine' ? { ...cell, saved: current, version: c.current.version } : { ...cell, input: c.current.display, saved: current, version: c.current.version };
  }
  return { cells, status: { state: 'pending' } };
}

function revert(row: RowState, columns: readonly { key: string; kind: ColumnKind }[]): RowState {
  const cells = { ...row.cells };
  for (const col of columns) {
    const cell = cells[col.key];
    if (cell && isDirty(col.kind, cell)) cells[col.key] = { ...cell, input: displayCell(col.kind, cell.saved), source: 'typed' };
  }
  return { cells, status: { state: 'idle' } };
}

function rowTransition(row: RowState, action: Exclude<SheetEditorAction, { type: 'sheetLoaded' | 'inputsSet' }>): RowState {
  switch (action.type) {
    case 'saveSkipped':
      return { ...row, status: action.invalid.length ? { state: 'invalid', message: action.invalid.join(' ') } : row.status.state === 'pending' ? { state: 'idle' } : row.status };
    case 'saveStarted':
      return { ...row, status: { state: 'saving' } };
    case 'saveAcknowledged':
      return acknowledge(row, action);
    case 'saveConflicted':
      return {
        ...row,
        status: { state: 'conflict', message: action.message, conflicts: action.conflicts.map((c) => ({ columnKey: c.columnKey, mine: row.cells[c.columnKey]?.input ?? '', current: c.current })) },
      };
    case 'saveLocked':
      return { ...row, status: { state: 'locked', message: action.message, blocks: action.blocks.map((b) => ({ columnKey: b.columnKey, message: b.message })) } };
    case 'reasonRequired':
      return { ...row, status: { state: 'needReason', message: action.message } };
    case 'saveFailed':
      return { ...row, status: { state: 'failed', message: action.message } };
    case 'conflictResolved':
      return resolveConflict(row, action.choice);
    case 'rowReverted':
      return revert(row, action.columns);
  }
}

export function sheetEditorReducer(state: SheetEditorState, action: SheetEditorAction): SheetEditorState {
  switch (action.type) {
    case 'sheetLoaded':
      return mergeLoaded(state, action.sheet, action.kinds, action.busy);
    case 'inputsSet':
      return setInputs(state, action);
    default: {
      const row = state[action.studentId];
      if (!row) return state;
      const next = rowTransition(row, action);
      return next === row ? state : { ...state, [action.studentId]: next };
    }
  }
}

/** Rows typed but not yet saved, or being saved: leaving the page asks first. */
export function pendingCount(state: SheetEditorState): number {
  return Object.values(state).filter((r) => r.status.state === 'pending' || r.status.state === 'saving').length;
}
