/** Every kind of background job and its handler. A new kind registers here. */
import type { JobHandler } from './job-runner.ts';
import { printDocuments } from './print-documents.ts';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  print_documents: printDocuments,
};
