/** The principal's transcript confirmation page (C6): each student's year record against what would be confirmed now. */
import { z } from 'zod';

export const ZTranscriptRecordState = z.enum(['confirmed', 'changed', 'unconfirmed']);

export const ZTranscriptConfirmation = z.object({
  classId: z.string(),
  className: z.string(),
  /** Why confirming is refused now (results not approved, assessments missing), in Vietnamese; null when it can go ahead. */
  blocker: z.string().nullable(),
  students: z.array(
    z.object({
      studentId: z.string(),
      listNumber: z.number().int(),
      fullName: z.string(),
      /** unconfirmed: no record; changed: today's data differs from the record (told only when nothing blocks confirming); else confirmed. */
      state: ZTranscriptRecordState,
      record: z
        .object({ id: z.string(), versionNo: z.number().int(), sha256: z.string(), ruleVersion: z.string(), confirmedAt: z.string(), confirmedByName: z.string() })
        .nullable(),
    }),
  ),
});
