import type { Kysely } from 'kysely';

/**
 * The school's testing plan (kế hoạch kiểm tra định kỳ, G10, issue 22 §5): one row per class,
 * subject, term and periodic test (midterm | endOfTerm) with its day. The end-of-term test's day
 * sets that class's edit deadline (domain/testing-plan/testing-plan.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('testing_plan_entries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.notNull().references('subjects.id'))
    .addColumn('term_no', int, (c) => c.notNull())
    /** midterm | endOfTerm */
    .addColumn('test', text, (c) => c.notNull())
    .addColumn('test_on', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('testing_plan_entries_test_uq', ['class_id', 'subject_id', 'term_no', 'test'])
    .execute();
  await db.schema.createIndex('testing_plan_entries_year_idx').on('testing_plan_entries').columns(['school_year_id', 'term_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
