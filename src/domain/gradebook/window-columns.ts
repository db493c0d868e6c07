/**
 * What an update window (đợt cập nhật điểm, C7) closes and when to remind of it:
 * - a window closes the required columns its point covers (the same rule as the automatic lock,
 *   find-edit-block.ts `windowCovers`): "termN.midterm" the term's ĐĐGgk (primary: mid-term level
 *   and test), "termN.endOfTerm" every required column of the term, "wholeYear" both terms;
 * - the days left: 0 on the window's last day, negative once it has ended;
 * - a reminder is due from `daysBefore` days before the last day up to the last day;
 * - setting a window that ends today or earlier while required cells are empty locks them
 *   empty: it needs the principal's explicit confirmation.
 */
import { daysBetween, formatDay } from '../calendar/vietnam-time.ts';
import { type WindowPoint, windowCovers } from './find-edit-block.ts';
import type { GradebookColumn } from './gradebook-columns.ts';

/** The terms of a window's point. */
export function windowTermNos(point: WindowPoint): (1 | 2)[] {
  if (point === 'wholeYear') return [1, 2];
  return [point.startsWith('term1') ? 1 : 2];
}

/** Does the window close this column of this term (a required column its point covers)? */
export function windowClosesColumn(point: WindowPoint, termNo: number, column: Pick<GradebookColumn, 'key' | 'point' | 'required'>): boolean {
  if (!column.required) return false;
  const window = { id: '', point, opensOn: '', closesOn: '', setByName: '', setAt: '' };
  return windowCovers(window, { grade: 0, classId: '', subjectId: '', termNo, columnKey: column.key, point: column.point });
}

/** Whole days from `today` to the window's last day `closesOn` (yyyy-mm-dd): 0 on the last day. */
export function daysLeft(today: string, closesOn: string): number {
  return daysBetween(today, closesOn);
}

/** Is a reminder due today: the window is open and ends within `daysBefore` days? */
export function reminderDue(today: string, window: { opensOn: string; closesOn: string }, daysBefore: number): boolean {
  const left = daysLeft(today, window.closesOn);
  return today >= window.opensOn && left >= 0 && left <= daysBefore;
}

/** Does setting a window ending on `closesOn` lock `emptyCells` empty cells today, and so need a confirmation? */
export function closingNeedsConfirmation(today: string, closesOn: string, emptyCells: number): boolean {
  return emptyCells > 0 && closesOn <= today;
}

/** "còn 3 ngày (hết hạn 12/12/2026)", "hết hạn hôm nay", "đã hết hạn 05/12/2026". */
export function daysLeftLabel(today: string, closesOn: string): string {
  const left = daysLeft(today, closesOn);
  if (left > 0) return `còn ${left} ngày (hết hạn ${formatDay(closesOn)})`;
  if (left === 0) return `hết hạn hôm nay (${formatDay(closesOn)})`;
  return `đã hết hạn ${formatDay(closesOn)}`;
}
