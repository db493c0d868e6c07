/**
 * Editing a subject (S1): name, periods, assessment kind, subject group of the same year; saved
 * with its audit event (before and after) in one transaction.
 */
import type { z } from 'zod';
import type { ZUpdateSubjectInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { checkSubjectGroupInYear } from './setup-references.ts';

export interface UpdateSubjectOptions {
  db: Db;
  subject: Row<'subjects'>;
  input: z.infer<typeof ZUpdateSubjectInput>;
  audit: AuditContext;
}

export async function updateSubject({ db, subject, input: b, audit }: UpdateSubjectOptions): Promise<Row<'subjects'>> {
  await checkSubjectGroupInYear(db, b.subjectGroupId, subject.school_year_id);
  const patch = {
    ...(b.name !== undefined && { name: b.name }),
    ...(b.periodsPerYear !== undefined && { periods_per_year: b.periodsPerYear }),
    ...(b.assessmentKind !== undefined && { assessment_kind: b.assessmentKind }),
    ...(b.learningTopicCluster !== undefined && { learning_topic_cluster: b.learningTopicCluster ? 1 : 0 }),
    ...(b.hasPeriodicTest !== undefined && { has_periodic_test: b.hasPeriodicTest ? 1 : 0 }),
    ...(b.subjectGroupId !== undefined && { subject_group_id: b.subjectGroupId }),
  };
  return db.transaction().execute(async (tx) => {
    if (Object.keys(patch).length) await tx.updateTable('subjects').set(patch).where('id', '=', subject.id).execute();
    const after = await tx.selectFrom('subjects').selectAll().where('id', '=', subject.id).executeTakeFirstOrThrow();
    await writeAudit(tx, audit, { chainKey: schoolChain(subject.school_id), schoolId: subject.school_id, action: 'subject.updated', entityType: 'subject', entityId: subject.id, before: subject, after });
    return after;
  });
}
