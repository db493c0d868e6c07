import { roundHalfUpTenths, type Tenths } from './tenths.ts';
import { TT22_LEVELS, tt22LevelRank, type CommentMark, type Tt22Level } from './tt22-level.ts';
import { yearSubjectAverage } from './year-subject-average.ts';
import { AcademicTally, classifyTally, type AcademicResultTt22 } from './classify-academic-tt22.ts';
import { yearConductTt22 } from './year-conduct-tt22.ts';
import { titleTt22 } from './title-tt22.ts';
import { promotionOutcomeTt22, TT22_MIN_SCORED_SUBJECTS, type Tt22Outcome } from './promotion-outcome-tt22.ts';
import { summerResultTt22 } from './summer-result-tt22.ts';
import { PACKED_NONE, type PackedBatchTt22 } from './pack-tt22.ts';

/** Outcome codes of PackedResultsTt22 (index → outcome). */
export const PACKED_OUTCOMES: readonly (Tt22Outcome | null)[] = [null, 'promoted', 'retained', 'review', 'summerTraining', 'retest'];
/** Title codes of PackedResultsTt22. */
export const PACKED_TITLES = [null, 'G', 'XS'] as const;

/**
 * Results of a packed batch, as typed arrays (PACKED_NONE for null):
 * - `subjects[3s..3s+2]`: term 1, term 2, year — tenths (scored) or 1/0 for Đ/CĐ (comment);
 * - `finalSubjects[s]`: the year result after re-assessment replacement, or PACKED_NONE if not replaced;
 * - `academic[4i..4i+3]` and `academicBeforeAdjustment[4i..]`: term 1, term 2, year, final, as ranks;
 * - `adjustedFor[4i..]`: the subject index (into the batch) that triggered Điều 9 k3, or PACKED_NONE;
 * - `conduct[2i..2i+1]`: year and final KQRL ranks; `title[i]`: PACKED_TITLES index;
 * - `outcome[2i..2i+1]`: year and final PACKED_OUTCOMES index; `retestEligible[s]`: 1 when listed.
 */
export interface PackedResultsTt22 {
  subjects: Int16Array;
  finalSubjects: Int16Array;
  academic: Int8Array;
  academicBeforeAdjustment: Int8Array;
  adjustedFor: Int32Array;
  conduct: Int8Array;
  title: Int8Array;
  outcome: Int8Array;
  retestEligible: Uint8Array;
}

export function allocatePackedResultsTt22(batch: PackedBatchTt22): PackedResultsTt22 {
  const n = batch.studentCount;
  const m = batch.kind.length;
  return {
    subjects: new Int16Array(3 * m),
    finalSubjects: new Int16Array(m),
    academic: new Int8Array(4 * n),
    academicBeforeAdjustment: new Int8Array(4 * n),
    adjustedFor: new Int32Array(4 * n),
    conduct: new Int8Array(2 * n),
    title: new Int8Array(n),
    outcome: new Int8Array(2 * n),
    retestEligible: new Uint8Array(m),
  };
}

const TALLIES = [new AcademicTally(), new AcademicTally(), new AcademicTally()];
const level = (r: number): Tt22Level | null => (r < 0 ? null : TT22_LEVELS[r]);
const outcomeCode = (o: Tt22Outcome | null): number => PACKED_OUTCOMES.indexOf(o);

/** The subject index (into the batch) an adjustment names; its index counts per kind. */
function adjustedIndex(batch: PackedBatchTt22, first: number, end: number, r: AcademicResultTt22): number {
  if (r.adjustment === null) return PACKED_NONE;
  const kind = r.adjustment.kind === 'scored' ? 0 : 1;
  let k = 0;
  for (let s = first; s < end; s++) if (batch.kind[s] === kind && k++ === r.adjustment.index) return s;
  return PACKED_NONE;
}

