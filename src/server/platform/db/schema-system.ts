/** Cross-cutting tables: the audit chain, idempotency keys, stored files, notifications. */
import type { Generated } from 'kysely';

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
  /** JSON {onBehalfOf, delegationId} when the act was allowed only by a delegation (issue 22); hashed only when set. */
  authority_json: Generated<string | null>;
  prev_hash: string;
  hash: string;
}

export interface AuditChainHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
}

/** A signed checkpoint of the audit chains (platform/audit/audit-checkpoints.ts). */
export interface AuditCheckpointsTable {
  seq: number;
  at: string;
  reason: string;
  /** The signed bytes: canonical JSON of the checkpoint. */
  body: string;
  sha256: string;
  /** SHA-256 of the signing key's public key (SPKI DER). */
  key_id: string;
  /** Ed25519 signature over `body`, base64. */
  signature: string;
  /** The school seal's detached CMS signature over `body`, base64, where a seal is configured. */
  seal_cms: string | null;
  /** An RFC 3161 timestamp token over `body` (DER, base64), where SODIEM_TSA_URL is configured. */
  tsa_token: string | null;
}

/** Every chain's head as of the last checkpoint. */
export interface AuditCheckpointHeadsTable {
  chain_key: string;
  seq: number;
  hash: string;
  checkpoint_seq: number;
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
