/** Queries for the signed-in user: plain rows out, no rules. */
import type { Actor } from '../../domain/policies/actor.ts';
import type { Executor } from '../platform/db/database.ts';

/** The schools an actor works in, oversees, or has a child in, by name. */
export async function listActorSchools(db: Executor, actor: Actor) {
  const schoolIds = new Set<string>(actor.overseenSchoolIds);
  for (const g of actor.grants) if (g.schoolId) schoolIds.add(g.schoolId);
  const guardianStudents = actor.grants.filter((g) => g.role === 'guardian' && g.studentId).map((g) => g.studentId as string);
  if (guardianStudents.length) {
    const rows = await db.selectFrom('students').select('school_id').where('id', 'in', guardianStudents).execute();
    for (const r of rows) schoolIds.add(r.school_id);
  }
  return schoolIds.size ? db.selectFrom('schools').select(['id', 'name', 'code', 'level']).where('id', 'in', [...schoolIds]).orderBy('name').execute() : [];
}

/** How many of the user's recovery codes are still unused. */
export async function countRecoveryCodesLeft(db: Executor, userId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
