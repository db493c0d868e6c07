import type { Kysely } from 'kysely';

/** Primary (TT 27/2020): qualities and competences at the four points, nominations for awards. */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('primary_assessments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    /** GK1 | CK1 | GK2 | CN */
    .addColumn('point', text, (c) => c.notNull())
    /** JSON arrays of T / Đ / C (null when not yet assessed), 5 qualities and 10 competences */
    .addColumn('qualities_json', text, (c) => c.notNull())
    .addColumn('competences_json', text, (c) => c.notNull())
    .addColumn('comment', text, (c) => c.notNull().defaultTo(''))
    /** CN only: the teacher nominated the student and the class recognised it (Điều 15) */
    .addColumn('nominated', int, (c) => c.notNull().defaultTo(0))
    .addColumn('nomination_note', text, (c) => c.notNull().defaultTo(''))
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('updated_at', text, (c) => c.notNull())
    .addUniqueConstraint('primary_assessments_uq', ['school_year_id', 'student_id', 'point'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
