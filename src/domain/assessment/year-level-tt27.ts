/** TT 27/2020 subject level: "T" Hoàn thành tốt, "H" Hoàn thành, "C" Chưa hoàn thành. */
export type SubjectLevelTt27 = 'T' | 'H' | 'C';
/** TT 27/2020 quality / competence level: "T" Tốt, "Đ" Đạt, "C" Cần cố gắng. */
export type TraitLevelTt27 = 'T' | 'Đ' | 'C';
/** TT 27/2020 Điều 9 year-end level. */
export type YearLevelTt27 = 'HTXS' | 'HTT' | 'HT' | 'CHT';

/** Vietnamese names of the year-end levels. */
export const TT27_YEAR_LEVEL_NAMES: Readonly<Record<YearLevelTt27, string>> = {
  HTXS: 'Hoàn thành xuất sắc',
  HTT: 'Hoàn thành tốt',
  HT: 'Hoàn thành',
  CHT: 'Chưa hoàn thành',
};

export interface YearLevelInputTt27 {
  /** Year-end level of every subject and educational activity. */
  subjectLevels: readonly SubjectLevelTt27[];
  /** End-of-year periodic test scores (integers 0–10) of the tested subjects. */
  tests: readonly number[];
  /** The 5 qualities and the rated competences (unrated ones are left out). */
  qualities: readonly TraitLevelTt27[];
  competences: readonly TraitLevelTt27[];
}

/** Rank 0 CHT … 3 HTXS. */
const LEVELS: readonly YearLevelTt27[] = ['CHT', 'HT', 'HTT', 'HTXS'];

/**
 * TT 27/2020 Điều 9 khoản 2 — the year-end level, top-down:
 * - HTXS: every subject HTT, every quality and competence Tốt, every end-of-year test ≥ 9;
 * - HTT: the same with every test ≥ 7;
 * - HT: no subject CHT, no quality or competence Cần cố gắng, every test ≥ 5;
 * - CHT: otherwise.
 * Only the end-of-year tests count.
 */
export function yearLevelTt27(input: YearLevelInputTt27): YearLevelTt27 {
  let rank = 3; // the best level still reachable
  for (const l of input.subjectLevels) {
    if (l === 'C') return 'CHT';
    if (l === 'H') rank = 1;
  }
  for (const l of input.qualities) {
    if (l === 'C') return 'CHT';
    if (l === 'Đ') rank = 1;
  }
  for (const l of input.competences) {
    if (l === 'C') return 'CHT';
    if (l === 'Đ') rank = 1;
  }
  for (const t of input.tests) {
    if (t < 5) return 'CHT';
    if (t < 7) rank = 1;
    else if (t < 9 && rank > 2) rank = 2;
  }
  return LEVELS[rank];
}
