/**
 * Locking by scope (C1): set by the principal, or by the admin board carrying out the
 * principal's recorded order; the class and subject of the scope belong to the year; saved with
 * its audit event in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';

export interface LockScope {
  grade: number | null;
  classId: string | null;
  subjectId: string | null;
  termNo: number | null;
  columnKey: string | null;
}

export interface SetLockOptions {
  db: Db;
  year: Row<'school_years'>;
  scope: LockScope;
  reason: string;
  orderedBy: string;
  setBy: string;
  audit: AuditContext;
}

/** Returns the new lock's id. */
export async function setLock(options: SetLockOptions): Promise<string> {
  const { db, year, scope, audit } = options;
  if (scope.classId) {
    const cls = await db.selectFrom('classes').select(['school_year_id']).where('id', '=', scope.classId).executeTakeFirst();
    if (!cls || cls.school_year_id !== year.id) throw invalid('Lớp không thuộc năm học này.', [{ field: 'classId', message: 'không thuộc năm học' }]);
  }
  if (scope.subjectId) {
    const s = await db.selectFrom('subjects').select(['school_year_id']).where('id', '=', scope.subjectId).executeTakeFirst();
    if (!s || s.school_year_id !== year.id) throw invalid('Môn học không thuộc năm học này.', [{ field: 'subjectId', message: 'không thuộc năm học' }]);
  }
  const row = {
    id: randomUUID(),
    school_id: year.school_id,
    school_year_id: year.id,
    grade: scope.grade,
    class_id: scope.classId,
    subject_id: scope.subjectId,
    term_no: scope.termNo,
    column_key: scope.columnKey,
    reason: options.reason,
    ordered_by: options.orderedBy,
    set_by: options.setBy,
    set_at: audit.now,
    released_by: null,
    released_at: null,
    release_reason: '',
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('locks').values(row).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'lock.set', entityType: 'lock', entityId: row.id, before: null, after: row, reason: options.reason });
  });
  return row.id;
}
