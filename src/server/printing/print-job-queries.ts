/** Look-ups of the bulk print jobs: the classes a job is asked for, the jobs, their output files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid, notFound } from '../platform/errors.ts';
import { getJob } from '../platform/jobs/job-queue.ts';

/** The classes asked for, in the order asked; 404 when one is unknown or of another school. */
export async function getSchoolClassesOr404(db: Executor, schoolId: string, classIds: string[]): Promise<{ id: string; name: string; school_id: string }[]> {
  const classes = await db.selectFrom('classes').select(['id', 'name', 'school_id']).where('id', 'in', classIds).execute();
  if (classes.length !== new Set(classIds).size || classes.some((c) => c.school_id !== schoolId)) throw notFound('lớp');
  return classIds.map((id) => classes.find((c) => c.id === id)!);
}

/** The school's 30 latest print jobs, newest first; only `createdBy`'s when given. */
export async function listPrintJobs(db: Executor, schoolId: string, createdBy?: string): Promise<Row<'jobs'>[]> {
  let q = db.selectFrom('jobs').selectAll().where('school_id', '=', schoolId).where('kind', '=', 'print_documents');
  if (createdBy) q = q.where('created_by', '=', createdBy);
  return q.orderBy('created_at', 'desc').limit(30).execute();
}

export async function getJobOr404(db: Executor, jobId: string): Promise<Row<'jobs'>> {
  const job = await getJob(db, jobId);
  if (!job) throw notFound('công việc');
  return job;
}

/** A finished job's zip (a file per document) or merged PDF, with its file name; 400 until the job is done. */
export function readPrintJobOutput(dataDir: string, job: Row<'jobs'>, file: 'zip' | 'pdf'): { filename: string; bytes: Buffer } {
  if (job.status !== 'done' || !job.result_json) throw invalid('Công việc chưa xong.', [{ field: 'jobId', message: 'chưa xong' }]);
  const result = JSON.parse(job.result_json) as { zipPath: string; mergedPath: string };
  const path = file === 'zip' ? result.zipPath : result.mergedPath;
  return { filename: path.split('/').pop()!, bytes: readFileSync(join(dataDir, 'files', path)) };
}
