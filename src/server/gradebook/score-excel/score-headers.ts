/**
 * Score sheets in Excel: finding the table. The header row is found by text in the first
 * `HEADER_SEARCH_ROWS` rows (folded like the student import: no accents, case, spaces or
 * punctuation), with a second header row under merged cells ("ĐĐGtx" over "1", "2", …)
 * understood, and "Miệng" / "15 phút" / "1 tiết" taken as ĐĐGtx slots in order.
 */
import type ExcelJS from 'exceljs';
import { HEADER_SEARCH_ROWS, displayHeader, foldHeader, foldHeaderWithoutNotes, isMergedChild } from '../../platform/excel/excel-cells.ts';
import { META_SHEET, type ScoreWorkbookSheet } from './score-sheet.ts';
import { readScoreCell } from './score-values.ts';

export type IdField = 'internalId' | 'studentCode' | 'fullName' | 'dateOfBirth';

const ID_ALIASES: Record<IdField, string[]> = {
  internalId: ['Mã nội bộ', 'Mã nội bộ (không sửa)', 'Mã Sổ Điểm Số'],
  studentCode: ['Mã định danh Bộ GD&ĐT', 'Mã định danh Bộ GDĐT', 'Mã MOET', 'Mã định danh', 'Mã học sinh', 'Mã HS'],
  fullName: ['Họ và tên', 'Họ tên', 'Họ và tên học sinh', 'Họ tên học sinh'],
  dateOfBirth: ['Ngày sinh', 'Ngày tháng năm sinh', 'Ngày, tháng, năm sinh', 'Ngày/tháng/năm sinh'],
};

const ID_INDEX = new Map<string, { field: IdField; priority: number }>();
for (const [field, aliases] of Object.entries(ID_ALIASES) as [IdField, string[]][]) {
  aliases.forEach((a, priority) => {
    if (!ID_INDEX.has(foldHeader(a))) ID_INDEX.set(foldHeader(a), { field, priority });
  });
}

const GK_ALIASES = ['ddggk', 'dggk', 'gk', 'giuaky', 'giuahocky', 'ktgk', 'diemgiuaky', 'danhgiagiuaky', 'kiemtragiuaky'];
const CK_ALIASES = ['ddgck', 'dgck', 'ck', 'cuoiky', 'cuoihocky', 'ktck', 'diemcuoiky', 'danhgiacuoiky', 'kiemtracuoiky'];
const NX_ALIASES = ['nhanxet', 'noidungnhanxet', 'nx', 'nhanxetcuagiaovien'];
/** Older sổ điểm (TT 58/TT 26) kinds of regular tests; each takes the next free ĐĐGtx slot. */
const TX_KIND = /^(mieng|kiemtramieng|15phut|15p|kt15phut|1tiet|45phut|kt1tiet|tx|ddgtx|dgtx|kttx)(\d?)$/;

type Target = { kind: 'id'; field: IdField; priority: number } | { kind: 'grade'; key: string } | { kind: 'txSlot' } | { kind: 'unknownGrade'; key: string };

/** What a header means for this sheet's columns. */
function matchHeader(text: string, columns: ScoreWorkbookSheet['columns']): Target | null {
  const folded = foldHeader(text);
  const withoutNote = foldHeaderWithoutNotes(text);
  const id = ID_INDEX.get(folded) ?? ID_INDEX.get(withoutNote);
  if (id) return { kind: 'id', ...id };
  const keys = new Set(columns.map((c) => c.key));
  for (const c of columns) if (foldHeader(c.label) === folded || foldHeader(c.key) === folded) return { kind: 'grade', key: c.key };
  const grade = (key: string): Target => (keys.has(key) ? { kind: 'grade', key } : { kind: 'unknownGrade', key });
  const tx = /^(?:ddg|dg|kt)?tx(\d)$/.exec(folded) ?? /^(?:danhgia)?thuongxuyen(\d)$/.exec(folded);
  if (tx) return grade(`TX${tx[1]}`);
  if (keys.has('GK') || keys.has('CK')) {
    if (GK_ALIASES.includes(folded) || GK_ALIASES.includes(withoutNote)) return grade('GK');
    if (CK_ALIASES.includes(folded) || CK_ALIASES.includes(withoutNote)) return grade('CK');
    if (TX_KIND.test(folded)) return { kind: 'txSlot' };
  }
  if (NX_ALIASES.includes(folded) || NX_ALIASES.includes(withoutNote)) return grade('NX');
  return null;
}

export interface GradeRef {
  col: number;
  header: string;
  key: string;
}

