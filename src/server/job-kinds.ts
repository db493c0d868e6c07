/** Every kind of background job and its handler. A new kind registers here. */
import type { JobHandler } from './platform/jobs/job-runner.ts';
import { printDocuments } from './printing/index.ts';
import './print-kinds.ts';
import { yearArchiveJob } from './archive/index.ts';
import { configuredMailer } from './platform/mail.ts';
import { REMINDER_JOB, sendWindowReminders } from './todo/index.ts';

export const JOB_HANDLERS: Record<string, JobHandler> = {
  print_documents: printDocuments,
  // Archives are signed with the school's seal certificate when one is configured (SODIEM_SEAL_*).
  year_archive: (ctx) => yearArchiveJob(ctx, { seal: ctx.env.signing.seal }),
  // Reminders before an update window ends (issue 15), e-mailed too where SODIEM_SMTP_URL is set.
  [REMINDER_JOB]: (ctx) =>
    sendWindowReminders({ db: ctx.db, schoolId: (ctx.params as { schoolId: string }).schoolId, now: ctx.now(), mailer: configuredMailer(ctx.env.smtpUrl, ctx.now), log: (m, e) => console.error(m, e) }),
};
