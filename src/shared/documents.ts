/** Stored documents, their signatures, bulk print jobs and the public verification (P1–P6, Q3). */
import { z } from 'zod';
import { ZId } from './api-common.ts';

export const PRINT_KINDS = ['class_book', 'confirmation_sheet', 'transcript', 'report_book', 'primary_summary'] as const;
export const ZPrintKind = z.enum(PRINT_KINDS);
export type PrintKind = (typeof PRINT_KINDS)[number];

export const ZStartPrintJob = z.object({
  kind: ZPrintKind,
  classIds: z.array(ZId).min(1, 'chọn ít nhất một lớp').max(200),
  /** per kind: scope (hk1|hk2|year) for the class book, termId for the report book, subjectId+term, point… */
  options: z.record(z.string().max(40), z.string().max(80)).default({}),
});

export const ZJob = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z
    .object({
      documents: z.array(z.object({ id: z.string(), title: z.string(), filename: z.string() })),
      skipped: z.array(z.object({ label: z.string(), message: z.string() })),
      pages: z.number().int(),
      zipUrl: z.string(),
      pdfUrl: z.string(),
    })
    .nullable(),
});

export const ZSignatureStatus = z.object({
  seq: z.number().int(),
  role: z.string(),
  roleLabel: z.string(),
  status: z.enum(['pending', 'signed', 'handwritten']),
  signerName: z.string().nullable(),
  certificateSubject: z.string().nullable(),
  certificateIssuer: z.string().nullable(),
  backend: z.string().nullable(),
  signedAt: z.string().nullable(),
});

export const ZDocumentSummary = z.object({
  id: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  title: z.string(),
  versionNo: z.number().int(),
  status: z.enum(['draft', 'signing', 'signed']),
  supersededById: z.string().nullable(),
  createdAt: z.string(),
  sha256: z.string(),
  currentSha256: z.string(),
  signatures: z.array(ZSignatureStatus),
  /** the next signature due, when the current user may give it */
  canSign: z.string().nullable(),
});

export const ZDocumentDetail = ZDocumentSummary.extend({
  supersedesId: z.string().nullable(),
  dataSha256: z.string().nullable(),
  inputsVersion: z.string(),
  size: z.number().int(),
  versions: z.array(z.object({ id: z.string(), versionNo: z.number().int(), createdAt: z.string(), status: z.string() })),
});

/**
 * The trust verdict on one digital signature (issue 14): trusted (valid, its certificate chains to
 * a configured root, not revoked), untrusted, revoked, invalid (the signed bytes changed),
 * unregistered_seal (the seal step signed by a certificate that is not the school's registered
 * seal), unchecked (the stored file could not be read).
 */
export const ZSignatureTrustStatus = z.enum(['trusted', 'untrusted', 'revoked', 'invalid', 'unregistered_seal', 'unchecked']);

/** What anyone may learn from /verify/<id>: nothing beyond the paper's own header. */
export const ZPublicVerification = z.object({
  found: z.boolean(),
  id: z.string(),
  kindLabel: z.string().optional(),
  header: z.string().optional(),
  versionNo: z.number().int().optional(),
  createdAt: z.string().optional(),
  status: z.string().optional(),
  statusLabel: z.string().optional(),
  sha256: z.string().optional(),
  supersededBy: z.object({ id: z.string(), createdAt: z.string() }).nullable().optional(),
  signatures: z
    .array(
      z.object({
        roleLabel: z.string(),
        status: z.string(),
        signerName: z.string().nullable(),
        certificateSubject: z.string().nullable(),
        signedAt: z.string().nullable(),
        /** A digital signature checked in the stored file (issue 14); null for one not given or given on paper. */
        trustStatus: ZSignatureTrustStatus.nullable(),
        /** The check in plain Vietnamese: valid and trusted (chain to which root), untrusted, revoked, not the registered seal. */
        trust: z.string().nullable(),
      }),
    )
    .optional(),
});

export const ZUploadCheck = z.object({
  documentId: z.string(),
  matches: z.boolean(),
  /** which stage of the document the upload is byte-identical to, if any */
  stage: z.string().nullable(),
  sha256: z.string(),
  message: z.string(),
  signatures: z.array(
    z.object({
      signer: z.string(),
      signedAt: z.string().nullable(),
      valid: z.boolean(),
      coversWholeFile: z.boolean(),
      message: z.string(),
      /** Valid, trusted and, for the seal step of a matching copy, the registered seal. */
      trusted: z.boolean(),
      trustStatus: ZSignatureTrustStatus,
      /** The trust check in plain Vietnamese. */
      trust: z.string(),
    }),
  ),
});

/** The school's seal certificate as the principal registered it (issue 14). */
export const ZSealRegistration = z.object({
  certificateSha256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
  registeredAt: z.string(),
  registeredBy: z.string().nullable(),
  replacedAt: z.string().nullable(),
});

/** The seal: the registered certificate, earlier ones, and the certificate configured on the server (to register it). */
export const ZSealStatus = z.object({
  current: ZSealRegistration.nullable(),
  previous: z.array(ZSealRegistration),
  configured: z
    .object({
      certificateSha256: z.string(),
      subject: z.string(),
      issuer: z.string(),
      notBefore: z.string(),
      notAfter: z.string(),
      trusted: z.boolean(),
      trust: z.string(),
    })
    .nullable(),
  /** Why the configured seal certificate could not be read (null when there is none or it was read). */
  configuredError: z.string().nullable(),
  /** The current user may register (the principal). */
  canRegister: z.boolean(),
});

/** Register the certificate configured on the server, or one given as PEM (or base64 DER), optionally followed by its issuers. */
export const ZRegisterSeal = z.discriminatedUnion('source', [
  z.object({ source: z.literal('configured') }),
  z.object({ source: z.literal('certificate'), certificate: z.string().min(100).max(100_000) }),
]);

/** Batch signing (issue 15 §3): the step signed; each document with the SHA-256 of the version reviewed ("Tôi đã xem"). */
export const ZBatchRole = z.enum(['homeroom', 'principal', 'seal']);
export type BatchRole = z.infer<typeof ZBatchRole>;
export const ZBatchItem = z.object({ documentId: ZId, expectedSha256: z.string().regex(/^[0-9a-f]{64}$/, 'mã băm SHA-256 không hợp lệ') });
export type BatchItem = z.infer<typeof ZBatchItem>;

/** One document of a batch: signed (its bytes after the signature) or not, and why (Vietnamese). */
export const ZBatchOutcome = z.object({ documentId: z.string(), title: z.string().nullable(), ok: z.boolean(), message: z.string().nullable(), currentSha256: z.string().nullable() });
export type BatchOutcome = z.infer<typeof ZBatchOutcome>;
export const ZBatchResult = z.object({ batchId: z.string(), signed: z.array(ZBatchOutcome), failed: z.array(ZBatchOutcome) });
export type BatchResult = z.infer<typeof ZBatchResult>;
/** A progress line of a batch streamed as JSON lines. */
export interface BatchProgress {
  done: number;
  total: number;
  outcome: BatchOutcome;
}
