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
 * Running figures of one term or the year, enough to classify in constant time: the two lowest
 * averages (and where the lowest is), the counts at the thresholds, and the comment failures.
 */
export class AcademicTally {
  /** Clears the tally for reuse. */
  reset(): this {
    this.min = 1000;
    this.second = 1000;
    this.argmin = -1;
    this.c80 = 0;
    this.c65 = 0;
    this.c50 = 0;
    this.fails = 0;
    this.firstFail = -1;
    this.scoredCount = 0;
    this.commentCount = 0;
    return this;
  }

  min = 1000;
  second = 1000;
  argmin = -1;
  c80 = 0;
  c65 = 0;
  c50 = 0;
  fails = 0;
  firstFail = -1;
  scoredCount = 0;
  commentCount = 0;

  addScored(v: Tenths): void {
    const i = this.scoredCount++;
    if (v < this.min) {
      this.second = this.min;
      this.min = v;
      this.argmin = i;
    } else if (v < this.second) this.second = v;
    if (v >= 80) this.c80++;
    if (v >= 65) this.c65++;
    if (v >= 50) this.c50++;
  }

  addComment(mark: CommentMark): void {
    const i = this.commentCount++;
    if (mark !== 'Đ') {
      if (this.fails === 0) this.firstFail = i;
      this.fails++;
    }
  }
}

/**
 * Classifies from a tally (see classifyAcademicTt22). Ignoring one scored subject can only help
 * through the lowest average (every other removal keeps the minimum and loses at least as many
 * counts), and ignoring a comment subject only helps when it is the single Chưa đạt; so the
 * adjustment of Điều 9 khoản 3 needs two candidates, not one per subject.
 */
export function classifyTally(t: AcademicTally): AcademicResultTt22 {
  const base = rankFromStats(t.min, t.c80, t.c65, t.c50, t.fails);
  const baseLevel = TT22_LEVELS[base];
  if (base >= 2) return UNADJUSTED[base];
  let best = -1;
  let kind: 'scored' | 'comment' = 'scored';
  let index = -1;
  if (t.scoredCount > 0) {
    const m = t.min;
    best = rankFromStats(t.second, t.c80 - (m >= 80 ? 1 : 0), t.c65 - (m >= 65 ? 1 : 0), t.c50 - (m >= 50 ? 1 : 0), t.fails);
    index = t.argmin;
  }
  if (t.fails === 1) {
    const r = rankFromStats(t.min, t.c80, t.c65, t.c50, 0);
    if (r > best) {
      best = r;
      kind = 'comment';
      index = t.firstFail;
    }
  }
  if (best >= 2 && best - base >= 2) {
    return {
      level: TT22_LEVELS[base + 1],
      beforeAdjustment: baseLevel,
      adjustment: { kind, index, levelWithout: TT22_LEVELS[best] },
    };
  }
  return UNADJUSTED[base];
}

/** Results without adjustment, one per rank, shared and frozen. */
const UNADJUSTED: readonly AcademicResultTt22[] = TT22_LEVELS.map((level) =>
  Object.freeze({ level, beforeAdjustment: level, adjustment: null }),
);

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
  const t = new AcademicTally();
  for (let i = 0; i < input.scored.length; i++) t.addScored(input.scored[i]);
  for (let i = 0; i < input.comment.length; i++) t.addComment(input.comment[i]);
  return classifyTally(t);
}
