import type { AcademicLevelTt58 } from './classify-academic-tt58.ts';

/** Hạnh kiểm levels of TT 58/2011: Tốt, Khá, Trung bình, Yếu. */
export type ConductLevelTt58 = 'T' | 'K' | 'TB' | 'Y';
/** "HSG" Học sinh Giỏi, "HSTT" Học sinh Tiên tiến. */
export type TitleTt58 = 'HSG' | 'HSTT';

const GOOD_CONDUCT: readonly ConductLevelTt58[] = ['T', 'K'];
const GOOD_ACADEMIC: readonly AcademicLevelTt58[] = ['G', 'K'];

/**
 * TT 58/2011 Điều 18 (RULES.md §3, per term and per year): Học sinh Giỏi — hạnh kiểm Tốt and
 * học lực Giỏi; Học sinh Tiên tiến — hạnh kiểm and học lực both Khá or better.
 */
export function titleTt58(academic: AcademicLevelTt58 | null, conduct: ConductLevelTt58 | null): TitleTt58 | null {
  if (academic === null || conduct === null) return null;
  if (academic === 'G' && conduct === 'T') return 'HSG';
  if (GOOD_ACADEMIC.includes(academic) && GOOD_CONDUCT.includes(conduct)) return 'HSTT';
  return null;
}
