/**
 * PrintCache: the look-ups a bulk print job would otherwise repeat for every student — the
 * approved result snapshot of a class (parsed once into studentId → entry), the subject teachers
 * of a class, the school's heading — remembered for ONE job run (create one per run, drop it
 * after). Without a cache every helper below reads the database afresh, as the single-document
 * routes want. A look-up that fails is not remembered. Other builders may add their own buckets
 * through `remember`.
 */
import type { Executor } from '../platform/db/database.ts';
import { latestApprovedSnapshot } from '../results/index.ts';
import { type PrintAuthority, type PrintLevel, type PrintYearRef, formatStaffName, loadPrintAuthority } from '../school/index.ts';
import { type SchoolPrintInfo, loadSchoolPrintInfo } from './print-data.ts';

/** How many entries a bucket keeps (least recently used out first): a class's years × scopes, many times over. */
const BUCKET_LIMIT = 512;

export class PrintCache {
  /** per bucket: look-ups that went to the database (`loads`) and that were answered from memory (`hits`) */
  readonly loads: Record<string, number> = {};
  readonly hits: Record<string, number> = {};
  private readonly buckets = new Map<string, Map<string, Promise<unknown>>>();

  remember<T>(bucket: string, key: string, load: () => Promise<T>): Promise<T> {
    let entries = this.buckets.get(bucket);
    if (!entries) this.buckets.set(bucket, (entries = new Map()));
    const found = entries.get(key) as Promise<T> | undefined;
    if (found) {
      this.hits[bucket] = (this.hits[bucket] ?? 0) + 1;
      entries.delete(key);
      entries.set(key, found);
      return found;
    }
    this.loads[bucket] = (this.loads[bucket] ?? 0) + 1;
    const promise = load();
    entries.set(key, promise);
    promise.catch(() => entries.get(key) === promise && entries.delete(key));
    if (entries.size > BUCKET_LIMIT) entries.delete(entries.keys().next().value!);
    return promise;
  }
}

export function createPrintCache(): PrintCache {
  return new PrintCache();
}

const through = <T>(cache: PrintCache | undefined, bucket: string, key: string, load: () => Promise<T>): Promise<T> =>
  cache ? cache.remember(bucket, key, load) : load();

export interface ApprovedSnapshot<E> {
  id: string;
  sha256: string;
  approvedAt: string | null;
  /** every student's entry by student id (the first one when a student appears twice) */
  entries: ReadonlyMap<string, E>;
}

/** The class's latest approved snapshot of a scope (term1, term2, year), or null. Entries are shared: read only. */
export function approvedSnapshot<E extends { studentId: string }>(db: Executor, classId: string, scope: string, cache?: PrintCache): Promise<ApprovedSnapshot<E> | null> {
  return through(cache, 'snapshot', `${classId}|${scope}`, async () => {
    const row = await latestApprovedSnapshot(db, classId, scope);
    if (!row) return null;
    const entries = new Map<string, E>();
    for (const s of (JSON.parse(row.snapshot_json) as { students: E[] }).students) if (!entries.has(s.studentId)) entries.set(s.studentId, s);
    return { id: row.id, sha256: row.sha256, approvedAt: row.approved_at, entries };
  });
}

/** subject id → the assigned teacher's name, for one class (shared: read only). */
export function classTeacherNames(db: Executor, classId: string, cache?: PrintCache): Promise<Map<string, string>> {
  return through(cache, 'teachers', classId, async () => {
    const rows = await db
      .selectFrom('teaching_assignments')
      .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
      .select(['teaching_assignments.subject_id', 'staff.family_name', 'staff.middle_name', 'staff.given_name'])
      .where('teaching_assignments.class_id', '=', classId)
      .execute();
    return new Map(rows.map((a) => [a.subject_id, formatStaffName(a)]));
  });
}

/** The heading, name and place of a school (loadSchoolPrintInfo). */
export function schoolPrintInfo(db: Executor, schoolId: string, cache?: PrintCache): Promise<SchoolPrintInfo> {
  return through(cache, 'schoolPrintInfo', schoolId, () => loadSchoolPrintInfo(db, schoolId));
}

/** The issuing body and cover locality of a school's prints for a year and level (issue 15 §9; loadPrintAuthority). */
export function printAuthority(db: Executor, input: { schoolId: string; year: PrintYearRef; level?: PrintLevel }, cache?: PrintCache): Promise<PrintAuthority> {
  return through(cache, 'printAuthority', JSON.stringify([input.schoolId, input.year, input.level ?? null]), () => loadPrintAuthority(db, input));
}

/** The school's level and address (the học bạ's commune and province), or undefined. */
export function schoolLevelAddress(db: Executor, schoolId: string, cache?: PrintCache): Promise<{ level: string; address: string | null } | undefined> {
  return through(cache, 'schoolLevel', schoolId, () => db.selectFrom('schools').select(['level', 'address']).where('id', '=', schoolId).executeTakeFirst());
}
