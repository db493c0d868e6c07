/** The school's audit log (nhật kí hệ thống): a filtered page of events, newest first, with the actor's name (and on whose authority); days are days in Vietnam. */
import type { z } from 'zod';
import type { ZAuditQuery } from '../../shared/audit.ts';
import { addDays, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import type { Executor } from '../platform/db/database.ts';

export async function loadAuditPage(db: Executor, schoolId: string, q: z.infer<typeof ZAuditQuery>) {
  let base = db.selectFrom('audit_events').where('audit_events.school_id', '=', schoolId);
  if (q.action) base = base.where('audit_events.action', '=', q.action);
  if (q.entityType) base = base.where('audit_events.entity_type', '=', q.entityType);
  if (q.actorUserId) base = base.where('audit_events.actor_user_id', '=', q.actorUserId);
  if (q.from) base = base.where('audit_events.at', '>=', vietnamInstant(q.from).toISOString());
  if (q.to) base = base.where('audit_events.at', '<', vietnamInstant(addDays(q.to, 1)).toISOString());
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('users', 'users.id', 'audit_events.actor_user_id')
    .selectAll('audit_events')
    .select('users.full_name as actor_name')
    .orderBy('audit_events.at', 'desc')
    .orderBy('audit_events.seq', 'desc')
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  // Acts done on a delegation (issue 22): the principal on whose behalf, by name.
  const authorities = rows.map((r) => (r.authority_json ? (JSON.parse(r.authority_json) as { onBehalfOf: string | null; delegationId: string }) : null));
  const principalIds = [...new Set(authorities.map((a) => a?.onBehalfOf).filter((id): id is string => Boolean(id)))];
  const principals = new Map(principalIds.length ? (await db.selectFrom('users').select(['id', 'full_name']).where('id', 'in', principalIds).execute()).map((u) => [u.id, u.full_name]) : []);
  return {
    total: Number(total.n),
    events: rows.map((r, i) => ({
      id: r.id,
      chainKey: r.chain_key,
      seq: Number(r.seq),
      at: r.at,
      actorUserId: r.actor_user_id,
      actorName: r.actor_name ?? null,
      actorRole: r.actor_role,
      onBehalfOf: authorities[i] ? { delegationId: authorities[i].delegationId, principalName: principals.get(authorities[i].onBehalfOf ?? '') ?? null } : null,
      ip: r.ip,
      userAgent: r.user_agent,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      before: r.before_json ? JSON.parse(r.before_json) : null,
      after: r.after_json ? JSON.parse(r.after_json) : null,
      reason: r.reason,
      source: r.source,
    })),
  };
}
