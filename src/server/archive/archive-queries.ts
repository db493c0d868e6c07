/** Look-ups of the year archives: a school's archive jobs, the names of its years, a finished package's zip. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { notFound } from '../platform/errors.ts';
import { YEAR_ARCHIVE_JOB, type YearArchiveJobResult } from './year-archive-job.ts';

/** The school's 50 latest archive jobs, newest first, with the names of its school years. */
export async function listYearArchives(db: Executor, schoolId: string): Promise<{ jobs: Row<'jobs'>[]; yearNames: Map<string, string> }> {
  const jobs = await db.selectFrom('jobs').selectAll().where('school_id', '=', schoolId).where('kind', '=', YEAR_ARCHIVE_JOB).orderBy('created_at', 'desc').limit(50).execute();
  const years = await db.selectFrom('school_years').select(['id', 'name']).where('school_id', '=', schoolId).execute();
  return { jobs, yearNames: new Map(years.map((y) => [y.id, y.name])) };
}

/** A school year of the school, or 404. */
export async function getSchoolYearOr404(db: Executor, schoolId: string, schoolYearId: string): Promise<{ id: string; name: string }> {
  const year = await db.selectFrom('school_years').select(['id', 'name']).where('id', '=', schoolYearId).where('school_id', '=', schoolId).executeTakeFirst();
  if (!year) throw notFound('năm học');
  return year;
}

/** The zip of a finished archive of the school (its name and path on disk), or 404. */
export async function getArchiveZipOr404(db: Executor, dataDir: string, schoolId: string, archiveId: string): Promise<{ name: string; file: string }> {
  const job = await db.selectFrom('jobs').selectAll().where('id', '=', archiveId).where('school_id', '=', schoolId).where('kind', '=', YEAR_ARCHIVE_JOB).executeTakeFirst();
  const result = job?.status === 'done' && job.result_json ? (JSON.parse(job.result_json) as YearArchiveJobResult) : null;
  const file = result ? join(dataDir, result.zipPath) : null;
  if (!result || !file || !existsSync(file)) throw notFound('gói lưu trữ');
  return { name: result.name, file };
}
