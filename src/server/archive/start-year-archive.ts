/**
 * Starting the archive of a school year (P6, P9): a `year_archive` background job, recorded with
 * its `archive.started` audit entry in one transaction.
 */
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { enqueueJob } from '../platform/jobs/job-queue.ts';
import { getSchoolYearOr404 } from './archive-queries.ts';
import { YEAR_ARCHIVE_JOB } from './year-archive-job.ts';

export interface StartYearArchiveOptions {
  db: Db;
  schoolId: string;
  schoolYearId: string;
  createdBy: string;
  audit: AuditContext;
  now: Date;
}

export async function startYearArchive(o: StartYearArchiveOptions): Promise<{ job: Row<'jobs'>; year: { id: string; name: string } }> {
  const { db, schoolId } = o;
  const year = await getSchoolYearOr404(db, schoolId, o.schoolYearId);
  const job = await db.transaction().execute(async (tx) => {
    const row = await enqueueJob(tx, { schoolId, kind: YEAR_ARCHIVE_JOB, params: { schoolYearId: year.id }, createdBy: o.createdBy, now: o.now });
    await writeAudit(tx, o.audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'archive.started',
      entityType: 'year_archive',
      entityId: row.id,
      before: null,
      after: { schoolYearId: year.id, schoolYearName: year.name },
    });
    return row;
  });
  return { job, year };
}
