/** Stored documents and their signatures, presented for the API (explicit fields only). */
import { type SigningStep, nextSigningStep, signingTurnRefusal } from '../../domain/documents/signing-turn.ts';
import { can, type Action } from '../../domain/policies/policy.ts';
import type { Actor } from '../../domain/policies/actor.ts';
import { DOCUMENT_KIND_LABELS, SIGNER_ROLE_LABELS } from '../../shared/documents.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';

export const SIGN_ACTION: Record<string, Action> = {
  homeroom: 'document.signAsHomeroom',
  principal: 'document.signAsPrincipal',
  seal: 'document.applySeal',
};

export async function getDocumentOr404(db: Executor, id: string): Promise<Row<'documents'>> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('văn bản');
  return row;
}

/** The policy target of a document: its school and the class it is about. */
export function documentTarget(doc: Row<'documents'>) {
  const subject = JSON.parse(doc.subject_json) as Record<string, string>;
  return { schoolId: doc.school_id, classIds: subject.classId ? [subject.classId] : undefined, studentId: subject.studentId };
}

export async function loadSignatures(db: Executor, documentIds: string[]): Promise<Map<string, Row<'document_signatures'>[]>> {
  const map = new Map<string, Row<'document_signatures'>[]>();
  if (!documentIds.length) return map;
  const rows = await db.selectFrom('document_signatures').selectAll().where('document_id', 'in', documentIds).orderBy('seq').execute();
  for (const r of rows) map.set(r.document_id, [...(map.get(r.document_id) ?? []), r]);
  return map;
}

/** The next signature due (lowest pending seq), or null when all are given. */
export function nextSignature(signatures: Row<'document_signatures'>[]): Row<'document_signatures'> | null {
  return nextSigningStep(signatures);
}

export function presentSignature(s: Row<'document_signatures'>) {
  return {
    seq: s.seq,
    role: s.role,
    roleLabel: SIGNER_ROLE_LABELS[s.role] ?? s.role,
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
    kindLabel: DOCUMENT_KIND_LABELS[doc.kind] ?? doc.kind,
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

/** The file of the document as it stands: the latest digitally signed stage, else the original. */
export function currentFilePath(doc: { file_path: string; sha256: string; current_sha256: string }): string {
  if (doc.current_sha256 === doc.sha256) return doc.file_path;
  return doc.file_path.replace(/\.pdf$/, `.${doc.current_sha256.slice(0, 16)}.pdf`);
}

/** Signatures go in order; a superseded document is never signed (the rule: src/domain/documents/signing-turn.ts). */
export function assertNextStep(doc: { superseded_by_id: string | null }, signatures: SigningStep[], seq: number): void {
  const refusal = signingTurnRefusal(!!doc.superseded_by_id, signatures, seq);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
}

