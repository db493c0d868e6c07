/**
 * Adding a subject to a grade of a school year (S1): its code unique in the grade, its subject
 * group of the same year, placed last in the grade's order; saved with its audit event.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ZCreateSubjectInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { checkSubjectGroupInYear } from './setup-references.ts';

export interface CreateSubjectOptions {
  db: Db;
  year: Row<'school_years'>;
  input: z.infer<typeof ZCreateSubjectInput>;
  audit: AuditContext;
}

export async function createSubject({ db, year, input, audit }: CreateSubjectOptions): Promise<Row<'subjects'>> {
  const dup = await db.selectFrom('subjects').select('id').where('school_year_id', '=', year.id).where('grade', '=', input.grade).where('code', '=', input.code).executeTakeFirst();
  if (dup) throw new AppError('CONFLICT', `Khối ${input.grade} đã có môn mã ${input.code}.`);
  await checkSubjectGroupInYear(db, input.subjectGroupId, year.id);
  const max = await db.selectFrom('subjects').select((eb) => eb.fn.max('sort_order').as('m')).where('school_year_id', '=', year.id).where('grade', '=', input.grade).executeTakeFirst();
  const row = {
    id: randomUUID(),
    school_id: year.school_id,
    school_year_id: year.id,
    grade: input.grade,
    code: input.code,
    name: input.name,
    periods_per_year: input.periodsPerYear,
    assessment_kind: input.assessmentKind,
    learning_topic_cluster: input.learningTopicCluster ? 1 : 0,
    has_periodic_test: input.hasPeriodicTest ? 1 : 0,
    sort_order: Number(max?.m ?? 0) + 1,
    subject_group_id: input.subjectGroupId,
  };
  await db.transaction().execute(async (tx) => {
    await tx.insertInto('subjects').values(row).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(year.school_id), schoolId: year.school_id, action: 'subject.created', entityType: 'subject', entityId: row.id, before: null, after: row });
  });
  return row;
}
