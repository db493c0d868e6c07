/** In-app notifications, written in the transaction of the change they announce. */
import { randomUUID } from 'node:crypto';
import type { Tx } from './db/database.ts';

export async function notify(
  tx: Tx,
  p: { schoolId: string; userIds: string[]; kind: string; title: string; body?: string; link?: string; now: string },
): Promise<void> {
  for (const userId of new Set(p.userIds)) {
    await tx
      .insertInto('notifications')
      .values({ id: randomUUID(), school_id: p.schoolId, user_id: userId, kind: p.kind, title: p.title, body: p.body ?? '', link: p.link ?? '', created_at: p.now, read_at: null })
      .execute();
  }
}

/** Users linked to the homeroom teacher of a class. */
export async function homeroomUsers(tx: Tx, classId: string): Promise<string[]> {
  const rows = await tx
    .selectFrom('classes')
    .innerJoin('users', 'users.staff_id', 'classes.homeroom_staff_id')
    .select('users.id')
    .where('classes.id', '=', classId)
    .execute();
  return rows.map((r) => r.id);
}

/** Users holding one of the roles in a school. */
export async function usersWithRole(tx: Tx, schoolId: string, roles: string[]): Promise<string[]> {
  const rows = await tx.selectFrom('user_roles').select('user_id').where('school_id', '=', schoolId).where('role', 'in', roles).execute();
  return rows.map((r) => r.user_id);
}
