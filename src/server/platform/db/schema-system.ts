/** Cross-cutting tables: the audit chain, idempotency keys, stored files, notifications. */

export interface AuditEventsTable {
  id: string;
  chain_key: string;
  seq: number;
  school_id: string | null;
  at: string;
  actor_user_id: string | null;
  actor_role: string;
  ip: string;
  user_agent: string;
  request_id: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  reason: string;
  source: string;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: string;
  route: string;
  status_code: number;
  response_json: string;
  created_at: string;
  /** SHA-256 of method, URL and body of the request answered; null until its answer is stored. */
  request_hash: string | null;
}

export interface StoredFilesTable {
  id: string;
  school_id: string;
  owner_type: string;
  owner_id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  path: string;
  uploaded_by: string;
  uploaded_at: string;
}

export interface NotificationsTable {
  id: string;
  school_id: string;
  user_id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  created_at: string;
  read_at: string | null;
}
