import type { Tenths } from '../tenths.ts';
import type { CommentMark } from '../tt22-level.ts';
import { overallAverageTt58 } from './overall-average-tt58.ts';

/** Học lực levels of TT 58/2011: Giỏi, Khá, Trung bình, Yếu, Kém. */
export type AcademicLevelTt58 = 'G' | 'K' | 'TB' | 'Y' | 'Kém';
const LEVELS: readonly AcademicLevelTt58[] = ['Kém', 'Y', 'TB', 'K', 'G'];

export const TT58_LEVEL_NAMES: Readonly<Record<AcademicLevelTt58, string>> = {
  G: 'Giỏi',
  K: 'Khá',
  TB: 'Trung bình',
  Y: 'Yếu',
  Kém: 'Kém',
};

export type Tt58Variant = 'TT58_2011' | 'TT58_TT26';

export interface AcademicInputTt58 {
  variant: Tt58Variant;
  /** ĐTBmhk or ĐTBmcn of each scored subject, with its code (for the key-subject condition). */
  scored: readonly { subject: string; average: Tenths }[];
  /** Đ/CĐ of each comment subject. */
  comment: readonly { subject: string; result: CommentMark }[];
  /** Chuyên class: the specialised subject code, which must also reach the level's threshold. */
  specialisedSubject?: string;
  /** Coefficients for the overall average (default none). */
  weights?: readonly number[];
}

export interface AcademicResultTt58 {
  level: AcademicLevelTt58;
  beforeAdjustment: AcademicLevelTt58;
  /** ĐTBhk / ĐTBcn. */
  overallAverage: Tenths;
  /** The subject that alone pulled the level down (Đ13 k3 / k6), or null. */
  adjustedFor: string | null;
}

/** TT 58 original: one of Toán, Ngữ văn; TT 26/2020: one of Toán, Ngữ văn, Ngoại ngữ. */
const KEY_SUBJECTS: Readonly<Record<Tt58Variant, readonly string[]>> = {
  TT58_2011: ['TOAN', 'NV'],
  TT58_TT26: ['TOAN', 'NV', 'NN1'],
};

const ROWS: readonly { level: AcademicLevelTt58; avg: number; floor: number; key: boolean; comments: boolean }[] = [
  { level: 'G', avg: 80, floor: 65, key: true, comments: true },
  { level: 'K', avg: 65, floor: 50, key: true, comments: true },
  { level: 'TB', avg: 50, floor: 35, key: true, comments: true },
  { level: 'Y', avg: 35, floor: 20, key: false, comments: false },
];

/** Adjustments of Đ13 k3 (TT 58) / k6 (after TT 26): [would-be level, computed level] → result. */
const ADJUST: readonly [AcademicLevelTt58, AcademicLevelTt58, AcademicLevelTt58][] = [
  ['G', 'TB', 'K'],
  ['G', 'Y', 'TB'],
  ['K', 'Y', 'TB'],
  ['K', 'Kém', 'Y'],
];

/** The level from the table, treating the subject `ignore` (a code) as meeting every per-subject condition. */
function level(input: AcademicInputTt58, avg: Tenths, ignore: string | null): AcademicLevelTt58 {
  const keys = KEY_SUBJECTS[input.variant];
  const commentsOk = input.comment.every((c) => c.result === 'Đ' || c.subject === ignore);
  for (const row of ROWS) {
    if (avg < row.avg) continue;
    if (row.comments && !commentsOk) continue;
    let ok = true;
    let key = false;
    input.scored.forEach((s) => {
      const ignored = s.subject === ignore;
      if (!ignored && s.average < row.floor) ok = false;
      if (keys.includes(s.subject) && (ignored || s.average >= row.avg)) key = true;
      if (row.key && s.subject === input.specialisedSubject && !ignored && s.average < row.avg) ok = false;
    });
    if (ok && (!row.key || key)) return row.level;
  }
  return 'Kém';
}

/**
 * TT 58/2011 Điều 13 (as amended by TT 26/2020) — học lực of a term or the year:
 * - Giỏi: ĐTB ≥ 8,0, one key subject ≥ 8,0, no subject below 6,5, comment subjects all Đ;
 * - Khá: ≥ 6,5 / key ≥ 6,5 / none below 5,0 / all Đ;
 * - Trung bình: ≥ 5,0 / key ≥ 5,0 / none below 3,5 / all Đ;
 * - Yếu: ≥ 3,5, none below 2,0; Kém otherwise.
 * Key subjects: Toán or Ngữ văn (TT 58); Toán, Ngữ văn or Ngoại ngữ (TT 26). Chuyên class: the
 * specialised subject must also reach the threshold.
 * Adjustment (Đ13 k3; k6 after TT 26): when the average reaches Giỏi or Khá but one subject
 * pulls the level down: Giỏi→TB becomes Khá; Giỏi→Yếu becomes TB; Khá→Yếu becomes TB;
 * Khá→Kém becomes Yếu.
 */
export function classifyAcademicTt58(input: AcademicInputTt58): AcademicResultTt58 | null {
  const overall = overallAverageTt58(
    input.scored.map((s) => s.average),
    input.weights,
  );
  if (overall === null) return null;
  const base = level(input, overall, null);
  let best: AcademicLevelTt58 = base;
  let bestSubject: string | null = null;
  const rank = (l: AcademicLevelTt58) => LEVELS.indexOf(l);
  for (const { subject } of [...input.scored, ...input.comment]) {
    const l = level(input, overall, subject);
    if (rank(l) > rank(best)) {
      best = l;
      bestSubject = subject;
    }
  }
  const rule = ADJUST.find(([would, computed]) => would === best && computed === base);
  return rule
    ? { level: rule[2], beforeAdjustment: base, overallAverage: overall, adjustedFor: bestSubject }
    : { level: base, beforeAdjustment: base, overallAverage: overall, adjustedFor: null };
}
