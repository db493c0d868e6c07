/** A year archive (its job) for the API (explicit fields only): progress and, once done, the package. */
import type { Row } from '../platform/db/schema.ts';
import type { YearArchiveJobResult } from './year-archive-job.ts';

export function presentArchive(job: Row<'jobs'>, yearNames: Map<string, string>) {
  const params = JSON.parse(job.params_json) as { schoolYearId: string };
  const result = job.status === 'done' && job.result_json ? (JSON.parse(job.result_json) as YearArchiveJobResult) : null;
  return {
    id: job.id,
    schoolYearId: params.schoolYearId,
    schoolYearName: yearNames.get(params.schoolYearId) ?? '',
    status: job.status,
    progressDone: Number(job.progress_done),
    progressTotal: Number(job.progress_total),
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    result: result
      ? {
          name: result.name,
          files: result.files,
          bytes: result.bytes,
          zipBytes: result.zipBytes,
          manifestSha256: result.manifestSha256,
          signed: result.signed,
          warnings: result.warnings,
          zipUrl: `/api/v1/schools/${job.school_id}/archives/${job.id}/zip`,
        }
      : null,
  };
}
