/** What the database holds for one score column of a grade book, to check the benches' acknowledged saves. */
import type { DatabaseHandle } from '../../src/server/platform/db/database.ts';
import type { BenchGradebook } from './gradebook-data.ts';

/** The column's version as stored: every cell at one version, 0 when empty, null when they disagree. */
export async function storedColumnVersion(handle: DatabaseHandle, g: BenchGradebook, col: { termNo: 1 | 2; key: string }): Promise<number | null> {
  const r = await handle.db
    .selectFrom('gradebook_cells')
    .select((eb) => [eb.fn.min('version').as('lo'), eb.fn.max('version').as('hi'), eb.fn.countAll().as('n')])
    .where('class_id', '=', g.classId)
    .where('subject_id', '=', g.subjectId)
    .where('term_no', '=', col.termNo)
    .where('column_key', '=', col.key)
    .executeTakeFirstOrThrow();
  const n = Number(r.n);
  if (n === 0) return 0;
  return n === g.studentIds.length && Number(r.lo) === Number(r.hi) ? Number(r.hi) : null;
}
