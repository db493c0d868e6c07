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
    .array(z.object({ roleLabel: z.string(), status: z.string(), signerName: z.string().nullable(), certificateSubject: z.string().nullable(), signedAt: z.string().nullable() }))
    .optional(),
});

export const ZUploadCheck = z.object({
  documentId: z.string(),
  matches: z.boolean(),
  /** which stage of the document the upload is byte-identical to, if any */
  stage: z.string().nullable(),
  sha256: z.string(),
  message: z.string(),
  signatures: z.array(z.object({ signer: z.string(), signedAt: z.string().nullable(), valid: z.boolean(), coversWholeFile: z.boolean(), message: z.string() })),
});