/** Classifies one period into `out` at `at`; returns the result, or null when not classified. */
function classifyInto(
  batch: PackedBatchTt22,
  out: PackedResultsTt22,
  at: number,
  first: number,
  end: number,
  tally: AcademicTally,
  ok: boolean,
): AcademicResultTt22 | null {
  if (!ok) {
    out.academic[at] = PACKED_NONE;
    out.academicBeforeAdjustment[at] = PACKED_NONE;
    out.adjustedFor[at] = PACKED_NONE;
    return null;
  }
  const r = classifyTally(tally);
  out.academic[at] = tt22LevelRank(r.level);
  out.academicBeforeAdjustment[at] = tt22LevelRank(r.beforeAdjustment);
  out.adjustedFor[at] = r.adjustment === null ? PACKED_NONE : adjustedIndex(batch, first, end, r);
  return r;
}

/**
 * One term's result from its assessments `values[from..to)` (regular…, midterm, end of term):
 * the ĐTBmhk in tenths (scored, Điều 9 k1 b) or 1/0 for Đ/CĐ (comment, Điều 9 k1 a), or
 * PACKED_NONE when the term is incomplete — the same rules as termSubjectAverage and
 * commentTermResult, over the packed layout.
 */
function termResult(values: Int16Array, from: number, to: number, regularCount: number, scored: boolean): number {
  const n = to - from - 2;
  if (n < 0 || n < regularCount) return PACKED_NONE;
  if (scored) {
    let sum = 0;
    for (let k = from; k < from + n; k++) {
      const x = values[k];
      if (x < 0) return PACKED_NONE;
      sum += x;
    }
    const mid = values[to - 2];
    const end = values[to - 1];
    if (mid < 0 || end < 0) return PACKED_NONE;
    return roundHalfUpTenths(sum + 2 * mid + 3 * end, n + 5);
  }
  let pass = 1;
  for (let k = from; k < to; k++) {
    const x = values[k];
    if (x < 0) return PACKED_NONE;
    if (x === 0) pass = 0;
  }
  return pass;
}

/**
 * Evaluates a packed batch with exactly the rules of evaluateTt22 (the same functions: term
 * formula, year formula, tallies and classification, conduct table, outcome, title, summer), for
 * bulk recomputation without per-student objects. Writes into `out` (allocated if omitted).
 */
export function evaluatePackedTt22(batch: PackedBatchTt22, out: PackedResultsTt22 = allocatePackedResultsTt22(batch)): PackedResultsTt22 {
  for (let i = 0; i < batch.studentCount; i++) evaluatePackedStudent(batch, out, i);
  return out;
}

