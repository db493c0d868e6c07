/**
 * Append-only, hash-chained audit events. Each chain (one per school for set-up and people;
 * later one per grade book) has a head row that is updated in the same transaction as the
 * change it records, which serialises writers of one chain and lets other chains proceed.
 *
 *   hash = sha256(prev_hash ‖ canonical JSON of the event)
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Tx, Executor } from './db/database.ts';
import type { Row } from './db/schema.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContext {
  actorUserId: string | null;
  actorRole: string;
  ip: string;
  userAgent: string;
  requestId: string;
  now: string;
}

export interface AuditEntry {
  chainKey: string;
  schoolId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason?: string;
  source?: string;
}

export const schoolChain = (schoolId: string) => `school:${schoolId}`;
export const systemChain = 'system';

/** Canonical JSON: keys sorted recursively, no whitespace. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

type HashedFields = Omit<Row<'audit_events'>, 'hash'>;

/** The hash of one stored event given its predecessor's hash. */
export function hashEvent(event: HashedFields): string {
  const body = canonicalJson({
    id: event.id,
    chain_key: event.chain_key,
    seq: Number(event.seq),
    school_id: event.school_id,
    at: event.at,
    actor_user_id: event.actor_user_id,
    actor_role: event.actor_role,
    ip: event.ip,
    user_agent: event.user_agent,
    request_id: event.request_id,
    action: event.action,
    entity_type: event.entity_type,
    entity_id: event.entity_id,
    before_json: event.before_json,
    after_json: event.after_json,
    reason: event.reason,
    source: event.source,
  });
  return createHash('sha256').update(event.prev_hash).update('\u2016').update(body).digest('hex');
}

/** Writes one audit event; call inside the transaction that makes the change. */
export async function writeAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  // Claim the chain head first: an UPDATE takes the row lock on PostgreSQL (and SQLite has one writer).
  const claimed = await tx
    .updateTable('audit_chain_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('chain_key', '=', entry.chainKey)
    .returning(['seq', 'hash'])
    .executeTakeFirst();
  let seq: number;
  let prevHash: string;
  if (claimed) {
    seq = Number(claimed.seq);
    prevHash = claimed.hash;
  } else {
    seq = 1;
    prevHash = GENESIS_HASH;
    await tx.insertInto('audit_chain_heads').values({ chain_key: entry.chainKey, seq, hash: prevHash }).execute();
  }
  const event: HashedFields = {
    id: randomUUID(),
    chain_key: entry.chainKey,
    seq,
    school_id: entry.schoolId,
    at: ctx.now,
    actor_user_id: ctx.actorUserId,
    actor_role: ctx.actorRole,
    ip: ctx.ip,
    user_agent: ctx.userAgent.slice(0, 300),
    request_id: ctx.requestId,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    before_json: entry.before === undefined || entry.before === null ? null : canonicalJson(entry.before),
    after_json: entry.after === undefined || entry.after === null ? null : canonicalJson(entry.after),
    reason: entry.reason ?? '',
    source: entry.source ?? 'typed',
    prev_hash: prevHash,
  };
  const hash = hashEvent(event);
  await tx.insertInto('audit_events').values({ ...event, hash }).execute();
  await tx.updateTable('audit_chain_heads').set({ hash }).where('chain_key', '=', entry.chainKey).execute();
}

export interface ChainBreak {
  chainKey: string;
  seq: number;
  eventId: string | null;
  problem: string;
}

/** Recomputes every chain; returns the first broken link of each broken chain. */
export async function verifyAuditChains(db: Executor): Promise<{ chains: number; events: number; breaks: ChainBreak[] }> {
  const heads = await db.selectFrom('audit_chain_heads').selectAll().execute();
  const headByKey = new Map(heads.map((h) => [h.chain_key, h]));
  const keys = await db.selectFrom('audit_events').select('chain_key').distinct().execute();
  const allKeys = new Set([...headByKey.keys(), ...keys.map((k) => k.chain_key)]);
  const breaks: ChainBreak[] = [];
  let events = 0;
  for (const chainKey of [...allKeys].sort()) {
    const rows = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('chain_key', '=', chainKey)
      .orderBy('seq')
      .execute();
    events += rows.length;
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let broken: ChainBreak | null = null;
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        broken = { chainKey, seq: expectedSeq, eventId: row.id, problem: `thiếu hoặc sai thứ tự: mong đợi số ${expectedSeq}, gặp ${seq}` };
        break;
      }
      if (row.prev_hash !== prev) {
        broken = { chainKey, seq, eventId: row.id, problem: 'prev_hash không khớp với sự kiện trước (bị chèn, xóa hoặc đảo thứ tự)' };
        break;
      }
      const recomputed = hashEvent(row);
      if (recomputed !== row.hash) {
        broken = { chainKey, seq, eventId: row.id, problem: 'nội dung sự kiện đã bị sửa (hash không khớp)' };
        break;
      }
      prev = row.hash;
      expectedSeq += 1;
    }
    const head = headByKey.get(chainKey);
    if (!broken) {
      if (!head) broken = { chainKey, seq: expectedSeq - 1, eventId: null, problem: 'thiếu đầu chuỗi' };
      else if (Number(head.seq) !== expectedSeq - 1 || head.hash !== prev)
        broken = {
          chainKey,
          seq: Number(head.seq),
          eventId: null,
          problem: `đầu chuỗi ghi ${head.seq} sự kiện nhưng chỉ còn ${expectedSeq - 1} (sự kiện cuối bị xóa?)`,
        };
    }
    if (broken) breaks.push(broken);
  }
  return { chains: allKeys.size, events, breaks };
}
