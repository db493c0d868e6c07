/**
 * The trust verdict on a document's digital signatures (issue 14), in plain Vietnamese: each
 * signature checked in the PDF bytes (valid, chain to a configured root at its signing time,
 * revocation) and the seal step's certificate compared with the school's registered seal.
 */
import type { z } from 'zod';
import type { ZSignatureTrustStatus } from '../../../shared/documents.ts';
import type { Row } from '../../platform/db/schema.ts';
import { type PdfSignatureVerification, verifyPdfSignatures } from '../../platform/signing/verify-pdf.ts';
import type { TrustStore } from '../../platform/signing/trust-store.ts';
import type { Db } from '../../platform/db/database.ts';
import { readCurrentFile } from '../document-queries.ts';
import { isRegisteredSeal, sealRegistrationsOf } from '../seal-queries.ts';

export type SignatureTrustStatus = z.infer<typeof ZSignatureTrustStatus>;

export interface SignatureTrust {
  status: SignatureTrustStatus;
  /** One sentence for the verification page. */
  text: string;
}

/** What /verify needs besides the database: the stored files, the trust store, the request's clock. */
export interface VerifyContext {
  db: Db;
  dataDir: string;
  trust: TrustStore;
  now: Date;
}

/** The seal step a signature stands for: the school's registrations and when the server recorded the step. */
export interface SealStep {
  registrations: Row<'seal_registrations'>[];
  signedAt: string | null;
}

export function trustOfSignature(sig: PdfSignatureVerification, seal: SealStep | null): SignatureTrust {
  if (!sig.valid) return { status: 'invalid', text: `Chữ ký KHÔNG hợp lệ: ${sig.message}` };
  const trust = sig.trust;
  if (!trust) return { status: 'unchecked', text: 'Chưa kiểm tra được chứng thư của chữ ký (không rõ thời điểm ký).' };
  if (trust.status !== 'trusted') return { status: trust.status, text: trust.message };
  if (seal && sig.signer && !isRegisteredSeal(seal.registrations, sig.signer.sha256, seal.signedAt)) {
    return {
      status: 'unregistered_seal',
      text: `Con dấu không phải con dấu đã đăng kí của trường: chứng thư "${sig.signer.commonName}" (SHA-256 ${sig.signer.sha256.slice(0, 16)}…) không phải chứng thư con dấu nhà trường đã đăng kí.`,
    };
  }
  return { status: 'trusted', text: trust.message };
}

/** The digital steps of a document (signed, in order): the i-th is the i-th signature of its file. */
export function digitalSteps(steps: Row<'document_signatures'>[]): Row<'document_signatures'>[] {
  return steps.filter((s) => s.status === 'signed').sort((a, b) => a.seq - b.seq);
}

/** Each digitally signed step of a stored document, checked in its stored file: seq → verdict. */
export async function storedSignatureTrust(ctx: VerifyContext, doc: Row<'documents'>, steps: Row<'document_signatures'>[]): Promise<Map<number, SignatureTrust>> {
  const digital = digitalSteps(steps);
  const out = new Map<number, SignatureTrust>();
  if (!digital.length) return out;
  let checked: PdfSignatureVerification[];
  try {
    checked = await verifyPdfSignatures(readCurrentFile(ctx.dataDir, doc), { trust: { store: ctx.trust, now: ctx.now } });
  } catch {
    for (const s of digital) out.set(s.seq, { status: 'unchecked', text: 'Không đọc được tệp lưu trữ của văn bản để kiểm tra chữ ký.' });
    return out;
  }
  const registrations = digital.some((s) => s.role === 'seal') ? await sealRegistrationsOf(ctx.db, doc.school_id) : [];
  for (const [i, step] of digital.entries()) {
    const sig = checked[i];
    if (!sig || sig.signer?.sha256 !== step.certificate_sha256) {
      out.set(step.seq, { status: 'invalid', text: 'Chữ ký trong tệp lưu trữ không khớp với chữ ký đã ghi nhận cho bước này.' });
      continue;
    }
    out.set(step.seq, trustOfSignature(sig, step.role === 'seal' ? { registrations, signedAt: step.signed_at } : null));
  }
  return out;
}
