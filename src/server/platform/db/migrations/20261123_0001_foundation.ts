import type { Kysely } from 'kysely';

/** Org units, schools, accounts, sessions, school-year set-up, people, enrollments, audit. */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;

  await db.schema
    .createTable('org_units')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('parent_id', text, (c) => c.references('org_units.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('schools')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('org_unit_id', text, (c) => c.notNull().references('org_units.id'))
    .addColumn('code', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('level', text, (c) => c.notNull())
    .addColumn('address', text, (c) => c.notNull().defaultTo(''))
    .addColumn('phone', text, (c) => c.notNull().defaultTo(''))
    .addColumn('settings_json', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('family_name', text, (c) => c.notNull())
    .addColumn('middle_name', text, (c) => c.notNull().defaultTo(''))
    .addColumn('given_name', text, (c) => c.notNull())
    .addColumn('sex', text, (c) => c.notNull())
    .addColumn('date_of_birth', text)
    .addColumn('position', text, (c) => c.notNull().defaultTo('teacher'))
    .addColumn('speciality', text, (c) => c.notNull().defaultTo(''))
    .addColumn('phone', text, (c) => c.notNull().defaultTo(''))
    .addColumn('email', text, (c) => c.notNull().defaultTo(''))
    .addColumn('active', int, (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('staff_school_idx').on('staff').column('school_id').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull().unique())
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('full_name', text, (c) => c.notNull())
    .addColumn('school_id', text, (c) => c.references('schools.id'))
    .addColumn('org_unit_id', text, (c) => c.references('org_units.id'))
    .addColumn('staff_id', text, (c) => c.references('staff.id'))
    .addColumn('must_change_password', int, (c) => c.notNull().defaultTo(1))
    .addColumn('totp_secret', text)
    .addColumn('totp_enabled', int, (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', int, (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', text)
    .addColumn('disabled', int, (c) => c.notNull().defaultTo(0))
    .addColumn('last_login_at', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('user_roles')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('role', text, (c) => c.notNull())
    .addColumn('school_id', text, (c) => c.references('schools.id'))
    .addColumn('org_unit_id', text, (c) => c.references('org_units.id'))
    .addColumn('student_id', text)
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('user_roles_user_idx').on('user_roles').column('user_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('csrf_token', text, (c) => c.notNull())
    .addColumn('pending_totp', int, (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('last_seen_at', text, (c) => c.notNull())
    .addColumn('expires_at', text, (c) => c.notNull())
    .addColumn('ip', text, (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', text, (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('username', text, (c) => c.notNull())
    .addColumn('ip', text, (c) => c.notNull())
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('success', int, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_ip_idx').on('login_attempts').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('school_years')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('start_year', int, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('school_years_school_start_uq', ['school_id', 'start_year'])
    .execute();

  await db.schema
    .createTable('terms')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('term_no', int, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text, (c) => c.notNull())
    .addUniqueConstraint('terms_year_no_uq', ['school_year_id', 'term_no'])
    .execute();

  await db.schema
    .createTable('grade_levels')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('grade', int, (c) => c.notNull())
    .addColumn('regime', text, (c) => c.notNull())
    .addUniqueConstraint('grade_levels_year_grade_uq', ['school_year_id', 'grade'])
    .execute();

  await db.schema
    .createTable('subject_groups')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('head_staff_id', text, (c) => c.references('staff.id'))
    .execute();

  await db.schema
    .createTable('subject_group_members')
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('subject_group_id', text, (c) => c.notNull().references('subject_groups.id'))
    .addColumn('staff_id', text, (c) => c.notNull().references('staff.id'))
    .addPrimaryKeyConstraint('subject_group_members_pk', ['subject_group_id', 'staff_id'])
    .execute();

  await db.schema
    .createTable('subjects')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('grade', int, (c) => c.notNull())
    .addColumn('code', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('periods_per_year', int, (c) => c.notNull())
    .addColumn('assessment_kind', text, (c) => c.notNull())
    .addColumn('learning_topic_cluster', int, (c) => c.notNull().defaultTo(0))
    .addColumn('has_periodic_test', int, (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', int, (c) => c.notNull().defaultTo(0))
    .addColumn('subject_group_id', text, (c) => c.references('subject_groups.id'))
    .addUniqueConstraint('subjects_year_grade_code_uq', ['school_year_id', 'grade', 'code'])
    .execute();

  await db.schema
    .createTable('classes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('grade', int, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('homeroom_staff_id', text, (c) => c.references('staff.id'))
    .addColumn('room', text, (c) => c.notNull().defaultTo(''))
    .addColumn('session', text, (c) => c.notNull().defaultTo('morning'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('classes_year_name_uq', ['school_year_id', 'name'])
    .execute();

  await db.schema
    .createTable('teaching_assignments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.notNull().references('subjects.id'))
    .addColumn('staff_id', text, (c) => c.notNull().references('staff.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addUniqueConstraint('teaching_assignments_class_subject_uq', ['class_id', 'subject_id'])
    .execute();
  await db.schema.createIndex('teaching_assignments_staff_idx').on('teaching_assignments').column('staff_id').execute();

  await db.schema
    .createTable('students')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('family_name', text, (c) => c.notNull())
    .addColumn('middle_name', text, (c) => c.notNull().defaultTo(''))
    .addColumn('given_name', text, (c) => c.notNull())
    .addColumn('sex', text, (c) => c.notNull())
    .addColumn('date_of_birth', text, (c) => c.notNull())
    .addColumn('place_of_birth', text, (c) => c.notNull().defaultTo(''))
    .addColumn('ethnicity', text, (c) => c.notNull().defaultTo('Kinh'))
    .addColumn('nationality', text, (c) => c.notNull().defaultTo('Việt Nam'))
    .addColumn('religion', text, (c) => c.notNull().defaultTo(''))
    .addColumn('national_id', text)
    .addColumn('student_code', text)
    .addColumn('address', text, (c) => c.notNull().defaultTo(''))
    .addColumn('phone', text)
    .addColumn('guardians_json', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', text, (c) => c.notNull().defaultTo('studying'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('updated_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('students_school_national_id_uq', ['school_id', 'national_id'])
    .addUniqueConstraint('students_school_code_uq', ['school_id', 'student_code'])
    .execute();

  await db.schema
    .createTable('enrollments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('student_id', text, (c) => c.notNull().references('students.id'))
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('starts_on', text, (c) => c.notNull())
    .addColumn('ends_on', text)
    .addColumn('list_number', int)
    .addColumn('origin', text, (c) => c.notNull())
    .addColumn('note', text, (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('enrollments_class_idx').on('enrollments').column('class_id').execute();
  await db.schema.createIndex('enrollments_student_idx').on('enrollments').column('student_id').execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('chain_key', text, (c) => c.notNull())
    .addColumn('seq', int, (c) => c.notNull())
    .addColumn('school_id', text)
    .addColumn('at', text, (c) => c.notNull())
    .addColumn('actor_user_id', text)
    .addColumn('actor_role', text, (c) => c.notNull())
    .addColumn('ip', text, (c) => c.notNull().defaultTo(''))
    .addColumn('user_agent', text, (c) => c.notNull().defaultTo(''))
    .addColumn('request_id', text, (c) => c.notNull().defaultTo(''))
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('entity_type', text, (c) => c.notNull())
    .addColumn('entity_id', text, (c) => c.notNull())
    .addColumn('before_json', text)
    .addColumn('after_json', text)
    .addColumn('reason', text, (c) => c.notNull().defaultTo(''))
    .addColumn('source', text, (c) => c.notNull().defaultTo('typed'))
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .addUniqueConstraint('audit_events_chain_seq_uq', ['chain_key', 'seq'])
    .execute();
  await db.schema.createIndex('audit_events_school_at_idx').on('audit_events').columns(['school_id', 'at']).execute();

  await db.schema
    .createTable('audit_chain_heads')
    .addColumn('chain_key', text, (c) => c.primaryKey())
    .addColumn('seq', int, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', text, (c) => c.notNull())
    .addColumn('user_id', text, (c) => c.notNull())
    .addColumn('route', text, (c) => c.notNull())
    .addColumn('status_code', int, (c) => c.notNull())
    .addColumn('response_json', text, (c) => c.notNull())
    .addColumn('created_at', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['user_id', 'key'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
