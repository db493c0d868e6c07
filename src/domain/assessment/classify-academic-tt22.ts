import type { Tenths } from './tenths.ts';
import { TT22_LEVELS, type CommentMark, type Tt22Level } from './tt22-level.ts';

/** The subject results of one term or of the year: averages of scored subjects, Đ/CĐ of the rest. */
export interface AcademicInputTt22 {
  /** ĐTBmhk or ĐTBmcn of each scored subject, in tenths. */
  scored: readonly Tenths[];
  /** Term or year result of each comment-assessed subject. */
  comment: readonly CommentMark[];
}

export interface AcademicResultTt22 {
  /** The level after the one-subject adjustment (Điều 9 khoản 3). */
  level: Tt22Level;
  /** The level from the table of Điều 9 khoản 2 alone. */
  beforeAdjustment: Tt22Level;
  /**
   * When adjusted: the subject that alone pulled the level down, as an index into `scored`
   * (kind "scored") or `comment` (kind "comment"), and the level reached without it.
   */
  adjustment: { kind: 'scored' | 'comment'; index: number; levelWithout: Tt22Level } | null;
}

/** Minimum number of subjects for the count conditions of Điều 9 khoản 2. */
export const TT22_COUNT_REQUIRED = 6;

/** Rank (0 CĐ … 3 T) from the aggregate figures of Điều 9 khoản 2. */
function rankFromStats(min: number, c80: number, c65: number, c50: number, fails: number): number {
  if (fails === 0 && min >= 65 && c80 >= TT22_COUNT_REQUIRED) return 3;
  if (fails === 0 && min >= 50 && c65 >= TT22_COUNT_REQUIRED) return 2;
  if (fails <= 1 && min >= 35 && c50 >= TT22_COUNT_REQUIRED) return 1;
  return 0;
}

/**
 * TT 22/2021 Điều 9 khoản 2 — KQHT of a term (from ĐTBmhk) or of the year (from ĐTBmcn):
 * - Tốt: comment subjects all Đ; every average ≥ 6,5 and at least 6 averages ≥ 8,0;
 * - Khá: comment subjects all Đ; every average ≥ 5,0 and at least 6 averages ≥ 6,5;
 * - Đạt: at most one comment subject CĐ; at least 6 averages ≥ 5,0 and none below 3,5;
 * - Chưa đạt: otherwise.
 * Điều 9 khoản 3 — when the level is two or more levels below the Tốt or Khá the student would
 * have without one single subject (scored or comment), it is raised to the level directly
 * above the computed one (product decision 1 of contracts/evaluate.md).
 */
export function classifyAcademicTt22(input: AcademicInputTt22): AcademicResultTt22 {
  const { scored, comment } = input;
  let min = 1000;
  let second = 1000;
  let argmin = -1;
  let c80 = 0;
  let c65 = 0;
  let c50 = 0;
  for (let i = 0; i < scored.length; i++) {
    const v = scored[i];
    if (v < min) {
      second = min;
      min = v;
      argmin = i;
    } else if (v < second) second = v;
    if (v >= 80) c80++;
    if (v >= 65) c65++;
    if (v >= 50) c50++;
  }
  let fails = 0;
  let firstFail = -1;
  for (let i = 0; i < comment.length; i++) {
    if (comment[i] !== 'Đ') {
      fails++;
      if (firstFail < 0) firstFail = i;
    }
  }
  const base = rankFromStats(min, c80, c65, c50, fails);
  const baseLevel = TT22_LEVELS[base];
  if (base >= 2) return { level: baseLevel, beforeAdjustment: baseLevel, adjustment: null };

  // Điều 9 khoản 3: the best level reachable by ignoring one subject.
  let best = -1;
  let bestKind: 'scored' | 'comment' = 'scored';
  let bestIndex = -1;
  for (let i = 0; i < scored.length; i++) {
    const v = scored[i];
    const m = i === argmin ? second : min;
    const r = rankFromStats(m, c80 - (v >= 80 ? 1 : 0), c65 - (v >= 65 ? 1 : 0), c50 - (v >= 50 ? 1 : 0), fails);
    if (r > best) {
      best = r;
      bestIndex = i;
    }
  }
  if (fails === 1) {
    const r = rankFromStats(min, c80, c65, c50, 0);
    if (r > best) {
      best = r;
      bestKind = 'comment';
      bestIndex = firstFail;
    }
  }
  if (best >= 2 && best - base >= 2) {
    return {
      level: TT22_LEVELS[base + 1],
      beforeAdjustment: baseLevel,
      adjustment: { kind: bestKind, index: bestIndex, levelWithout: TT22_LEVELS[best] },
    };
  }
  return { level: baseLevel, beforeAdjustment: baseLevel, adjustment: null };
}
