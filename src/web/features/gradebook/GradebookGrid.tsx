/**
 * The grade-book grid: a plain table of inputs with Excel-like keys — arrows, Enter / Shift+Enter,
 * Tab / Shift+Tab, Esc (undo the cell), Shift+arrows (select), Delete (clear the selection),
 * Ctrl+D (fill down), paste of a block copied from Excel. The average column is computed as the
 * teacher types, by the same src/domain functions as the server.
 */
import { Button, Loader } from '@mantine/core';
import { type ChangeEvent, type ClipboardEvent, type FocusEvent, type KeyboardEvent, memo, useCallback, useMemo, useRef, useState } from 'react';
import type { GradebookColumnInfo, GradebookRow, GradebookSheet } from '../../api/types.ts';
import { formatDate } from '../../lib/format.ts';
import { termRoman } from '../../../shared/labels.ts';
import { type CellSource, canonical, columnsOf, isDirty, liveAverage, parseClipboard, readCell, subjectOf } from './grid-logic.ts';
import type { RowState, RowStatus, SheetEditor } from './useSheetEditor.ts';
import { StudentName } from '../homeroom/StudentName.tsx';

interface Pos {
  r: number;
  c: number;
}
interface Rect {
  r0: number;
  r1: number;
  c0: number;
  c1: number;
}

const HINTS: Record<GradebookColumnInfo['kind'], string> = {
  score: 'Điểm từ 0 đến 10, một chữ số thập phân: 8,5 hoặc 8.5; gõ nhanh 85 được 8,5 (từ 20 đến 99); 10 vẫn là 10; điểm dưới 2 gõ có dấu phẩy (1,5), vì 11–19 và 00–09 dễ nhầm nên không nhận.',
  mark: 'Đ (Đạt) hoặc CĐ (Chưa đạt).',
  level: 'T (Hoàn thành tốt), H (Hoàn thành) hoặc C (Chưa hoàn thành).',
  testScore: 'Điểm bài kiểm tra định kỳ: số nguyên từ 0 đến 10.',
  comment: 'Nhận xét của giáo viên bộ môn (tối đa 1000 ký tự).',
};

export const STATUS_TEXT: Record<RowStatus['state'], string> = {
  idle: '',
  pending: 'chưa lưu',
  saving: 'đang lưu',
  saved: 'đã lưu',
  invalid: 'ô không hợp lệ',
  failed: 'lỗi — thử lại',
  conflict: 'xung đột — xem lại',
  locked: 'sổ đã khóa',
  needReason: 'cần ghi lý do',
};

function rectOf(a: Pos, b: Pos): Rect {
  return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
}

export function averageLabel(sheet: GradebookSheet): string | null {
  if (sheet.subject.assessmentKind === 'scored') return 'ĐTBmhk';
  if (sheet.subject.assessmentKind === 'comment') return 'Kết quả';
  return null;
}

/** A small padlock drawn in SVG (emoji fonts are missing on many school computers). */
export function LockIcon({ size = 11 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" aria-hidden="true" style={{ verticalAlign: '-1px' }}>
      <rect x="4" y="11" width="16" height="10" rx="2" />
      <path d="M8 11V7a4 4 0 0 1 8 0v4" />
    </svg>
  );
}

function StatusMark({ status, onRetry }: { status: RowStatus; onRetry: () => void }) {
  const text = STATUS_TEXT[status.state];
  if (status.state === 'idle') return <span className="gb-status" data-status="idle" />;
  if (status.state === 'saving')
    return (
      <span className="gb-status" data-status="saving" aria-label={text} title={text}>
        <Loader size={10} />
      </span>
    );
  const glyph = { pending: '•', saved: '✓', invalid: '!', failed: '↻', conflict: '!', locked: <LockIcon />, needReason: '?' }[status.state];
  const clickable = status.state === 'failed';
  return (
    <button
      type="button"
      tabIndex={-1}
      className={`gb-status gb-status-${status.state}`}
      data-status={status.state}
      aria-label={text}
      title={'message' in status ? `${text}: ${status.message}` : text}
      onClick={clickable ? onRetry : undefined}
    >
      {glyph}
    </button>
  );
}

interface RowProps {
  r: number;
  row: GradebookRow;
  state: RowState;
  columns: GradebookColumnInfo[];
  editable: boolean;
  average: string | null;
  showAverage: boolean;
  sel: { c0: number; c1: number } | null;
  onChange: (e: ChangeEvent<HTMLInputElement>) => void;
  onRetry: (studentId: string) => void;
}

