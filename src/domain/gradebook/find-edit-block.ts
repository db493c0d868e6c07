/**
 * Can this grade-book cell be written now? (C1, C7, G10)
 * - a principal's lock (khóa sổ) covering the cell — a lock's empty scope fields match anything;
 * - an assessment window (đợt cập nhật) whose end date has passed locks its point automatically:
 *   "termN.midterm" the term's ĐĐGgk column, "termN.endOfTerm" every column of the term,
 *   "wholeYear" everything;
 * - the edit deadline (default one week before the end-of-term test: the class's in the school's
 *   testing plan, else the term's, domain/testing-plan/testing-plan.ts) stops re-entries,
 *   i.e. changing or clearing a value already entered; a first entry is still allowed.
 * Returns the first block with a Vietnamese explanation naming who set it and when, or null.
 */
import { formatDay, formatVietnamDateTime } from '../calendar/vietnam-time.ts';
import type { TermPoint } from './gradebook-columns.ts';

export interface CellAddress {
  grade: number;
  classId: string;
  subjectId: string;
  termNo: number;
  columnKey: string;
  point: TermPoint;
}

export interface LockRule {
  id: string;
  grade: number | null;
  classId: string | null;
  subjectId: string | null;
  termNo: number | null;
  columnKey: string | null;
  reason: string;
  setByName: string;
  /** ISO time */
  setAt: string;
}

export type WindowPoint = 'term1.midterm' | 'term1.endOfTerm' | 'term2.midterm' | 'term2.endOfTerm' | 'wholeYear';

export interface AssessmentWindow {
  id: string;
  point: WindowPoint;
  opensOn: string;
  closesOn: string;
  setByName: string;
  setAt: string;
}

export interface EditDeadline {
  termNo: number;
  /** Last day re-entries are allowed (yyyy-mm-dd), or null for none. */
  lastDay: string | null;
  endOfTermTestOn: string | null;
  /** A deadline of one class's subject, from the school's testing plan; without them, the whole term's. */
  classId?: string;
  subjectId?: string;
}

export type EditBlock =
  | { kind: 'lock'; lockId: string; message: string }
  | { kind: 'window'; windowId: string; message: string }
  | { kind: 'deadline'; message: string };

export const WINDOW_LABELS: Record<WindowPoint, string> = {
  'term1.midterm': 'giữa học kỳ I',
  'term1.endOfTerm': 'cuối học kỳ I',
  'term2.midterm': 'giữa học kỳ II',
  'term2.endOfTerm': 'cuối học kỳ II',
  wholeYear: 'cả năm học',
};


export function lockCovers(lock: LockRule, cell: CellAddress): boolean {
  return (
    (lock.grade === null || lock.grade === cell.grade) &&
    (lock.classId === null || lock.classId === cell.classId) &&
    (lock.subjectId === null || lock.subjectId === cell.subjectId) &&
    (lock.termNo === null || lock.termNo === cell.termNo) &&
    (lock.columnKey === null || lock.columnKey === cell.columnKey)
  );
}

export function windowCovers(window: AssessmentWindow, cell: CellAddress): boolean {
  if (window.point === 'wholeYear') return true;
  const [term, point] = window.point.split('.');
  if (Number(term.slice(4)) !== cell.termNo) return false;
  return point === 'endOfTerm' || cell.point === 'midterm';
}

export function findEditBlock(
  cell: CellAddress,
  context: { locks: readonly LockRule[]; windows: readonly AssessmentWindow[]; deadlines: readonly EditDeadline[]; today: string; isReEntry: boolean },
): EditBlock | null {
  const lock = context.locks.find((l) => lockCovers(l, cell));
  if (lock) {
    return {
      kind: 'lock',
      lockId: lock.id,
      message: `Sổ đã khóa${lock.reason ? ` (${lock.reason})` : ''} bởi ${lock.setByName} lúc ${formatVietnamDateTime(lock.setAt)}. Muốn sửa, hãy gửi giấy đề nghị thay đổi thông tin để Hiệu trưởng duyệt.`,
    };
  }
  const closed = context.windows.find((w) => windowCovers(w, cell) && context.today > w.closesOn);
  if (closed) {
    return {
      kind: 'window',
      windowId: closed.id,
      message: `Đợt cập nhật điểm ${WINDOW_LABELS[closed.point]} (${formatDay(closed.opensOn)}–${formatDay(closed.closesOn)}, do ${closed.setByName} đặt) đã kết thúc, sổ tự khóa. Muốn sửa, hãy gửi giấy đề nghị thay đổi thông tin để Hiệu trưởng duyệt.`,
    };
  }
  if (context.isReEntry) {
    const deadline = deadlineFor(cell, context.deadlines);
    if (deadline?.lastDay && context.today > deadline.lastDay) {
      const test = deadline.endOfTermTestOn ? `, một tuần trước kiểm tra cuối kỳ ngày ${formatDay(deadline.endOfTermTestOn)}${deadline.classId ? ' theo kế hoạch kiểm tra của trường' : ''}` : '';
      return {
        kind: 'deadline',
        message: `Đã quá hạn sửa điểm học kỳ ${cell.termNo === 1 ? 'I' : 'II'} (hạn ${formatDay(deadline.lastDay)}${test}). Điểm đã nhập chỉ sửa được qua giấy đề nghị thay đổi thông tin.`,
      };
    }
  }
  return null;
}

/** The deadline of a cell: its class and subject's from the testing plan, else its term's. */
export function deadlineFor(cell: Pick<CellAddress, 'classId' | 'subjectId' | 'termNo'>, deadlines: readonly EditDeadline[]): EditDeadline | undefined {
  const ofTerm = deadlines.filter((d) => d.termNo === cell.termNo);
  return ofTerm.find((d) => d.classId === cell.classId && d.subjectId === cell.subjectId) ?? ofTerm.find((d) => d.classId === undefined);
}

/** The last day re-entries are allowed: `daysBefore` days before the end-of-term test. */
export function editDeadline(endOfTermTestOn: string | null, daysBefore: number): string | null {
  if (!endOfTermTestOn) return null;
  const [y, m, d] = endOfTermTestOn.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d - daysBefore));
  return date.toISOString().slice(0, 10);
}
