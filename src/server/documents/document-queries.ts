/** Stored documents and their signatures: look-ups, the policy target of a document, the signing turn. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SigningStep, nextSigningStep, signingTurnRefusal } from '../../domain/documents/signing-turn.ts';
import type { Actor } from '../../domain/policies/actor.ts';
import { can, type Action } from '../../domain/policies/policy.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { loadSchoolPrintInfo } from '../printing/index.ts';

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

/** The document and its signatures in order, or 404. */
export async function getSignedDocumentOr404(db: Executor, id: string): Promise<{ doc: Row<'documents'>; signatures: Row<'document_signatures'>[] }> {
  const doc = await getDocumentOr404(db, id);
  return { doc, signatures: (await loadSignatures(db, [doc.id])).get(doc.id) ?? [] };
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

export interface DocumentFilter {
  kind?: string;
  classId?: string;
  studentId?: string;
}

/**
 * The school's current documents (latest version of each, newest first) that `actor` may see —
 * the same rule as opening one: school-wide readers everything, a homeroom teacher her class's —
 * with their signatures.
 */
export async function listVisibleDocuments(db: Executor, actor: Actor, schoolId: string, filter: DocumentFilter) {
  let q = db.selectFrom('documents').selectAll().where('school_id', '=', schoolId).where('superseded_by_id', 'is', null);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.orderBy('created_at', 'desc').limit(5000).execute();
  const documents = rows.filter((d) => {
    const t = documentTarget(d);
    if (filter.classId && !t.classIds?.includes(filter.classId)) return false;
    if (filter.studentId && t.studentId !== filter.studentId) return false;
    return can(actor, 'document.view', t).allowed;
  });
  return { documents, signatures: await loadSignatures(db, documents.map((d) => d.id)) };
}

/** Every version of a document's series, newest first. */
export async function listDocumentVersions(db: Executor, seriesKey: string) {
  return db.selectFrom('documents').select(['id', 'version_no', 'created_at', 'status']).where('series_key', '=', seriesKey).orderBy('version_no', 'desc').execute();
}

/** Where a signature is given (the PDF signature's location): the school's locality, else its name. */
export async function signingPlace(db: Executor, schoolId: string): Promise<string> {
  const school = await loadSchoolPrintInfo(db, schoolId);
  return school.place ?? school.schoolName;
}

/** The next signature due (lowest pending seq), or null when all are given. */
export function nextSignature(signatures: Row<'document_signatures'>[]): Row<'document_signatures'> | null {
  return nextSigningStep(signatures);
}

/** The file of the document as it stands: the latest digitally signed stage, else the original. */
export function currentFilePath(doc: { file_path: string; sha256: string; current_sha256: string }): string {
  if (doc.current_sha256 === doc.sha256) return doc.file_path;
  return doc.file_path.replace(/\.pdf$/, `.${doc.current_sha256.slice(0, 16)}.pdf`);
}

/** The bytes of the document as it stands (after its latest digital signature). */
export function readCurrentFile(dataDir: string, doc: { file_path: string; sha256: string; current_sha256: string }): Buffer {
  return readFileSync(join(dataDir, 'files', currentFilePath(doc)));
}

/** Signatures go in order; a superseded document is never signed (the rule: src/domain/documents/signing-turn.ts). */
export function assertNextStep(doc: { superseded_by_id: string | null }, signatures: SigningStep[], seq: number): void {
  const refusal = signingTurnRefusal(!!doc.superseded_by_id, signatures, seq);
  if (refusal) throw new AppError('INVALID_STATE', refusal);
}

/** A step signed by someone else between the check and the write. */
export const signedMeanwhile = () => new AppError('CONFLICT', 'Có người vừa ký văn bản này trước bạn. Hãy mở lại văn bản.');
