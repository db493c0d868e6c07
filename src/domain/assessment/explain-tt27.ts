/**
 * Why a TT 27/2020 year-end level is what it is (Điều 9 khoản 2), in Vietnamese for the UI, as
 * structured data like explainTt22.
 */
import type { StudentYearInputTt27 } from './evaluate-tt27.ts';
import { subjectName } from './subject-name.ts';
import { TT27_YEAR_LEVEL_NAMES, yearLevelTt27, type YearLevelTt27 } from './year-level-tt27.ts';

export interface ExplanationTt27 {
  code: string;
  text: string;
  numbers: Record<string, number>;
  subjects: string[];
}

/** The reasons the student does not reach the level above, or why the top level is reached. */
export function explainTt27(student: StudentYearInputTt27): ExplanationTt27[] {
  const level = yearLevelTt27({
    subjectLevels: student.subjects.map((s) => s.level),
    tests: student.subjects.flatMap((s) => (s.test === null ? [] : [s.test])),
    qualities: student.qualities,
    competences: student.competences,
  });
  const out: ExplanationTt27[] = [];
  if (level === 'HTXS') {
    out.push({
      code: 'TT27_HTXS',
      text: 'Hoàn thành xuất sắc: mọi môn học và hoạt động Hoàn thành tốt, mọi phẩm chất và năng lực Tốt, mọi bài kiểm tra cuối năm từ 9 điểm',
      numbers: { minTest: 9 },
      subjects: [],
    });
    return out;
  }
  const target: YearLevelTt27 = level === 'HTT' ? 'HTXS' : level === 'HT' ? 'HTT' : 'HT';
  const prefix = level === 'CHT' ? TT27_YEAR_LEVEL_NAMES[level] : `${TT27_YEAR_LEVEL_NAMES[level]}, chưa ${TT27_YEAR_LEVEL_NAMES[target]}`;
  const minTest = target === 'HTXS' ? 9 : target === 'HTT' ? 7 : 5;
  const weakSubject = target === 'HT' ? 'C' : 'H';
  const subjects = student.subjects.filter((s) => s.level === 'C' || s.level === weakSubject).map((s) => s.subject);
  if (subjects.length > 0) {
    out.push({
      code: 'TT27_SUBJECT_LEVEL',
      text: `${prefix}: ${subjects.map(subjectName).join(', ')} ${target === 'HT' ? 'Chưa hoàn thành' : 'chưa Hoàn thành tốt'}`,
      numbers: { count: subjects.length },
      subjects,
    });
  }
  const weakTrait = target === 'HT' ? ['C'] : ['C', 'Đ'];
  const q = student.qualities.filter((x) => weakTrait.includes(x)).length;
  const c = student.competences.filter((x) => weakTrait.includes(x)).length;
  if (q + c > 0) {
    out.push({
      code: 'TT27_TRAITS',
      text: `${prefix}: ${q} phẩm chất và ${c} năng lực ${target === 'HT' ? 'Cần cố gắng' : 'chưa Tốt'}`,
      numbers: { qualities: q, competences: c },
      subjects: [],
    });
  }
  const low = student.subjects.filter((s) => s.test !== null && s.test < minTest);
  if (low.length > 0) {
    out.push({
      code: 'TT27_TEST_BELOW',
      text: `${prefix}: bài kiểm tra cuối năm ${low.map((s) => `${subjectName(s.subject)} ${s.test}`).join(', ')} dưới ${minTest} điểm`,
      numbers: { minTest },
      subjects: low.map((s) => s.subject),
    });
  }
  return out;
}
