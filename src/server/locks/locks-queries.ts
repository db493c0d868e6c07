/** Queries for locks and assessment windows (C1, C7): plain objects out, no rules. */
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { WINDOW_LABELS, type WindowPoint } from '../../domain/gradebook/find-edit-block.ts';
import { termLabel } from '../../shared/labels.ts';
import { ZWindowPoint } from '../../shared/locks.ts';
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';

export async function getLockOr404(db: Executor, lockId: string) {
  const lock = await db.selectFrom('locks').selectAll().where('id', '=', lockId).executeTakeFirst();
  if (!lock) throw notFound('lệnh khóa sổ');
  return lock;
}

/** Every lock of a year (newest first, with who set and released it) and its windows in their order, as of `now`. */
export async function loadLocksOverview(db: Executor, yearId: string, now: string) {
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
  const today = vietnamDay(now);
  const order = ZWindowPoint.options;
  return {
    locks: locks.map((l) => {
      const parts = [
        l.grade !== null ? `Khối ${l.grade}` : null,
        l.class_name ? `Lớp ${l.class_name}` : null,
        l.subject_name,
        l.term_no !== null ? termLabel(Number(l.term_no), 'kỳ') : null,
        l.column_key,
      ].filter(Boolean);
      return {
        id: l.id,
        grade: l.grade === null ? null : Number(l.grade),
        classId: l.class_id,
        className: l.class_name ?? null,
        subjectId: l.subject_id,
        subjectName: l.subject_name ?? null,
        termNo: l.term_no === null ? null : Number(l.term_no),
        columnKey: l.column_key,
        scopeLabel: parts.length ? parts.join(' · ') : 'Toàn trường',
        reason: l.reason,
        orderedBy: l.ordered_by,
        setByName: l.setter_name,
        setAt: l.set_at,
        releasedByName: l.releaser_name ?? null,
        releasedAt: l.released_at,
        releaseReason: l.release_reason,
      };
    }),
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
  };
}
