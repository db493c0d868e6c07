import type { Kysely } from 'kysely';

/**
 * Printed and signed documents (P1–P6, Q3), their signatures in order, and background jobs.
 *
 * A document is an immutable artifact: its bytes live under DATA_DIR/files/<file_path>, its
 * SHA-256 is recorded, and a correction produces a new version that supersedes the old one
 * (never an edit). /verify/<id> reads only this table and document_signatures.
 *
 * A job is long work (bulk PDFs, archives) claimed by one worker at a time through a lease
 * (locked_by + lease_until); a restarted server re-queues a job whose lease ran out, so jobs
 * survive restarts and two app processes never run the same job at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const text = 'text' as const;
  const int = 'integer' as const;
  await db.schema
    .createTable('documents')
    /** the printed document id, e.g. HB-XXXX-XXXX-XXXX-XXXX (also in the PDF footer and QR) */
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    /** class_book | confirmation_sheet | transcript | report_book | primary_summary | edit_log | correction_request | archive_manifest | bulk */
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('title', text, (c) => c.notNull())
    /** the header line shown on the public verification page (school, document kind, class/student as printed) */
    .addColumn('public_header', text, (c) => c.notNull())
    /** what the document is about, for lookups: {"classId","studentId","schoolYearId","term",...} */
    .addColumn('subject_json', text, (c) => c.notNull())
    /** a key grouping the versions of one document (e.g. transcript:<studentId>:<schoolYearId>) */
    .addColumn('series_key', text, (c) => c.notNull())
    .addColumn('version_no', int, (c) => c.notNull())
    .addColumn('supersedes_id', text)
    .addColumn('superseded_by_id', text)
    /** the version of the inputs (e.g. snapshot id, record sha256) the document was made from */
    .addColumn('inputs_version', text, (c) => c.notNull())
    /** SHA-256 of the unsigned PDF as rendered */
    .addColumn('sha256', text, (c) => c.notNull())
    /** SHA-256 of the current bytes (after the latest signature); equals sha256 until signed */
    .addColumn('current_sha256', text, (c) => c.notNull())
    /** SHA-256 of the canonical JSON data the document was printed from (học bạ), or null */
    .addColumn('data_sha256', text)
    .addColumn('file_path', text, (c) => c.notNull())
    .addColumn('size', int, (c) => c.notNull())
    /** draft (unsigned) | signing (some signatures recorded) | signed (all required) */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('created_by', text, (c) => c.references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_series_idx').on('documents').columns(['series_key', 'version_no']).unique().execute();
  await db.schema.createIndex('documents_school_kind_idx').on('documents').columns(['school_id', 'kind']).execute();

  await db.schema
    .createTable('document_signatures')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('document_id', text, (c) => c.notNull().references('documents.id'))
    /** 1 = homeroom teacher, 2 = principal, 3 = the school's seal certificate */
    .addColumn('seq', int, (c) => c.notNull())
    /** homeroom | principal | seal | teacher | clerk */
    .addColumn('role', text, (c) => c.notNull())
    /** pending | signed | handwritten (signed on paper: shown honestly as not digital) */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('signer_user_id', text, (c) => c.references('users.id'))
    .addColumn('signer_name', text)
    .addColumn('certificate_subject', text)
    .addColumn('certificate_issuer', text)
    .addColumn('certificate_serial', text)
    .addColumn('certificate_sha256', text)
    /** pkcs12 | pkcs11 | remote */
    .addColumn('backend', text)
    /** SHA-256 of the PDF bytes after this signature */
    .addColumn('signed_sha256', text)
    .addColumn('signed_at', text)
    .execute();
  await db.schema.createIndex('document_signatures_doc_idx').on('document_signatures').columns(['document_id', 'seq']).unique().execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('school_id', text, (c) => c.notNull().references('schools.id'))
    /** print_class_books | print_transcripts | year_archive | … */
    .addColumn('kind', text, (c) => c.notNull())
    .addColumn('params_json', text, (c) => c.notNull())
    /** queued | running | done | failed */
    .addColumn('status', text, (c) => c.notNull())
    .addColumn('progress_done', int, (c) => c.notNull().defaultTo(0))
    .addColumn('progress_total', int, (c) => c.notNull().defaultTo(0))
    .addColumn('result_json', text)
    .addColumn('error', text)
    .addColumn('attempts', int, (c) => c.notNull().defaultTo(0))
    .addColumn('locked_by', text)
    .addColumn('lease_until', text)
    .addColumn('created_by', text, (c) => c.references('users.id'))
    .addColumn('created_at', text, (c) => c.notNull())
    .addColumn('started_at', text)
    .addColumn('finished_at', text)
    .execute();
  await db.schema.createIndex('jobs_status_idx').on('jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('jobs_school_idx').on('jobs').columns(['school_id', 'created_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Không hỗ trợ quay lui migration: hãy phục hồi từ bản sao lưu.');
}
