import type { Kysely } from 'kysely';

/**
 * Signed checkpoints of the audit chains (Q3, issue 14): each checkpoint records the heads that
 * moved since the one before it and is signed with a key kept outside the database, so that an
 * event older than the last checkpoint cannot be rewritten or cut off unnoticed even with its
 * hashes recomputed. `audit_checkpoint_heads` is every chain's head as of the last checkpoint.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_checkpoints')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('signature', 'text', (c) => c.notNull())
    .addColumn('seal_cms', 'text')
    .addColumn('tsa_token', 'text')
    .execute();
  await db.schema
    .createTable('audit_checkpoint_heads')
    .addColumn('chain_key', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('checkpoint_seq', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
