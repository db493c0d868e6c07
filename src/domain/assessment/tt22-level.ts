/**
 * Levels of TT 22/2021: KQHT (Điều 9 khoản 2) and KQRL (Điều 8) share the four codes of the
 * Ministry's registers. Comment-assessed subjects are Đ / CĐ.
 */
export type Tt22Level = 'T' | 'K' | 'Đ' | 'CĐ';
export type CommentMark = 'Đ' | 'CĐ';

/** Levels from lowest to highest; the index is the rank used for comparisons. */
export const TT22_LEVELS: readonly Tt22Level[] = ['CĐ', 'Đ', 'K', 'T'];

/** Rank of a level: CĐ 0, Đ 1, K 2, T 3. */
export function tt22LevelRank(level: Tt22Level): number {
  return level === 'T' ? 3 : level === 'K' ? 2 : level === 'Đ' ? 1 : 0;
}

/** Vietnamese names for the UI. */
export const TT22_LEVEL_NAMES: Readonly<Record<Tt22Level, string>> = {
  T: 'Tốt',
  K: 'Khá',
  Đ: 'Đạt',
  CĐ: 'Chưa đạt',
};
