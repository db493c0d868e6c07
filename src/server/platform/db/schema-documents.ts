/** Tables of printed/signed documents and background jobs (migration 0008). */
import type { Generated } from 'kysely';

export interface DocumentsTable {
  id: string;
  school_id: string;
  kind: string;
  title: string;
  public_header: string;
  subject_json: string;
  series_key: string;
  version_no: number;
  supersedes_id: string | null;
  superseded_by_id: string | null;
  inputs_version: string;
  sha256: string;
  current_sha256: string;
  data_sha256: string | null;
  file_path: string;
  size: number;
  status: 'draft' | 'signing' | 'signed';
  created_by: string | null;
  created_at: string;
  /** Whom the printed principal's block names (migration 0019): only she signs the principal's step. */
  principal_signer_id: Generated<string | null>;
}

export interface DocumentSignaturesTable {
  id: string;
  document_id: string;
  seq: number;
  role: string;
  status: 'pending' | 'signed' | 'handwritten';
  signer_user_id: string | null;
  signer_name: string | null;
  certificate_subject: string | null;
  certificate_issuer: string | null;
  certificate_serial: string | null;
  certificate_sha256: string | null;
  backend: string | null;
  signed_sha256: string | null;
  signed_at: string | null;
  /** Set when a vice-principal signed the principal's step on a delegation (issue 22): "KT. Hiệu trưởng". */
  delegation_id: Generated<string | null>;
}

/** The school's registered seal certificate (migration 0013); replaced_at null for the current one. */
export interface SealRegistrationsTable {
  id: string;
  school_id: string;
  certificate_sha256: string;
  certificate_pem: string;
  subject: string;
  issuer: string;
  serial_number: string;
  not_before: string;
  not_after: string;
  registered_by: string;
  registered_at: string;
  replaced_at: string | null;
}

export interface JobsTable {
  id: string;
  school_id: string;
  kind: string;
  params_json: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  result_json: string | null;
  error: string | null;
  attempts: Generated<number>;
  locked_by: string | null;
  lease_until: string | null;
  created_by: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}
