import type { SubjectLevelTt27, TraitLevelTt27 } from '../year-level-tt27.ts';

export const TT22_2016_RULE_VERSION = 'TT22_2016@1';

/** The 4 qualities of TT 30/2014 as amended by TT 22/2016 (not TT 27's 5). */
export const QUALITIES_TT22_2016 = ['Chăm học, chăm làm', 'Tự tin, trách nhiệm', 'Trung thực, kỉ luật', 'Đoàn kết, yêu thương'] as const;
/** The 3 competences of TT 30/2014 as amended by TT 22/2016 (not TT 27's 10). */
export const COMPETENCES_TT22_2016 = ['Tự phục vụ, tự quản', 'Hợp tác', 'Tự học và giải quyết vấn đề'] as const;

export interface StudentYearInputTt22_2016 {
  id: string;
  /** End-of-year level (HTT "T", HT "H", CHT "C") and test score (integer 1–10; no 0) per subject. */
  subjects: readonly { subject: string; level: SubjectLevelTt27; test: number | null }[];
  /** 4 qualities and 3 competences, each Tốt "T", Đạt "Đ", Cần cố gắng "C". */
  qualities: readonly TraitLevelTt27[];
  competences: readonly TraitLevelTt27[];
  /** Nominated by the teacher and recognised by the class (award b). */
  nominated: boolean;
}

/** "XS": hoàn thành xuất sắc các nội dung học tập và rèn luyện; "TB": outstanding achievement or progress. */
export type AwardTt22_2016 = 'XS' | 'TB';

export interface StudentYearResultTt22_2016 {
  id: string;
  ruleVersion: typeof TT22_2016_RULE_VERSION;
  /** Hoàn thành chương trình lớp học: no 4-level classification existed. */
  completed: boolean;
  award: AwardTt22_2016 | null;
}

/**
 * TT 30/2014 as amended by TT 22/2016 (RULES.md §2.8, UNCONFIRMED details), for displaying old
 * primary records: the grade is completed when every subject is HTT or HT, every quality and
 * competence Tốt or Đạt and every end-of-year test ≥ 5. Awards: (a) all HTT, all Tốt, tests ≥ 9;
 * (b) otherwise, a nominated student recognised by the class.
 */
export function evaluateTt22_2016(student: StudentYearInputTt22_2016): StudentYearResultTt22_2016 {
  const traits = [...student.qualities, ...student.competences];
  const tests = student.subjects.flatMap((s) => (s.test === null ? [] : [s.test]));
  const completed =
    student.subjects.every((s) => s.level !== 'C') && traits.every((t) => t !== 'C') && tests.every((t) => t >= 5);
  const excellent =
    completed && student.subjects.every((s) => s.level === 'T') && traits.every((t) => t === 'T') && tests.every((t) => t >= 9);
  return {
    id: student.id,
    ruleVersion: TT22_2016_RULE_VERSION,
    completed,
    award: excellent ? 'XS' : student.nominated ? 'TB' : null,
  };
}
