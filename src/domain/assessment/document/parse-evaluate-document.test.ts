import { describe, expect, it } from 'vitest';
import { parseEvaluateDocument } from './parse-evaluate-document.ts';
import { evaluateText } from './evaluate-document.ts';

const scored = (over: Record<string, unknown> = {}) => ({
  subject: 'TOAN',
  kind: 'scored',
  regularCount: 3,
  term1: { regular: [8, 9, 7.5], midterm: 7.5, endOfTerm: 8 },
  term2: { regular: [8, 8, 9], midterm: 8.5, endOfTerm: 9 },
  retest: null,
  ...over,
});
const doc = (subjects: unknown[], over: Record<string, unknown> = {}) => ({
  regime: 'TT22_2021',
  grade: 7,
  students: [{ id: 's17', subjects, conduct: { term1: 'T', term2: 'K', summer: null }, absences: 3, ...over }],
});
const errors = (value: unknown) => {
  const r = parseEvaluateDocument(value);
  return r.ok ? [] : r.errors;
};

describe('evaluate input validation — errors name student, subject and field', () => {
  it.each([
    ['a score above 10', doc([scored({ term1: { regular: [8, 9, 10.5], midterm: 7, endOfTerm: 8 } })]), 's17 TOAN term1.regular[2]: 10.5 is above 10'],
    ['a negative score', doc([scored({ term2: { regular: [8, 9, 7], midterm: -1, endOfTerm: 8 } })]), 's17 TOAN term2.midterm: -1 is below 0'],
    ['two decimals', doc([scored({ term1: { regular: [8, 9, 7], midterm: 7, endOfTerm: 8.25 } })]), 's17 TOAN term1.endOfTerm: 8.25 has more than one decimal'],
    ['a string score', doc([scored({ term1: { regular: ['8', 9, 7], midterm: 7, endOfTerm: 8 } })]), 's17 TOAN term1.regular[0]: "8" is not a score (a number from 0 to 10 with at most one decimal)'],
    ['a mark in a scored subject', doc([scored({ retest: 'Đ' })]), 's17 TOAN retest: "Đ" is not a score (a number from 0 to 10 with at most one decimal)'],
    ['a score in a comment subject', doc([scored({ subject: 'GDTC', kind: 'comment', term1: { regular: ['Đ', 'Đ', 'Đ'], midterm: 8, endOfTerm: 'Đ' }, term2: { regular: ['Đ', 'Đ', 'Đ'], midterm: 'Đ', endOfTerm: 'Đ' } })]), 's17 GDTC term1.midterm: 8 is not one of "Đ", "CĐ"'],
    ['an unknown kind', doc([scored({ kind: 'graded' })]), 's17 TOAN kind: "graded" is not one of "scored", "comment"'],
    ['a bad regularCount', doc([scored({ regularCount: 2.5 })]), 's17 TOAN regularCount: 2.5 is not an integer'],
    ['an unknown conduct level', doc([scored()], { conduct: { term1: 'Tốt', term2: 'K', summer: null } }), 's17 conduct.term1: "Tốt" is not one of "T", "K", "Đ", "CĐ"'],
    ['negative absences', doc([scored()], { absences: -2 }), 's17 absences: -2 is not between 0 and 1000'],
    ['a duplicate subject', doc([scored(), scored()]), 's17 TOAN subject: duplicate subject'],
    ['a missing midterm key', doc([scored({ term1: { regular: [8, 9, 7], endOfTerm: 8 } })]), 's17 TOAN term1.midterm: missing (use null when not assessed yet)'],
  ])('%s', (_name, value, message) => {
    expect(errors(value)).toContain(message);
  });

  it.each([
    [{ regime: 'TT99', grade: 7, students: [] }, 'regime: "TT99" is not a known regime ("TT22_2021", "TT27_2020")'],
    [{ regime: 'TT22_2021', grade: 5, students: [] }, 'grade: 5 is not between 6 and 12'],
    [{ regime: 'TT27_2020', grade: 3, students: {} }, 'students: an object is not an array'],
    [[], 'input: an array is not an object { regime, grade, students }'],
  ])('document level: %j', (value, message) => {
    expect(errors(value)).toContain(message);
  });

  it('TT 27: integer tests 0–10, five qualities, known levels', () => {
    const p = (over: Record<string, unknown>) => ({
      regime: 'TT27_2020',
      grade: 2,
      students: [{ id: 'p1', subjects: [{ subject: 'TV', level: 'T', test: 9 }], qualities: ['T', 'T', 'T', 'T', 'T'], competences: ['T'], nominated: false, ...over }],
    });
    expect(errors(p({ subjects: [{ subject: 'TV', level: 'T', test: 8.5 }] }))).toContain('p1 TV test: 8.5 is not an integer score from 0 to 10');
    expect(errors(p({ subjects: [{ subject: 'TV', level: 'T', test: 11 }] }))).toContain('p1 TV test: 11 is above 10');
    expect(errors(p({ subjects: [{ subject: 'TV', level: 'HT', test: 9 }] }))).toContain('p1 TV level: "HT" is not one of "T", "H", "C"');
    expect(errors(p({ qualities: ['T', 'T'] }))).toContain('p1 qualities: has 2 entries (expected 5)');
    expect(errors(p({ nominated: 'yes' }))).toContain('p1 nominated: "yes" is not true or false');
    expect(errors(p({ subjects: [{ subject: 'TV', level: 'T', test: 0 }] }))).toEqual([]);
  });

  it('scores become exact tenths through their text; null marks a pending assessment', () => {
    const r = parseEvaluateDocument(doc([scored({ term1: { regular: [7.4, 4.1, null], midterm: 2.6, endOfTerm: 5.5 } })]));
    expect(r.ok && r.document.regime === 'TT22_2021' && r.document.students[0].subjects[0].term1).toEqual({
      regular: [74, 41, null],
      midterm: 26,
      endOfTerm: 55,
    });
  });

  it('accepts decomposed Unicode (NFD) codes and normalises them', () => {
    const nfd = doc([scored()], { conduct: { term1: 'CĐ'.normalize('NFD'), term2: 'Đ', summer: null } });
    expect(errors(nfd)).toEqual([]);
  });
});

describe('evaluateText — the output document', () => {
  it('prints one-decimal numbers exactly (8.0, not 8) and the contract fields', () => {
    const ex1 = { regular: [8, 9, 7.5, 8.5], midterm: 7.5, endOfTerm: 8 }; // RULES.md §7 Ex 1 → 8.0
    const r = evaluateText(JSON.stringify(doc([scored(), scored({ subject: 'NV', regularCount: 4, term1: ex1, term2: ex1 })])));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.output).toContain('"term1": 8.0');
    const out = JSON.parse(r.output);
    // TOAN: 63.5/8 = 7.9375 → 7.9; 69/8 = 8.625 → 8.6; (7.9 + 17.2)/3 = 8.366… → 8.4
    expect(out.students[0].subjects).toEqual([
      { subject: 'TOAN', term1: 7.9, term2: 8.6, year: 8.4 },
      { subject: 'NV', term1: 8, term2: 8, year: 8 },
    ]);
    expect(out.students[0].year.outcome).toBe('review');
  });

  it('reports invalid JSON', () => {
    const r = evaluateText('{ "regime": ');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^input: not valid JSON/);
  });
});