/** Student i of the batch (see evaluatePackedTt22). */
function evaluatePackedStudent(batch: PackedBatchTt22, out: PackedResultsTt22, i: number): void {
  const [tally1, tally2, tallyY] = TALLIES;
  const res = out.subjects;
  const { values, termStart, kind, regularCount, subjectStart } = batch;
  const first = subjectStart[i];
  const end = subjectStart[i + 1];
  tally1.reset();
  tally2.reset();
  tallyY.reset();
  let c1 = true;
  let c2 = true;
  let cy = true;
  let scored = 0;
  let c90 = 0;
  for (let s = first; s < end; s++) {
    out.finalSubjects[s] = PACKED_NONE;
    out.retestEligible[s] = 0;
    const isScored = kind[s] === 0;
    const rc = regularCount[s];
    const t1 = termResult(values, termStart[2 * s], termStart[2 * s + 1], rc, isScored);
    const t2 = termResult(values, termStart[2 * s + 1], termStart[2 * s + 2], rc, isScored);
    if (isScored) {
      scored++;
      const y = t1 < 0 || t2 < 0 ? PACKED_NONE : (yearSubjectAverage(t1, t2) as Tenths);
      res[3 * s] = t1;
      res[3 * s + 1] = t2;
      res[3 * s + 2] = y;
      if (t1 < 0) c1 = false;
      else tally1.addScored(t1);
      if (t2 < 0) c2 = false;
      else tally2.addScored(t2);
      if (y < 0) cy = false;
      else {
        tallyY.addScored(y);
        if (y >= 90) c90++;
      }
    } else {
      res[3 * s] = t1;
      res[3 * s + 1] = t2;
      res[3 * s + 2] = t2;
      if (t1 < 0) c1 = false;
      else tally1.addComment(t1 === 1 ? 'Đ' : 'CĐ');
      if (t2 < 0) {
        c2 = false;
        cy = false;
      } else {
        const m: CommentMark = t2 === 1 ? 'Đ' : 'CĐ';
        tally2.addComment(m);
        tallyY.addComment(m);
      }
    }
  }
  const enough = scored >= TT22_MIN_SCORED_SUBJECTS;
  classifyInto(batch, out, 4 * i, first, end, tally1, c1 && enough);
  classifyInto(batch, out, 4 * i + 1, first, end, tally2, c2 && enough);
  const yr = classifyInto(batch, out, 4 * i + 2, first, end, tallyY, cy && enough);
  const yearAcademic = yr === null ? null : yr.level;
  const yearBefore = yr === null ? null : yr.beforeAdjustment;
  const conduct = yearConductTt22(level(batch.conduct[3 * i]), level(batch.conduct[3 * i + 1]));
  const outcome = promotionOutcomeTt22({ absences: batch.absences[i], scoredSubjectCount: scored, academic: yearAcademic, conduct });
  if (yearAcademic === 'CĐ') {
    for (let s = first; s < end; s++) {
      const y = res[3 * s + 2];
      out.retestEligible[s] = (batch.kind[s] === 0 ? y >= 0 && y < 50 : y === 0) ? 1 : 0;
    }
  }
  const title = titleTt22({ academic: yearAcademic, conduct, subjectsAtLeastNine: c90, retained: outcome === 'retained' });
  out.title[i] = title === 'XS' ? 2 : title === 'G' ? 1 : 0;
  out.conduct[2 * i] = conduct === null ? PACKED_NONE : tt22LevelRank(conduct);
  out.outcome[2 * i] = outcomeCode(outcome);
  // Final = year, unless the summer path applies (rare: built with the shared summer rule).
  out.academic[4 * i + 3] = out.academic[4 * i + 2];
  out.academicBeforeAdjustment[4 * i + 3] = out.academicBeforeAdjustment[4 * i + 2];
  out.adjustedFor[4 * i + 3] = out.adjustedFor[4 * i + 2];
  out.conduct[2 * i + 1] = out.conduct[2 * i];
  out.outcome[2 * i + 1] = out.outcome[2 * i];
  if (outcome === 'summerTraining' || outcome === 'retest') {
    // The year results matter only when some re-assessment result exists.
    let anyRetest = false;
    for (let s = first; s < end; s++) if (batch.retest[s] !== PACKED_NONE) anyRetest = true;
    const year = { scored: [] as Tenths[], comment: [] as CommentMark[] };
    const retest = { scored: [] as (Tenths | null)[], comment: [] as (CommentMark | null)[] };
    for (let s = first; anyRetest && s < end; s++) {
      const y = res[3 * s + 2];
      const r = batch.retest[s];
      if (batch.kind[s] === 0) {
        year.scored.push(y);
        retest.scored.push(r < 0 ? null : r);
      } else {
        year.comment.push(y === 1 ? 'Đ' : 'CĐ');
        retest.comment.push(r < 0 ? null : r === 1 ? 'Đ' : 'CĐ');
      }
    }
    const summer = summerResultTt22({
      outcome,
      academic: yearAcademic,
      academicBeforeAdjustment: yearBefore,
      conduct,
      year,
      retest,
      summerConduct: level(batch.conduct[3 * i + 2]),
    });
    out.academic[4 * i + 3] = summer.academic === null ? PACKED_NONE : tt22LevelRank(summer.academic);
    out.academicBeforeAdjustment[4 * i + 3] =
      summer.academicBeforeAdjustment === null ? PACKED_NONE : tt22LevelRank(summer.academicBeforeAdjustment);
    if (summer.reclassification) out.adjustedFor[4 * i + 3] = adjustedIndex(batch, first, end, summer.reclassification);
    out.conduct[2 * i + 1] = summer.conduct === null ? PACKED_NONE : tt22LevelRank(summer.conduct);
    out.outcome[2 * i + 1] = outcomeCode(summer.outcome);
    if (summer.reassessed) for (let s = first; s < end; s++) out.finalSubjects[s] = batch.retest[s];
  }
}
