import type { FastifyInstance } from 'fastify';
import { registerAccountRoutes } from './accounts/index.ts';
import { registerArchiveRoutes } from './archive/index.ts';
import { registerAttendanceRoutes, registerHomeroomRoutes } from './homeroom/index.ts';
import { registerAuditRoutes } from './audit/index.ts';
import { registerAuthRoutes } from './auth/index.ts';
import { registerCorrectionRoutes } from './corrections/index.ts';
import { registerDashboardRoutes } from './dashboard/index.ts';
import { registerDelegationRoutes } from './delegations/index.ts';
import { registerDocumentRoutes, registerSigningRoutes, registerVerifyRoutes } from './documents/index.ts';
import { registerClassPrintRoutes, registerPrintJobRoutes, registerPrintRoutes } from './printing/index.ts';
import { registerGradebookExcelRoutes, registerGradebookRoutes } from './gradebook/index.ts';
import { registerLockRoutes } from './locks/index.ts';
import type { RouteDeps } from './platform/http/route-deps.ts';
import { registerPeopleRoutes, registerStaffRoutes } from './people/index.ts';
import { registerPrimaryRoutes } from './primary/index.ts';
import { registerSetupRoutes } from './setup/index.ts';
import { registerStudentPrintRoutes } from './transcripts/index.ts';
import { registerTestingPlanRoutes } from './testing-plans/index.ts';
import { registerTodoRoutes } from './todo/index.ts';

/** Every /api/v1 area. A new area registers here (and gets its rows in the permission tests). */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerAuthRoutes(app, deps);
  await registerAccountRoutes(app, deps);
  await registerSetupRoutes(app, deps);
  await registerStaffRoutes(app, deps);
  await registerPeopleRoutes(app, deps);
  await registerGradebookRoutes(app, deps);
  await registerGradebookExcelRoutes(app, deps);
  await registerLockRoutes(app, deps);
  await registerDelegationRoutes(app, deps);
  await registerTestingPlanRoutes(app, deps);
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
  await registerTodoRoutes(app, deps);
}
