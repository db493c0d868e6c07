import type { FastifyInstance } from 'fastify';
import { registerAccountRoutes } from './accounts/accounts.routes.ts';
import { registerArchiveRoutes } from './archive/archive.routes.ts';
import { registerAttendanceRoutes } from './attendance/attendance.routes.ts';
import { registerAuditRoutes } from './audit/audit.routes.ts';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import { registerCorrectionRoutes } from './corrections/corrections.routes.ts';
import { registerDashboardRoutes } from './dashboard/dashboard.routes.ts';
import { registerDocumentRoutes } from './documents/documents.routes.ts';
import { registerPrintJobRoutes } from './documents/print-jobs.routes.ts';
import { registerSigningRoutes } from './documents/signing.routes.ts';
import { registerVerifyRoutes } from './verify/verify.routes.ts';
import { registerGradebookRoutes } from './gradebook/gradebook.routes.ts';
import { registerHomeroomRoutes } from './homeroom/homeroom.routes.ts';
import { registerGradebookExcelRoutes } from './gradebook/gradebook-excel.routes.ts';
import { registerLockRoutes } from './locks/locks.routes.ts';
import type { RouteDeps } from './deps.ts';
import { registerPeopleRoutes } from './people/people.routes.ts';
import { registerPrintRoutes } from './print/print.routes.ts';
import { registerClassPrintRoutes } from './print/class-print.routes.ts';
import { registerPrimaryRoutes } from './primary/primary.routes.ts';
import { registerSetupRoutes } from './setup/setup.routes.ts';
import { registerStudentPrintRoutes } from './print/student-print.routes.ts';

/** Every /api/v1 area. A new area registers here (and gets its rows in the permission tests). */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerAuthRoutes(app, deps);
  await registerAccountRoutes(app, deps);
  await registerSetupRoutes(app, deps);
  await registerPeopleRoutes(app, deps);
  await registerGradebookRoutes(app, deps);
  await registerGradebookExcelRoutes(app, deps);
  await registerLockRoutes(app, deps);
  await registerCorrectionRoutes(app, deps);
  await registerAttendanceRoutes(app, deps);
  await registerHomeroomRoutes(app, deps);
  await registerPrimaryRoutes(app, deps);
  await registerAuditRoutes(app, deps);
  await registerPrintRoutes(app, deps);
  await registerStudentPrintRoutes(app, deps);
  await registerClassPrintRoutes(app, deps);
  await registerDashboardRoutes(app, deps);
  await registerDocumentRoutes(app, deps);
  await registerPrintJobRoutes(app, deps);
  await registerSigningRoutes(app, deps);
  await registerVerifyRoutes(app, deps);
  await registerArchiveRoutes(app, deps);
}
