/**
 * The grade-book sheet as the teacher edits it, and its autosave (G1, C1, C3):
 * - every cell keeps what is typed and the value + version the server last confirmed;
 * - a row is saved ~800 ms after typing stops, as ONE batch carrying the version each cell was
 *   edited from, with an Idempotency-Key that a retry after a network failure reuses;
 * - 409 (someone else saved first) becomes a conflict the teacher resolves — never overwritten
 *   silently; 423 (khóa sổ) keeps the typed values and offers the correction request; 400 with
 *   reasonRequired asks for a reason and re-sends.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { ApiError } from '../../api/client.ts';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { GradebookCell, GradebookSheet, SaveCellsInput } from '../../api/types.ts';
import { displayCell } from '../../../domain/gradebook/row-average.ts';
import { type CellSource, type LocalCell, emptyCell, isDirty, newId, readCell } from './grid-logic.ts';

export const AUTOSAVE_MS = 800;

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

interface Attempt {
  body: string;
  key: string;
}

function rowsFromSheet(sheet: GradebookSheet): Record<string, RowState> {
  const out: Record<string, RowState> = {};
  for (const row of sheet.rows) {
    const cells: Record<string, LocalCell> = {};
    for (const col of sheet.columns) {
      const c = row.cells[col.key];
      cells[col.key] = c ? { input: c.display, saved: { scoreTenths: c.scoreTenths, text: c.text }, version: c.version, source: 'typed' } : emptyCell();
    }
    out[row.studentId] = { cells, status: { state: 'idle' } };
  }
  return out;
}

export interface SheetEditor {
  rows: Record<string, RowState>;
  /** Set what is in one or more boxes (typing, paste, fill); schedules the rows' saves. */
  setInputs(changes: { studentId: string; columnKey: string; input: string }[], source: CellSource): void;
  /** Save the row now (leaving it, "Thử lại"). */
  saveNow(studentId: string, opts?: { reason?: string }): void;
  /** Conflict: keep mine (re-save on the server's version) or take the server's value. */
  resolveConflict(studentId: string, choice: 'mine' | 'theirs'): void;
  /** Put the row back to what the server has (after a lock refused it). */
  revertRow(studentId: string): void;
  /** The reason given in the dialog, reused for later saves of this sheet when `remember`. */
  setSessionReason(reason: string | null): void;
  pendingCount: number;
}

