/**
 * Signs a stored document (P5): the next signature in order (homeroom teacher → principal → the
 * school's seal certificate), over exactly the bytes the signer last saw (`expectedSha256`), as an
 * incremental PDF signature that leaves the earlier ones valid. The signed bytes are a new file;
 * the row moves on in one conditional update with its audit entry, so two signers racing for one
 * step get one success and one conflict. A document never changes after signing: a correction
 * makes a new version (storeDocument) that supersedes it.
 *
 * Trust (issue 14): the signer's certificate must chain to a configured root (certificate-trust.ts)
 * and not be revoked; the seal step takes only the certificate the principal registered as the
 * school's seal (register-seal.ts), and refuses until one is registered. Nothing is stored otherwise.
 *
 * The printed block (issue 22): the principal's step is given only by the person the document's
 * principal's block names (documents.principal_signer_id; domain/documents/printed-signer.ts).
 *
 * The pieces — checkSigningStep, checkSignerCertificate, signBytes, commitSignature — are shared with the
 * batch (sign-documents-batch.ts): one signer opened and checked once, each document checked and
 * committed on its own.
 */
import type { RequestAuth } from '../platform/http/context.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { SIGN_ACTION, assertNextStep, currentFilePath, documentTarget, getSignedDocumentOr404, readCurrentFile, signedMeanwhile } from './document-queries.ts';
import { writeStoredFile } from '../platform/files/store-document.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { authorize } from '../platform/http/context.ts';
import { assessCertificate } from '../platform/signing/certificate-trust.ts';
import { describeCertificate } from '../platform/signing/describe-certificate.ts';
import { signPdf } from '../platform/signing/sign-pdf.ts';
import { type CertificateDescription, type Signer, SigningError } from '../platform/signing/signer.ts';
import type { TrustStore } from '../platform/signing/trust-store.ts';
import { assertRegisteredSeal, currentSealRegistration, sealNotRegistered } from './seal-queries.ts';
import { DEPUTY_SIGNER_LABEL, SIGNER_ROLE_LABELS, labelOf } from '../../shared/labels.ts';
import { checkCertificateValidAt } from '../../domain/documents/certificate-validity.ts';
import { assertPrintedSigner } from './printed-signer-queries.ts';

/** What every signature of a request shares: who signs, when, where, against which roots. */
export interface SigningContext {
  db: Db;
  dataDir: string;
  auth: RequestAuth;
  audit: AuditContext;
  location: string;
  now: Date;
  /** The roots certificates must chain to (signing-trust.ts). */
  trust: TrustStore;
}

export interface SignDocumentOptions extends SigningContext {
  documentId: string;
  seq: number;
  /** SHA-256 of the file the signer was shown: signing anything else is refused. */
  expectedSha256: string;
  /** Opens the signer for the step's role (a .p12 the user gave, the school's token, a remote service). */
  openSigner: (role: string) => Promise<Signer>;
}

/** A step checked and ready to sign: the document, its steps, the step, and the audit context carrying this document's authority. */
export interface CheckedStep {
  doc: Row<'documents'>;
  signatures: Row<'document_signatures'>[];
  step: Row<'document_signatures'>;
  /** The delegation the step is signed on ("KT. Hiệu trưởng"), for the principal's step only. */
  delegationId: string | null;
  audit: AuditContext;
}

/** Same person? Compares names without case, spacing or Unicode-form differences. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

/**
 * Step `seq` of the document, checked before any password is used: the signer may sign it (her
 * own authority or a delegation, recorded for this document only), it is its turn, the bytes are
 * those she saw, she is the person the printed principal's block names, the seal is registered.
 */
export async function checkSigningStep(c: SigningContext, documentId: string, seq: number, expectedSha256: string): Promise<CheckedStep> {
  const { doc, signatures } = await getSignedDocumentOr404(c.db, documentId);
  const step = signatures.find((s) => s.seq === seq);
  if (!step) throw new AppError('NOT_FOUND', 'Văn bản không có bước ký này.');
  // Each document on its own authority: a batch may hold documents of several years and sections.
  const docAuth: RequestAuth = { ...c.auth, authority: undefined };
  authorize(docAuth, SIGN_ACTION[step.role], documentTarget(doc));
  if (docAuth.authority) c.auth.authority = docAuth.authority;
  assertNextStep(doc, signatures, step.seq);
  if (doc.current_sha256 !== expectedSha256) {
    throw new AppError('CONFLICT', 'Văn bản đã thay đổi kể từ khi bạn mở (có người vừa ký). Hãy mở lại văn bản, xem rồi ký.');
  }
  await assertPrintedSigner(c.db, doc, step.role, c.auth.user.id);
  // The seal waits for the principal to register the school's certificate (before any PIN is asked).
  if (step.role === 'seal' && !(await currentSealRegistration(c.db, doc.school_id))) throw sealNotRegistered();
  const delegationId = step.role === 'principal' ? (docAuth.authority?.delegationId ?? null) : null;
  const audit: AuditContext = { ...c.audit, authority: docAuth.authority };
  return { doc, signatures, step, delegationId, audit };
}

