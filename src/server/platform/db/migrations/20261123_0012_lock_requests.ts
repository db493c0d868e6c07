import { type Kysely, sql } from 'kysely';

/**
 * Four eyes on unlocks (issue 14 §3): a lock release or window change asked by the admin board
 * waits in `lock_requests` until the principal (or the vice-principal she delegates) confirms or
 * refuses it; `schools.confirm_delegate_user_id` names that vice-principal. At most one pending
 * request per lock and per window point.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  // No foreign key: schools are restored before users (backup order).
  await db.schema.alterTable('schools').addColumn('confirm_delegate_user_id', text).execute();
  await db.schema
    .createTable('lock_requests')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    /** release | window */
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('lock_id', text, (c) => c.references('locks.id'))
    .addColumn('point', text)
    .addColumn('opens_on', text)
    .addColumn('closes_on', text)
    /** The window's version when asked (0: not set yet); a window changed since is not overwritten. */
    .addColumn('window_version', int)
    /** What is asked, as the edit log prints it. */
    .addColumn('summary', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('requested_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', text, (c) => c.notNull())
    /** pending | confirmed | refused */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('decided_by', text, (c) => c.references('users.id'))
    .addColumn('decided_at', text)
    .addColumn('decision_reason', text, (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('lock_requests_year_idx').on('lock_requests').columns(['school_year_id', 'status']).execute();
  await db.schema.createIndex('lock_requests_lock_pending_uq').on('lock_requests').column('lock_id').unique().where(sql.ref('status'), '=', 'pending').execute();
  await db.schema.createIndex('lock_requests_window_pending_uq').on('lock_requests').columns(['school_year_id', 'point']).unique().where(sql.ref('status'), '=', 'pending').execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
