import type { Tenths } from '../tenths.ts';
import type { CommentMark, Tt22Level } from '../tt22-level.ts';
import type { CommentSubjectInputTt22, ScoredSubjectInputTt22, StudentYearInputTt22 } from '../evaluate-tt22.ts';

/** A scored subject whose every score in a term equals the given term average (tenths). */
export function scoredSubject(subject: string, term1: Tenths, term2: Tenths, retest: Tenths | null = null): ScoredSubjectInputTt22 {
  const term = (v: Tenths) => ({ regular: [v, v, v], midterm: v, endOfTerm: v });
  return { subject, kind: 'scored', regularCount: 3, term1: term(term1), term2: term(term2), retest };
}

/** A comment subject with every assessment of a term at the given mark. */
export function commentSubject(subject: string, term1: CommentMark, term2: CommentMark, retest: CommentMark | null = null): CommentSubjectInputTt22 {
  const term = (v: CommentMark) => ({ regular: [v, v], midterm: v, endOfTerm: v });
  return { subject, kind: 'comment', regularCount: 2, term1: term(term1), term2: term(term2), retest };
}

export const THCS_SCORED = ['NV', 'TOAN', 'NN1', 'GDCD', 'LSDL', 'KHTN', 'CN', 'TIN'] as const;
export const THCS_COMMENT = ['GDTC', 'NT', 'HDTN', 'GDDP'] as const;

/**
 * A THCS student (8 scored subjects in THCS_SCORED order, 4 comment subjects all Đ) whose
 * ĐTBmhk I and II both equal the given year averages, so ĐTBmcn equals them too.
 */
export function thcsStudent(
  yearAverages: readonly Tenths[],
  options: {
    id?: string;
    conduct?: [Tt22Level | null, Tt22Level | null];
    summer?: Tt22Level | null;
    absences?: number;
    comment?: readonly CommentMark[];
    retest?: Readonly<Record<string, Tenths | CommentMark>>;
  } = {},
): StudentYearInputTt22 {
  const retest = options.retest ?? {};
  return {
    id: options.id ?? 's1',
    subjects: [
      ...yearAverages.map((v, i) => scoredSubject(THCS_SCORED[i], v, v, (retest[THCS_SCORED[i]] as Tenths) ?? null)),
      ...THCS_COMMENT.map((c, i) => {
        const mark = options.comment?.[i] ?? 'Đ';
        return commentSubject(c, mark, mark, (retest[c] as CommentMark) ?? null);
      }),
    ],
    conduct: { term1: options.conduct?.[0] ?? 'T', term2: options.conduct?.[1] ?? 'T', summer: options.summer ?? null },
    absences: options.absences ?? 0,
  };
}
