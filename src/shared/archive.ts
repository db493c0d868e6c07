/** The year-end archive and retention API (tag `archive`), shared by the server and the web app. */
import { z } from 'zod';
import { ZId } from './api-common.ts';

export const ZRetentionRule = z.object({
  recordType: z.string(),
  name: z.string(),
  /** Years to keep, or null when kept permanently. */
  years: z.number().int().nullable(),
  label: z.string(),
  legalBasis: z.string(),
  /** False when the period was chosen conservatively (the exact line of the circular not confirmed). */
  confirmed: z.boolean(),
  note: z.string(),
});
export type RetentionRuleDto = z.infer<typeof ZRetentionRule>;

export const ZStartArchive = z.object({ schoolYearId: ZId });

export const ZArchive = z.object({
  id: z.string(),
  schoolYearId: z.string(),
  schoolYearName: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progressDone: z.number().int(),
  progressTotal: z.number().int(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  result: z
    .object({
      name: z.string(),
      files: z.number().int(),
      bytes: z.number().int(),
      zipBytes: z.number().int(),
      manifestSha256: z.string(),
      signed: z.boolean(),
      warnings: z.array(z.string()),
      zipUrl: z.string(),
    })
    .nullable(),
});
export type ArchiveDto = z.infer<typeof ZArchive>;
