import type { Tenths } from './tenths.ts';
import type { CommentMark, Tt22Level } from './tt22-level.ts';
import { termSubjectAverage, type ScoredTermInput } from './term-subject-average.ts';
import { yearSubjectAverage } from './year-subject-average.ts';
import { commentTermResult, type CommentTermInput } from './comment-term-result.ts';
import { AcademicTally, classifyTally, type AcademicResultTt22 } from './classify-academic-tt22.ts';
import { yearConductTt22 } from './year-conduct-tt22.ts';
import { titleTt22, type Tt22Title } from './title-tt22.ts';
import { promotionOutcomeTt22, TT22_MIN_SCORED_SUBJECTS, type Tt22Outcome } from './promotion-outcome-tt22.ts';
import { summerResultTt22 } from './summer-result-tt22.ts';

/** The version of the TT 22/2021 rule set implemented here; results carry it. */
export const TT22_2021_RULE_VERSION = 'TT22_2021@1';

interface SubjectInputBase {
  /** Subject code, e.g. "TOAN". */
  subject: string;
  /** Regular assessments required per term (requiredRegularCount). */
  regularCount: number;
  /**
   * Exempted from the practical part (Điều 10): assessed on theory instead, so the subject stays
   * in every computation; the flag is informational.
   */
  exemptFromPractical?: boolean;
}
export interface ScoredSubjectInputTt22 extends SubjectInputBase {
  kind: 'scored';
  term1: ScoredTermInput | null;
  term2: ScoredTermInput | null;
  /** Summer re-assessment score (Điều 14), or null. */
  retest: Tenths | null;
}
export interface CommentSubjectInputTt22 extends SubjectInputBase {
  kind: 'comment';
  term1: CommentTermInput | null;
  term2: CommentTermInput | null;
  retest: CommentMark | null;
}
export type SubjectInputTt22 = ScoredSubjectInputTt22 | CommentSubjectInputTt22;

export interface StudentYearInputTt22 {
  id: string;
  subjects: readonly SubjectInputTt22[];
  conduct: { term1: Tt22Level | null; term2: Tt22Level | null; summer: Tt22Level | null };
  /** Sessions absent in the year, excused or not. */
  absences: number;
}

export type SubjectResultTt22 =
  | { subject: string; kind: 'scored'; term1: Tenths | null; term2: Tenths | null; year: Tenths | null }
  | { subject: string; kind: 'comment'; term1: CommentMark | null; term2: CommentMark | null; year: CommentMark | null };

export interface AcademicOutcomeTt22 {
  academic: Tt22Level | null;
  academicBeforeAdjustment: Tt22Level | null;
  /** Subject code whose result alone triggered Điều 9 khoản 3, or null. */
  adjustedFor: string | null;
}

export interface TermResultTt22 extends AcademicOutcomeTt22 {
  conduct: Tt22Level | null;
}

export interface YearResultTt22 extends AcademicOutcomeTt22 {
  conduct: Tt22Level | null;
  title: Tt22Title | null;
  outcome: Tt22Outcome | null;
  retestSubjects: readonly string[];
}

export interface FinalResultTt22 extends AcademicOutcomeTt22 {
  /** The subject results replaced by re-assessment, in input order. */
  subjects: readonly { subject: string; kind: 'scored' | 'comment'; year: Tenths | CommentMark }[];
  conduct: Tt22Level | null;
  outcome: Tt22Outcome | null;
}

export interface StudentYearResultTt22 {
  id: string;
  ruleVersion: typeof TT22_2021_RULE_VERSION;
  scoredSubjectCount: number;
  subjects: SubjectResultTt22[];
  term1: TermResultTt22;
  term2: TermResultTt22;
  year: YearResultTt22;
  final: FinalResultTt22;
}

const NOT_CLASSIFIED: AcademicOutcomeTt22 = { academic: null, academicBeforeAdjustment: null, adjustedFor: null };

/** The subject (code) an adjustment names: the index is per kind, in input order. */
function adjustedSubject(subjects: readonly SubjectInputTt22[], r: AcademicResultTt22): string | null {
  if (r.adjustment === null) return null;
  const { kind, index } = r.adjustment;
  let k = 0;
  for (let i = 0; i < subjects.length; i++) {
    if (subjects[i].kind !== kind) continue;
    if (k++ === index) return subjects[i].subject;
  }
  return null;
}

