/**
 * ASVS V7/V8: who read a student's personal record is logged as `student.viewed` (a guardian
 * reading her own child's is not).
 */
import type { Actor } from '../../domain/policies/actor.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export interface RecordStudentViewOptions {
  db: Db;
  actor: Actor;
  student: Row<'students'>;
  audit: AuditContext;
}

export async function recordStudentView({ db, actor, student, audit }: RecordStudentViewOptions): Promise<void> {
  if (actor.grants.some((g) => g.role === 'guardian' && g.studentId === student.id)) return;
  await db.transaction().execute((tx) =>
    writeAudit(tx, audit, { chainKey: schoolChain(student.school_id), schoolId: student.school_id, action: 'student.viewed', entityType: 'student', entityId: student.id, before: null, after: null }),
  );
}
