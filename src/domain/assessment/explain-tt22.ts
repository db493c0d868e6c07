/**
 * Why each TT 22/2021 level is what it is, in Vietnamese for the UI, as structured data:
 * a stable code, the text, and the figures behind it (scores in tenths, keys ending in "Tenths").
 * Computed on demand from a result; the evaluation itself never builds strings.
 */
import { formatTenths, type Tenths } from './tenths.ts';
import { TT22_LEVEL_NAMES, tt22LevelRank, type CommentMark, type Tt22Level } from './tt22-level.ts';
import { subjectName } from './subject-name.ts';
import { classifyAcademicTt22 } from './classify-academic-tt22.ts';
import type { AcademicOutcomeTt22, StudentYearResultTt22 } from './evaluate-tt22.ts';
import { TT22_MAX_ABSENCES, TT22_MIN_SCORED_SUBJECTS } from './promotion-outcome-tt22.ts';
import { TT22_EXCELLENT_SUBJECTS } from './title-tt22.ts';

export type ExplanationScope = 'term1' | 'term2' | 'year' | 'final';

export interface Explanation {
  scope: ExplanationScope;
  /** Stable machine code, e.g. "KQHT_NOT_T_COUNT_80". */
  code: string;
  /** Vietnamese sentence for the UI. */
  text: string;
  numbers: Record<string, number>;
  /** Subject codes the explanation is about. */
  subjects: string[];
}

const d = (t: Tenths): string => formatTenths(t, ',');
const name = (l: Tt22Level): string => TT22_LEVEL_NAMES[l];
const STEPS = ['', 'một bậc', 'hai bậc', 'ba bậc'];

type Row = { subject: string; kind: 'scored' | 'comment'; value: Tenths | CommentMark };

/** Why a KQHT (before adjustment) is not the level above it, and why it reaches its level. */
function academicReasons(scope: ExplanationScope, rows: Row[], level: Tt22Level): Explanation[] {
  const avg = scope === 'year' || scope === 'final' ? 'ĐTBmcn' : 'ĐTBmhk';
  const scored = rows.filter((r) => r.kind === 'scored') as { subject: string; value: Tenths }[];
  const failed = rows.filter((r) => r.kind === 'comment' && r.value === 'CĐ').map((r) => r.subject);
  const count = (t: number) => scored.filter((r) => r.value >= t).length;
  const below = (t: number) => scored.filter((r) => r.value < t);
  const out: Explanation[] = [];
  const add = (code: string, text: string, numbers: Record<string, number>, subjects: string[] = []) =>
    out.push({ scope, code, text, numbers, subjects });
  const prefix = (target: Tt22Level) => (level === 'CĐ' ? name(level) : `${name(level)}, chưa ${name(target)}`);
  const list = (rs: { subject: string; value: Tenths }[]) =>
    rs.map((r) => `${subjectName(r.subject)} ${d(r.value)}`).join(', ');
  const names = (ss: string[]) => ss.map(subjectName).join(', ');

  if (level === 'T') {
    add('KQHT_T', `Tốt: mọi môn có ${avg} từ 6,5, ${count(80)} môn từ 8,0 (cần 6), các môn đánh giá bằng nhận xét đều Đạt`, {
      count80: count(80),
      required: 6,
    });
    return out;
  }
  // Why not the level directly above (Điều 9 khoản 2).
  const target: Tt22Level = level === 'K' ? 'T' : level === 'Đ' ? 'K' : 'Đ';
  const floor = target === 'T' ? 65 : target === 'K' ? 50 : 35;
  const threshold = target === 'T' ? 80 : target === 'K' ? 65 : 50;
  const allowedFails = target === 'Đ' ? 1 : 0;
  if (failed.length > allowedFails) {
    add(
      `KQHT_NOT_${target === 'Đ' ? 'D' : target}_COMMENT`,
      `${prefix(target)}: ${failed.length} môn đánh giá bằng nhận xét Chưa đạt (${names(failed)}; ${
        allowedFails === 0 ? 'cần tất cả Đạt' : 'chỉ được tối đa 1 môn'
      })`,
      { failedComment: failed.length, allowed: allowedFails },
      failed,
    );
  }
  const low = below(floor);
  if (low.length > 0) {
    add(
      `KQHT_NOT_${target === 'Đ' ? 'D' : target}_FLOOR`,
      `${prefix(target)}: ${low.length === 1 ? 'môn' : 'các môn'} ${list(low)} có ${avg} dưới ${d(floor)}`,
      { floorTenths: floor, below: low.length },
      low.map((r) => r.subject),
    );
  }
  const c = count(threshold);
  if (c < 6) {
    add(
      `KQHT_NOT_${target === 'Đ' ? 'D' : target}_COUNT_${threshold}`,
      `${prefix(target)}: chỉ ${c} môn có ${avg} từ ${d(threshold)} (cần 6)`,
      { count: c, required: 6, thresholdTenths: threshold },
    );
  }
  return out;
}