export function useSheetEditor(sheet: GradebookSheet): SheetEditor {
  const queryClient = useQueryClient();
  const stateRef = useRef<Record<string, RowState>>(rowsFromSheet(sheet));
  const [, force] = useReducer((x: number) => x + 1, 0);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<string>());
  const again = useRef(new Set<string>());
  const attempts = useRef(new Map<string, Attempt>());
  const sessionReason = useRef<string | null>(null);
  const sheetRef = useRef(sheet);
  sheetRef.current = sheet;
  const kindOf = useMemo(() => new Map(sheet.columns.map((c) => [c.key, c.kind])), [sheet.columns]);

  const update = useCallback((fn: (rows: Record<string, RowState>) => Record<string, RowState>) => {
    stateRef.current = fn(stateRef.current);
    force();
  }, []);
  const setRow = useCallback(
    (studentId: string, fn: (row: RowState) => RowState) => update((rows) => (rows[studentId] ? { ...rows, [studentId]: fn(rows[studentId]) } : rows)),
    [update],
  );

  // A refetched sheet (after a save, or another tab) updates the cells nobody is editing here.
  useEffect(() => {
    const fresh = rowsFromSheet(sheet);
    update((rows) => {
      const out: Record<string, RowState> = {};
      for (const [id, f] of Object.entries(fresh)) {
        const mine = rows[id];
        if (!mine) {
          out[id] = f;
          continue;
        }
        const busy = inFlight.current.has(id);
        const cells: Record<string, LocalCell> = {};
        for (const [key, fc] of Object.entries(f.cells)) {
          const mc = mine.cells[key];
          const kind = kindOf.get(key) ?? 'comment';
          cells[key] = !mc ? fc : busy || isDirty(kind, mc) ? mc : fc.version >= mc.version ? fc : mc;
        }
        out[id] = { cells, status: mine.status };
      }
      return out;
    });
  }, [sheet, kindOf, update]);

  const save = useCallback(
    async (studentId: string, opts: { reason?: string } = {}) => {
      const t = timers.current.get(studentId);
      if (t) clearTimeout(t);
      timers.current.delete(studentId);
      if (inFlight.current.has(studentId)) {
        again.current.add(studentId);
        return;
      }
      const s = sheetRef.current;
      const row = stateRef.current[studentId];
      if (!row) return;
      const changes: SaveCellsInput['changes'] = [];
      const invalid: string[] = [];
      const sources = new Set<CellSource>();
      for (const col of s.columns) {
        const cell = row.cells[col.key];
        if (!cell || !isDirty(col.kind, cell)) continue;
        const r = readCell(col.kind, cell);
        if (!r.ok) {
          invalid.push(`${col.label}: ${r.message}`);
          continue;
        }
        changes.push({ studentId, columnKey: col.key, value: cell.input, baseVersion: cell.version });
        sources.add(cell.source);
      }
      if (!changes.length) {
        setRow(studentId, (r) => ({ ...r, status: invalid.length ? { state: 'invalid', message: invalid.join(' ') } : r.status.state === 'pending' ? { state: 'idle' } : r.status }));
        return;
      }
      const source: CellSource = sources.has('pasted') ? 'pasted' : sources.has('filled') ? 'filled' : 'typed';
      const reason = opts.reason ?? sessionReason.current ?? '';
      const body: SaveCellsInput = { changes, source, reason };
      const bodyText = JSON.stringify(body);
      const previous = attempts.current.get(studentId);
      const key = previous && previous.body === bodyText ? previous.key : newId();
      attempts.current.set(studentId, { body: bodyText, key });
      inFlight.current.add(studentId);
      setRow(studentId, (r) => ({ ...r, status: { state: 'saving' } }));
      try {
        const res = await gradebookApi.saveCells(s.classId, s.subject.id, s.termNo, body, key);
        attempts.current.delete(studentId);
        const saved = new Map(res.saved.map((x) => [x.columnKey, x.cell]));
        // Cells sent with the value the server already had: it tells their current version.
        const unchangedVersions = new Map((res.unchanged ?? []).filter((x) => x.studentId === studentId).map((x) => [x.columnKey, x.version]));
        let unconfirmed = false;
        setRow(studentId, (r) => {
          const cells = { ...r.cells };
          for (const ch of changes) {
            const cell = cells[ch.columnKey];
            const got = saved.get(ch.columnKey);
            const kind = kindOf.get(ch.columnKey) ?? 'comment';
            const sent = readCell(kind, { ...cell, input: ch.value });
            if (got) cells[ch.columnKey] = { ...cell, saved: { scoreTenths: got.scoreTenths, text: got.text }, version: got.version };
            else if (sent.ok) {
              // The server already had this value (unchanged): take its version from the answer.
              const version = unchangedVersions.get(ch.columnKey);
              cells[ch.columnKey] = { ...cell, saved: sent.value, version: version ?? cell.version };
              if (version === undefined) unconfirmed = true;
            }
          }
          return { cells, status: invalid.length ? { state: 'invalid', message: invalid.join(' ') } : { state: 'saved', at: Date.now() } };
        });
        if (unconfirmed) void queryClient.invalidateQueries({ queryKey: keys.sheet(s.classId, s.subject.id, s.termNo) });
      } catch (err) {
        const e = err instanceof ApiError ? err : null;
        if (e && e.status >= 400 && e.status < 500) attempts.current.delete(studentId); // answered: a new try is a new batch
        if (e?.status === 409 && Array.isArray(e.body.conflicts)) {
          const list = e.body.conflicts as { studentId: string; columnKey: string; current: GradebookCell }[];
          setRow(studentId, (r) => ({
            ...r,
            status: {
              state: 'conflict',
              message: e.message,
              conflicts: list.map((c) => ({ columnKey: c.columnKey, mine: r.cells[c.columnKey]?.input ?? '', current: c.current })),
            },
          }));
        } else if (e?.status === 423) {
          const blocks = Array.isArray(e.body.blocks) ? (e.body.blocks as { columnKey: string; message: string }[]) : changes.map((c) => ({ columnKey: c.columnKey, message: e.message }));
          setRow(studentId, (r) => ({ ...r, status: { state: 'locked', message: e.message, blocks: blocks.map((b) => ({ columnKey: b.columnKey, message: b.message })) } }));
        } else if (e?.status === 400 && (e.body.reasonRequired === true || e.fieldErrors.some((f) => f.field === 'reason'))) {
          sessionReason.current = null;
          setRow(studentId, (r) => ({ ...r, status: { state: 'needReason', message: e.message } }));
        } else {
          setRow(studentId, (r) => ({ ...r, status: { state: 'failed', message: err instanceof Error ? err.message : String(err) } }));
        }
      } finally {
        inFlight.current.delete(studentId);
        if (again.current.delete(studentId)) void save(studentId);
      }
    },
    [kindOf, queryClient, setRow],
  );

  const schedule = useCallback(
    (studentId: string) => {
      const t = timers.current.get(studentId);
      if (t) clearTimeout(t);
      timers.current.set(
        studentId,
        setTimeout(() => void save(studentId), AUTOSAVE_MS),
      );
    },
    [save],
  );

  useEffect(
    () => () => {
      for (const t of timers.current.values()) clearTimeout(t);
    },
    [],
  );

  const setInputs = useCallback<SheetEditor['setInputs']>(
    (changes, source) => {
      const touched = new Set<string>();
      update((rows) => {
        const out = { ...rows };
        for (const ch of changes) {
          const row = out[ch.studentId];
          const cell = row?.cells[ch.columnKey];
          if (!row || !cell || cell.input === ch.input) continue;
          out[ch.studentId] = {
            cells: { ...row.cells, [ch.columnKey]: { ...cell, input: ch.input, source } },
            // A row refused by a lock or waiting for a conflict keeps that state until resolved.
            status: row.status.state === 'conflict' || row.status.state === 'locked' ? row.status : { state: 'pending' },
          };
          touched.add(ch.studentId);
        }
        return out;
      });
      for (const id of touched) {
        const st = stateRef.current[id]?.status.state;
        if (st !== 'conflict' && st !== 'locked') schedule(id);
      }
    },
    [schedule, update],
  );

  const resolveConflict = useCallback<SheetEditor['resolveConflict']>(
    (studentId, choice) => {
      const row = stateRef.current[studentId];
      if (!row || row.status.state !== 'conflict') return;
      const conflicts = row.status.conflicts;
      setRow(studentId, (r) => {
        const cells = { ...r.cells };
        for (const c of conflicts) {
          const cell = cells[c.columnKey];
          const current = { scoreTenths: c.current.scoreTenths, text: c.current.text };
          cells[c.columnKey] =
            choice === 'mine' ? { ...cell, saved: current, version: c.current.version } : { ...cell, input: c.current.display, saved: current, version: c.current.version };
        }
        return { cells, status: { state: 'pending' } };
      });
      void save(studentId);
    },
    [save, setRow],
  );

  const revertRow = useCallback<SheetEditor['revertRow']>(
    (studentId) => {
      const s = sheetRef.current;
      setRow(studentId, (r) => {
        const cells = { ...r.cells };
        for (const col of s.columns) {
          const cell = cells[col.key];
          if (cell && isDirty(col.kind, cell)) cells[col.key] = { ...cell, input: displayCell(col.kind, cell.saved), source: 'typed' };
        }
        return { cells, status: { state: 'idle' } };
      });
      void queryClient.invalidateQueries({ queryKey: keys.sheet(s.classId, s.subject.id, s.termNo) });
    },
    [queryClient, setRow],
  );

  const rows = stateRef.current;
  const pendingCount = Object.values(rows).filter((r) => r.status.state === 'pending' || r.status.state === 'saving').length;

  // Leaving the page with unsaved scores asks first.
  useEffect(() => {
    if (!pendingCount) return;
    const handler = (e: BeforeUnloadEvent) => {
      e.preventDefault();
    };
    window.addEventListener('beforeunload', handler);
    return () => window.removeEventListener('beforeunload', handler);
  }, [pendingCount]);

  return {
    rows,
    setInputs,
    saveNow: (id, opts) => void save(id, opts),
    resolveConflict,
    revertRow,
    setSessionReason: (r) => {
      sessionReason.current = r;
    },
    pendingCount,
  };
}
