/**
 * Q4: a class list read with the students' personal records is logged as `classList.viewed`,
 * one event per read with how many students it held (a single student's as `student.viewed`).
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface RecordClassListViewOptions {
  db: Db;
  cls: Row<'classes'>;
  students: number;
  audit: AuditContext;
}

export async function recordClassListView({ db, cls, students, audit }: RecordClassListViewOptions): Promise<void> {
  await db.transaction().execute((tx) =>
    writeAudit(tx, audit, { chainKey: schoolChain(cls.school_id), schoolId: cls.school_id, action: 'classList.viewed', entityType: 'class', entityId: cls.id, before: null, after: { students } }),
  );
}
