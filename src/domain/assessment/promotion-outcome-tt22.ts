import type { Tt22Level } from './tt22-level.ts';

export type Tt22Outcome = 'promoted' | 'retained' | 'review' | 'summerTraining' | 'retest';

/** Maximum sessions absent in a year for promotion (TT 22/2021 Điều 12 điểm c). */
export const TT22_MAX_ABSENCES = 45;

/** Minimum number of scored subjects for an automatic decision (product decision 3). */
export const TT22_MIN_SCORED_SUBJECTS = 6;

/**
 * TT 22/2021 Điều 12 — the outcome from in-year results; the first rule that applies wins:
 * 1. absences over 45 → retained (no summer path);
 * 2. fewer than 6 scored subjects → review (a person decides; never an automatic fail);
 * 3. year KQHT or KQRL not yet known → null;
 * 4. KQRL Chưa đạt → summer conduct training (Điều 13);
 * 5. KQHT Chưa đạt → summer re-assessment (Điều 14);
 * 6. promoted.
 */
export function promotionOutcomeTt22(input: {
  absences: number;
  scoredSubjectCount: number;
  academic: Tt22Level | null;
  conduct: Tt22Level | null;
}): Tt22Outcome | null {
  if (input.absences > TT22_MAX_ABSENCES) return 'retained';
  if (input.scoredSubjectCount < TT22_MIN_SCORED_SUBJECTS) return 'review';
  if (input.academic === null || input.conduct === null) return null;
  if (input.conduct === 'CĐ') return 'summerTraining';
  if (input.academic === 'CĐ') return 'retest';
  return 'promoted';
}