export interface Table {
  sheet: ExcelJS.Worksheet;
  headerRow: number;
  firstDataRow: number;
  ids: Map<IdField, { col: number; header: string; priority: number }>;
  grades: GradeRef[];
  /** Grade columns this subject does not have (e.g. ĐĐGtx 5 of a 3-test subject). */
  extra: GradeRef[];
}

/** A header or meta cell's text (a number as written). */
export function cellText(cell: ExcelJS.Cell): string {
  const c = readScoreCell(cell);
  return c.kind === 'text' ? c.text : c.kind === 'number' ? String(c.value) : '';
}

/** Header text per column: the header row, or "group + sub-header" under a merged group. */
function headerTexts(sheet: ExcelJS.Worksheet, r: number, withSecondRow: boolean): Map<number, { text: string; sub?: string }> {
  const top = sheet.getRow(r);
  const below = sheet.getRow(r + 1);
  const width = Math.max(top.cellCount, withSecondRow ? below.cellCount : 0, sheet.columnCount);
  const texts = new Map<number, { text: string; sub?: string }>();
  for (let col = 1; col <= width; col++) {
    const cell = top.getCell(col);
    const head = isMergedChild(cell) ? cellText(cell.master) : cellText(cell);
    const sub = below.getCell(col);
    const subText = withSecondRow && !isMergedChild(sub) ? cellText(sub) : '';
    const spansColumns = cell.isMerged && (isMergedChild(cell) || top.getCell(col + 1).master === cell);
    if (subText && (spansColumns || head === '')) texts.set(col, { text: head ? `${head} ${subText}` : subText, sub: subText });
    else if (head && !isMergedChild(cell)) texts.set(col, { text: head });
  }
  return texts;
}

function mapHeaders(texts: Map<number, { text: string; sub?: string }>, columns: ScoreWorkbookSheet['columns']) {
  const ids = new Map<IdField, { col: number; header: string; priority: number }>();
  const grades: GradeRef[] = [];
  const extra: GradeRef[] = [];
  const slots: { col: number; header: string }[] = [];
  let usedSecondRow = false;
  for (const [col, entry] of [...texts.entries()].sort((a, b) => a[0] - b[0])) {
    const header = displayHeader(entry.text);
    // "ĐĐGtx 1" built from a group, else the sub-header alone ("Miệng").
    const m = matchHeader(header, columns) ?? (entry.sub ? matchHeader(entry.sub, columns) : null);
    if (!m) continue;
    if (entry.sub) usedSecondRow = true;
    if (m.kind === 'id') {
      const cur = ids.get(m.field);
      if (!cur || m.priority < cur.priority) ids.set(m.field, { col, header, priority: m.priority });
    } else if (m.kind === 'grade') grades.push({ col, header, key: m.key });
    else if (m.kind === 'unknownGrade') extra.push({ col, header, key: m.key });
    else slots.push({ col, header });
  }
  // Regular tests named by kind take the ĐĐGtx slots not named by number, left to right.
  const free = columns.filter((c) => /^TX\d$/.test(c.key) && !grades.some((g) => g.key === c.key)).map((c) => c.key);
  for (const s of slots) {
    const key = free.shift();
    if (key) grades.push({ col: s.col, header: s.header, key });
    else extra.push({ col: s.col, header: s.header, key: 'TX' });
  }
  return { ids, grades, extra, usedSecondRow };
}

function buildTable(sheet: ExcelJS.Worksheet, r: number, columns: ScoreWorkbookSheet['columns']): Table | null {
  let mapped = mapHeaders(headerTexts(sheet, r, true), columns);
  if (mapped.usedSecondRow && (!mapped.ids.has('fullName') || mapped.grades.length === 0)) mapped = mapHeaders(headerTexts(sheet, r, false), columns);
  if (!mapped.ids.has('fullName')) return null;
  const { ids, grades, extra, usedSecondRow } = mapped;
  return { sheet, headerRow: r, firstDataRow: r + (usedSecondRow ? 2 : 1), ids, grades, extra };
}

export function findTable(workbook: ExcelJS.Workbook, columns: ScoreWorkbookSheet['columns']): Table | null {
  let best: Table | null = null;
  for (const sheet of workbook.worksheets) {
    if (sheet.name === META_SHEET || sheet.state === 'veryHidden') continue;
    const lastRow = Math.min(sheet.rowCount, HEADER_SEARCH_ROWS);
    for (let r = 1; r <= lastRow; r++) {
      const table = buildTable(sheet, r, columns);
      if (!table) continue;
      const score = table.ids.size + table.grades.length;
      const bestScore = best ? best.ids.size + best.grades.length : -1;
      if (score > bestScore) best = table;
    }
    if (best && best.grades.length > 0) return best;
  }
  return best;
}
