import type { Kysely } from 'kysely';

/** A roll taken (điểm danh) for a class, date and session — also when nobody was absent. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance_rolls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('school_id', 'text', (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', 'text', (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('session', 'text', (c) => c.notNull())
    .addColumn('period_no', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('taken_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('taken_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('attendance_rolls_uq', ['class_id', 'date', 'session', 'period_no'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
