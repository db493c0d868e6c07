import { describe, expect, it } from 'vitest';
import { evaluateTt27, type StudentYearInputTt27 } from './evaluate-tt27.ts';

const P1: StudentYearInputTt27 = {
  id: 'p1',
  subjects: [
    { subject: 'TV', level: 'T', test: 9 },
    { subject: 'TOAN', level: 'T', test: 10 },
    { subject: 'NN1', level: 'T', test: 9 },
    { subject: 'LSDL', level: 'T', test: 9 },
    { subject: 'KH', level: 'T', test: 10 },
    { subject: 'THCN', level: 'T', test: 9 },
    { subject: 'DAODUC', level: 'T', test: null },
    { subject: 'HDTN', level: 'T', test: null },
  ],
  qualities: ['T', 'T', 'T', 'T', 'T'],
  competences: Array(10).fill('T'),
  nominated: false,
};

describe('evaluateTt27 — TT 27/2020 level, award and completion', () => {
  it('P1: HTXS → Học sinh Xuất sắc, completed', () => {
    expect(evaluateTt27(P1)).toEqual({ id: 'p1', ruleVersion: 'TT27_2020@1', level: 'HTXS', award: 'XS', completed: true });
  });
  it('P2: Toán 8 → HTT; Học sinh Tiêu biểu only when nominated and recognised', () => {
    const p2 = { ...P1, subjects: P1.subjects.map((s) => (s.subject === 'TOAN' ? { ...s, test: 8 } : s)) };
    expect(evaluateTt27(p2)).toMatchObject({ level: 'HTT', award: null, completed: true });
    expect(evaluateTt27({ ...p2, nominated: true })).toMatchObject({ level: 'HTT', award: 'TB' });
  });
  it('P5: CHT → completion left to the principal (null), no award', () => {
    const p5 = { ...P1, subjects: P1.subjects.map((s) => (s.subject === 'TOAN' ? { ...s, level: 'C' as const, test: 4 } : s)) };
    expect(evaluateTt27(p5)).toMatchObject({ level: 'CHT', award: null, completed: null });
  });
  it('a test of 0 is a valid score (TT 27 removed the no-zero rule) → CHT', () => {
    const zero = { ...P1, subjects: P1.subjects.map((s) => (s.subject === 'TV' ? { ...s, test: 0 } : s)) };
    expect(evaluateTt27(zero).level).toBe('CHT');
  });
});