const GridRow = memo(function GridRow({ r, row, state, columns, editable, average, showAverage, sel, onChange, onRetry }: RowProps) {
  const marked = new Set(
    state.status.state === 'conflict'
      ? state.status.conflicts.map((c) => c.columnKey)
      : state.status.state === 'locked'
        ? state.status.blocks.map((b) => b.columnKey)
        : [],
  );
  return (
    <tr className={row.active ? undefined : 'gb-inactive'} data-student={row.studentId} data-row-status={state.status.state}>
      <td className="gb-no tabular">{row.listNumber}</td>
      <th scope="row" className="gb-name">
        <span className="gb-name-inner">
          <span className="gb-name-text" title={`${row.fullName} — ${formatDate(row.dateOfBirth)}${row.active ? '' : ' (đã chuyển đi / thôi học)'}`}>
            <StudentName fullName={row.fullName} />
          </span>
          <StatusMark status={state.status} onRetry={() => onRetry(row.studentId)} />
        </span>
      </th>
      {columns.map((col, c) => {
        const cell = state.cells[col.key];
        const read = readCell(col.kind, cell);
        const dirty = isDirty(col.kind, cell);
        const blocked = col.blockedBy !== null;
        const readOnly = !editable || blocked || !row.active;
        const cls = [
          'gb-input',
          col.kind === 'comment' ? 'gb-comment' : '',
          readOnly ? 'gb-readonly' : '',
          blocked ? 'gb-blocked' : '',
          !read.ok ? 'gb-invalid' : dirty ? 'gb-dirty' : '',
          marked.has(col.key) ? 'gb-marked' : '',
        ]
          .filter(Boolean)
          .join(' ');
        const selected = sel !== null && c >= sel.c0 && c <= sel.c1;
        return (
          <td key={col.key} className={selected ? 'gb-cell gb-selected' : 'gb-cell'}>
            <input
              className={cls}
              data-r={r}
              data-c={c}
              value={cell.input}
              onChange={onChange}
              readOnly={readOnly}
              aria-label={`${col.label} — ${row.listNumber}. ${row.fullName}`}
              aria-invalid={!read.ok || undefined}
              title={blocked ? (col.blockedBy ?? '') : !read.ok ? read.message : col.kind === 'comment' ? cell.input : undefined}
              inputMode={col.kind === 'score' ? 'decimal' : col.kind === 'testScore' ? 'numeric' : 'text'}
              autoComplete="off"
              spellCheck={col.kind === 'comment'}
            />
          </td>
        );
      })}
      {showAverage && (
        <td className="gb-avg tabular" data-testid="row-average" aria-label={`Trung bình — ${row.fullName}`}>
          {average ?? ''}
        </td>
      )}
    </tr>
  );
});

