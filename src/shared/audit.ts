import { z } from 'zod';

export const ZAuditEvent = z.object({
  id: z.string(),
  chainKey: z.string(),
  seq: z.number().int(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  /** Set when the act was allowed only by the principal's delegation (issue 22): "KT. Hiệu trưởng". */
  onBehalfOf: z.object({ delegationId: z.string(), principalName: z.string().nullable() }).nullable(),
  ip: z.string(),
  userAgent: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string(),
  source: z.string(),
});
export const ZAuditQuery = z.object({
  action: z.string().max(100).optional(),
  entityType: z.string().max(100).optional(),
  actorUserId: z.string().max(64).optional(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ZAuditPage = z.object({ total: z.number().int(), events: z.array(ZAuditEvent) });