/** The signer's certificate, checked for the role: valid now, the signer's own name (or the registered seal), trusted, not revoked. */
export async function checkSignerCertificate(c: SigningContext, signer: Signer, role: string, schoolId: string): Promise<CertificateDescription> {
  const chain = await signer.certificateChain().catch(rethrowSigning);
  if (!chain.length) throw invalid('Không tìm thấy chứng thư số của người ký.', [{ field: 'certificate', message: 'không có' }]);
  const cert = describeCertificate(chain[0]);
  const validity = checkCertificateValidAt(cert, c.now);
  if (!validity.ok) throw invalid(validity.message, [{ field: 'certificate', message: validity.kind === 'expired' ? 'hết hiệu lực' : 'chưa có hiệu lực' }]);
  // A person signs with her own certificate; the seal with the school's.
  if (role !== 'seal' && !sameName(cert.commonName, c.auth.user.full_name)) {
    throw invalid(`Chứng thư số mang tên "${cert.commonName}", không phải tên của người ký (${c.auth.user.full_name}).`, [
      { field: 'certificate', message: 'không đúng người ký' },
    ]);
  }
  if (role === 'seal') await assertRegisteredSeal(c.db, schoolId, cert.sha256);
  const trust = await assessCertificate(chain, c.trust, c.now, c.now);
  if (trust.status === 'untrusted') {
    throw invalid(`Chứng thư số "${cert.commonName}" không thuộc tổ chức chứng thực được tin cậy (${trust.reason}). Hãy dùng chứng thư số do một tổ chức cung cấp dịch vụ chứng thực chữ ký số được cấp phép cấp.`, [
      { field: 'certificate', message: 'không được tin cậy' },
    ]);
  }
  if (trust.status === 'revoked') throw invalid(`Không ký được: ${trust.message}`, [{ field: 'certificate', message: 'đã bị thu hồi' }]);
  return cert;
}

/** The document's bytes with the signature added (an incremental PDF signature), not yet stored. */
export async function signBytes(c: SigningContext, s: CheckedStep, signer: Signer, cert: CertificateDescription): Promise<Buffer> {
  const { doc, step } = s;
  const before = readCurrentFile(c.dataDir, doc);
  if (sha256Hex(before) !== doc.current_sha256) throw new Error(`stored file of ${doc.id} does not match its SHA-256`);
  // The principal's step signed on a delegation says so: "KT. Hiệu trưởng – Phó hiệu trưởng".
  const roleLabel = s.delegationId ? DEPUTY_SIGNER_LABEL : labelOf(SIGNER_ROLE_LABELS, step.role);
  return signPdf(before, signer, {
    reason: `${roleLabel} ký ${doc.title}`,
    name: cert.commonName,
    location: c.location,
    signingTime: c.now,
  }).catch(rethrowSigning);
}

/**
 * Stores the signed bytes: the new file first, then in ONE transaction the document's row (only if
 * its bytes are still those signed over), the step and the audit entry. A failure leaves the
 * document as it was (at most an unreferenced file): each document is signed whole or not at all.
 */
export async function commitSignature(
  c: SigningContext,
  s: CheckedStep,
  signer: Pick<Signer, 'backend'>,
  cert: CertificateDescription,
  signed: Buffer,
  batch?: { id: string; index: number; size: number },
): Promise<{ sha256: string }> {
  const { doc, signatures, step } = s;
  const signedSha = sha256Hex(signed);
  writeStoredFile(c.dataDir, currentFilePath({ ...doc, current_sha256: signedSha }), signed);

  const last = signatures.every((x) => x.seq === step.seq || x.status !== 'pending');
  await c.db.transaction().execute(async (tx) => {
    // Checked again in the write: a registration replaced meanwhile no longer makes this the school's seal.
    if (step.role === 'seal') await assertRegisteredSeal(tx, doc.school_id, cert.sha256);
    const moved = await tx
      .updateTable('documents')
      .set({ current_sha256: signedSha, status: last ? 'signed' : 'signing', size: signed.length })
      .where('id', '=', doc.id)
      .where('current_sha256', '=', doc.current_sha256)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw signedMeanwhile();
    const given = await tx
      .updateTable('document_signatures')
      .set({
        status: 'signed',
        signer_user_id: c.auth.user.id,
        signer_name: step.role === 'seal' ? cert.organization ?? cert.commonName : c.auth.user.full_name,
        certificate_subject: cert.subject,
        certificate_issuer: cert.issuer,
        certificate_serial: cert.serialNumber,
        certificate_sha256: cert.sha256,
        backend: signer.backend,
        signed_sha256: signedSha,
        signed_at: c.now.toISOString(),
        delegation_id: s.delegationId,
      })
      .where('id', '=', step.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    // Marked as signed on paper meanwhile (the bytes did not change): the same conflict.
    if (Number(given.numUpdatedRows) !== 1) throw signedMeanwhile();
    await writeAudit(tx, s.audit, {
      chainKey: schoolChain(doc.school_id),
      schoolId: doc.school_id,
      action: 'document.sign',
      entityType: 'document',
      entityId: doc.id,
      // `sha256` before: the bytes the signer was shown and ticked "Tôi đã xem" for.
      before: { seq: step.seq, sha256: doc.current_sha256 },
      after: { seq: step.seq, role: step.role, sha256: signedSha, certificate: cert.subject, certificateSha256: cert.sha256, backend: signer.backend, ...(batch ? { batch } : {}) },
    });
  });
  return { sha256: signedSha };
}

export async function signDocument(o: SignDocumentOptions) {
  const checked = await checkSigningStep(o, o.documentId, o.seq, o.expectedSha256);
  const signer = await o.openSigner(checked.step.role).catch(rethrowSigning);
  try {
    const cert = await checkSignerCertificate(o, signer, checked.step.role, checked.doc.school_id);
    await commitSignature(o, checked, signer, cert, await signBytes(o, checked, signer, cert));
  } finally {
    await signer.close?.().catch(() => {});
  }
}

export function rethrowSigning(error: unknown): never {
  if (error instanceof SigningError) {
    const field = ['bad_password', 'bad_pin'].includes(error.code) ? 'password' : 'certificate';
    throw invalid(error.message, [{ field, message: error.code }]);
  }
  throw error;
}
