import type { Kysely } from 'kysely';

/**
 * Score imports from Excel: the uploaded file (kept under DATA_DIR/files by its SHA-256), the
 * diff shown in the preview with each cell's value and version before and after, and the
 * state: previewed → applied → rolledBack.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;

  await db.schema
    .createTable('score_imports')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.notNull().references('subjects.id'))
    .addColumn('term_no', int, (c) => c.notNull())
    .addColumn('file_name', text, (c) => c.notNull())
    .addColumn('file_sha256', text, (c) => c.notNull())
    /** Relative to DATA_DIR/files: imports/<school>/<sha256>.xlsx */
    .addColumn('file_path', text, (c) => c.notNull())
    .addColumn('file_size', int, (c) => c.notNull())
    /** previewed | applied | rolledBack */
    .addColumn('status', text, (c) => c.notNull())
    /** [{studentId, columnKey, row, studentName, listNumber, columnLabel, kind, before: {scoreTenths, text, version}, after: {…}, blockedBy}] */
    .addColumn('changes_json', text, (c) => c.notNull())
    .addColumn('unchanged_count', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('applied_by', text, (c) => c.references('users.id'))
    .addColumn('applied_at', text)
    .addColumn('rolled_back_by', text, (c) => c.references('users.id'))
    .addColumn('rolled_back_at', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('score_imports_sheet_idx').on('score_imports').columns(['class_id', 'subject_id', 'term_no']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
