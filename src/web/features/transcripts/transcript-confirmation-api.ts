/** The principal's transcript confirmation (C6): the class's status and the confirmation itself. */
import type { z } from 'zod';
import { http } from '../../api/client.ts';
import type { ZTranscriptConfirmation, ZTranscriptRecordState } from '../../../shared/transcript-confirmation.ts';

export type TranscriptConfirmation = z.infer<typeof ZTranscriptConfirmation>;
export type TranscriptRecordState = z.infer<typeof ZTranscriptRecordState>;

export const transcriptConfirmationApi = {
  status: (classId: string) => http.get<TranscriptConfirmation>(`/classes/${classId}/transcript-confirmation`),
  /** Without students: the whole class. */
  confirm: (classId: string, studentIds?: string[]) =>
    http.post<{ created: number; unchanged: number }>(`/classes/${classId}/transcript-records/confirmation`, studentIds ? { studentIds } : {}),
};

export const transcriptConfirmationKey = (classId: string) => ['transcriptConfirmation', classId] as const;
