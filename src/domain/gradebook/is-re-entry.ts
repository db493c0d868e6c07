/**
 * Whether saving a grade-book cell is a re-entry (sửa điểm đã nhập): changing a value that was
 * recorded. A re-entry is what the school's "ghi lý do" and "minh chứng" settings and the re-entry
 * deadline (hạn sửa điểm) are about — Quy chế sử dụng sổ điểm điện tử, RULES.md §6 items 2 and 5.
 *
 * A teacher putting right her own slip of the finger minutes after typing it, in a cell still open
 * to her, is not a sửa điểm: the value was never a recorded score anyone relied on (issue 15 §5:
 * "11" autosaved as 1,1, then deleting it demanded a reason). So the same user changing a value she
 * herself wrote less than OWN_ENTRY_GRACE_MINUTES ago is a first entry still being made. Locks and
 * closed windows block it all the same (find-edit-block checks them for every cell), and the audit
 * log still records both writes, old and new value, so the edit log shows the fix.
 */

/** How long a teacher's own entry stays a first entry she may fix without a reason. */
export const OWN_ENTRY_GRACE_MINUTES = 30;

export interface CellLastWrite {
  /** The cell holds no value (never entered, or cleared). */
  empty: boolean;
  /** Who wrote the value now in the cell, and when (ISO instant). */
  writtenBy: string | null;
  writtenAt: string | null;
}

export function isReEntry(last: CellLastWrite, edit: { userId: string | null; at: string }, graceMinutes = OWN_ENTRY_GRACE_MINUTES): boolean {
  if (last.empty) return false;
  if (!edit.userId || last.writtenBy !== edit.userId || !last.writtenAt) return true;
  const elapsedMs = Date.parse(edit.at) - Date.parse(last.writtenAt);
  if (!Number.isFinite(elapsedMs) || elapsedMs < 0) return true;
  return elapsedMs > graceMinutes * 60_000;
}
