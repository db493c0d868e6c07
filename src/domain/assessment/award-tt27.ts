import type { YearLevelTt27 } from './year-level-tt27.ts';

/** "XS" Học sinh Xuất sắc; "TB" Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện. */
export type AwardTt27 = 'XS' | 'TB';

/**
 * TT 27/2020 Điều 15 khoản 1 (RULES.md §2.5) — end-of-year awards: Học sinh Xuất sắc for level
 * HTXS; Học sinh Tiêu biểu… for level HTT when the teacher nominated the student for an
 * outstanding achievement or marked progress and the class recognised it.
 */
export function awardTt27(level: YearLevelTt27, nominated: boolean): AwardTt27 | null {
  if (level === 'HTXS') return 'XS';
  if (level === 'HTT' && nominated) return 'TB';
  return null;
}
