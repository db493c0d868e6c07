import type { Tenths } from './tenths.ts';
import type { CommentMark, Tt22Level } from './tt22-level.ts';
import { termSubjectAverage, type ScoredTermInput } from './term-subject-average.ts';
import { yearSubjectAverage } from './year-subject-average.ts';
import { commentTermResult, type CommentTermInput } from './comment-term-result.ts';
import { classifyAcademicTt22, type AcademicResultTt22 } from './classify-academic-tt22.ts';
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
  retestSubjects: string[];
}

export interface FinalResultTt22 extends AcademicOutcomeTt22 {
  /** The subject results replaced by re-assessment, in input order. */
  subjects: { subject: string; kind: 'scored' | 'comment'; year: Tenths | CommentMark }[];
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

/**
 * Evaluates one student's school year under TT 22/2021 (grades 6–12): subject averages and
 * comment results (Điều 9 k1), KQHT per term and year (Điều 9 k2–k3), KQRL (Điều 8), title
 * (Điều 15), outcome (Điều 12) and the result after the summer (Điều 13–14), exactly as
 * contracts/evaluate.md fixes them.
 */
export function evaluateTt22(student: StudentYearInputTt22): StudentYearResultTt22 {
  const { subjects } = student;
  const n = subjects.length;
  const results: SubjectResultTt22[] = new Array(n);
  // Per-kind arrays for classification, with the subject index of each entry.
  const s1: Tenths[] = [];
  const s2: Tenths[] = [];
  const sy: Tenths[] = [];
  const c1: CommentMark[] = [];
  const c2: CommentMark[] = [];
  const cy: CommentMark[] = [];
  const scoredIdx: number[] = [];
  const commentIdx: number[] = [];
  let complete1 = true;
  let complete2 = true;
  let completeYear = true;
  for (let i = 0; i < n; i++) {
    const sub = subjects[i];
    if (sub.kind === 'scored') {
      const t1 = sub.term1 === null ? null : termSubjectAverage(sub.term1, sub.regularCount);
      const t2 = sub.term2 === null ? null : termSubjectAverage(sub.term2, sub.regularCount);
      const y = yearSubjectAverage(t1, t2);
      results[i] = { subject: sub.subject, kind: 'scored', term1: t1, term2: t2, year: y };
      scoredIdx.push(i);
      if (t1 === null) complete1 = false;
      else s1.push(t1);
      if (t2 === null) complete2 = false;
      else s2.push(t2);
      if (y === null) completeYear = false;
      else sy.push(y);
    } else {
      const t1 = sub.term1 === null ? null : commentTermResult(sub.term1, sub.regularCount);
      const t2 = sub.term2 === null ? null : commentTermResult(sub.term2, sub.regularCount);
      results[i] = { subject: sub.subject, kind: 'comment', term1: t1, term2: t2, year: t2 };
      commentIdx.push(i);
      if (t1 === null) complete1 = false;
      else c1.push(t1);
      if (t2 === null) {
        complete2 = false;
        completeYear = false;
      } else {
        c2.push(t2);
        cy.push(t2);
      }
    }
  }
  const scoredSubjectCount = scoredIdx.length;
  const enough = scoredSubjectCount >= TT22_MIN_SCORED_SUBJECTS;
  const name = (r: AcademicResultTt22): string | null =>
    r.adjustment === null
      ? null
      : subjects[(r.adjustment.kind === 'scored' ? scoredIdx : commentIdx)[r.adjustment.index]].subject;
  const classify = (ok: boolean, scored: Tenths[], comment: CommentMark[]): AcademicOutcomeTt22 => {
    if (!ok || !enough) return NOT_CLASSIFIED;
    const r = classifyAcademicTt22({ scored, comment });
    return { academic: r.level, academicBeforeAdjustment: r.beforeAdjustment, adjustedFor: name(r) };
  };

  const term1 = { ...classify(complete1, s1, c1), conduct: student.conduct.term1 };
  const term2 = { ...classify(complete2, s2, c2), conduct: student.conduct.term2 };
  const yearAcademic = classify(completeYear, sy, cy);
  const yearConduct = yearConductTt22(student.conduct.term1, student.conduct.term2);
  const outcome = promotionOutcomeTt22({
    absences: student.absences,
    scoredSubjectCount,
    academic: yearAcademic.academic,
    conduct: yearConduct,
  });
  const retestSubjects: string[] = [];
  if (yearAcademic.academic === 'CĐ') {
    for (let i = 0; i < n; i++) {
      const r = results[i];
      if (r.kind === 'scored' ? r.year !== null && r.year < 50 : r.year === 'CĐ') retestSubjects.push(r.subject);
    }
  }
  const year: YearResultTt22 = {
    ...yearAcademic,
    conduct: yearConduct,
    title: titleTt22({
      academic: yearAcademic.academic,
      conduct: yearConduct,
      yearAverages: sy,
      retained: outcome === 'retained',
    }),
    outcome,
    retestSubjects,
  };

  const retestScored: (Tenths | null)[] = [];
  const retestComment: (CommentMark | null)[] = [];
  for (const i of scoredIdx) retestScored.push((subjects[i] as ScoredSubjectInputTt22).retest);
  for (const i of commentIdx) retestComment.push((subjects[i] as CommentSubjectInputTt22).retest);
  const summer = summerResultTt22({
    outcome,
    academic: yearAcademic.academic,
    academicBeforeAdjustment: yearAcademic.academicBeforeAdjustment,
    conduct: yearConduct,
    year: { scored: sy, comment: cy },
    retest: { scored: retestScored, comment: retestComment },
    summerConduct: student.conduct.summer,
  });
  const finalSubjects: FinalResultTt22['subjects'] = [];
  if (summer.reassessed) {
    for (let i = 0; i < n; i++) {
      const sub = subjects[i];
      if (sub.retest !== null) finalSubjects.push({ subject: sub.subject, kind: sub.kind, year: sub.retest });
    }
  }
  const final: FinalResultTt22 = {
    subjects: finalSubjects,
    academic: summer.academic,
    academicBeforeAdjustment: summer.academicBeforeAdjustment,
    adjustedFor: summer.reclassification ? name(summer.reclassification) : yearAcademic.adjustedFor,
    conduct: summer.conduct,
    outcome: summer.outcome,
  };
  return {
    id: student.id,
    ruleVersion: TT22_2021_RULE_VERSION,
    scoredSubjectCount,
    subjects: results,
    term1,
    term2,
    year,
    final,
  };
}
