import type { Kysely } from 'kysely';

/**
 * Transcript year records (C6): what goes into a student's học bạ for a school year, confirmed by
 * the principal and frozen — identity data as confirmed, results from the approved snapshot, the
 * homeroom teacher's comment, the rule version and a SHA-256 of the canonical record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('transcript_records')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    .addColumn('regime', text, (c) => c.notNull())
    .addColumn('rule_version', text, (c) => c.notNull())
    .addColumn('record_json', text, (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    /** confirmed | superseded (a correction produced a newer version) */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('version_no', int, (c) => c.notNull())
    .addColumn('supersedes_id', text)
    .addColumn('result_snapshot_id', text, (c) => c.references('result_snapshots.id'))
    .addColumn('confirmed_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('confirmed_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('transcript_records_student_idx').on('transcript_records').columns(['student_id', 'school_year_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
