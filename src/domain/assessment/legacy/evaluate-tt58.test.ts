import { describe, expect, it } from 'vitest';
import { evaluateTt58, type SubjectInputTt58 } from './evaluate-tt58.ts';

const tt26Subject = (subject: string, avg: number, retest: number | null = null): SubjectInputTt58 => ({
  subject,
  kind: 'scored',
  regularCount: 2,
  term1: { regular: [avg, avg], midterm: avg, endOfTerm: avg },
  term2: { regular: [avg, avg], midterm: avg, endOfTerm: avg },
  retest,
});

describe('evaluateTt58 — a historical year (display and print of old học bạ)', () => {
  it('TT 58 + TT 26: averages, học lực Giỏi, hạnh kiểm Tốt → Học sinh Giỏi, promoted', () => {
    const r = evaluateTt58({
      id: 'h1',
      variant: 'TT58_TT26',
      subjects: [
        ...['TOAN', 'NV', 'NN1', 'LI', 'HOA', 'SINH', 'SU', 'DIA'].map((s) => tt26Subject(s, 85)),
        { subject: 'TD', kind: 'comment', term1: 'Đ', term2: 'Đ', year: null, retest: null },
      ],
      conduct: { term1: 'T', term2: 'T', year: 'T' },
      absences: 3,
    });
    expect(r.ruleVersion).toBe('TT58_TT26@1');
    expect(r.year).toMatchObject({ overallAverage: 85, academic: 'G', conduct: 'T', title: 'HSG', outcome: 'promoted' });
    expect(r.term1.title).toBe('HSG');
    expect(r.subjects[0]).toEqual({ subject: 'TOAN', term1: 85, term2: 85, year: 85 });
  });

  it('TT 58 original: coefficient groups; Yếu → re-test; the re-test score replaces ĐTBmcn', () => {
    const old = (subject: string, v: number, retest: number | null = null): SubjectInputTt58 => ({
      subject,
      kind: 'scored',
      term1: { regular: [v, v, v], periodic: [v, v], endOfTerm: v },
      term2: { regular: [v, v, v], periodic: [v, v], endOfTerm: v },
      retest,
    });
    const input = {
      id: 'h2',
      variant: 'TT58_2011' as const,
      subjects: [old('TOAN', 30, 60), old('NV', 40, 55), ...['LI', 'HOA', 'SINH', 'SU', 'DIA', 'GDCD'].map((s) => old(s, 60))],
      conduct: { term1: 'K' as const, term2: 'K' as const, year: 'K' as const },
      absences: 0,
    };
    const r = evaluateTt58(input);
    expect(r.ruleVersion).toBe('TT58_2011@1');
    expect(r.year).toMatchObject({ academic: 'Y', outcome: 'retest' });
    expect(r.final).toEqual({ academic: 'TB', outcome: 'promoted' });
  });
});
