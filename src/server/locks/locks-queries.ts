/** Queries for locks, assessment windows and the requests to change them (C1, C7): plain objects out, no rules. */
import { formatDay, vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { WINDOW_LABELS, type WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import type { Actor } from '../../domain/policies/actor.ts';
import { type LockChangeTarget, canDecideLockRequest } from '../../domain/policies/four-eyes.ts';
import { loadPowerHolder } from '../delegations/index.ts';
import { termLabel } from '../../shared/labels.ts';
import { ZWindowPoint } from '../../shared/locks.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { notFound } from '../platform/errors.ts';
import { loadEmptyColumns, loadWindows } from '../todo/index.ts';

export async function getLockOr404(db: Executor, lockId: string) {
  const lock = await db.selectFrom('locks').selectAll().where('id', '=', lockId).executeTakeFirst();
  if (!lock) throw notFound('lệnh khóa sổ');
  return lock;
}

export async function getLockRequestOr404(db: Executor, requestId: string) {
  const request = await db.selectFrom('lock_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!request) throw notFound('yêu cầu mở sổ, đổi đợt cập nhật');
  return request;
}

/** "Toàn trường", "Khối 6 · Học kỳ I", "Lớp 6A1 · Toán · ĐĐGgk" … */
export function lockScopeLabel(l: Pick<Row<'locks'>, 'grade' | 'term_no' | 'column_key'>, className: string | null, subjectName: string | null): string {
  const parts = [
    l.grade !== null ? `Khối ${l.grade}` : null,
    className ? `Lớp ${className}` : null,
    subjectName,
    l.term_no !== null ? termLabel(Number(l.term_no), 'kỳ') : null,
    l.column_key,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Toàn trường';
}

/** One lock's scope, as the locks page shows it. */
export async function loadLockScopeLabel(db: Executor, lock: Row<'locks'>): Promise<string> {
  const cls = lock.class_id ? await db.selectFrom('classes').select('name').where('id', '=', lock.class_id).executeTakeFirst() : undefined;
  const subject = lock.subject_id ? await db.selectFrom('subjects').select('name').where('id', '=', lock.subject_id).executeTakeFirst() : undefined;
  return lockScopeLabel(lock, cls?.name ?? null, subject?.name ?? null);
}

/** "Đặt đợt cập nhật điểm giữa học kỳ I: 28/11/2026–12/12/2026 (đang là …)", as a request and the edit log say it. */
export function windowChangeSummary(point: WindowPoint, opensOn: string, closesOn: string, before: { opens_on: string; closes_on: string } | null): string {
  const was = before ? ` (đang là ${formatDay(before.opens_on)}–${formatDay(before.closes_on)})` : '';
  return `Đặt đợt cập nhật điểm ${WINDOW_LABELS[point]}: ${formatDay(opensOn)}–${formatDay(closesOn)}${was}`;
}

/** A vice-principal delegated to confirm lock changes in the principal's place (issue 22), or null. */
export async function loadConfirmDelegate(db: Executor, schoolId: string): Promise<{ userId: string; fullName: string } | null> {
  return loadPowerHolder(db, schoolId, 'lock.confirm');
}

/** What a lock request changes, as the four-eyes rule judges it: its year, and its class when the lock is of one class. */
export function lockRequestTarget(r: Pick<Row<'lock_requests'>, 'school_id' | 'school_year_id'>, lockClassId: string | null): LockChangeTarget {
  return { schoolId: r.school_id, schoolYearId: r.school_year_id, ...(lockClassId ? { classIds: [lockClassId] } : {}) };
}

/** What a window's end locks, as the locks page says it. */
export function autoLockScopeLabel(point: WindowPoint): string {
  if (point === 'wholeYear') return 'Toàn trường · Cả năm học · mọi cột điểm';
  const term = termLabel(point.startsWith('term1') ? 1 : 2, 'kỳ');
  return point.endsWith('midterm') ? `Toàn trường · ${term} · ĐĐGgk (tiểu học: mức, điểm KTĐK giữa kỳ)` : `Toàn trường · ${term} · mọi cột điểm`;
}

/**
 * The locks the year's ended windows set by themselves (issue 15 §2), each with the classes
 * whose required cells it locked empty: one grouped count of the cells, no loop over cells.
 */
export async function loadAutoLocks(db: Executor, yearId: string, now: string) {
  const closed = (await loadWindows(db, yearId, now)).filter((w) => w.state === 'closed');
  if (!closed.length) return [];
  const setters = new Map(
    (await db.selectFrom('assessment_windows').innerJoin('users', 'users.id', 'assessment_windows.set_by').select(['assessment_windows.id', 'users.full_name']).where('assessment_windows.school_year_id', '=', yearId).execute()).map((r) => [r.id, r.full_name]),
  );
  const empty = await loadEmptyColumns(db, yearId, closed);
  const order = ZWindowPoint.options;
  return closed
    .sort((a, b) => order.indexOf(a.point) - order.indexOf(b.point))
    .map((w) => {
      const byClass = new Map<string, { classId: string; className: string; emptyCells: number; columns: Map<string, [number, number]> }>();
      for (const c of empty.filter((x) => x.window.id === w.id)) {
        const e = byClass.get(c.classId) ?? { classId: c.classId, className: c.className, emptyCells: 0, columns: new Map<string, [number, number]>() };
        e.emptyCells += c.students - c.entered;
        const [entered, total] = e.columns.get(c.columnLabel) ?? [0, 0];
        e.columns.set(c.columnLabel, [entered + c.entered, total + c.students]);
        byClass.set(c.classId, e);
      }
      return {
        windowId: w.id,
        point: w.point,
        scopeLabel: autoLockScopeLabel(w.point),
        reason: `Đợt cập nhật điểm ${w.label} (${formatDay(w.opensOn)}–${formatDay(w.closesOn)}) đã kết thúc`,
        setByName: setters.get(w.id) ?? '',
        closesOn: w.closesOn,
        until: 'Đến khi Hiệu trưởng đặt lại đợt cập nhật; sửa từng ô qua giấy đề nghị thay đổi thông tin.',
        emptyByClass: [...byClass.values()].map((e) => ({
          classId: e.classId,
          className: e.className,
          emptyCells: e.emptyCells,
          columns: [...e.columns.entries()].map(([label, [entered, total]]) => `${label}: ${entered}/${total} ô`).join(' · '),
        })),
      };
    });
}

/**
 * Every lock of a year (newest first, with who set and released it), its windows in their
 * order as of `now`, and the requests to change them (pending first, then the latest decided),
 * each saying whether `viewer` may decide it.
 */
export async function loadLocksOverview(db: Executor, yearId: string, now: string, viewer: Actor) {
  const locks = await db
    .selectFrom('locks')
    .innerJoin('users as setter', 'setter.id', 'locks.set_by')
    .leftJoin('users as releaser', 'releaser.id', 'locks.released_by')
    .leftJoin('classes', 'classes.id', 'locks.class_id')
    .leftJoin('subjects', 'subjects.id', 'locks.subject_id')
    .selectAll('locks')
    .select(['setter.full_name as setter_name', 'releaser.full_name as releaser_name', 'classes.name as class_name', 'subjects.name as subject_name'])
    .where('locks.school_year_id', '=', yearId)
    .orderBy('locks.set_at', 'desc')
    .execute();
  const windows = await db
    .selectFrom('assessment_windows')
    .innerJoin('users', 'users.id', 'assessment_windows.set_by')
    .selectAll('assessment_windows')
    .select('users.full_name')
    .where('assessment_windows.school_year_id', '=', yearId)
    .execute();
  const requests = await db
    .selectFrom('lock_requests')
    .innerJoin('users as requester', 'requester.id', 'lock_requests.requested_by')
    .leftJoin('users as decider', 'decider.id', 'lock_requests.decided_by')
    .leftJoin('locks as requested_lock', 'requested_lock.id', 'lock_requests.lock_id')
    .selectAll('lock_requests')
    .select(['requester.full_name as requester_name', 'decider.full_name as decider_name', 'requested_lock.class_id as lock_class_id'])
    .where('lock_requests.school_year_id', '=', yearId)
    .orderBy('lock_requests.requested_at', 'desc')
    .limit(200)
    .execute();
  const schoolId = (await db.selectFrom('school_years').select('school_id').where('id', '=', yearId).executeTakeFirstOrThrow()).school_id;
  const delegate = await loadConfirmDelegate(db, schoolId);
  const today = vietnamDay(now);
  const order = ZWindowPoint.options;
  return {
    locks: locks.map((l) => ({
      id: l.id,
      grade: l.grade === null ? null : Number(l.grade),
      classId: l.class_id,
      className: l.class_name ?? null,
      subjectId: l.subject_id,
      subjectName: l.subject_name ?? null,
      termNo: l.term_no === null ? null : Number(l.term_no),
      columnKey: l.column_key,
      scopeLabel: lockScopeLabel(l, l.class_name ?? null, l.subject_name ?? null),
      reason: l.reason,
      orderedBy: l.ordered_by,
      setByName: l.setter_name,
      setAt: l.set_at,
      releasedByName: l.releaser_name ?? null,
      releasedAt: l.released_at,
      releaseReason: l.release_reason,
    })),
    windows: windows
      .map((w) => ({
        id: w.id,
        point: w.point as WindowPoint,
        label: WINDOW_LABELS[w.point as WindowPoint],
        opensOn: w.opens_on,
        closesOn: w.closes_on,
        orderedBy: w.ordered_by,
        setByName: w.full_name,
        setAt: w.set_at,
        state: (today < w.opens_on ? 'upcoming' : today > w.closes_on ? 'closed' : 'open') as 'upcoming' | 'open' | 'closed',
      }))
      .sort((a, b) => order.indexOf(a.point) - order.indexOf(b.point)),
    requests: requests
      .map((r) => ({
        id: r.id,
        kind: r.kind as 'release' | 'window',
        lockId: r.lock_id,
        point: r.point as WindowPoint | null,
        opensOn: r.opens_on,
        closesOn: r.closes_on,
        summary: r.summary,
        reason: r.reason,
        requestedBy: r.requested_by,
        requestedByName: r.requester_name,
        requestedAt: r.requested_at,
        status: r.status as 'pending' | 'confirmed' | 'refused',
        decidedByName: r.decider_name ?? null,
        decidedAt: r.decided_at,
        decisionReason: r.decision_reason,
        canDecide: r.status === 'pending' && r.requested_by !== viewer.userId && canDecideLockRequest(viewer, lockRequestTarget(r, r.lock_class_id ?? null)).allowed,
      }))
      .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending')),
    autoLocks: await loadAutoLocks(db, yearId, now),
    delegate,
  };
}
