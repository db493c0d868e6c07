import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';

/**
 * Delegation to the vice-principal (issue 22): the principal grants named powers (approve results,
 * decide corrections, sign as principal, confirm lock changes) for one school year and one section
 * of the school. The old single setting `schools.confirm_delegate_user_id` becomes one delegation
 * of `lock.confirm` per year of the school (granted_by null: carried over, its audit event being the
 * setting's own); the column stays for those past events and is no longer read. Acts done on a
 * delegation's authority carry it in `audit_events.authority_json` (hashed only when present), and a
 * signature given so names its delegation.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('delegations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('delegate_user_id', text, (c) => c.notNull().references('users.id'))
    /** JSON array of powers: results.approve | correction.decide | document.signAsPrincipal | lock.confirm */
    .addColumn('powers_json', text, (c) => c.notNull())
    /** all | primary | lowerSecondary | upperSecondary */
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('granted_by', text, (c) => c.references('users.id'))
    .addColumn('granted_at', text, (c) => c.notNull())
    .addColumn('revoked_by', text, (c) => c.references('users.id'))
    .addColumn('revoked_at', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('delegations_delegate_idx').on('delegations').columns(['delegate_user_id', 'school_id']).execute();
  await db.schema.alterTable('audit_events').addColumn('authority_json', text).execute();
  // The principal's signature given by a vice-principal on her delegation ("KT. Hiệu trưởng").
  await db.schema.alterTable('document_signatures').addColumn('delegation_id', text).execute();
  const schools = await db.selectFrom('schools').select(['id', 'confirm_delegate_user_id']).where('confirm_delegate_user_id', 'is not', null).execute();
  for (const s of schools) {
    const years = await db.selectFrom('school_years').select(['id', 'created_at']).where('school_id', '=', s.id).execute();
    for (const y of years) {
      await db
        .insertInto('delegations')
        .values({
          id: randomUUID(),
          school_id: s.id,
          school_year_id: y.id,
          delegate_user_id: s.confirm_delegate_user_id,
          powers_json: '["lock.confirm"]',
          scope: 'all',
          granted_by: null,
          granted_at: y.created_at,
          version: 1,
        })
        .execute();
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
