/**
 * After a request that locked, approved or archived (ANCHORED_ACTIONS) and succeeded, the audit
 * chains are anchored before the answer leaves: the checkpoint is signed by the time the
 * principal sees "Đã khóa". A failure to anchor is logged, not shown: the change itself stands,
 * and the daily checkpoint covers it.
 */
import type { FastifyInstance } from 'fastify';
import { anchorAudit } from '../audit/anchor-audit.ts';
import { ANCHOR_REASONS } from '../audit/audit-checkpoints.ts';
import type { AuditAction } from '../../../shared/audit-events.ts';
import type { Db } from '../db/database.ts';
import type { Env } from '../env.ts';

export function registerAuditAnchoring(app: FastifyInstance, db: Db, env: Env): void {
  app.decorateRequest('auditAnchor', null);
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.auditAnchor && reply.statusCode < 400) {
      try {
        const reason = ANCHOR_REASONS[request.auditAnchor as AuditAction] ?? request.auditAnchor;
        await anchorAudit(db, env, request.now, reason, (error) => request.log.warn({ err: error }, 'audit anchor: no RFC 3161 timestamp'));
      } catch (error) {
        request.log.error({ err: error }, 'audit anchor failed');
      }
    }
    return payload;
  });
}
