/** A user marks one of her notifications read (not audited: it changes nothing but her inbox). */
import type { Db } from '../platform/db/database.ts';

export interface MarkNotificationReadOptions {
  db: Db;
  notificationId: string;
  /** Only the owner's notification is marked; anyone else's is left as it is. */
  userId: string;
  now: string;
}

export async function markNotificationRead(options: MarkNotificationReadOptions): Promise<void> {
  const { db, notificationId, userId, now } = options;
  await db.updateTable('notifications').set({ read_at: now }).where('id', '=', notificationId).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}
