/**
 * Setting an update window (đợt cập nhật, C7) of a year: created or moved, by the principal
 * herself or on her confirmation of the admin board's request (decide-lock-request.ts); saved
 * with its audit event in the same transaction. When a window ends, its point is locked
 * (domain/gradebook/find-edit-block.ts).
 */
import { randomUUID } from 'node:crypto';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { WINDOW_LABELS, type WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { closingNeedsConfirmation } from '../../domain/gradebook/window-columns.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import type { ConfirmedRequest } from './release-lock.ts';
import { loadEmptyColumns, loadWindows } from '../todo/index.ts';

export interface SetAssessmentWindowOptions {
  db: Db;
  year: Pick<Row<'school_years'>, 'id' | 'school_id'>;
  point: string;
  opensOn: string;
  closesOn: string;
  orderedBy: string;
  setBy: string;
  audit: AuditContext;
  /** Issue 15: the principal confirmed that the window may lock required cells still empty. */
  confirmEmpty?: boolean;
}

export async function setAssessmentWindow({ db, ...options }: SetAssessmentWindowOptions): Promise<void> {
  await db.transaction().execute((tx) => setAssessmentWindowInTransaction(tx, options));
}

const changedSince = () => new AppError('CONFLICT', 'Đợt cập nhật điểm này đã được đặt lại sau khi gửi yêu cầu: hãy từ chối yêu cầu này và gửi yêu cầu mới nếu cần.');

/**
 * The window, created or moved, and its audit event, in the caller's transaction. With
 * `expectedVersion` (a confirmed request: 0 when the window was not set yet) a window set again
 * since is not overwritten.
 */
export async function setAssessmentWindowInTransaction(
  tx: Tx,
  options: Omit<SetAssessmentWindowOptions, 'db'> & { request?: ConfirmedRequest; expectedVersion?: number },
): Promise<void> {
  const { year, audit, expectedVersion } = options;
  const existing = await tx.selectFrom('assessment_windows').selectAll().where('school_year_id', '=', year.id).where('point', '=', options.point).executeTakeFirst();
  if (expectedVersion !== undefined && Number(existing?.version ?? 0) !== expectedVersion) throw changedSince();
  // Issue 15: ending a window on empty required cells is refused with their list unless the principal confirmed it.
  let emptyCellsConfirmed: number | undefined;
  if (!options.request && (!existing || options.closesOn < existing.closes_on)) {
    const empty = await emptyCellsLockedByClosing(tx, year.id, options.point as WindowPoint, options.closesOn, audit.now);
    if (empty && !options.confirmEmpty) throw closingRefused(options.point as WindowPoint, empty);
    emptyCellsConfirmed = empty?.emptyCells;
  }
  const values = { opens_on: options.opensOn, closes_on: options.closesOn, ordered_by: options.orderedBy, set_by: options.setBy, set_at: audit.now };
  let id: string;
  if (existing) {
    id = existing.id;
    let update = tx.updateTable('assessment_windows').set({ ...values, version: Number(existing.version) + 1 }).where('id', '=', id);
    if (expectedVersion !== undefined) update = update.where('version', '=', expectedVersion);
    const res = await update.executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw changedSince();
  } else {
    id = randomUUID();
    await tx.insertInto('assessment_windows').values({ id, school_id: year.school_id, school_year_id: year.id, point: options.point, ...values, version: 1 }).execute();
  }
  await writeAudit(tx, audit, {
    chainKey: schoolChain(year.school_id),
    schoolId: year.school_id,
    action: 'window.set',
    entityType: 'assessment_window',
    entityId: id,
    before: existing ?? null,
    after: { point: options.point, ...values, ...options.request, ...(emptyCellsConfirmed ? { emptyCellsConfirmed } : {}) },
  });
}

/**
 * The required cells a window set to end today or earlier would lock empty (issue 15 §2), with
 * their classes and columns, or null when it locks none.
 */
async function emptyCellsLockedByClosing(tx: Tx, yearId: string, point: WindowPoint, closesOn: string, now: string) {
  const today = vietnamDay(now);
  if (closesOn > today) return null;
  const window = { id: '', point, label: WINDOW_LABELS[point], opensOn: closesOn, closesOn, state: 'closed' as const };
  // Columns another window has already locked are not this window's doing.
  const ended = (await loadWindows(tx, yearId, now)).filter((w) => w.state === 'closed' && w.point !== point);
  const empty = await loadEmptyColumns(tx, yearId, [window], { exceptClosedBy: ended });
  const emptyCells = empty.reduce((n, c) => n + c.students - c.entered, 0);
  if (!closingNeedsConfirmation(today, closesOn, emptyCells)) return null;
  return { emptyCells, empty };
}

/** The refusal naming how many cells in how many classes, with the list the principal confirms. */
function closingRefused(point: WindowPoint, { emptyCells, empty }: NonNullable<Awaited<ReturnType<typeof emptyCellsLockedByClosing>>>): AppError {
  const classes = new Set(empty.map((c) => c.classId)).size;
  return new AppError('CONFLICT', `Đợt cập nhật điểm ${WINDOW_LABELS[point]} kết thúc khi còn ${emptyCells} ô bắt buộc chưa nhập ở ${classes} lớp: sổ sẽ khóa các ô trống này. Hãy xem danh sách và xác nhận nếu vẫn muốn kết thúc đợt.`, {
    emptyCells,
    emptyColumns: empty.map((c) => ({ classId: c.classId, className: c.className, subjectName: c.subjectName, termNo: c.termNo, columnKey: c.columnKey, columnLabel: c.columnLabel, entered: c.entered, students: c.students })),
  });
}
