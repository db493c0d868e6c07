import type { Tenths } from '../tenths.ts';
import type { CommentMark } from '../tt22-level.ts';
import { termSubjectAverage, type ScoredTermInput } from '../term-subject-average.ts';
import { yearSubjectAverage } from '../year-subject-average.ts';
import { termSubjectAverageTt58, type Tt58TermInput } from './term-subject-average-tt58.ts';
import { classifyAcademicTt58, type AcademicLevelTt58, type AcademicResultTt58, type Tt58Variant } from './classify-academic-tt58.ts';
import { titleTt58, type ConductLevelTt58, type TitleTt58 } from './title-tt58.ts';
import { promotionOutcomeTt58, type OutcomeTt58 } from './promotion-outcome-tt58.ts';

export const TT58_RULE_VERSIONS = { TT58_2011: 'TT58_2011@1', TT58_TT26: 'TT58_TT26@1' } as const;

export type SubjectInputTt58 =
  | {
      subject: string;
      kind: 'scored';
      /** TT58_2011 terms use coefficient groups; TT58_TT26 terms use the TT 22 shape. */
      term1: Tt58TermInput | ScoredTermInput | null;
      term2: Tt58TermInput | ScoredTermInput | null;
      regularCount?: number;
      retest: Tenths | null;
    }
  | { subject: string; kind: 'comment'; term1: CommentMark | null; term2: CommentMark | null; year: CommentMark | null; retest: CommentMark | null };

export interface StudentYearInputTt58 {
  id: string;
  variant: Tt58Variant;
  subjects: readonly SubjectInputTt58[];
  /** Hạnh kiểm per term and for the year: the homeroom teacher's decisions. */
  conduct: { term1: ConductLevelTt58 | null; term2: ConductLevelTt58 | null; year: ConductLevelTt58 | null };
  absences: number;
  specialisedSubject?: string;
}

export interface PeriodResultTt58 {
  overallAverage: Tenths | null;
  academic: AcademicLevelTt58 | null;
  academicBeforeAdjustment: AcademicLevelTt58 | null;
  conduct: ConductLevelTt58 | null;
  title: TitleTt58 | null;
}

export interface StudentYearResultTt58 {
  id: string;
  ruleVersion: (typeof TT58_RULE_VERSIONS)[Tt58Variant];
  subjects: { subject: string; term1: Tenths | CommentMark | null; term2: Tenths | CommentMark | null; year: Tenths | CommentMark | null }[];
  term1: PeriodResultTt58;
  term2: PeriodResultTt58;
  year: PeriodResultTt58 & { outcome: OutcomeTt58 | null };
  /** After the chosen re-tests (Điều 15): the re-classified học lực and the outcome. */
  final: { academic: AcademicLevelTt58 | null; outcome: OutcomeTt58 | null };
}

function termAverage(term: Tt58TermInput | ScoredTermInput | null, regularCount: number): Tenths | null {
  if (term === null) return null;
  return 'periodic' in term ? termSubjectAverageTt58(term) : termSubjectAverage(term, regularCount);
}

/**
 * Evaluates a historical THCS/THPT year under TT 58/2011 (original, to 2019-20) or TT 58 as
 * amended by TT 26/2020 (2020-21 until the TT 22 rollout), for displaying and printing old học
 * bạ years: subject averages, ĐTBhk/ĐTBcn, học lực with its adjustment, titles per term and
 * year, the outcome, and the re-classification after re-tests (re-test scores replace ĐTBmcn).
 */
export function evaluateTt58(student: StudentYearInputTt58): StudentYearResultTt58 {
  const subjects: StudentYearResultTt58['subjects'] = [];
  const periods = { term1: [] as { subject: string; average: Tenths | null }[], term2: [] as { subject: string; average: Tenths | null }[], year: [] as { subject: string; average: Tenths | null }[] };
  const comments = { term1: [] as { subject: string; result: CommentMark | null }[], term2: [] as { subject: string; result: CommentMark | null }[], year: [] as { subject: string; result: CommentMark | null }[] };
  for (const s of student.subjects) {
    if (s.kind === 'scored') {
      const t1 = termAverage(s.term1, s.regularCount ?? 0);
      const t2 = termAverage(s.term2, s.regularCount ?? 0);
      const y = yearSubjectAverage(t1, t2);
      subjects.push({ subject: s.subject, term1: t1, term2: t2, year: y });
      periods.term1.push({ subject: s.subject, average: t1 });
      periods.term2.push({ subject: s.subject, average: t2 });
      periods.year.push({ subject: s.subject, average: y });
    } else {
      const year = s.year ?? s.term2;
      subjects.push({ subject: s.subject, term1: s.term1, term2: s.term2, year });
      comments.term1.push({ subject: s.subject, result: s.term1 });
      comments.term2.push({ subject: s.subject, result: s.term2 });
      comments.year.push({ subject: s.subject, result: year });
    }
  }
  const classify = (
    scored: { subject: string; average: Tenths | null }[],
    comment: { subject: string; result: CommentMark | null }[],
  ): AcademicResultTt58 | null => {
    if (scored.some((s) => s.average === null) || comment.some((c) => c.result === null)) return null;
    return classifyAcademicTt58({
      variant: student.variant,
      scored: scored as { subject: string; average: Tenths }[],
      comment: comment as { subject: string; result: CommentMark }[],
      specialisedSubject: student.specialisedSubject,
    });
  };
  const period = (key: 'term1' | 'term2' | 'year'): PeriodResultTt58 => {
    const r = classify(periods[key], comments[key]);
    const conduct = student.conduct[key];
    return {
      overallAverage: r?.overallAverage ?? null,
      academic: r?.level ?? null,
      academicBeforeAdjustment: r?.beforeAdjustment ?? null,
      conduct,
      title: titleTt58(r?.level ?? null, conduct),
    };
  };
  const year = period('year');
  const outcome =
    year.academic !== null && year.conduct !== null
      ? promotionOutcomeTt58({ academic: year.academic, conduct: year.conduct, absences: student.absences })
      : null;
  let final: StudentYearResultTt58['final'] = { academic: year.academic, outcome };
  if (outcome === 'retest') {
    const retests = new Map(student.subjects.filter((s) => s.retest !== null).map((s) => [s.subject, s.retest]));
    if (retests.size > 0) {
      const r = classify(
        periods.year.map((s) => (retests.has(s.subject) ? { subject: s.subject, average: retests.get(s.subject) as Tenths } : s)),
        comments.year.map((c) => (retests.has(c.subject) ? { subject: c.subject, result: retests.get(c.subject) as CommentMark } : c)),
      );
      const academic = r?.level ?? null;
      final = { academic, outcome: academic === 'G' || academic === 'K' || academic === 'TB' ? 'promoted' : 'retained' };
    }
  }
  return {
    id: student.id,
    ruleVersion: TT58_RULE_VERSIONS[student.variant],
    subjects,
    term1: period('term1'),
    term2: period('term2'),
    year: { ...year, outcome },
    final,
  };
}
