import type { Kysely } from 'kysely';

/**
 * Who a document's printed principal's block names (issue 22): the user who confirmed the học bạ's
 * latest year, or who approved the results a class book prints ("HIỆU TRƯỞNG", or "KT. HIỆU
 * TRƯỞNG / PHÓ HIỆU TRƯỞNG" for a vice-principal on a delegation). The principal's signing step
 * may be given only by that person, so the printed block and the digital signature agree. Null for
 * documents printed before (not checked) and for kinds without such a block.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('documents').addColumn('principal_signer_id', 'text', (c) => c.references('users.id')).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
