import type { Tenths } from './tenths.ts';
import type { CommentMark, Tt22Level } from './tt22-level.ts';
import { classifyAcademicTt22, type AcademicInputTt22, type AcademicResultTt22 } from './classify-academic-tt22.ts';
import type { Tt22Outcome } from './promotion-outcome-tt22.ts';

export interface SummerInputTt22 {
  /** The in-year outcome (promotionOutcomeTt22). */
  outcome: Tt22Outcome | null;
  /** In-year year KQHT (after adjustment) and KQRL. */
  academic: Tt22Level | null;
  academicBeforeAdjustment: Tt22Level | null;
  conduct: Tt22Level | null;
  /** Year results the re-assessment may replace. */
  year: AcademicInputTt22;
  /** Re-assessment results, parallel to `year.scored` / `year.comment`; null = not re-assessed. */
  retest: { scored: readonly (Tenths | null)[]; comment: readonly (CommentMark | null)[] };
  /** The homeroom teacher's re-evaluation after summer conduct training, or null. */
  summerConduct: Tt22Level | null;
}

export interface SummerResultTt22 {
  academic: Tt22Level | null;
  academicBeforeAdjustment: Tt22Level | null;
  conduct: Tt22Level | null;
  outcome: Tt22Outcome | null;
  /** Whether re-assessment results were applied (then `year` below holds the replaced results). */
  reassessed: boolean;
  /** The re-classification after re-assessment (null when there was none). */
  reclassification: AcademicResultTt22 | null;
}

/** The in-year academic result carried over, with the given conduct and outcome. */
function carried(input: SummerInputTt22, conduct: Tt22Level | null, outcome: Tt22Outcome | null): SummerResultTt22 {
  return {
    academic: input.academic,
    academicBeforeAdjustment: input.academicBeforeAdjustment,
    conduct,
    outcome,
    reassessed: false,
    reclassification: null,
  };
}

/**
 * TT 22/2021 Điều 13–14 — the result after the summer:
 * - summer conduct training (Điều 13): without a re-evaluation the outcome stays
 *   "summerTraining"; a re-evaluation of Chưa đạt retains the student with no re-assessment;
 *   otherwise it replaces the year KQRL and the student goes on to re-assessment if KQHT is
 *   Chưa đạt, else is promoted;
 * - re-assessment (Điều 14): every given result replaces that subject's year result, even when
 *   lower (product decision 2), and the year KQHT is classified again, Điều 9 khoản 3 included;
 *   promoted when it reaches Đạt, else retained; with no result given the outcome stays "retest".
 * Other outcomes carry over unchanged.
 */
export function summerResultTt22(input: SummerInputTt22): SummerResultTt22 {
  let conduct = input.conduct;
  if (input.outcome === 'summerTraining') {
    if (input.summerConduct === null) return carried(input, conduct, 'summerTraining');
    if (input.summerConduct === 'CĐ') return carried(input, 'CĐ', 'retained');
    conduct = input.summerConduct;
    if (input.academic !== 'CĐ') return carried(input, conduct, 'promoted');
  } else if (input.outcome !== 'retest') {
    return carried(input, conduct, input.outcome);
  }

  const { retest } = input;
  let any = false;
  const scored = input.year.scored.slice();
  const comment = input.year.comment.slice();
  for (let i = 0; i < scored.length; i++) {
    const r = retest.scored[i];
    if (r !== null && r !== undefined) {
      scored[i] = r;
      any = true;
    }
  }
  for (let i = 0; i < comment.length; i++) {
    const r = retest.comment[i];
    if (r !== null && r !== undefined) {
      comment[i] = r;
      any = true;
    }
  }
  if (!any) return carried(input, conduct, 'retest');
  const reclassification = classifyAcademicTt22({ scored, comment });
  return {
    academic: reclassification.level,
    academicBeforeAdjustment: reclassification.beforeAdjustment,
    conduct,
    outcome: reclassification.level === 'CĐ' ? 'retained' : 'promoted',
    reassessed: true,
    reclassification,
  };
}
