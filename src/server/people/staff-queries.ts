/** Queries for the school's staff and its teacher accounts: plain rows out, no rules. */
import type { Executor } from '../platform/db/database.ts';

export async function listStaff(db: Executor, schoolId: string) {
  return db.selectFrom('staff').selectAll().where('school_id', '=', schoolId).execute();
}

/** The school's accounts with the teacher role, by full name. */
export async function listTeacherAccounts(db: Executor, schoolId: string) {
  const rows = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.full_name', 'users.staff_id'])
    .where('users.school_id', '=', schoolId)
    .where('user_roles.role', '=', 'teacher')
    .orderBy('users.full_name')
    .execute();
  return rows.map((r) => ({ userId: r.id, fullName: r.full_name, staffId: r.staff_id }));
}