/** Unadjusted outcomes, one per level, shared and frozen. */
const PLAIN: Readonly<Record<Tt22Level, AcademicOutcomeTt22>> = {
  T: Object.freeze({ academic: 'T', academicBeforeAdjustment: 'T', adjustedFor: null }),
  K: Object.freeze({ academic: 'K', academicBeforeAdjustment: 'K', adjustedFor: null }),
  Đ: Object.freeze({ academic: 'Đ', academicBeforeAdjustment: 'Đ', adjustedFor: null }),
  CĐ: Object.freeze({ academic: 'CĐ', academicBeforeAdjustment: 'CĐ', adjustedFor: null }),
};

function classified(subjects: readonly SubjectInputTt22[], tally: AcademicTally, complete: boolean, enough: boolean): AcademicOutcomeTt22 {
  if (!complete || !enough) return NOT_CLASSIFIED;
  const r = classifyTally(tally);
  if (r.adjustment === null) return PLAIN[r.level];
  return { academic: r.level, academicBeforeAdjustment: r.beforeAdjustment, adjustedFor: adjustedSubject(subjects, r) };
}

/** Scratch tallies reused by every call (the evaluation is synchronous and never re-entered). */
const TALLY_1 = new AcademicTally();
const TALLY_2 = new AcademicTally();
const TALLY_YEAR = new AcademicTally();
const NO_SUBJECTS: readonly never[] = Object.freeze([]);

/** Điều 14 re-assessment input: the year results and the retest values, per kind in input order. */
function summerInput(subjects: readonly SubjectInputTt22[], results: readonly SubjectResultTt22[]) {
  const year = { scored: [] as Tenths[], comment: [] as CommentMark[] };
  const retest = { scored: [] as (Tenths | null)[], comment: [] as (CommentMark | null)[] };
  for (let i = 0; i < subjects.length; i++) {
    const sub = subjects[i];
    const r = results[i];
    if (sub.kind === 'scored') {
      year.scored.push(r.year as Tenths);
      retest.scored.push(sub.retest);
    } else {
      year.comment.push(r.year as CommentMark);
      retest.comment.push(sub.retest);
    }
  }
  return { year, retest };
}

/** The result after the summer (Điều 13–14), from the in-year year result. */
function finalResult(
  student: StudentYearInputTt22,
  results: readonly SubjectResultTt22[],
  ay: AcademicOutcomeTt22,
  yearConduct: Tt22Level | null,
  outcome: Tt22Outcome | null,
  anyRetest: boolean,
): FinalResultTt22 {
  const { subjects } = student;
  const n = subjects.length;
  if (outcome === 'summerTraining' || outcome === 'retest') {
    const { year, retest } = summerInput(subjects, results);
    const summer = summerResultTt22({
      outcome,
      academic: ay.academic,
      academicBeforeAdjustment: ay.academicBeforeAdjustment,
      conduct: yearConduct,
      year,
      retest,
      summerConduct: student.conduct.summer,
    });
    const finalSubjects: { subject: string; kind: 'scored' | 'comment'; year: Tenths | CommentMark }[] = [];
    if (summer.reassessed && anyRetest) {
      for (let i = 0; i < n; i++) {
        const sub = subjects[i];
        if (sub.retest !== null) finalSubjects.push({ subject: sub.subject, kind: sub.kind, year: sub.retest });
      }
    }
    return {
      subjects: finalSubjects,
      academic: summer.academic,
      academicBeforeAdjustment: summer.academicBeforeAdjustment,
      adjustedFor: summer.reclassification ? adjustedSubject(subjects, summer.reclassification) : ay.adjustedFor,
      conduct: summer.conduct,
      outcome: summer.outcome,
    };
  }
  return {
    subjects: NO_SUBJECTS,
    academic: ay.academic,
    academicBeforeAdjustment: ay.academicBeforeAdjustment,
    adjustedFor: ay.adjustedFor,
    conduct: yearConduct,
    outcome,
  };
}

