/**
 * What of a class's records is locked now (issue 22), for the screens that edit them: conduct per
 * period, attendance per term, the printed profile fields (the whole year locked). Each lock as the
 * refusal words it (who locked, when); null where open. A student's confirmed học bạ also locks
 * his profile; that shows when a save is refused.
 */
import { conductTermNos, findProfileLock, findRecordLock } from '../../domain/locks/find-record-lock.ts';
import type { RecordLocks } from '../../shared/corrections.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadBlockContext } from '../gradebook/index.ts';

export async function loadRecordLocks(db: Executor, cls: Row<'classes'>): Promise<RecordLocks> {
  const { locks } = await loadBlockContext(db, cls.school_year_id, 0);
  const terms = await db.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on']).where('school_year_id', '=', cls.school_year_id).orderBy('term_no').execute();
  const address = { grade: Number(cls.grade), classId: cls.id };
  const lockOf = (termNos: number[]) => findRecordLock({ ...address, termNos }, locks)?.message ?? null;
  return {
    classId: cls.id,
    conduct: { term1: lockOf(conductTermNos('term1')), term2: lockOf(conductTermNos('term2')), year: lockOf(conductTermNos('year')), summer: lockOf(conductTermNos('summer')) },
    attendance: terms.map((t) => ({ termNo: Number(t.term_no), startsOn: t.starts_on, endsOn: t.ends_on, lock: lockOf([Number(t.term_no)]) })),
    profile: findProfileLock(address, locks, null)?.message ?? null,
  };
}
