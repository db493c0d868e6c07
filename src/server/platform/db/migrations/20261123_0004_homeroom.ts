import type { Kysely } from 'kysely';

/** Attendance, conduct, weekly notes and approved result snapshots (homeroom work, G4–G7, C5). */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;

  await db.schema
    .createTable('attendance_records')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    .addColumn('date', text, (c) => c.notNull())
    /** morning | afternoon */
    .addColumn('session', text, (c) => c.notNull())
    /** 0 = the whole session (homeroom teacher); n = lesson n marked by a subject teacher */
    .addColumn('period_no', int, (c) => c.notNull().defaultTo(0))
    .addColumn('subject_id', text, (c) => c.references('subjects.id'))
    /** P = excused (có phép), K = unexcused (không phép) */
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('note', text, (c) => c.notNull().defaultTo(''))
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('recorded_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', text, (c) => c.notNull())
    .addUniqueConstraint('attendance_records_uq', ['student_id', 'date', 'session', 'period_no'])
    .execute();
  await db.schema.createIndex('attendance_class_date_idx').on('attendance_records').columns(['class_id', 'date']).execute();

  await db.schema
    .createTable('conduct_assessments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    /** term1 | term2 | year (an override of the table, with a reason) | summer */
    .addColumn('period', text, (c) => c.notNull())
    .addColumn('level', text)
    .addColumn('comment', text, (c) => c.notNull().defaultTo(''))
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('conduct_assessments_uq', ['school_year_id', 'student_id', 'period'])
    .execute();

  await db.schema
    .createTable('weekly_notes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('week_start', text, (c) => c.notNull())
    /** discipline (nề nếp, kỷ luật — homeroom teacher) | subject (a subject teacher's comment on the class) */
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('subject_id', text, (c) => c.references('subjects.id'))
    .addColumn('author_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('text', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('weekly_notes_class_week_idx').on('weekly_notes').columns(['class_id', 'week_start']).execute();

  await db.schema
    .createTable('result_snapshots')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    /** term1 | term2 | year | final (after the summer) */
    .addColumn('scope', text, (c) => c.notNull())
    .addColumn('rule_version', text, (c) => c.notNull())
    .addColumn('snapshot_json', text, (c) => c.notNull())
    .addColumn('sha256', text, (c) => c.notNull())
    /** proposed (by the homeroom teacher) | approved (by the principal) | superseded */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('proposed_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('proposed_at', text, (c) => c.notNull())
    .addColumn('approved_by', text, (c) => c.references('users.id'))
    .addColumn('approved_at', text)
    .addColumn('superseded_by', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('result_snapshots_class_idx').on('result_snapshots').columns(['class_id', 'scope', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