function academicExplanations(
  scope: ExplanationScope,
  a: AcademicOutcomeTt22,
  rows: Row[] | null,
): Explanation[] {
  if (a.academic === null || a.academicBeforeAdjustment === null || rows === null) return [];
  const out = academicReasons(scope, rows, a.academicBeforeAdjustment);
  if (a.adjustedFor !== null && a.academic !== a.academicBeforeAdjustment) {
    const row = rows.find((x) => x.subject === a.adjustedFor);
    const value = row === undefined ? '' : typeof row.value === 'number' ? ` ${d(row.value)}` : ` ${name(row.value)}`;
    const before = a.academicBeforeAdjustment;
    // The level the student would have without that subject (Tốt or Khá).
    const without = withoutLevel(rows, a.adjustedFor);
    const drop = without - tt22LevelRank(before);
    out.push({
      scope,
      code: 'KQHT_ADJUSTED_ONE_SUBJECT',
      text: `điều chỉnh từ ${name(before)} lên ${name(a.academic)}: chỉ riêng môn ${subjectName(a.adjustedFor)}${value} kéo mức xuống ${STEPS[drop] ?? `${drop} bậc`} (Điều 9 khoản 3)`,
      numbers: { levelsDown: drop, ...(row && typeof row.value === 'number' ? { scoreTenths: row.value } : {}) },
      subjects: [a.adjustedFor],
    });
  }
  return out;
}

/** Rank of the level (Điều 9 khoản 2, before adjustment) reached without one subject. */
function withoutLevel(rows: Row[], subject: string): number {
  const scored: Tenths[] = [];
  const comment: CommentMark[] = [];
  for (const x of rows) {
    if (x.subject === subject) continue;
    if (x.kind === 'scored') scored.push(x.value as Tenths);
    else comment.push(x.value as CommentMark);
  }
  return tt22LevelRank(classifyAcademicTt22({ scored, comment }).beforeAdjustment);
}

