import { yearLevelTt27, type SubjectLevelTt27, type TraitLevelTt27, type YearLevelTt27 } from './year-level-tt27.ts';
import { awardTt27, type AwardTt27 } from './award-tt27.ts';

export const TT27_2020_RULE_VERSION = 'TT27_2020@1';

export interface StudentYearInputTt27 {
  id: string;
  subjects: readonly { subject: string; level: SubjectLevelTt27; test: number | null }[];
  qualities: readonly TraitLevelTt27[];
  competences: readonly TraitLevelTt27[];
  nominated: boolean;
}

export interface StudentYearResultTt27 {
  id: string;
  ruleVersion: typeof TT27_2020_RULE_VERSION;
  level: YearLevelTt27;
  award: AwardTt27 | null;
  /** Completed the grade programme: true for HTXS/HTT/HT; null for CHT (the principal decides). */
  completed: true | null;
}

/** Evaluates one primary student's year under TT 27/2020 (Điều 9 level, Điều 15 awards, completion). */
export function evaluateTt27(student: StudentYearInputTt27): StudentYearResultTt27 {
  const subjectLevels: SubjectLevelTt27[] = [];
  const tests: number[] = [];
  for (const s of student.subjects) {
    subjectLevels.push(s.level);
    if (s.test !== null) tests.push(s.test);
  }
  const level = yearLevelTt27({
    subjectLevels,
    tests,
    qualities: student.qualities,
    competences: student.competences,
  });
  return {
    id: student.id,
    ruleVersion: TT27_2020_RULE_VERSION,
    level,
    award: awardTt27(level, student.nominated),
    completed: level === 'CHT' ? null : true,
  };
}
