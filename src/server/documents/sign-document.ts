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
 */
import type { RequestAuth } from '../platform/http/context.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { SIGN_ACTION, assertNextStep, currentFilePath, documentTarget, getSignedDocumentOr404, readCurrentFile, signedMeanwhile } from './document-queries.ts';
import { writeStoredFile } from '../platform/files/store-document.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { AppError, invalid } from '../platform/errors.ts';
import { authorize } from '../platform/http/context.ts';
import { assessCertificate } from '../platform/signing/certificate-trust.ts';
import { describeCertificate } from '../platform/signing/describe-certificate.ts';
import { signPdf } from '../platform/signing/sign-pdf.ts';
import { type Signer, SigningError } from '../platform/signing/signer.ts';
import type { TrustStore } from '../platform/signing/trust-store.ts';
import { assertRegisteredSeal, currentSealRegistration, sealNotRegistered } from './seal-queries.ts';
import { DEPUTY_SIGNER_LABEL, SIGNER_ROLE_LABELS, labelOf } from '../../shared/labels.ts';
import { checkCertificateValidAt } from '../../domain/documents/certificate-validity.ts';

export interface SignDocumentOptions {
  db: Db;
  dataDir: string;
  auth: RequestAuth;
  audit: AuditContext;
  documentId: string;
  seq: number;
  /** SHA-256 of the file the signer was shown: signing anything else is refused. */
  expectedSha256: string;
  /** Opens the signer for the step's role (a .p12 the user gave, the school's token, a remote service). */
  openSigner: (role: string) => Promise<Signer>;
  location: string;
  now: Date;
  /** The roots certificates must chain to (signing-trust.ts). */
  trust: TrustStore;
}

/** Same person? Compares names without case, spacing or Unicode-form differences. */
function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').toLocaleLowerCase('vi').replace(/\s+/g, ' ').trim();
  return norm(a) === norm(b);
}

export async function signDocument(o: SignDocumentOptions) {
  const { doc, signatures } = await getSignedDocumentOr404(o.db, o.documentId);
  const step = signatures.find((s) => s.seq === o.seq);
  if (!step) throw new AppError('NOT_FOUND', 'Văn bản không có bước ký này.');
  authorize(o.auth, SIGN_ACTION[step.role], documentTarget(doc));
  assertNextStep(doc, signatures, step.seq);
  if (doc.current_sha256 !== o.expectedSha256) {
    throw new AppError('CONFLICT', 'Văn bản đã thay đổi kể từ khi bạn mở (có người vừa ký). Hãy mở lại văn bản, xem rồi ký.');
  }

  // The seal waits for the principal to register the school's certificate (before any PIN is asked).
  if (step.role === 'seal' && !(await currentSealRegistration(o.db, doc.school_id))) throw sealNotRegistered();

  const signer = await o.openSigner(step.role).catch(rethrowSigning);
  try {
    const chain = await signer.certificateChain().catch(rethrowSigning);
    if (!chain.length) throw invalid('Không tìm thấy chứng thư số của người ký.', [{ field: 'certificate', message: 'không có' }]);
    const cert = describeCertificate(chain[0]);
    const validity = checkCertificateValidAt(cert, o.now);
    if (!validity.ok) throw invalid(validity.message, [{ field: 'certificate', message: validity.kind === 'expired' ? 'hết hiệu lực' : 'chưa có hiệu lực' }]);
    // A person signs with her own certificate; the seal with the school's.
    if (step.role !== 'seal' && !sameName(cert.commonName, o.auth.user.full_name)) {
      throw invalid(`Chứng thư số mang tên "${cert.commonName}", không phải tên của người ký (${o.auth.user.full_name}).`, [
        { field: 'certificate', message: 'không đúng người ký' },
      ]);
    }
    if (step.role === 'seal') await assertRegisteredSeal(o.db, doc.school_id, cert.sha256);
    const trust = await assessCertificate(chain, o.trust, o.now, o.now);
    if (trust.status === 'untrusted') {
      throw invalid(`Chứng thư số "${cert.commonName}" không thuộc tổ chức chứng thực được tin cậy (${trust.reason}). Hãy dùng chứng thư số do một tổ chức cung cấp dịch vụ chứng thực chữ ký số được cấp phép cấp.`, [
        { field: 'certificate', message: 'không được tin cậy' },
      ]);
    }
    if (trust.status === 'revoked') throw invalid(`Không ký được: ${trust.message}`, [{ field: 'certificate', message: 'đã bị thu hồi' }]);
    const before = readCurrentFile(o.dataDir, doc);
    if (sha256Hex(before) !== doc.current_sha256) throw new Error(`stored file of ${doc.id} does not match its SHA-256`);
    // The principal's step signed on a delegation says so: "KT. Hiệu trưởng – Phó hiệu trưởng".
    const delegationId = step.role === 'principal' ? (o.auth.authority?.delegationId ?? null) : null;
    const roleLabel = delegationId ? DEPUTY_SIGNER_LABEL : labelOf(SIGNER_ROLE_LABELS, step.role);
    const signed = await signPdf(before, signer, {
      reason: `${roleLabel} ký ${doc.title}`,
      name: cert.commonName,
      location: o.location,
      signingTime: o.now,
    }).catch(rethrowSigning);
    const signedSha = sha256Hex(signed);
    const next = { ...doc, current_sha256: signedSha };
    writeStoredFile(o.dataDir, currentFilePath(next), signed);

    const last = signatures.every((s) => s.seq === step.seq || s.status !== 'pending');
    await o.db.transaction().execute(async (tx) => {
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
          signer_user_id: o.auth.user.id,
          signer_name: step.role === 'seal' ? cert.organization ?? cert.commonName : o.auth.user.full_name,
          certificate_subject: cert.subject,
          certificate_issuer: cert.issuer,
          certificate_serial: cert.serialNumber,
          certificate_sha256: cert.sha256,
          backend: signer.backend,
          signed_sha256: signedSha,
          signed_at: o.now.toISOString(),
          delegation_id: delegationId,
        })
        .where('id', '=', step.id)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      // Marked as signed on paper meanwhile (the bytes did not change): the same conflict.
      if (Number(given.numUpdatedRows) !== 1) throw signedMeanwhile();
      await writeAudit(tx, o.audit, {
        chainKey: schoolChain(doc.school_id),
        schoolId: doc.school_id,
        action: 'document.sign',
        entityType: 'document',
        entityId: doc.id,
        before: { seq: step.seq, sha256: doc.current_sha256 },
        after: { seq: step.seq, role: step.role, sha256: signedSha, certificate: cert.subject, certificateSha256: cert.sha256, backend: signer.backend },
      });
    });
  } finally {
    await signer.close?.().catch(() => {});
  }
}

function rethrowSigning(error: unknown): never {
  if (error instanceof SigningError) {
    const field = ['bad_password', 'bad_pin'].includes(error.code) ? 'password' : 'certificate';
    throw invalid(error.message, [{ field, message: error.code }]);
  }
  throw error;
}
