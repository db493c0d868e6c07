import { describe, expect, it } from 'vitest';
import { summarizeClassResults } from './summarize-class-results.ts';

describe('class summary table', () => {
  it('counts each level and gives exact percentages (3 of 8 = 37,5 %; 1 of 3 = 33,3 %)', () => {
    const rows = [
      { academic: 'T', conduct: 'T', title: 'XS', outcome: 'promoted' },
      { academic: 'T', conduct: 'T', title: 'G', outcome: 'promoted' },
      { academic: 'T', conduct: 'K', title: null, outcome: 'promoted' },
      { academic: 'K', conduct: 'T', title: null, outcome: 'promoted' },
      { academic: 'Đ', conduct: 'Đ', title: null, outcome: 'promoted' },
      { academic: 'CĐ', conduct: 'Đ', title: null, outcome: 'retest' },
      { academic: 'K', conduct: 'CĐ', title: null, outcome: 'summerTraining' },
      { academic: null, conduct: null, title: null, outcome: null },
    ] as const;
    const s = summarizeClassResults(rows);
    expect(s.students).toBe(8);
    expect(s.academic.T).toEqual({ count: 3, percentTenths: 375 });
    expect(s.academic.pending).toEqual({ count: 1, percentTenths: 125 });
    expect(s.titles.XS).toEqual({ count: 1, percentTenths: 125 });
    expect(s.outcomes.promoted.count).toBe(5);
    expect(summarizeClassResults([{ academic: 'T', conduct: 'T' }, { academic: 'K', conduct: 'T' }, { academic: 'K', conduct: 'T' }]).academic.T.percentTenths).toBe(333);
  });
});
