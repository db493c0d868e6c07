import { tt22LevelRank, type Tt22Level } from './tt22-level.ts';

/** Rows: term I (CĐ, Đ, K, T); columns: term II (CĐ, Đ, K, T). */
const TABLE: readonly (readonly Tt22Level[])[] = [
  /* I = CĐ */ ['CĐ', 'Đ', 'Đ', 'K'],
  /* I = Đ  */ ['CĐ', 'Đ', 'K', 'K'],
  /* I = K  */ ['CĐ', 'Đ', 'K', 'T'],
  /* I = T  */ ['CĐ', 'K', 'K', 'T'],
];

/**
 * TT 22/2021 Điều 8 khoản 2 (RULES.md §1.6): the year KQRL from the two terms' KQRL.
 * Term II Chưa đạt always gives Chưa đạt; Tốt needs term II Tốt and term I at least Khá; etc.
 * Null when either term has no conduct level yet.
 */
export function yearConductTt22(term1: Tt22Level | null, term2: Tt22Level | null): Tt22Level | null {
  if (term1 === null || term2 === null) return null;
  return TABLE[tt22LevelRank(term1)][tt22LevelRank(term2)];
}
