import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './auth/auth.routes.ts';
import type { RouteDeps } from './deps.ts';

/** Every /api/v1 area. A new area registers here (and gets its rows in the permission tests). */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  await registerAuthRoutes(app, deps);
}
