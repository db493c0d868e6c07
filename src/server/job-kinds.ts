/** Every kind of background job and its handler. A new kind registers here. */
import type { JobHandler } from './platform/jobs/job-runner.ts';
import { printDocuments } from './printing/index.ts';
import './print-kinds.ts';
import { yearArchiveJob } from './archive/index.ts';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  print_documents: printDocuments,
  // Archives are signed with the school's seal certificate when one is configured (SODIEM_SEAL_*).
  year_archive: (ctx) => yearArchiveJob(ctx, { seal: ctx.env.signing.seal }),
};
