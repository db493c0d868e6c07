/**
 * Batch signing (issue 15 §3): one signer — one password or PIN, one PKCS#11 session, one request
 * to a remote service — for many documents at the same step (a class's học bạ waiting for the
 * homeroom teacher, the principal or the seal), each over exactly the bytes its signer was shown.
 *
 * All-or-nothing, precisely:
 * - per document, atomic: its signature is either wholly stored (file, row, step and its own
 *   audit entry in ONE transaction, as a single signature is: commitSignature) or not at all;
 * - for the batch, the signer is refused before anything is signed: a wrong password/PIN, a
 *   certificate not the signer's, untrusted, revoked or expired, an unregistered seal → the whole
 *   batch is refused and no document is touched;
 * - a document's own problem (not at this step, changed since it was shown, superseded, its block
 *   names someone else, someone signed it meanwhile) is listed as a failure and the batch goes on
 *   with the others: the signer reviewed each one separately, so each stands on its own.
 * - a refusal of the signatures themselves (the user declines on the phone, the token is pulled)
 *   reaches every document still waiting: those are listed, none signed.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../platform/errors.ts';
import { collectSignatures } from '../platform/signing/batch-signer.ts';
import type { CertificateDescription, Signer } from '../platform/signing/signer.ts';
import { getSignedDocumentOr404 } from './document-queries.ts';
import type { BatchItem, BatchOutcome, BatchProgress, BatchResult, BatchRole } from '../../shared/documents.ts';
import { type CheckedStep, type SigningContext, checkSignerCertificate, checkSigningStep, commitSignature, rethrowSigning, signBytes } from './sign-document.ts';

export interface SignBatchOptions extends SigningContext {
  role: BatchRole;
  items: BatchItem[];
  /** Opens the signer once for the batch (the route: a .p12 the user gave, the school's token, a remote service). */
  openSigner: (role: string) => Promise<Signer>;
}

export interface SigningBatch {
  batchId: string;
  total: number;
  /** Signs what passed the checks, reporting each document as it is done; closes the signer. */
  run(onProgress?: (p: BatchProgress) => void): Promise<BatchResult>;
  /** Releases the signer without signing (the caller gave up). */
  close(): Promise<void>;
}

function failure(documentId: string, title: string | null, error: unknown): BatchOutcome {
  const message = error instanceof AppError ? error.message : 'Lỗi không xác định khi ký văn bản này; văn bản chưa được ký.';
  return { documentId, title, ok: false, message, currentSha256: null };
}

async function titleOf(c: SigningContext, documentId: string): Promise<string | null> {
  return (await c.db.selectFrom('documents').select('title').where('id', '=', documentId).executeTakeFirst())?.title ?? null;
}

/**
 * Checks every document and opens the signer ONCE, checking its certificate for each school of
 * the batch; throws (nothing signed) when the signer cannot sign at all. Documents that fail their
 * own checks are kept as failures for the result.
 */
export async function openSigningBatch(o: SignBatchOptions): Promise<SigningBatch> {
  const batchId = randomUUID();
  const items = [...new Map(o.items.map((i) => [i.documentId, i])).values()];
  const early: BatchOutcome[] = [];
  const checked: CheckedStep[] = [];
  for (const item of items) {
    try {
      const { signatures } = await getSignedDocumentOr404(o.db, item.documentId);
      const step = signatures.find((s) => s.role === o.role && s.status === 'pending') ?? signatures.find((s) => s.role === o.role);
      if (!step) throw new AppError('INVALID_STATE', 'Văn bản này không có bước ký của thầy/cô trong lần ký này.');
      checked.push(await checkSigningStep(o, item.documentId, step.seq, item.expectedSha256));
    } catch (error) {
      early.push(failure(item.documentId, await titleOf(o, item.documentId), error));
    }
  }
  const total = items.length;
  if (!checked.length) {
    return { batchId, total, close: async () => {}, run: async (onProgress) => report(batchId, total, early, [], onProgress) };
  }

  const signer = await o.openSigner(o.role).catch(rethrowSigning);
  const close = async () => {
    await signer.close?.().catch(() => {});
  };
  const certs = new Map<string, CertificateDescription>();
  try {
    for (const schoolId of new Set(checked.map((s) => s.doc.school_id))) certs.set(schoolId, await checkSignerCertificate(o, signer, o.role, schoolId));
  } catch (error) {
    await close();
    throw error;
  }

  return {
    batchId,
    total,
    close,
    async run(onProgress) {
      try {
        let done = 0;
        for (const e of early) onProgress?.({ done: ++done, total, outcome: e });
        // Every document prepares its signature; the collector signs them all in one go.
        const collector = collectSignatures(signer, checked.length);
        const prepared = await Promise.allSettled(
          checked.map((s) =>
            signBytes(o, s, collector.signer, certs.get(s.doc.school_id)!).catch((error: unknown) => {
              collector.leave();
              throw error;
            }),
          ),
        );
        // Stored one after another: each document's signature, step and audit entry in its own transaction.
        const outcomes: BatchOutcome[] = [];
        for (const [index, s] of checked.entries()) {
          const p = prepared[index];
          let outcome: BatchOutcome;
          if (p.status === 'rejected') outcome = failure(s.doc.id, s.doc.title, p.reason);
          else {
            try {
              const { sha256 } = await commitSignature(o, s, signer, certs.get(s.doc.school_id)!, p.value, { id: batchId, index: index + 1, size: checked.length });
              outcome = { documentId: s.doc.id, title: s.doc.title, ok: true, message: null, currentSha256: sha256 };
            } catch (error) {
              outcome = failure(s.doc.id, s.doc.title, error);
            }
          }
          outcomes.push(outcome);
          onProgress?.({ done: ++done, total, outcome });
        }
        return report(batchId, total, early, outcomes);
      } finally {
        await close();
      }
    },
  };
}

function report(batchId: string, total: number, early: BatchOutcome[], outcomes: BatchOutcome[], onProgress?: (p: BatchProgress) => void): BatchResult {
  if (onProgress && !outcomes.length) early.forEach((outcome, i) => onProgress({ done: i + 1, total, outcome }));
  const all = [...early, ...outcomes];
  return { batchId, signed: all.filter((x) => x.ok), failed: all.filter((x) => !x.ok) };
}

/** The whole batch at once (no progress reports). */
export async function signDocumentsBatch(o: SignBatchOptions): Promise<BatchResult> {
  return (await openSigningBatch(o)).run();
}
