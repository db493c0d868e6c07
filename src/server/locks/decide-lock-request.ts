/**
 * The principal (or her delegated vice-principal) confirms or refuses the admin board's request
 * (issue 14 §3). On confirmation the release or window change happens in the same transaction as
 * the confirmation, its audit event naming the confirmer (the actor) and the requester. Nobody
 * decides their own request. The request leaves `pending` by a conditional update, so of two
 * decisions at once only one takes effect; a decision sent again answers as the first did.
 */
import { SELF_DECISION } from '../../domain/policies/four-eyes.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, forbidden, invalid } from '../platform/errors.ts';
import { notify } from '../platform/notify.ts';
import { getLockOr404 } from './locks-queries.ts';
import { releaseLockInTransaction } from './release-lock.ts';
import { setAssessmentWindowInTransaction } from './set-assessment-window.ts';

export interface DecideLockRequestOptions {
  db: Db;
  request: Row<'lock_requests'>;
  decision: 'confirm' | 'refuse';
  reason: string;
  deciderId: string;
  audit: AuditContext;
}

const STATUS = { confirm: 'confirmed', refuse: 'refused' } as const;
const DONE = { confirmed: 'đã được xác nhận', refused: 'đã bị từ chối' } as Record<string, string>;

/** Decided by someone else in the meantime. */
class AlreadyDecided extends Error {}

export async function decideLockRequest(options: DecideLockRequestOptions): Promise<void> {
  const { db, request, decision, deciderId, audit } = options;
  if (request.requested_by === deciderId) throw forbidden(SELF_DECISION.lockRequest);
  if (decision === 'refuse' && !options.reason) throw invalid('Từ chối cần ghi lý do.', [{ field: 'reason', message: 'cần ghi lý do' }]);
  const status = STATUS[decision];
  const link = `/lock-requests/${request.id}`;
  if (request.status !== 'pending') return answerDecided(request.status, status);
  try {
    await db.transaction().execute(async (tx) => {
      const res = await tx
        .updateTable('lock_requests')
        .set({ status, decided_by: deciderId, decided_at: audit.now, decision_reason: options.reason })
        .where('id', '=', request.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AlreadyDecided();
      const entry = { chainKey: schoolChain(request.school_id), schoolId: request.school_id, entityType: 'lock_request' as const, entityId: request.id, before: { status: 'pending' as const }, reason: options.reason };
      const after = {
        kind: request.kind as 'release' | 'window',
        lockId: request.lock_id,
        point: request.point,
        opensOn: request.opens_on,
        closesOn: request.closes_on,
        summary: request.summary,
        requestedBy: request.requested_by,
      };
      await writeAudit(
        tx,
        audit,
        decision === 'confirm'
          ? { ...entry, action: 'lockRequest.confirmed', after: { ...after, status: 'confirmed' } }
          : { ...entry, action: 'lockRequest.refused', after: { ...after, status: 'refused' } },
      );
      if (decision === 'confirm') {
        const confirmed = { requestId: request.id, requestedBy: request.requested_by };
        if (request.kind === 'release') {
          const lock = await getLockOr404(tx, request.lock_id as string);
          await releaseLockInTransaction(tx, { lock, reason: request.reason, releasedBy: deciderId, audit, request: confirmed });
        } else {
          await setAssessmentWindowInTransaction(tx, {
            year: { id: request.school_year_id, school_id: request.school_id },
            point: request.point as string,
            opensOn: request.opens_on as string,
            closesOn: request.closes_on as string,
            orderedBy: '',
            setBy: deciderId,
            audit,
            request: confirmed,
            expectedVersion: Number(request.window_version ?? 0),
          });
        }
      }
      // The request is decided: its "waiting" notices are done for every confirmer (inbox only, not audited).
      await tx.updateTable('notifications').set({ read_at: audit.now }).where('link', '=', link).where('kind', '=', 'lockRequest.filed').where('read_at', 'is', null).execute();
      await notify(tx, {
        schoolId: request.school_id,
        userIds: [request.requested_by],
        kind: `lockRequest.${status}`,
        title: `Yêu cầu ${DONE[status]}: ${request.summary}`,
        body: options.reason,
        link,
        now: audit.now,
      });
    });
  } catch (e) {
    if (!(e instanceof AlreadyDecided)) throw e;
    const now = await db.selectFrom('lock_requests').select('status').where('id', '=', request.id).executeTakeFirstOrThrow();
    answerDecided(now.status, status);
  }
}

/** A request already decided: the same decision again is done; the other one is refused. */
function answerDecided(current: string, wanted: string): void {
  if (current !== wanted) throw new AppError('INVALID_STATE', `Yêu cầu này ${DONE[current] ?? 'đã được xử lý'}.`);
}
