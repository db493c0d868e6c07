/**
 * Changing the dates of a year's terms (S1): checked against the year, then saved with its
 * `terms.updated` audit event in one transaction.
 */
import type { z } from 'zod';
import { checkYearDates } from '../../domain/calendar/check-year-dates.ts';
import type { ZUpdateTermsInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';

export interface UpdateTermsOptions {
  db: Db;
  year: Row<'school_years'>;
  terms: z.infer<typeof ZUpdateTermsInput>['terms'];
  audit: AuditContext;
}

export async function updateTerms({ db, year, terms, audit }: UpdateTermsOptions): Promise<void> {
  const problems = checkYearDates({ startYear: Number(year.start_year), startsOn: year.starts_on, endsOn: year.ends_on, terms });
  if (problems.length) throw invalid(`Ngày học kỳ chưa hợp lệ: ${problems.map((p) => p.message).join('; ')}`, problems);
  await db.transaction().execute(async (tx) => {
    const before = await tx.selectFrom('terms').select(['term_no', 'starts_on', 'ends_on', 'end_test_on']).where('school_year_id', '=', year.id).orderBy('term_no').execute();
    for (const t of terms) {
      await tx.updateTable('terms').set({ starts_on: t.startsOn, ends_on: t.endsOn, end_test_on: t.endTestOn }).where('school_year_id', '=', year.id).where('term_no', '=', t.termNo).execute();
    }
    await writeAudit(tx, audit, {
      chainKey: schoolChain(year.school_id),
      schoolId: year.school_id,
      action: 'terms.updated',
      entityType: 'school_year',
      entityId: year.id,
      before,
      after: terms,
    });
  });
}
