import type { AcademicLevelTt58 } from './classify-academic-tt58.ts';
import type { ConductLevelTt58 } from './title-tt58.ts';

export type OutcomeTt58 = 'promoted' | 'retained' | 'retest' | 'summerTraining';

/**
 * TT 58/2011 Điều 14–16 (RULES.md §3) — the year outcome:
 * - retained: absences over 45, học lực Kém, or học lực and hạnh kiểm both Yếu;
 * - retest (Điều 15): học lực Yếu with hạnh kiểm Trung bình or better;
 * - summer training (Điều 16): hạnh kiểm Yếu with học lực Trung bình or better;
 * - promoted: both Trung bình or better and absences ≤ 45.
 */
export function promotionOutcomeTt58(input: {
  academic: AcademicLevelTt58;
  conduct: ConductLevelTt58;
  absences: number;
}): OutcomeTt58 {
  const { academic, conduct } = input;
  if (input.absences > 45 || academic === 'Kém' || (academic === 'Y' && conduct === 'Y')) return 'retained';
  if (academic === 'Y') return 'retest';
  if (conduct === 'Y') return 'summerTraining';
  return 'promoted';
}
