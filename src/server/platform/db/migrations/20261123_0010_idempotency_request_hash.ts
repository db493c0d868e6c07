import type { Kysely } from 'kysely';

/**
 * The request an Idempotency-Key answered (SHA-256 of method, URL and body): the same key sent
 * with a different request is refused (422) instead of replaying the other request's answer.
 * Null for answers stored before this column, and while a change's answer is not yet stored.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('idempotency_keys').addColumn('request_hash', 'text').execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
