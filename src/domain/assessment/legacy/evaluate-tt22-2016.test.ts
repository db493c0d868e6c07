import { describe, expect, it } from 'vitest';
import { evaluateTt22_2016, type StudentYearInputTt22_2016 } from './evaluate-tt22-2016.ts';

const base: StudentYearInputTt22_2016 = {
  id: 'old1',
  subjects: [
    { subject: 'TV', level: 'T', test: 9 },
    { subject: 'TOAN', level: 'T', test: 10 },
    { subject: 'TD', level: 'T', test: null },
  ],
  qualities: ['T', 'T', 'T', 'T'],
  competences: ['T', 'T', 'T'],
  nominated: false,
};

describe('TT 30/2014 + TT 22/2016 — completion and awards of old primary records', () => {
  it('all HTT, all Tốt, tests ≥ 9 → completed, award (a)', () => {
    expect(evaluateTt22_2016(base)).toEqual({ id: 'old1', ruleVersion: 'TT22_2016@1', completed: true, award: 'XS' });
  });
  it('a test of 8 → completed; award (b) only when nominated', () => {
    const b = { ...base, subjects: [{ subject: 'TV', level: 'H' as const, test: 8 }] };
    expect(evaluateTt22_2016(b)).toMatchObject({ completed: true, award: null });
    expect(evaluateTt22_2016({ ...b, nominated: true })).toMatchObject({ award: 'TB' });
  });
  it.each([
    ['a subject CHT', { subjects: [{ subject: 'TV', level: 'C' as const, test: 6 }] }],
    ['a test below 5', { subjects: [{ subject: 'TV', level: 'H' as const, test: 4 }] }],
    ['a competence Cần cố gắng', { competences: ['T', 'C', 'T'] as const }],
  ])('%s → not completed', (_name, over) => {
    expect(evaluateTt22_2016({ ...base, ...over } as StudentYearInputTt22_2016).completed).toBe(false);
  });
});
