/** Queries for delegations (issue 22): plain objects out, no rules. */
import type { DelegatedPower, DelegationScope } from '../../domain/policies/delegation.ts';
import type { Executor } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';

export async function getDelegationOr404(db: Executor, id: string) {
  const row = await db.selectFrom('delegations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('ủy quyền');
  return row;
}

/** The school's vice-principals with an open account: whom the principal may delegate. */
export async function listDelegateCandidates(db: Executor, schoolId: string): Promise<{ userId: string; fullName: string }[]> {
  const rows = await db
    .selectFrom('user_roles')
    .innerJoin('users', 'users.id', 'user_roles.user_id')
    .select(['users.id', 'users.full_name'])
    .where('user_roles.school_id', '=', schoolId)
    .where('user_roles.role', '=', 'vice_principal')
    .where('users.disabled', '=', 0)
    .orderBy('users.full_name')
    .execute();
  return [...new Map(rows.map((r) => [r.id, { userId: r.id, fullName: r.full_name }])).values()];
}

/**
 * The school's delegations (those in force first, then revoked, newest first) with the names of
 * the people and the year; `onlyFor` limits them to one vice-principal's own.
 */
export async function loadDelegationsPage(db: Executor, schoolId: string, onlyFor: string | null) {
  let q = db
    .selectFrom('delegations')
    .innerJoin('users as delegate', 'delegate.id', 'delegations.delegate_user_id')
    .innerJoin('school_years', 'school_years.id', 'delegations.school_year_id')
    .leftJoin('users as granter', 'granter.id', 'delegations.granted_by')
    .leftJoin('users as revoker', 'revoker.id', 'delegations.revoked_by')
    .selectAll('delegations')
    .select(['delegate.full_name as delegate_name', 'school_years.name as year_name', 'granter.full_name as granter_name', 'revoker.full_name as revoker_name'])
    .where('delegations.school_id', '=', schoolId);
  if (onlyFor) q = q.where('delegations.delegate_user_id', '=', onlyFor);
  const rows = await q.orderBy('delegations.granted_at', 'desc').execute();
  const years = await db.selectFrom('school_years').select(['id', 'name']).where('school_id', '=', schoolId).orderBy('start_year', 'desc').execute();
  return {
    delegations: rows
      .map((r) => ({
        id: r.id,
        schoolYearId: r.school_year_id,
        yearName: r.year_name,
        delegateUserId: r.delegate_user_id,
        delegateName: r.delegate_name,
        powers: JSON.parse(r.powers_json) as DelegatedPower[],
        scope: r.scope as DelegationScope,
        grantedByName: r.granter_name ?? null,
        grantedAt: r.granted_at,
        revokedByName: r.revoker_name ?? null,
        revokedAt: r.revoked_at,
        version: Number(r.version),
      }))
      .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null)),
    candidates: onlyFor ? [] : await listDelegateCandidates(db, schoolId),
    years,
  };
}

/**
 * A vice-principal holding `power` in the school (an open account, still a vice-principal), the
 * latest granted first; null when nobody does. Told of requests she may decide.
 */
export async function loadPowerHolder(db: Executor, schoolId: string, power: DelegatedPower): Promise<{ userId: string; fullName: string } | null> {
  const rows = await db
    .selectFrom('delegations')
    .innerJoin('users', 'users.id', 'delegations.delegate_user_id')
    .innerJoin('user_roles', (j) => j.onRef('user_roles.user_id', '=', 'users.id').onRef('user_roles.school_id', '=', 'delegations.school_id').on('user_roles.role', '=', 'vice_principal'))
    .select(['users.id', 'users.full_name', 'delegations.powers_json'])
    .where('delegations.school_id', '=', schoolId)
    .where('delegations.revoked_at', 'is', null)
    .where('users.disabled', '=', 0)
    .orderBy('delegations.granted_at', 'desc')
    .execute();
  const row = rows.find((r) => (JSON.parse(r.powers_json) as string[]).includes(power));
  return row ? { userId: row.id, fullName: row.full_name } : null;
}
