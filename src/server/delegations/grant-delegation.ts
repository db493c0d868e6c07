/**
 * The principal delegates named powers to one of the school's vice-principals for one school
 * year and section (issue 22); saved with its audit event in one transaction, the vice-principal told.
 */
import { randomUUID } from 'node:crypto';
import { POWER_LABELS, SCOPE_LABELS, type DelegatedPower, type DelegationScope } from '../../domain/policies/delegation.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { invalid } from '../platform/errors.ts';
import { notify } from '../platform/notify.ts';
import { listDelegateCandidates } from './delegations-queries.ts';

export interface GrantDelegationOptions {
  db: Db;
  schoolId: string;
  input: { schoolYearId: string; delegateUserId: string; powers: DelegatedPower[]; scope: DelegationScope };
  grantedBy: string;
  audit: AuditContext;
}

export async function grantDelegation({ db, schoolId, input, grantedBy, audit }: GrantDelegationOptions): Promise<string> {
  const id = randomUUID();
  const powers = [...new Set(input.powers)];
  await db.transaction().execute(async (tx) => {
    const year = await tx.selectFrom('school_years').select(['id', 'name']).where('id', '=', input.schoolYearId).where('school_id', '=', schoolId).executeTakeFirst();
    if (!year) throw invalid('Năm học không thuộc trường này.', [{ field: 'schoolYearId', message: 'không thuộc trường' }]);
    if (!(await listDelegateCandidates(tx, schoolId)).some((c) => c.userId === input.delegateUserId)) {
      const message = 'Chỉ ủy quyền được cho một phó hiệu trưởng của trường (tài khoản đang mở).';
      throw invalid(message, [{ field: 'delegateUserId', message }]);
    }
    const row = { id, school_id: schoolId, school_year_id: year.id, delegate_user_id: input.delegateUserId, powers_json: JSON.stringify(powers), scope: input.scope, granted_by: grantedBy, granted_at: audit.now, revoked_by: null, revoked_at: null, version: 1 };
    await tx.insertInto('delegations').values(row).execute();
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'delegation.granted',
      entityType: 'delegation',
      entityId: id,
      before: null,
      after: { schoolYearId: year.id, delegateUserId: input.delegateUserId, powers, scope: input.scope, grantedBy, grantedAt: audit.now, version: 1 },
    });
    await notify(tx, {
      schoolId,
      userIds: [input.delegateUserId],
      kind: 'delegation.granted',
      title: `Hiệu trưởng ủy quyền cho thầy/cô năm học ${year.name} (${SCOPE_LABELS[input.scope]})`,
      body: powers.map((p) => POWER_LABELS[p]).join('; '),
      link: '/uy-quyen',
      now: audit.now,
    });
  });
  return id;
}
