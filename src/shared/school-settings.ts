import { z } from 'zod';

/** A school's settings for the grade book (stored as JSON on the school). */
export const ZSchoolSettings = z.object({
  /** When a teacher must give a reason for a score change (C3): never, on re-entries, always. */
  reasonRequired: z.enum(['never', 'reEntry', 'always']).default('reEntry'),
  /** C4: whether a re-entry must name its evidence (sổ điểm cá nhân, bài kiểm tra…): never, on re-entries. */
  evidenceRequired: z.enum(['never', 'reEntry']).default('never'),
  /** Re-entries close this many days before the end-of-term test (G10). */
  editDeadlineDays: z.number().int().min(0).max(60).default(7),
  /** C2: an approved correction is applied by the admin board, or at once on approval. */
  correctionApply: z.enum(['adminBoard', 'onApproval']).default('adminBoard'),
  /** Issue 15: teachers with empty required columns are reminded this many days before an update window ends (0: on its last day only). */
  reminderDaysBefore: z.number().int().min(0).max(30).default(3),
});
export type SchoolSettings = z.infer<typeof ZSchoolSettings>;

export function parseSchoolSettings(json: string): SchoolSettings {
  try {
    return ZSchoolSettings.parse(JSON.parse(json || '{}'));
  } catch {
    return ZSchoolSettings.parse({});
  }
}
