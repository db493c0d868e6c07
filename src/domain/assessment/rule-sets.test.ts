import { describe, expect, it } from 'vitest';
import { RULE_SETS, ruleSetFor } from './rule-sets.ts';

const id = (schoolYearStart: number, grade: number) => {
  const r = ruleSetFor({ schoolYearStart, grade });
  return r.ok ? r.ruleSet.id : r.reason;
};

describe('RULES.md §0 — which rule set applies to a school year and grade', () => {
  it.each([
    // primary: TT 27 from grade 1 in 2020-21 … grade 5 in 2024-25; TT 30 + TT 22/2016 before
    [2020, 1, 'TT27_2020@1'],
    [2019, 1, 'TT22_2016@1'],
    [2021, 2, 'TT27_2020@1'],
    [2020, 2, 'TT22_2016@1'],
    [2022, 3, 'TT27_2020@1'],
    [2023, 4, 'TT27_2020@1'],
    [2023, 5, 'TT22_2016@1'], // grade 5 still on the 2006 programme in 2023-24
    [2024, 5, 'TT27_2020@1'],
    [2016, 3, 'TT22_2016@1'],
    [2015, 3, 'YEAR_NOT_SUPPORTED'],
    // secondary: TT 22/2021 rollout; TT 58 + TT 26 from 2020-21; TT 58 alone 2011-12 … 2019-20
    [2021, 6, 'TT22_2021@1'],
    [2021, 7, 'TT58_TT26@1'],
    [2022, 7, 'TT22_2021@1'],
    [2022, 10, 'TT22_2021@1'],
    [2022, 8, 'TT58_TT26@1'],
    [2023, 8, 'TT22_2021@1'],
    [2023, 11, 'TT22_2021@1'],
    [2023, 12, 'TT58_TT26@1'],
    [2024, 9, 'TT22_2021@1'],
    [2024, 12, 'TT22_2021@1'],
    [2020, 9, 'TT58_TT26@1'],
    [2019, 9, 'TT58_2011@1'],
    [2011, 12, 'TT58_2011@1'],
    [2010, 12, 'YEAR_NOT_SUPPORTED'],
    [2030, 12, 'TT22_2021@1'],
    [2025, 13, 'GRADE_OUT_OF_RANGE'],
    [2025, 0, 'GRADE_OUT_OF_RANGE'],
  ])('%i-…, grade %i → %s', (year, grade, expected) => {
    expect(id(year, grade)).toBe(expected);
  });

  it('every rule set carries a versioned id and its regime', () => {
    for (const [regime, rs] of Object.entries(RULE_SETS)) {
      expect(rs.regime).toBe(regime);
      expect(rs.id).toBe(`${regime}@${rs.version}`);
    }
  });
});
