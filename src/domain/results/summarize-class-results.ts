/**
 * The class summary table (bảng tổng hợp kết quả): how many students at each KQHT and KQRL
 * level, each title and each outcome, for a term or the year — with the percentages the
 * Ministry's summary sheets print (one decimal, exact half-up).
 */
import { roundHalfUpTenths } from '../assessment/tenths.ts';
import type { Tt22Level } from '../assessment/tt22-level.ts';

export interface SummaryInput {
  academic: Tt22Level | null;
  conduct: Tt22Level | null;
  title?: 'XS' | 'G' | null;
  outcome?: string | null;
}

export interface LevelCount {
  count: number;
  /** Percentage of the class in tenths of a percent (e.g. 375 = 37,5 %). */
  percentTenths: number;
}

export interface ClassSummary {
  students: number;
  academic: Record<Tt22Level | 'pending', LevelCount>;
  conduct: Record<Tt22Level | 'pending', LevelCount>;
  titles: Record<'XS' | 'G', LevelCount>;
  outcomes: Record<string, LevelCount>;
}

const LEVELS: (Tt22Level | 'pending')[] = ['T', 'K', 'Đ', 'CĐ', 'pending'];

export function summarizeClassResults(rows: readonly SummaryInput[]): ClassSummary {
  const n = rows.length;
  const pct = (count: number): LevelCount => ({ count, percentTenths: n === 0 ? 0 : roundHalfUpTenths(count * 1000, n) });
  const tally = (pick: (r: SummaryInput) => Tt22Level | null) =>
    Object.fromEntries(LEVELS.map((l) => [l, pct(rows.filter((r) => (pick(r) ?? 'pending') === l).length)])) as Record<Tt22Level | 'pending', LevelCount>;
  const outcomes: Record<string, LevelCount> = {};
  for (const r of rows) {
    const key = r.outcome ?? 'pending';
    outcomes[key] = { count: (outcomes[key]?.count ?? 0) + 1, percentTenths: 0 };
  }
  for (const key of Object.keys(outcomes)) outcomes[key] = pct(outcomes[key].count);
  return {
    students: n,
    academic: tally((r) => r.academic),
    conduct: tally((r) => r.conduct),
    titles: { XS: pct(rows.filter((r) => r.title === 'XS').length), G: pct(rows.filter((r) => r.title === 'G').length) },
    outcomes,
  };
}