export function GradebookGrid({ sheet, editor, editable }: { sheet: GradebookSheet; editor: SheetEditor; editable: boolean }) {
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState<Pos | null>(null);
  const [anchor, setAnchor] = useState<Pos | null>(null);
  const focusValue = useRef<string>('');
  const extending = useRef(false);
  const columns = sheet.columns;
  const domainColumns = useMemo(() => columnsOf(sheet), [sheet]);
  const subject = useMemo(() => subjectOf(sheet), [sheet]);
  const avgLabel = averageLabel(sheet);
  const rowsRef = useRef(editor.rows);
  rowsRef.current = editor.rows;
  const editorRef = useRef(editor);
  editorRef.current = editor;
  const sel = active && anchor ? rectOf(anchor, active) : null;

  const canWrite = useCallback(
    (r: number, c: number) => editable && sheet.rows[r]?.active === true && columns[c] !== undefined && columns[c].blockedBy === null,
    [columns, editable, sheet.rows],
  );

  const focusCell = useCallback((p: Pos, extend = false) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-r="${p.r}"][data-c="${p.c}"]`);
    if (!el) return;
    extending.current = extend;
    el.focus();
    el.select();
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, []);

  const onChange = useCallback(
    (e: ChangeEvent<HTMLInputElement>) => {
      const r = Number(e.currentTarget.dataset.r);
      const c = Number(e.currentTarget.dataset.c);
      if (!canWrite(r, c)) return;
      editorRef.current.setInputs([{ studentId: sheet.rows[r].studentId, columnKey: columns[c].key, input: e.currentTarget.value }], 'typed');
    },
    [canWrite, columns, sheet.rows],
  );

  const onRetry = useCallback((studentId: string) => editorRef.current.saveNow(studentId), []);

  const onFocus = (e: FocusEvent<HTMLTableElement>) => {
    const t = e.target as HTMLElement;
    if (!(t instanceof HTMLInputElement) || t.dataset.r === undefined) return;
    const p = { r: Number(t.dataset.r), c: Number(t.dataset.c) };
    setActive(p);
    if (!extending.current) setAnchor(p);
    extending.current = false;
    focusValue.current = t.value;
    t.select();
  };

  const onBlur = (e: FocusEvent<HTMLTableElement>) => {
    const t = e.target as HTMLElement;
    if (!(t instanceof HTMLInputElement) || t.dataset.r === undefined) return;
    const r = Number(t.dataset.r);
    const c = Number(t.dataset.c);
    if (!canWrite(r, c)) return;
    const row = sheet.rows[r];
    const col = columns[c];
    const cell = rowsRef.current[row.studentId]?.cells[col.key];
    if (!cell) return;
    const shown = canonical(col.kind, cell.input);
    if (shown !== cell.input) editorRef.current.setInputs([{ studentId: row.studentId, columnKey: col.key, input: shown }], cell.source);
  };

  const write = (changes: { r: number; c: number; input: string }[], source: CellSource) => {
    const list = changes
      .filter((x) => canWrite(x.r, x.c))
      .map((x) => ({ studentId: sheet.rows[x.r].studentId, columnKey: columns[x.c].key, input: canonical(columns[x.c].kind, x.input) }));
    if (list.length) editorRef.current.setInputs(list, source);
    return list.length;
  };

  const fillDown = () => {
    if (!active) return;
    const rect = sel ?? { r0: active.r, r1: active.r, c0: active.c, c1: active.c };
    const changes: { r: number; c: number; input: string }[] = [];
    const r1 = rect.r1 > rect.r0 ? rect.r1 : sheet.rows.length - 1;
    for (let c = rect.c0; c <= rect.c1; c += 1) {
      const src = rowsRef.current[sheet.rows[rect.r0].studentId]?.cells[columns[c].key]?.input ?? '';
      for (let r = rect.r0 + 1; r <= r1; r += 1) changes.push({ r, c, input: src });
    }
    write(changes, 'filled');
    setAnchor({ r: rect.r0, c: rect.c0 });
    setActive({ r: r1, c: rect.c1 });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const t = e.target as HTMLElement;
    if (!(t instanceof HTMLInputElement) || t.dataset.r === undefined) return;
    const r = Number(t.dataset.r);
    const c = Number(t.dataset.c);
    const lastR = sheet.rows.length - 1;
    const lastC = columns.length - 1;
    const wholeSelected = t.selectionStart === 0 && t.selectionEnd === t.value.length;
    const go = (nr: number, nc: number, extend = false) => {
      e.preventDefault();
      const p = { r: Math.max(0, Math.min(lastR, nr)), c: Math.max(0, Math.min(lastC, nc)) };
      if (extend && anchor) {
        extending.current = true;
        setActive(p);
      }
      focusCell(p, extend);
    };
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'd' || e.key === 'D')) {
      e.preventDefault();
      fillDown();
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        return go(r + 1, c, e.shiftKey);
      case 'ArrowUp':
        return go(r - 1, c, e.shiftKey);
      case 'ArrowLeft':
        if (e.shiftKey || wholeSelected || (t.selectionStart === 0 && t.selectionEnd === 0)) return go(r, c - 1, e.shiftKey);
        return;
      case 'ArrowRight':
        if (e.shiftKey || wholeSelected || (t.selectionStart === t.value.length && t.selectionEnd === t.value.length)) return go(r, c + 1, e.shiftKey);
        return;
      case 'Enter':
        return go(e.shiftKey ? r - 1 : r + 1, c);
      case 'Tab':
        if (e.shiftKey) return c > 0 ? go(r, c - 1) : r > 0 ? go(r - 1, lastC) : undefined;
        return c < lastC ? go(r, c + 1) : r < lastR ? go(r + 1, 0) : undefined;
      case 'Escape':
        e.preventDefault();
        write([{ r, c, input: focusValue.current }], 'typed');
        requestAnimationFrame(() => t.select());
        return;
      case 'Delete':
      case 'Backspace':
        if (sel && (sel.r0 !== sel.r1 || sel.c0 !== sel.c1)) {
          e.preventDefault();
          const changes = [];
          for (let rr = sel.r0; rr <= sel.r1; rr += 1) for (let cc = sel.c0; cc <= sel.c1; cc += 1) changes.push({ r: rr, c: cc, input: '' });
          write(changes, 'typed');
        }
        return;
      default:
        return;
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    const t = e.target as HTMLElement;
    if (!(t instanceof HTMLInputElement) || t.dataset.r === undefined) return;
    const text = e.clipboardData.getData('text/plain');
    if (!text) return;
    e.preventDefault();
    const block = parseClipboard(text);
    const r = Number(t.dataset.r);
    const c = Number(t.dataset.c);
    const changes: { r: number; c: number; input: string }[] = [];
    block.forEach((line, i) => line.forEach((v, j) => changes.push({ r: r + i, c: c + j, input: v })));
    write(changes, 'pasted');
    const end = { r: Math.min(sheet.rows.length - 1, r + block.length - 1), c: Math.min(columns.length - 1, c + Math.max(...block.map((l) => l.length)) - 1) };
    setAnchor({ r, c });
    setActive(end);
  };

  const activeRow = active ? sheet.rows[active.r] : null;
  const activeCol = active ? columns[active.c] : null;
  const activeCell = activeRow && activeCol ? editor.rows[activeRow.studentId]?.cells[activeCol.key] : null;
  const activeRead = activeCell && activeCol ? readCell(activeCol.kind, activeCell) : null;
  const info = !activeRow || !activeCol
    ? 'Bấm vào một ô để nhập. Enter xuống dòng, Tab sang phải, các phím mũi tên để di chuyển, Ctrl+V dán một khối từ Excel, Ctrl+D điền xuống.'
    : activeCol.blockedBy
      ? `Không sửa được: ${activeCol.blockedBy}`
      : !activeRow.active
        ? 'Học sinh đã chuyển đi hoặc thôi học, không nhập điểm được.'
        : activeRead && !activeRead.ok
          ? activeRead.message
          : HINTS[activeCol.kind];

  return (
    <div className="gb-wrap">
      <div className="gb-scroll">
        <table
          ref={tableRef}
          className="gb-grid"
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={onBlur}
          onPaste={onPaste}
          aria-label={`Sổ điểm ${sheet.subject.name} lớp ${sheet.className} học kỳ ${termRoman(sheet.termNo)}`}
          data-testid="gradebook-grid"
        >
          <thead>
            <tr>
              <th className="gb-no">STT</th>
              <th className="gb-name">Họ và tên</th>
              {columns.map((col) => (
                <th
                  key={col.key}
                  className={`${col.kind === 'comment' ? 'gb-h-comment' : 'gb-h'}${col.blockedBy ? ' gb-h-blocked' : ''}`}
                  title={col.blockedBy ?? col.label}
                  data-column={col.key}
                >
                  {col.label}
                  {col.blockedBy && (
                    <>
                      {' '}
                      <LockIcon />
                    </>
                  )}
                </th>
              ))}
              {avgLabel && <th className="gb-h gb-avg-h">{avgLabel}</th>}
            </tr>
          </thead>
          <tbody>
            {sheet.rows.map((row, r) => {
              const state = editor.rows[row.studentId];
              if (!state) return null;
              return (
                <GridRow
                  key={row.studentId}
                  r={r}
                  row={row}
                  state={state}
                  columns={columns}
                  editable={editable}
                  average={avgLabel ? liveAverage(subject, domainColumns, state.cells) : null}
                  showAverage={avgLabel !== null}
                  sel={sel && r >= sel.r0 && r <= sel.r1 && (sel.r0 !== sel.r1 || sel.c0 !== sel.c1) ? { c0: sel.c0, c1: sel.c1 } : null}
                  onChange={onChange}
                  onRetry={onRetry}
                />
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="gb-info" aria-live="polite" data-testid="cell-info">
        {activeRow && activeCol && (
          <b>
            {activeRow.listNumber}. {activeRow.fullName} — {activeCol.label}:{' '}
          </b>
        )}
        {info}
      </div>
      {editable && (
        <Button size="compact-sm" variant="default" mt={6} className="no-print" onMouseDown={(e) => e.preventDefault()} onClick={fillDown} disabled={!active}>
          Điền xuống (Ctrl+D)
        </Button>
      )}
    </div>
  );
}