/** Explains the terms, the year and the final result of one TT 22 evaluation. */
export function explainTt22(r: StudentYearResultTt22): Explanation[] {
  const out: Explanation[] = [];
  const rowsFor = (key: 'term1' | 'term2' | 'year'): Row[] | null => {
    const rows: Row[] = [];
    for (const s of r.subjects) {
      const v = s[key];
      if (v === null) return null;
      rows.push({ subject: s.subject, kind: s.kind, value: v });
    }
    return rows;
  };
  for (const scope of ['term1', 'term2', 'year'] as const) {
    const a = scope === 'year' ? r.year : r[scope];
    if (r.scoredSubjectCount < TT22_MIN_SCORED_SUBJECTS) {
      if (scope === 'year') {
        out.push({
          scope,
          code: 'KQHT_REVIEW_FEW_SUBJECTS',
          text: `Chưa xếp loại: chỉ có ${r.scoredSubjectCount} môn đánh giá bằng điểm số (cần ít nhất ${TT22_MIN_SCORED_SUBJECTS}); cần xem xét và quyết định`,
          numbers: { scoredSubjects: r.scoredSubjectCount, required: TT22_MIN_SCORED_SUBJECTS },
          subjects: [],
        });
      }
      continue;
    }
    const rows = rowsFor(scope);
    if (rows === null) {
      const missing = r.subjects.filter((s) => s[scope] === null).map((s) => s.subject);
      out.push({
        scope,
        code: 'KQHT_INCOMPLETE',
        text: `Chưa xếp loại: ${missing.map(subjectName).join(', ')} chưa đủ điểm/mức đánh giá ${
          scope === 'term1' ? 'học kỳ I' : scope === 'term2' ? 'học kỳ II' : 'cả năm'
        } (thiếu hoặc chờ kiểm tra bù)`,
        numbers: { incomplete: missing.length },
        subjects: missing,
      });
      continue;
    }
    out.push(...academicExplanations(scope, a, rows));
  }

  const { year } = r;
  if (year.conduct !== null && r.term1.conduct !== null && r.term2.conduct !== null) {
    out.push({
      scope: 'year',
      code: 'KQRL_YEAR_TABLE',
      text: `KQRL cả năm ${name(year.conduct)}: học kỳ I ${name(r.term1.conduct)}, học kỳ II ${name(r.term2.conduct)} (bảng Điều 8)`,
      numbers: {},
      subjects: [],
    });
  }
  if (year.outcome === 'retained' && r.final.outcome === 'retained' && year.academic === 'T' && year.conduct === 'T') {
    out.push({
      scope: 'year',
      code: 'TITLE_NONE_RETAINED',
      text: 'Không xét danh hiệu: học sinh không được lên lớp',
      numbers: {},
      subjects: [],
    });
  } else if (year.title !== null) {
    const c90 = r.subjects.filter((s) => s.kind === 'scored' && s.year !== null && s.year >= 90).length;
    out.push({
      scope: 'year',
      code: year.title === 'XS' ? 'TITLE_XS' : 'TITLE_G',
      text:
        year.title === 'XS'
          ? `Học sinh Xuất sắc: KQHT và KQRL cả năm Tốt, ${c90} môn có ĐTBmcn từ 9,0 (cần ${TT22_EXCELLENT_SUBJECTS})`
          : `Học sinh Giỏi, chưa Xuất sắc: chỉ ${c90} môn có ĐTBmcn từ 9,0 (cần ${TT22_EXCELLENT_SUBJECTS})`,
      numbers: { count90: c90, required: TT22_EXCELLENT_SUBJECTS },
      subjects: [],
    });
  } else if (year.academic === 'T' && year.conduct !== null && year.conduct !== 'T') {
    out.push({
      scope: 'year',
      code: 'TITLE_NONE_CONDUCT',
      text: `Không có danh hiệu: KQRL cả năm ${name(year.conduct)} (cần Tốt)`,
      numbers: {},
      subjects: [],
    });
  }

  switch (year.outcome) {
    case 'retained':
      out.push({
        scope: 'year',
        code: 'OUTCOME_RETAINED_ABSENCES',
        text: `Không được lên lớp: nghỉ quá ${TT22_MAX_ABSENCES} buổi (Điều 12)`,
        numbers: { max: TT22_MAX_ABSENCES },
        subjects: [],
      });
      break;
    case 'summerTraining':
      out.push({
        scope: 'year',
        code: 'OUTCOME_SUMMER_TRAINING',
        text: 'KQRL cả năm Chưa đạt: rèn luyện trong kỳ nghỉ hè (Điều 13)',
        numbers: {},
        subjects: [],
      });
      break;
    case 'retest':
      out.push({
        scope: 'year',
        code: 'OUTCOME_RETEST',
        text: `KQHT cả năm Chưa đạt: kiểm tra, đánh giá lại ${year.retestSubjects.map(subjectName).join(', ')} (Điều 14)`,
        numbers: { subjects: year.retestSubjects.length },
        subjects: [...year.retestSubjects],
      });
      break;
    default:
      break;
  }
  if (r.final.subjects.length > 0 && r.final.academic !== null) {
    const rows = rowsFor('year');
    if (rows !== null) {
      for (const s of r.final.subjects) {
        const row = rows.find((x) => x.subject === s.subject);
        if (row) row.value = s.year;
      }
      out.push({
        scope: 'final',
        code: 'FINAL_REASSESSED',
        text: `Sau kiểm tra lại (${r.final.subjects
          .map((s) => `${subjectName(s.subject)} ${typeof s.year === 'number' ? d(s.year) : name(s.year)}`)
          .join(', ')}): KQHT cả năm ${name(r.final.academic)}`,
        numbers: {},
        subjects: r.final.subjects.map((s) => s.subject),
      });
      out.push(...academicExplanations('final', r.final, rows));
    }
  }
  return out;
}
