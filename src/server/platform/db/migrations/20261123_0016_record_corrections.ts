import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * One lock model (issue 22): a correction request changes scores or a record approved with the
 * results — conduct, attendance, the printed profile, a primary assessment. `kind` says which
 * (old rows: scores); only scores name a subject; `cells_json` holds the kind's changes.
 * SQLite cannot drop a NOT NULL, so there the table is rebuilt with its rows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await db.schema.alterTable('correction_requests').alterColumn('subject_id', (c) => c.dropNotNull()).execute();
    await db.schema.alterTable('correction_requests').addColumn('kind', 'text', (c) => c.notNull().defaultTo('scores')).execute();
    return;
  }
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('correction_requests_new')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    .addColumn('school_year_id', text, (c) => c.notNull().references('school_years.id'))
    .addColumn('number', int, (c) => c.notNull())
    .addColumn('class_id', text, (c) => c.notNull().references('classes.id'))
    .addColumn('subject_id', text, (c) => c.references('subjects.id'))
    .addColumn('requested_by', text, (c) => c.notNull().references('users.id'))
    .addColumn('requested_at', text, (c) => c.notNull())
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('evidence_kind', text, (c) => c.notNull().defaultTo(''))
    .addColumn('cells_json', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('decided_by', text, (c) => c.references('users.id'))
    .addColumn('decided_at', text)
    .addColumn('decision_reason', text, (c) => c.notNull().defaultTo(''))
    .addColumn('applied_by', text, (c) => c.references('users.id'))
    .addColumn('applied_at', text)
    .addColumn('version', int, (c) => c.notNull().defaultTo(1))
    .addColumn('kind', text, (c) => c.notNull().defaultTo('scores'))
    .addUniqueConstraint('correction_requests_number_uq', ['school_id', 'number'])
    .execute();
  const columns = sql.raw(
    'id, school_id, school_year_id, number, class_id, subject_id, requested_by, requested_at, reason, evidence_kind, cells_json, status, decided_by, decided_at, decision_reason, applied_by, applied_at, version',
  );
  await sql`insert into correction_requests_new (${columns}) select ${columns} from correction_requests`.execute(db);
  await db.schema.dropTable('correction_requests').execute();
  await db.schema.alterTable('correction_requests_new').renameTo('correction_requests').execute();
  await db.schema.createIndex('correction_requests_status_idx').on('correction_requests').columns(['school_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
