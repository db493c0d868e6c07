import { describe, expect, it } from 'vitest';
import { summerResultTt22, type SummerInputTt22 } from './summer-result-tt22.ts';

// Ex 11: grade 6, KHTN 4.5 and NN1 3.2, others 5.0–7.0, comments Đ, KQRL Khá.
const EX11_YEAR = { scored: [60, 65, 32, 70, 55, 45, 50, 58], comment: ['Đ', 'Đ', 'Đ', 'Đ'] as const };
const base = (over: Partial<SummerInputTt22>): SummerInputTt22 => ({
  outcome: 'retest',
  academic: 'CĐ',
  academicBeforeAdjustment: 'CĐ',
  conduct: 'K',
  year: { scored: EX11_YEAR.scored, comment: [...EX11_YEAR.comment] },
  retest: { scored: EX11_YEAR.scored.map(() => null), comment: [null, null, null, null] },
  summerConduct: null,
  ...over,
});
const retest = (nn1: number | null, khtn: number | null) => ({
  scored: EX11_YEAR.scored.map((_, i) => (i === 2 ? nn1 : i === 5 ? khtn : null)),
  comment: [null, null, null, null],
});

describe('TT 22/2021 Điều 14 — summer re-assessment', () => {
  it('Ex 11: NN1 5.5, KHTN 4.0 replace the ĐTBmcn → Đạt → promoted', () => {
    expect(summerResultTt22(base({ retest: retest(55, 40) }))).toMatchObject({
      academic: 'Đ',
      outcome: 'promoted',
      reassessed: true,
    });
  });
  it('Ex 11 alternative: only NN1, scoring 3.6 → Đạt → promoted', () => {
    expect(summerResultTt22(base({ retest: retest(36, null) }))).toMatchObject({ academic: 'Đ', outcome: 'promoted' });
  });
  it('a lower re-assessment score still replaces the year result (product decision 2)', () => {
    expect(summerResultTt22(base({ retest: retest(30, null) }))).toMatchObject({ academic: 'CĐ', outcome: 'retained' });
  });
  it('no re-assessment result yet → outcome stays "retest"', () => {
    expect(summerResultTt22(base({}))).toMatchObject({ academic: 'CĐ', outcome: 'retest', reassessed: false });
  });
  it('a comment subject re-assessed Đ replaces its CĐ', () => {
    const r = summerResultTt22(
      base({
        year: { scored: [60, 60, 60, 60, 60, 60, 60, 60], comment: ['CĐ', 'CĐ', 'Đ', 'Đ'] },
        retest: { scored: Array(8).fill(null), comment: ['Đ', null, null, null] },
      }),
    );
    expect(r).toMatchObject({ academic: 'Đ', outcome: 'promoted' });
  });
});

describe('TT 22/2021 Điều 13 — summer conduct training', () => {
  const training = (over: Partial<SummerInputTt22>) =>
    summerResultTt22(base({ outcome: 'summerTraining', conduct: 'CĐ', academic: 'K', academicBeforeAdjustment: 'K', ...over }));

  it('Ex 12: re-evaluated Đạt with KQHT ≥ Đạt → KQRL Đạt, promoted', () => {
    expect(training({ summerConduct: 'Đ' })).toMatchObject({ conduct: 'Đ', outcome: 'promoted', academic: 'K' });
  });
  it('still Chưa đạt → retained, no re-assessment', () => {
    expect(training({ summerConduct: 'CĐ', academic: 'CĐ', retest: retest(90, 90) })).toMatchObject({
      conduct: 'CĐ',
      outcome: 'retained',
      academic: 'CĐ',
      reassessed: false,
    });
  });
  it('no re-evaluation yet → stays "summerTraining"', () => {
    expect(training({})).toMatchObject({ conduct: 'CĐ', outcome: 'summerTraining' });
  });
  it('both Chưa đạt: conduct first, then re-assessment', () => {
    expect(training({ summerConduct: 'Đ', academic: 'CĐ', retest: retest(55, 40) })).toMatchObject({
      conduct: 'Đ',
      academic: 'Đ',
      outcome: 'promoted',
      reassessed: true,
    });
    expect(training({ summerConduct: 'K', academic: 'CĐ' })).toMatchObject({ conduct: 'K', outcome: 'retest' });
  });
});

describe('other outcomes carry over unchanged', () => {
  it.each(['promoted', 'retained', 'review', null] as const)('%s', (outcome) => {
    const r = summerResultTt22(base({ outcome, academic: 'K', summerConduct: 'T', retest: retest(10, 10) }));
    expect(r).toMatchObject({ outcome, academic: 'K', conduct: 'K', reassessed: false });
  });
});
