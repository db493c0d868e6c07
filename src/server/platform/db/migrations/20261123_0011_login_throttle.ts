import type { Kysely } from 'kysely';

/**
 * Login done right (issue 14 §4, src/server/auth/login-throttle.ts):
 * - `login_throttles`: failure counters with growing delays, one row per key (a name, a name at an
 *   address, a known device, an account's second factor), kept in the database so they hold
 *   across restarts and across servers sharing one PostgreSQL;
 * - `login_devices`: browsers that completed a login ("known device" cookie, stored hashed);
 * - `recovery_codes`: single-use codes instead of the TOTP code, stored hashed;
 * - `users.totp_last_step`: the last TOTP time step accepted, so a code is never accepted twice.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema.alterTable('users').addColumn('totp_last_step', int).execute();

  await db.schema
    .createTable('login_throttles')
    .addColumn('key', text, (c) => c.primaryKey())
    .addColumn('failures', int, (c) => c.notNull())
    .addColumn('retry_at', text)
    .addColumn('updated_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttles_updated_idx').on('login_throttles').column('updated_at').execute();

  await db.schema
    .createTable('login_devices')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_used_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_devices_user_idx').on('login_devices').column('user_id').execute();

  await db.schema
    .createTable('recovery_codes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('code_hash', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('used_at', text)
    .execute();
  await db.schema.createIndex('recovery_codes_user_idx').on('recovery_codes').columns(['user_id', 'code_hash']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
