import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Db, Dialect } from '../db/database.ts';
import type { Env } from '../env.ts';

export interface RouteDeps {
  db: Db;
  dialect: Dialect;
  env: Env;
  /** Wakes this process's job worker after a job was enqueued. */
  jobs: { wake(): void };
  clock: () => Date;
}

/** A Fastify instance typed for zod schemas. */
export function typed(app: FastifyInstance) {
  return app.withTypeProvider<ZodTypeProvider>();
}
