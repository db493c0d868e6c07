/**
 * The rule-set registry: which regulation (and which version of our implementation of it)
 * applies to a student's school year, following the RULES.md §0 timeline. Results carry the
 * version that produced them, so a stored record is never silently recomputed with a newer rule.
 */
import { TT22_2021_RULE_VERSION } from './evaluate-tt22.ts';
import { TT27_2020_RULE_VERSION } from './evaluate-tt27.ts';
import { TT58_RULE_VERSIONS } from './legacy/evaluate-tt58.ts';
import { TT22_2016_RULE_VERSION } from './legacy/evaluate-tt22-2016.ts';

/** Assessment regimes (the `regime` of evaluate documents). */
export type RegimeId = 'TT22_2021' | 'TT27_2020' | 'TT58_TT26' | 'TT58_2011' | 'TT22_2016';

/** RULES.md §0 spells two regimes differently in its data-model hint; both spellings are accepted. */
export const REGIME_ALIASES: Readonly<Record<string, RegimeId>> = {
  TT58_ORIGINAL: 'TT58_2011',
  TT22_2016_PRIMARY: 'TT22_2016',
};

export interface RuleSet {
  /** Versioned id, e.g. "TT22_2021@1". */
  id: string;
  regime: RegimeId;
  version: number;
  /** Vietnamese title for the UI and print. */
  title: string;
  level: 'primary' | 'secondary';
  /** Whether the regime is used for current-year computation, or only to display old records. */
  use: 'current' | 'legacy';
}

const version = (id: string): number => Number(id.slice(id.indexOf('@') + 1));

function ruleSet(id: string, regime: RegimeId, title: string, level: RuleSet['level'], use: RuleSet['use']): RuleSet {
  return Object.freeze({ id, regime, version: version(id), title, level, use });
}

export const RULE_SETS: Readonly<Record<RegimeId, RuleSet>> = {
  TT22_2021: ruleSet(TT22_2021_RULE_VERSION, 'TT22_2021', 'Thông tư 22/2021/TT-BGDĐT', 'secondary', 'current'),
  TT27_2020: ruleSet(TT27_2020_RULE_VERSION, 'TT27_2020', 'Thông tư 27/2020/TT-BGDĐT', 'primary', 'current'),
  TT58_TT26: ruleSet(
    TT58_RULE_VERSIONS.TT58_TT26,
    'TT58_TT26',
    'Thông tư 58/2011/TT-BGDĐT, sửa đổi bởi Thông tư 26/2020/TT-BGDĐT',
    'secondary',
    'legacy',
  ),
  TT58_2011: ruleSet(TT58_RULE_VERSIONS.TT58_2011, 'TT58_2011', 'Thông tư 58/2011/TT-BGDĐT', 'secondary', 'legacy'),
  TT22_2016: ruleSet(
    TT22_2016_RULE_VERSION,
    'TT22_2016',
    'Thông tư 30/2014/TT-BGDĐT, sửa đổi bởi Thông tư 22/2016/TT-BGDĐT',
    'primary',
    'legacy',
  ),
};

/** First school year (its starting calendar year) in which each grade used the 2018 programme. */
const NEW_PROGRAMME_FROM: Readonly<Record<number, number>> = {
  1: 2020, 2: 2021, 3: 2022, 4: 2023, 5: 2024, // TT 27/2020
  6: 2021, 7: 2022, 8: 2023, 9: 2024, 10: 2022, 11: 2023, 12: 2024, // TT 22/2021
};

export type RuleSetLookup = { ok: true; ruleSet: RuleSet } | { ok: false; reason: 'GRADE_OUT_OF_RANGE' | 'YEAR_NOT_SUPPORTED'; message: string };

/**
 * The rule set for a school year (given by the calendar year it starts, 2024 for 2024-2025) and a
 * grade, per RULES.md §0: TT 27/2020 for primary grades on the 2018 programme, else TT 30/2014 +
 * TT 22/2016 (from 2016-17); TT 22/2021 for secondary grades on the 2018 programme, else TT 58 +
 * TT 26/2020 (from 2020-21) or TT 58/2011 (2011-12 to 2019-20). Earlier years are not supported.
 */
export function ruleSetFor(input: { schoolYearStart: number; grade: number }): RuleSetLookup {
  const { schoolYearStart: year, grade } = input;
  const from = NEW_PROGRAMME_FROM[grade];
  if (from === undefined) return { ok: false, reason: 'GRADE_OUT_OF_RANGE', message: `Khối ${grade} không thuộc lớp 1–12.` };
  const label = `${year}-${year + 1}`;
  if (year >= from) return { ok: true, ruleSet: grade <= 5 ? RULE_SETS.TT27_2020 : RULE_SETS.TT22_2021 };
  if (grade <= 5) {
    if (year >= 2016) return { ok: true, ruleSet: RULE_SETS.TT22_2016 };
    return { ok: false, reason: 'YEAR_NOT_SUPPORTED', message: `Năm học ${label}: chưa hỗ trợ quy định trước TT 22/2016 cho tiểu học.` };
  }
  if (year >= 2020) return { ok: true, ruleSet: RULE_SETS.TT58_TT26 };
  if (year >= 2011) return { ok: true, ruleSet: RULE_SETS.TT58_2011 };
  return { ok: false, reason: 'YEAR_NOT_SUPPORTED', message: `Năm học ${label}: chưa hỗ trợ quy định trước TT 58/2011.` };
}
