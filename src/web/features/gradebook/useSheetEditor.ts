/**
 * The grade-book sheet as the teacher edits it, and its autosave (G1, C1, C3):
 * - every cell keeps what is typed and the value + version the server last confirmed;
 * - a row is saved ~800 ms after typing stops, as ONE batch carrying the version each cell was
 *   edited from, with an Idempotency-Key that a retry after a network failure reuses;
 * - 409 (someone else saved first) becomes a conflict the teacher resolves — never overwritten
 *   silently; 423 (khóa sổ) keeps the typed values and offers the correction request; 400 with
 *   reasonRequired (or a re-entry without the evidence the school asks for) asks for a reason and
 *   the evidence, and re-sends.
 */
import { serverNow } from '../../lib/format.ts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { ApiError } from '../../api/client.ts';
import { gradebookApi } from '../../api/endpoints.ts';
import { keys } from '../../api/keys.ts';
import type { EvidenceKind, GradebookCell, GradebookSheet, SaveCellsInput } from '../../api/types.ts';
import { type CellSource, isDirty, newId, readCell } from './grid-logic.ts';
import { type RowState, type SheetEditorAction, type SheetEditorState, initialSheetEditorState, pendingCount as countPending, sheetEditorReducer, unconfirmedColumns } from './sheet-editor-state.ts';

export type { Block, Conflict, RowState, RowStatus } from './sheet-editor-state.ts';

export const AUTOSAVE_MS = 800;

interface Attempt {
  body: string;
  key: string;
}

/** What the reason dialog adds to a save (C3, C4). */
export interface SaveOptions {
  reason?: string;
  evidence?: EvidenceKind[];
  evidenceNote?: string;
}

export interface SheetEditor {
  rows: Record<string, RowState>;
  /** Set what is in one or more boxes (typing, paste, fill); schedules the rows' saves. */
  setInputs(changes: { studentId: string; columnKey: string; input: string }[], source: CellSource): void;
  /** Save the row now (leaving it, "Thử lại"), with the reason and re-entry evidence from the dialog. */
  saveNow(studentId: string, opts?: SaveOptions): void;
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
  // React renders from its state; the ref holds the same reduction applied at once, so the save
  // code that runs between renders (timers, answers, several calls in one handler) reads the
  // latest rows. The reducer is pure, so both always agree once React has rendered.
  const [rows, dispatchToReact] = useReducer(sheetEditorReducer, sheet, initialSheetEditorState);
  const stateRef = useRef<SheetEditorState>(rows);
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const inFlight = useRef(new Set<string>());
  const again = useRef(new Set<string>());
  const attempts = useRef(new Map<string, Attempt>());
  const sessionReason = useRef<string | null>(null);
  const sheetRef = useRef(sheet);
  sheetRef.current = sheet;
  const kindOf = useMemo(() => new Map(sheet.columns.map((c) => [c.key, c.kind])), [sheet.columns]);

  const dispatch = useCallback((action: SheetEditorAction) => {
    stateRef.current = sheetEditorReducer(stateRef.current, action);
    dispatchToReact(action);
  }, []);

  // A refetched sheet (after a save, or another tab) updates the cells nobody is editing here.
  useEffect(() => {
    dispatch({ type: 'sheetLoaded', sheet, kinds: kindOf, busy: new Set(inFlight.current) });
  }, [sheet, kindOf, dispatch]);

  const save = useCallback(
    async (studentId: string, opts: SaveOptions = {}) => {
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
        dispatch({ type: 'saveSkipped', studentId, invalid });
        return;
      }
      const source: CellSource = sources.has('pasted') ? 'pasted' : sources.has('filled') ? 'filled' : 'typed';
      const reason = opts.reason ?? sessionReason.current ?? '';
      const body: SaveCellsInput = { changes, source, reason, ...(opts.evidence?.length ? { evidence: opts.evidence, evidenceNote: opts.evidenceNote ?? '' } : {}) };
      const bodyText = JSON.stringify(body);
      const previous = attempts.current.get(studentId);
      const key = previous && previous.body === bodyText ? previous.key : newId();
      attempts.current.set(studentId, { body: bodyText, key });
      inFlight.current.add(studentId);
      dispatch({ type: 'saveStarted', studentId });
      try {
        const res = await gradebookApi.saveCells(s.classId, s.subject.id, s.termNo, body, key);
        attempts.current.delete(studentId);
        const acknowledged = { type: 'saveAcknowledged', studentId, changes, answer: res, kinds: kindOf, invalid, at: serverNow().getTime() } as const;
        const unconfirmed = stateRef.current[studentId] !== undefined && unconfirmedColumns(acknowledged).length > 0;
        dispatch(acknowledged);
        if (unconfirmed) void queryClient.invalidateQueries({ queryKey: keys.sheet(s.classId, s.subject.id, s.termNo) });
      } catch (err) {
        const e = err instanceof ApiError ? err : null;
        if (e && e.status >= 400 && e.status < 500) attempts.current.delete(studentId); // answered: a new try is a new batch
        if (e?.status === 409 && Array.isArray(e.body.conflicts)) {
          dispatch({ type: 'saveConflicted', studentId, message: e.message, conflicts: e.body.conflicts as { studentId: string; columnKey: string; current: GradebookCell }[] });
        } else if (e?.status === 423) {
          const blocks = Array.isArray(e.body.blocks) ? (e.body.blocks as { columnKey: string; message: string }[]) : changes.map((c) => ({ columnKey: c.columnKey, message: e.message }));
          dispatch({ type: 'saveLocked', studentId, message: e.message, blocks });
        } else if (e?.status === 400 && (e.body.reasonRequired === true || e.fieldErrors.some((f) => f.field === 'reason' || f.field === 'evidence'))) {
          sessionReason.current = null;
          dispatch({ type: 'reasonRequired', studentId, message: e.message });
        } else {
          dispatch({ type: 'saveFailed', studentId, message: err instanceof Error ? err.message : String(err) });
        }
      } finally {
        inFlight.current.delete(studentId);
        if (again.current.delete(studentId)) void save(studentId);
      }
    },
    [dispatch, kindOf, queryClient],
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
      const before = stateRef.current;
      dispatch({ type: 'inputsSet', changes, source });
      // The rows the reducer replaced are the ones whose boxes changed.
      const touched = new Set(changes.map((ch) => ch.studentId).filter((id) => stateRef.current[id] !== before[id]));
      for (const id of touched) {
        const st = stateRef.current[id]?.status.state;
        if (st !== 'conflict' && st !== 'locked') schedule(id);
      }
    },
    [dispatch, schedule],
  );

  const resolveConflict = useCallback<SheetEditor['resolveConflict']>(
    (studentId, choice) => {
      if (stateRef.current[studentId]?.status.state !== 'conflict') return;
      dispatch({ type: 'conflictResolved', studentId, choice });
      void save(studentId);
    },
    [dispatch, save],
  );

  const revertRow = useCallback<SheetEditor['revertRow']>(
    (studentId) => {
      const s = sheetRef.current;
      dispatch({ type: 'rowReverted', studentId, columns: s.columns });
      void queryClient.invalidateQueries({ queryKey: keys.sheet(s.classId, s.subject.id, s.termNo) });
    },
    [dispatch, queryClient],
  );

  const pendingCount = countPending(rows);

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
