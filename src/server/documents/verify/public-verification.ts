/**
 * What the public may learn about a document id (Q3): whether it is ours and authentic, who signed
 * it and when, whether a newer version replaced it — nothing beyond the paper's own header — and,
 * for an uploaded copy, whether its bytes are one of the document's stages and its signatures hold.
 * Every digital signature is checked for trust (issue 14): "Đã ký đủ" only when each is valid, its
 * certificate trusted and the seal the school's registered one.
 */
import { sha256Hex } from '../../platform/sha256.ts';
import { DOCUMENT_KIND_LABELS, SIGNER_ROLE_LABELS, labelOf } from '../../../shared/labels.ts';
import { loadSignatures } from '../document-queries.ts';
import { invalid } from '../../platform/errors.ts';
import { MAX_PDF_SIGNATURES, TooManySignaturesError } from '../../platform/signing/find-pdf-signatures.ts';
import { verifyPdfSignatures } from '../../platform/signing/verify-pdf.ts';
import { sealRegistrationsOf } from '../seal-queries.ts';
import { type VerifyContext, digitalSteps, storedSignatureTrust, trustOfSignature } from './signature-trust.ts';

const STATUS_LABELS: Record<string, string> = {
  draft: 'Bản in chưa ký số',
  signing: 'Đang ký (chưa đủ chữ ký)',
  signed: 'Đã ký đủ',
};
/** The label when some digital signature is not valid and trusted (never "Đã ký đủ"). */
const DOUBTFUL_LABELS: Record<string, string> = {
  signing: 'Đang ký (chưa đủ chữ ký); có chữ ký không hợp lệ hoặc không được tin cậy',
  signed: 'Đủ các bước ký nhưng có chữ ký không hợp lệ hoặc không được tin cậy — chưa phải văn bản đã ký đủ',
};

export async function publicVerification(ctx: VerifyContext, id: string) {
  const { db } = ctx;
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  if (!doc) return { found: false, id };
  const signatures = (await loadSignatures(db, [doc.id])).get(doc.id) ?? [];
  const trust = await storedSignatureTrust(ctx, doc, signatures);
  const doubtful = [...trust.values()].some((t) => t.status !== 'trusted');
  const newer = doc.superseded_by_id
    ? await db.selectFrom('documents').select(['id', 'created_at']).where('id', '=', doc.superseded_by_id).executeTakeFirst()
    : undefined;
  return {
    found: true,
    id: doc.id,
    kindLabel: labelOf(DOCUMENT_KIND_LABELS, doc.kind),
    header: doc.public_header,
    versionNo: doc.version_no,
    createdAt: doc.created_at,
    status: doc.status,
    statusLabel: (doubtful ? DOUBTFUL_LABELS[doc.status] : undefined) ?? STATUS_LABELS[doc.status] ?? doc.status,
    sha256: doc.current_sha256,
    supersededBy: newer ? { id: newer.id, createdAt: newer.created_at } : null,
    signatures: signatures.map((s) => ({
      roleLabel: labelOf(SIGNER_ROLE_LABELS, s.role),
      status: s.status,
      signerName: s.signer_name,
      certificateSubject: s.certificate_subject,
      signedAt: s.signed_at,
      trustStatus: trust.get(s.seq)?.status ?? null,
      trust: trust.get(s.seq)?.text ?? null,
    })),
  };
}

/** " Nhưng có chữ ký không được tin cậy: …" when some valid signature is not trusted (or not the registered seal). */
function untrustedNote(signatures: { trusted: boolean; signer: string }[]): string {
  const doubtful = signatures.filter((s) => !s.trusted).map((s) => s.signer);
  return doubtful.length ? ` Nhưng có chữ ký không được tin cậy hoặc không phải con dấu đã đăng kí (${doubtful.join(', ')}) — xem từng chữ ký.` : '';
}

export async function checkUploadedCopy(ctx: VerifyContext, id: string, bytes: Buffer) {
  const { db } = ctx;
  const sha256 = sha256Hex(bytes);
  const doc = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  const checked = await verifyPdfSignatures(bytes, { trust: { store: ctx.trust, now: ctx.now } }).catch((error: unknown) => {
    if (error instanceof TooManySignaturesError) throw invalid(error.message, [{ field: 'file', message: `quá ${MAX_PDF_SIGNATURES} chữ ký` }]);
    return [];
  });
  const stored = doc ? ((await loadSignatures(db, [doc.id])).get(doc.id) ?? []) : [];
  const stages: { sha256: string; label: string }[] = doc ? [{ sha256: doc.sha256, label: 'Bản in gốc (trước khi ký số)' }] : [];
  for (const s of stored) if (s.signed_sha256) stages.push({ sha256: s.signed_sha256, label: `Sau chữ ký của ${labelOf(SIGNER_ROLE_LABELS, s.role)}` });
  const stage = stages.find((s) => s.sha256 === sha256);
  // A copy that is one of the document's stages: its i-th signature is the i-th digital step.
  const steps = stage ? digitalSteps(stored) : [];
  const registrations = doc && steps.some((s) => s.role === 'seal') ? await sealRegistrationsOf(db, doc.school_id) : [];
  const signatures = checked.map((s, i) => {
    const step = steps[i];
    const trust = trustOfSignature(s, step?.role === 'seal' ? { registrations, signedAt: step.signed_at } : null);
    return {
      signer: s.signer?.commonName ?? s.signer?.subject ?? 'không rõ',
      signedAt: s.signingTime ? s.signingTime.toISOString() : null,
      valid: s.valid,
      coversWholeFile: s.coversWholeDocument,
      message: s.message,
      trusted: trust.status === 'trusted',
      trustStatus: trust.status,
      trust: trust.text,
    };
  });
  if (!doc) {
    return { documentId: id, matches: false, stage: null, sha256, signatures, message: 'Không có văn bản nào mang mã này trong hệ thống: bản tải lên không phải văn bản do nhà trường phát hành.' };
  }
  const superseded = doc.superseded_by_id ? ` Lưu ý: văn bản này đã có phiên bản mới thay thế (${doc.superseded_by_id}).` : '';
  if (stage) {
    const invalid = signatures.filter((s) => !s.valid);
    return {
      documentId: id,
      matches: invalid.length === 0,
      stage: stage.label,
      sha256,
      signatures,
      message: invalid.length
        ? 'Tệp trùng khớp mã băm nhưng có chữ ký không hợp lệ.'
        : `Bản tải lên trùng khớp từng byte với văn bản gốc (${stage.label}).${untrustedNote(signatures)}${superseded}`,
    };
  }
  return {
    documentId: id,
    matches: false,
    stage: null,
    sha256,
    signatures,
    message:
      'Bản tải lên KHÔNG trùng khớp với văn bản gốc đã lưu: tệp đã bị sửa đổi hoặc không phải bản do hệ thống phát hành.' +
      (signatures.some((s) => !s.valid) ? ' Có chữ ký số không còn hợp lệ (nội dung đã bị thay đổi sau khi ký).' : ''),
  };
}