/**
 * Evaluates one student's school year under TT 22/2021 (grades 6–12): subject averages and
 * comment results (Điều 9 k1), KQHT per term and year (Điều 9 k2–k3), KQRL (Điều 8), title
 * (Điều 15), outcome (Điều 12) and the result after the summer (Điều 13–14), exactly as
 * contracts/evaluate.md fixes them. One pass over the subjects; the classification works on
 * running tallies, so the cost is linear in the number of assessments.
 */
export function evaluateTt22(student: StudentYearInputTt22): StudentYearResultTt22 {
  const { subjects } = student;
  const n = subjects.length;
  const results: SubjectResultTt22[] = new Array(n);
  const tally1 = TALLY_1.reset();
  const tally2 = TALLY_2.reset();
  const tallyYear = TALLY_YEAR.reset();
  let complete1 = true;
  let complete2 = true;
  let completeYear = true;
  let scoredSubjectCount = 0;
  let c90 = 0;
  let anyRetest = false;
  for (let i = 0; i < n; i++) {
    const sub = subjects[i];
    if (sub.retest !== null) anyRetest = true;
    if (sub.kind === 'scored') {
      scoredSubjectCount++;
      const t1 = sub.term1 === null ? null : termSubjectAverage(sub.term1, sub.regularCount);
      const t2 = sub.term2 === null ? null : termSubjectAverage(sub.term2, sub.regularCount);
      const y = yearSubjectAverage(t1, t2);
      results[i] = { subject: sub.subject, kind: 'scored', term1: t1, term2: t2, year: y };
      if (t1 === null) complete1 = false;
      else tally1.addScored(t1);
      if (t2 === null) complete2 = false;
      else tally2.addScored(t2);
      if (y === null) completeYear = false;
      else {
        tallyYear.addScored(y);
        if (y >= 90) c90++;
      }
    } else {
      const t1 = sub.term1 === null ? null : commentTermResult(sub.term1, sub.regularCount);
      const t2 = sub.term2 === null ? null : commentTermResult(sub.term2, sub.regularCount);
      results[i] = { subject: sub.subject, kind: 'comment', term1: t1, term2: t2, year: t2 };
      if (t1 === null) complete1 = false;
      else tally1.addComment(t1);
      if (t2 === null) {
        complete2 = false;
        completeYear = false;
      } else {
        tally2.addComment(t2);
        tallyYear.addComment(t2);
      }
    }
  }
  const enough = scoredSubjectCount >= TT22_MIN_SCORED_SUBJECTS;
  const a1 = classified(subjects, tally1, complete1, enough);
  const a2 = classified(subjects, tally2, complete2, enough);
  const ay = classified(subjects, tallyYear, completeYear, enough);
  const yearConduct = yearConductTt22(student.conduct.term1, student.conduct.term2);
  const outcome = promotionOutcomeTt22({
    absences: student.absences,
    scoredSubjectCount,
    academic: ay.academic,
    conduct: yearConduct,
  });
  let retestSubjects: readonly string[] = NO_SUBJECTS;
  if (ay.academic === 'CĐ') {
    const list: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = results[i];
      if (r.kind === 'scored' ? r.year !== null && r.year < 50 : r.year === 'CĐ') list.push(r.subject);
    }
    retestSubjects = list;
  }
  const title = titleTt22({ academic: ay.academic, conduct: yearConduct, subjectsAtLeastNine: c90, retained: outcome === 'retained' });

  const final = finalResult(student, results, ay, yearConduct, outcome, anyRetest);
  return {
    id: student.id,
    ruleVersion: TT22_2021_RULE_VERSION,
    scoredSubjectCount,
    subjects: results,
    term1: { academic: a1.academic, academicBeforeAdjustment: a1.academicBeforeAdjustment, adjustedFor: a1.adjustedFor, conduct: student.conduct.term1 },
    term2: { academic: a2.academic, academicBeforeAdjustment: a2.academicBeforeAdjustment, adjustedFor: a2.adjustedFor, conduct: student.conduct.term2 },
    year: {
      academic: ay.academic,
      academicBeforeAdjustment: ay.academicBeforeAdjustment,
      adjustedFor: ay.adjustedFor,
      conduct: yearConduct,
      title,
      outcome,
      retestSubjects,
    },
    final,
  };
}
