/**
 * Append-only, hash-chained audit events. Each chain (one per school for set-up and people;
 * later one per grade book) has a head row that is updated in the same transaction as the
 * change it records, which serialises writers of one chain and lets other chains proceed.
 *
 *   hash = sha256(prev_hash ‖ canonical JSON of the event)
 */
import { randomUUID } from 'node:crypto';
import type { Tx, Executor } from '../db/database.ts';
import type { Row } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { canonicalJson } from '../canonical-json.ts';
import { sha256Hex } from '../sha256.ts';
import type { AuditEntry } from './audit-events.ts';
import { ANCHORED_ACTIONS } from './audit-checkpoints.ts';

export type { AuditEntry } from './audit-events.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditContext {
  actorUserId: string | null;
  actorRole: string;
  ip: string;
  userAgent: string;
  requestId: string;
  now: string;
  /** On whose authority the actor acted, when only a delegation allowed it (issue 22). */
  authority?: { onBehalfOf: string | null; delegationId: string };
  /**
   * The request's Idempotency-Key: recorded in the same transaction as the change, so a retry
   * after a crash between the commit and the answer is recognised as done (http/idempotency.ts).
   */
  idempotency?: { key: string; userId: string; route: string };
  /**
   * Told of each event after which the chains are anchored (a lock, an approval, an archive:
   * ANCHORED_ACTIONS); the request takes the checkpoint once its transaction has committed.
   */
  onAnchoredAction?: (action: AuditEntry['action']) => void;
}

export const schoolChain = (schoolId: string) => `school:${schoolId}`;
export const classChain = (classId: string) => `class:${classId}`;
export const gradebookChain = (classId: string, subjectId: string) => `gradebook:${classId}:${subjectId}`;
export const systemChain = 'system';

/** An event as hashed; `authority_json` only on acts done on a delegation. */
type HashedFields = Omit<Row<'audit_events'>, 'hash' | 'authority_json'> & { authority_json?: string | null };

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
    // Only events done on a delegation's authority carry it, so older events hash as before.
    ...(event.authority_json ? { authority_json: event.authority_json } : {}),
  });
  return sha256Hex(event.prev_hash, '\u2016', body);
}

/** Writes one audit event; call inside the transaction that makes the change. */
export async function writeAudit(tx: Tx, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await writeAudits(tx, ctx, [entry]);
}

/**
 * Claims the request's Idempotency-Key in the change's transaction: status 0 = committed, the
 * answer not yet stored (it replaces the row when sent), marked with the request's id. Another
 * request with the same key that got past the check before this one committed (two copies sent
 * at the same instant) finds the row here — on PostgreSQL its insert waits for ours to commit —
 * and is refused, so its transaction rolls back and the change is applied once. A request that
 * writes in several transactions finds its own mark and goes on.
 */
async function claimIdempotencyKey(tx: Tx, ctx: AuditContext, idem: NonNullable<AuditContext['idempotency']>): Promise<void> {
  const mark = `pending:${ctx.requestId}`;
  const inserted = await tx
    .insertInto('idempotency_keys')
    .values({ key: idem.key, user_id: idem.userId, route: idem.route, status_code: 0, response_json: mark, created_at: ctx.now })
    .onConflict((oc) => oc.columns(['user_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  if (inserted) return;
  const existing = await tx.selectFrom('idempotency_keys').select(['response_json']).where('user_id', '=', idem.userId).where('key', '=', idem.key).executeTakeFirst();
  if (existing?.response_json === mark) return;
  throw new AppError('CONFLICT', 'Yêu cầu này đã được thực hiện (một lần gửi khác với cùng Idempotency-Key). Hãy tải lại dữ liệu để xem kết quả.', { alreadyApplied: true });
}

/**
 * Writes several audit events, in order, in the caller's transaction. Each chain's head is
 * claimed once for the whole batch: the upsert takes its row lock on PostgreSQL (SQLite has one
 * writer), so writers of one chain queue while other chains proceed.
 */
export async function writeAudits(tx: Tx, ctx: AuditContext, entries: AuditEntry[]): Promise<void> {
  if (ctx.idempotency) await claimIdempotencyKey(tx, ctx, ctx.idempotency);
  for (const e of entries) if (ANCHORED_ACTIONS.has(e.action)) ctx.onAnchoredAction?.(e.action);
  const byChain = new Map<string, AuditEntry[]>();
  for (const e of entries) byChain.set(e.chainKey, [...(byChain.get(e.chainKey) ?? []), e]);
  for (const [chainKey, list] of byChain) {
    // One statement claims the head: a new chain starts at n, an existing one moves on by n.
    const claimed = await tx
      .insertInto('audit_chain_heads')
      .values({ chain_key: chainKey, seq: list.length, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column('chain_key').doUpdateSet((eb) => ({ seq: eb('audit_chain_heads.seq', '+', list.length) })))
      .returning(['seq', 'hash'])
      .executeTakeFirstOrThrow();
    let seq = Number(claimed.seq) - list.length;
    let prevHash = claimed.hash;
    const rows: Row<'audit_events'>[] = [];
    for (const entry of list) {
      seq += 1;
      const event: Omit<Row<'audit_events'>, 'hash'> = {
        id: randomUUID(),
        chain_key: chainKey,
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
        authority_json: ctx.authority ? canonicalJson(ctx.authority) : null,
        prev_hash: prevHash,
      };
      const hash = hashEvent(event);
      rows.push({ ...event, hash });
      prevHash = hash;
    }
    for (let i = 0; i < rows.length; i += 50) await tx.insertInto('audit_events').values(rows.slice(i, i + 50)).execute();
    await tx.updateTable('audit_chain_heads').set({ hash: prevHash }).where('chain_key', '=', chainKey).execute();
  }
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
