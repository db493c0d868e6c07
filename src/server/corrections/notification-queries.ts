/** Queries for a user's in-app notifications. */
import type { Executor } from '../platform/db/database.ts';

/** The user's latest 100 notifications, newest first (only the unread ones if asked). */
export async function listNotifications(db: Executor, userId: string, unreadOnly: boolean) {
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (unreadOnly) q = q.where('read_at', 'is', null);
  const rows = await q.orderBy('created_at', 'desc').limit(100).execute();
  return rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, createdAt: n.created_at, readAt: n.read_at }));
}
