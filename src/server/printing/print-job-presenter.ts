/** A bulk print job for the API (explicit fields only): its progress and, once done, its files. */
import type { Row } from '../platform/db/schema.ts';

export function presentPrintJob(job: Row<'jobs'>) {
  const result = job.result_json ? JSON.parse(job.result_json) : null;
  return {
    id: job.id,
    kind: JSON.parse(job.params_json).kind ?? job.kind,
    status: job.status,
    progressDone: job.progress_done,
    progressTotal: job.progress_total,
    error: job.error,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    result: result?.documents
      ? { documents: result.documents, skipped: result.skipped ?? [], pages: result.pages, zipUrl: `/api/v1/jobs/${job.id}/files/zip`, pdfUrl: `/api/v1/jobs/${job.id}/files/pdf` }
      : null,
  };
}
