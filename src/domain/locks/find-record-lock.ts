/**
 * Is a class's record other than a score under lock? (C1, C2, C5) Conduct, attendance, primary
 * assessments and the student profile fields the học bạ prints are locked by the same locks rows
 * as the grade book (a results approval inserts class locks per term), but only by locks of the
 * whole school, a grade, a class or a term: a lock of one subject or column covers scores only.
 * Returns the lock with a Vietnamese explanation naming who set it and when, or null.
 */
import { formatVietnamDateTime } from '../calendar/vietnam-time.ts';
import type { LockRule } from '../gradebook/find-edit-block.ts';
import { SUMMER_TERM } from '../gradebook/gradebook-columns.ts';

export interface RecordAddress {
  grade: number;
  classId: string;
  /** The terms the record belongs to. */
  termNos: readonly number[];
}

export interface RecordLock {
  lockId: string;
  /** "Sổ đã khóa (…) bởi … lúc …." */
  message: string;
}

/** The terms a conduct period belongs to: the year's level is settled at the end of term 2, so it locks with term 2. */
export function conductTermNos(period: 'term1' | 'term2' | 'year' | 'summer'): number[] {
  return { term1: [1], term2: [2], year: [2], summer: [SUMMER_TERM] }[period];
}

/**
 * The term a school day belongs to: the term whose dates hold it; a day between two terms
 * belongs to the earlier one; a day before the first term to the first.
 */
export function termNoOfDay(day: string, terms: readonly { termNo: number; startsOn: string; endsOn: string }[]): number {
  const sorted = [...terms].sort((a, b) => a.termNo - b.termNo);
  const started = sorted.filter((t) => t.startsOn <= day);
  return (started.at(-1) ?? sorted[0])?.termNo ?? 1;
}

/** Whether a lock covers a class record of `termNo` (subject and column locks never do). */
export function lockCoversRecord(lock: LockRule, record: Omit<RecordAddress, 'termNos'>, termNo: number): boolean {
  return (
    lock.subjectId === null &&
    lock.columnKey === null &&
    (lock.grade === null || lock.grade === record.grade) &&
    (lock.classId === null || lock.classId === record.classId) &&
    (lock.termNo === null || lock.termNo === termNo)
  );
}

const described = (lock: LockRule): RecordLock => ({
  lockId: lock.id,
  message: `Sổ đã khóa${lock.reason ? ` (${lock.reason})` : ''} bởi ${lock.setByName} lúc ${formatVietnamDateTime(lock.setAt)}.`,
});

/** The first lock covering any of the record's terms, or null. */
export function findRecordLock(record: RecordAddress, locks: readonly LockRule[]): RecordLock | null {
  const lock = locks.find((l) => record.termNos.some((t) => lockCoversRecord(l, record, t)));
  return lock ? described(lock) : null;
}

/**
 * The profile fields the học bạ prints are locked once the class's whole year is locked (both
 * terms, by one lock or one per term) or the student's year record in the học bạ is confirmed.
 */
export function findProfileLock(
  cls: Omit<RecordAddress, 'termNos'>,
  locks: readonly LockRule[],
  confirmed: { byName: string; at: string } | null,
): RecordLock | null {
  if (confirmed) return { lockId: '', message: `Học bạ năm học này đã được ${confirmed.byName} xác nhận lúc ${formatVietnamDateTime(confirmed.at)}.` };
  const term2 = locks.find((l) => lockCoversRecord(l, cls, 2));
  const term1 = locks.find((l) => lockCoversRecord(l, cls, 1));
  return term1 && term2 ? described(term2) : null;
}

/** What a refused save says: each locked student and field, the lock, and the way to change it (C2). */
export function lockedRecordsMessage(blocked: readonly { studentName: string; field: string; lock: RecordLock }[]): string {
  const what = blocked.map((b) => `${b.studentName} — ${b.field}`).join('; ');
  return `Chưa lưu: ${what}. ${blocked[0].lock.message} Muốn sửa, hãy gửi "Giấy đề nghị thay đổi thông tin" để Hiệu trưởng duyệt.`;
}
