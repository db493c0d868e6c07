/**
 * Locks and assessment windows (C1, C7): set by the principal, or by the admin board carrying
 * out the principal's recorded order; each with its audit event in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface LockScope {
  grade: number | null;
  classId: string | null;
  subjectId: string | null;
  termNo: number | null;
  columnKey: string | null;
}

export async function setLock(options: {
  db: Db;
  year: Row<'school_years'>;
  scope: LockScope;
  reason: string;
  orderedBy: string;
  setBy: string;
  audit: AuditContext;
}): Promise<string> {
  const { db, year, scope, audit } = options;
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

export async function setAssessmentWindow(options: {
  db: Db;
  year: Row<'school_years'>;
  point: string;
  opensOn: string;
  closesOn: string;
  orderedBy: string;
  setBy: string;
  audit: AuditContext;
}): Promise<void> {
  const { db, year, audit } = options;
  const existing = await db.selectFrom('assessment_windows').selectAll().where('school_year_id', '=', year.id).where('point', '=', options.point).executeTakeFirst();
  await db.transaction().execute(async (tx) => {
    const values = { opens_on: options.opensOn, closes_on: options.closesOn, ordered_by: options.orderedBy, set_by: options.setBy, set_at: audit.now };
    let id: string;
    if (existing) {
      id = existing.id;
      await tx.updateTable('assessment_windows').set({ ...values, version: Number(existing.version) + 1 }).where('id', '=', id).execute();
    } else {
      id = randomUUID();
      await tx.insertInto('assessment_windows').values({ id, school_id: year.school_id, school_year_id: year.id, point: options.point, ...values, version: 1 }).execute();
    }
    await writeAudit(tx, audit, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'window.set', entityType: 'assessment_window', entityId: id, before: existing ?? null, after: { point: options.point, ...values } });
  });
}
