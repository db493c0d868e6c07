/** Stored documents and their signatures, presented for the API (explicit fields only). */
import type { Actor } from '../../domain/policies/actor.ts';
import { can } from '../../domain/policies/policy.ts';
import { DEPUTY_SIGNER_LABEL, DOCUMENT_KIND_LABELS, SIGNER_ROLE_LABELS, labelOf } from '../../shared/labels.ts';
import type { Row } from '../platform/db/schema.ts';
import { SIGN_ACTION, documentTarget, nextSignature } from './document-queries.ts';

export function presentSignature(s: Row<'document_signatures'>) {
  return {
    seq: s.seq,
    role: s.role,
    roleLabel: s.delegation_id ? DEPUTY_SIGNER_LABEL : labelOf(SIGNER_ROLE_LABELS, s.role),
    status: s.status,
    signerName: s.signer_name,
    certificateSubject: s.certificate_subject,
    certificateIssuer: s.certificate_issuer,
    backend: s.backend,
    signedAt: s.signed_at,
  };
}

export function presentDocumentSummary(doc: Row<'documents'>, signatures: Row<'document_signatures'>[], actor: Actor) {
  const next = doc.superseded_by_id ? null : nextSignature(signatures);
  const canSign = next && can(actor, SIGN_ACTION[next.role], documentTarget(doc)).allowed ? next.role : null;
  return {
    id: doc.id,
    kind: doc.kind,
    kindLabel: labelOf(DOCUMENT_KIND_LABELS, doc.kind),
    title: doc.title,
    versionNo: doc.version_no,
    status: doc.status,
    supersededById: doc.superseded_by_id,
    createdAt: doc.created_at,
    sha256: doc.sha256,
    currentSha256: doc.current_sha256,
    signatures: signatures.map(presentSignature),
    canSign,
  };
}

export function presentDocumentDetail(
  doc: Row<'documents'>,
  signatures: Row<'document_signatures'>[],
  versions: Pick<Row<'documents'>, 'id' | 'version_no' | 'created_at' | 'status'>[],
  actor: Actor,
) {
  return {
    ...presentDocumentSummary(doc, signatures, actor),
    supersedesId: doc.supersedes_id,
    dataSha256: doc.data_sha256,
    inputsVersion: doc.inputs_version,
    size: doc.size,
    versions: versions.map((v) => ({ id: v.id, versionNo: v.version_no, createdAt: v.created_at, status: v.status })),
  };
}

/** A registration of the school's seal certificate (issue 14), with the name of the principal who made it. */
export function presentSealRegistration(r: Row<'seal_registrations'> & { registered_by_name: string | null }) {
  return {
    certificateSha256: r.certificate_sha256,
    subject: r.subject,
    issuer: r.issuer,
    serialNumber: r.serial_number,
    notBefore: r.not_before,
    notAfter: r.not_after,
    registeredAt: r.registered_at,
    registeredBy: r.registered_by_name,
    replacedAt: r.replaced_at,
  };
}
