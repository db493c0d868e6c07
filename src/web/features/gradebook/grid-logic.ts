/**
 * The pure parts of the grade-book grid: reading a cell with the SAME functions the server uses
 * (src/domain/gradebook), the row average as the teacher types, clipboard blocks, ids.
 */
import type { GradebookColumn, SubjectAssessment } from '../../../domain/gradebook/gradebook-columns.ts';
import { type CellValue, EMPTY_CELL, parseCellInput, sameCellValue } from '../../../domain/gradebook/parse-cell-input.ts';
import { displayCell, rowAverage } from '../../../domain/gradebook/row-average.ts';
import type { EditSource } from '../../../shared/edit-log.ts';
import type { GradebookSheet } from '../../api/types.ts';

/** How the teacher put a value in the grid (the server adds imported and correction). */
export type CellSource = Extract<EditSource, 'typed' | 'pasted' | 'filled'>;

/** One cell as the browser holds it: what is in the box, and what the server last confirmed. */
export interface LocalCell {
  input: string;
  saved: CellValue;
  version: number;
  source: CellSource;
}

export type ColumnKind = GradebookColumn['kind'];

export function subjectOf(sheet: GradebookSheet): SubjectAssessment {
  return { assessmentKind: sheet.subject.assessmentKind, regularCount: sheet.subject.regularCount, hasPeriodicTest: false };
}

export function columnsOf(sheet: GradebookSheet): GradebookColumn[] {
  return sheet.columns.map(({ key, label, kind, point, required }) => ({ key, label, kind, point, required }));
}

/** The parsed value of a cell, or the validation message in Vietnamese. */
export function readCell(kind: ColumnKind, cell: LocalCell): { ok: true; value: CellValue } | { ok: false; message: string } {
  return parseCellInput(kind, cell.input);
}

/** Typed but not yet saved (an invalid entry counts as unsaved too). */
export function isDirty(kind: ColumnKind, cell: LocalCell): boolean {
  const r = readCell(kind, cell);
  return !r.ok || !sameCellValue(r.value, cell.saved);
}

/** The text to show for a value, as the server would show it ("85" → "8,5"). */
export function canonical(kind: ColumnKind, input: string): string {
  const r = parseCellInput(kind, input);
  return r.ok ? displayCell(kind, r.value) : input;
}

/** ĐTBmhk (or Đ / CĐ) of a row from what is on screen: valid typed values, else the saved ones. */
export function liveAverage(subject: SubjectAssessment, columns: GradebookColumn[], cells: Record<string, LocalCell>): string | null {
  const values = new Map<string, CellValue>();
  for (const c of columns) {
    const cell = cells[c.key];
    if (!cell) continue;
    const r = readCell(c.kind, cell);
    values.set(c.key, r.ok ? r.value : cell.saved);
  }
  return rowAverage(subject, columns, values).display;
}

export function emptyCell(): LocalCell {
  return { input: '', saved: EMPTY_CELL, version: 0, source: 'typed' };
}

/**
 * Text from the clipboard as a block: rows by newline, columns by tab (what Excel, Google Sheets
 * and LibreOffice put there). A trailing newline does not make an extra row.
 */
export function parseClipboard(text: string): string[][] {
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = normalized.split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t').map(unquote));
}

/** Excel quotes a cell that has a newline or a tab in it. */
function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).replace(/""/g, '"') : t;
}

/** A random id for an Idempotency-Key; crypto.randomUUID exists only on https, getRandomValues everywhere. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
