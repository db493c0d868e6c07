import type { Kysely } from 'kysely';

/**
 * Indexes for reads by school year (the progress page, dashboards, the year-end archive): at a
 * province's deadline evening these filtered whole tables (EXPLAIN in the peak-load bench showed
 * every grade-book cell of the province read per progress page).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('gradebook_cells_year_term_idx').on('gradebook_cells').columns(['school_year_id', 'term_no']).execute();
  await db.schema.createIndex('enrollments_year_idx').on('enrollments').column('school_year_id').execute();
  await db.schema.createIndex('teaching_assignments_year_idx').on('teaching_assignments').column('school_year_id').execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
