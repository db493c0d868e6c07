import { type Kysely, sql } from 'kysely';

/**
 * The school's seal certificate, registered by the principal (issue 14): the seal step of a
 * document accepts only a signature whose certificate has the registered SHA-256, and /verify
 * says whether a seal is the registered one. A new registration replaces the current one
 * (replaced_at set), so a seal applied while the old certificate was registered stays the school's.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('seal_registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    /** SHA-256 of the DER certificate, lower-case hex (the fingerprint the seal step compares) */
    .addColumn('certificate_sha256', 'text', (c) => c.notNull())
    /** the certificate itself, PEM, to show and to check again */
    .addColumn('certificate_pem', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('serial_number', 'text', (c) => c.notNull())
    .addColumn('not_before', 'text', (c) => c.notNull())
    .addColumn('not_after', 'text', (c) => c.notNull())
    .addColumn('registered_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('registered_at', 'text', (c) => c.notNull())
    /** when a newer registration replaced it; null for the current one */
    .addColumn('replaced_at', 'text')
    .execute();
  // One current registration per school: two principals racing get one success.
  await db.schema.createIndex('seal_registrations_current_idx').on('seal_registrations').column('school_id').unique().where(sql.ref('replaced_at'), 'is', null).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
