import type { Kysely } from 'kysely';

/** Grade-book cells, locks, assessment windows, correction requests with evidence, notifications. */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;

  await db.schema.alterTable('terms').addColumn('end_test_on', text).execute();
  // 'abc' keeps the class list in Vietnamese alphabetical order as students come in; 'manual' after fine-tuning.
  await db.schema.alterTable('classes').addColumn('list_order', text, (c) => c.notNull().defaultTo('abc')).execute();

  await db.schema
    .createTable('gradebook_cells')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.notNull().references('subjects.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    .addColumn('term_no', int, (c) => c.notNull())
    .addColumn('column_key', text, (c) => c.notNull())
    .addColumn('score_tenths', int)
    .addColumn('text_value', text)
    .addColumn('version', int, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('updated_by', text, (c) => c.notNull())
    .addUniqueConstraint('gradebook_cells_uq', ['class_id', 'subject_id', 'student_id', 'term_no', 'column_key'])
    .execute();
  await db.schema.createIndex('gradebook_cells_sheet_idx').on('gradebook_cells').columns(['class_id', 'subject_id', 'term_no']).execute();

  await db.schema
    .createTable('locks')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('grade', int)
    .addColumn('class_id', text, (c) => c.references('classes.id'))
    .addColumn('subject_id', text, (c) => c.references('subjects.id'))
    .addColumn('term_no', int)
    .addColumn('column_key', text)
    .addColumn('reason', text, (c) => c.notNull().defaultTo(''))
    .addColumn('ordered_by', text, (c) => c.notNull().defaultTo(''))
    .addColumn('set_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('set_at', text, (c) => c.notNull())
    .addColumn('released_by', text, (c) => c.references('users.id'))
    .addColumn('released_at', text)
    .addColumn('release_reason', text, (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('locks_year_idx').on('locks').columns(['school_year_id', 'released_at']).execute();

  await db.schema
    .createTable('assessment_windows')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('point', text, (c) => c.notNull())
    .addColumn('opens_on', text, (c) => c.notNull())
    .addColumn('closes_on', text, (c) => c.notNull())
    .addColumn('ordered_by', text, (c) => c.notNull().defaultTo(''))
    .addColumn('set_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('set_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('assessment_windows_point_uq', ['school_year_id', 'point'])
    .execute();

  await db.schema
    .createTable('correction_requests')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('number', int, (c) => c.notNull())
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.notNull().references('subjects.id'))
    .addColumn('requested_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('evidence_kind', text, (c) => c.notNull().defaultTo(''))
    .addColumn('cells_json', text, (c) => c.notNull())
    /** pending | approved | rejected | applied | withdrawn */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('decided_by', text, (c) => c.references('users.id'))
    .addColumn('decided_at', text)
    .addColumn('decision_reason', text, (c) => c.notNull().defaultTo(''))
    .addColumn('applied_by', text, (c) => c.references('users.id'))
    .addColumn('applied_at', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('correction_requests_number_uq', ['school_id', 'number'])
    .execute();
  await db.schema.createIndex('correction_requests_status_idx').on('correction_requests').columns(['school_id', 'status']).execute();

  await db.schema
    .createTable('stored_files')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('owner_type', text, (c) => c.notNull())
    .addColumn('owner_id', text, (c) => c.notNull())
    .addColumn('filename', text, (c) => c.notNull())
    .addColumn('mime', text, (c) => c.notNull())
    .addColumn('size', int, (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    .addColumn('path', text, (c) => c.notNull())
    .addColumn('uploaded_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_files_owner_idx').on('stored_files').columns(['owner_type', 'owner_id']).execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    .addColumn('body', text, (c) => c.notNull().defaultTo(''))
    .addColumn('link', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('read_at', text)
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
