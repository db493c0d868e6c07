import { describe, expect, it } from 'vitest';
import { evaluateTt22, type StudentYearInputTt22 } from './evaluate-tt22.ts';
import { tt22LevelRank, type Tt22Level } from './tt22-level.ts';
import { commentSubject, scoredSubject, thcsStudent } from './testing/build-tt22-student.ts';
import { seededRandom } from './testing/seeded-random.ts';

describe('evaluateTt22 — a whole student-year (TT 22/2021, contracts/evaluate.md)', () => {
  it('Ex 4 inside a student: the exact 4.95 → 5.0 keeps the student at Khá', () => {
    const s = thcsStudent([70, 70, 70, 70, 70, 70, 70]);
    const ex4 = { regular: [74, 41, 64], midterm: 26, endOfTerm: 55 };
    s.subjects = [...s.subjects, { subject: 'TIN', kind: 'scored', regularCount: 3, term1: ex4, term2: ex4, retest: null }];
    const r = evaluateTt22(s);
    expect(r.subjects.find((x) => x.subject === 'TIN')).toMatchObject({ term1: 50, term2: 50, year: 50 });
    expect(r.year.academic).toBe('K'); // every ĐTBmcn ≥ 5.0; a float engine (4.9) gives Đạt
  });

  it('Ex 7: Học sinh Xuất sắc, promoted, the rule version on the result', () => {
    const r = evaluateTt22(thcsStudent([90, 94, 92, 91, 84, 90, 93, 78], { conduct: ['K', 'T'] }));
    expect(r.ruleVersion).toBe('TT22_2021@1');
    expect(r.year).toMatchObject({ academic: 'T', conduct: 'T', title: 'XS', outcome: 'promoted', retestSubjects: [] });
    expect(r.final).toMatchObject({ subjects: [], academic: 'T', conduct: 'T', outcome: 'promoted' });
  });

  it('Ex 8: KQRL Khá (HK I Tốt, HK II Đạt) → no title', () => {
    expect(evaluateTt22(thcsStudent([90, 94, 92, 91, 84, 90, 93, 78], { conduct: ['T', 'Đ'] })).year).toMatchObject({
      conduct: 'K',
      title: null,
    });
  });

  it('Ex 9: adjusted to Khá for Tin học; the level before adjustment is kept', () => {
    const r = evaluateTt22(thcsStudent([85, 85, 85, 85, 85, 85, 85, 40]));
    expect(r.year).toMatchObject({ academic: 'K', academicBeforeAdjustment: 'Đ', adjustedFor: 'TIN', title: null, outcome: 'promoted' });
    expect(r.term1).toMatchObject({ academic: 'K', conduct: 'T' });
  });

  it('Ex 10: Tin học 3.0 → Đạt, promoted, no re-assessment', () => {
    const r = evaluateTt22(thcsStudent([85, 85, 85, 85, 85, 85, 85, 30]));
    expect(r.year).toMatchObject({ academic: 'Đ', academicBeforeAdjustment: 'CĐ', outcome: 'promoted', retestSubjects: [] });
  });

  it('Ex 11: Chưa đạt → re-assessment of NN1 and KHTN → Đạt → promoted', () => {
    const r = evaluateTt22(
      thcsStudent([60, 65, 32, 70, 55, 45, 50, 58], { conduct: ['K', 'K'], absences: 12, retest: { NN1: 55, KHTN: 40 } }),
    );
    expect(r.year).toMatchObject({ academic: 'CĐ', conduct: 'K', outcome: 'retest', retestSubjects: ['NN1', 'KHTN'] });
    expect(r.final).toEqual({
      subjects: [
        { subject: 'NN1', kind: 'scored', year: 55 },
        { subject: 'KHTN', kind: 'scored', year: 40 },
      ],
      academic: 'Đ',
      academicBeforeAdjustment: 'Đ',
      adjustedFor: null,
      conduct: 'K',
      outcome: 'promoted',
    });
  });

  it('Ex 12: 46 absences with KQHT and KQRL Tốt → retained, no title', () => {
    const r = evaluateTt22(thcsStudent([90, 94, 92, 91, 84, 90, 93, 78], { absences: 46 }));
    expect(r.year).toMatchObject({ academic: 'T', conduct: 'T', title: null, outcome: 'retained' });
    expect(r.final.outcome).toBe('retained');
  });

  it('Ex 12: conduct HK I Tốt, HK II Chưa đạt → summer training; re-evaluated Đạt → promoted', () => {
    const pending = evaluateTt22(thcsStudent([70, 70, 70, 70, 70, 70, 70, 70], { conduct: ['T', 'CĐ'] }));
    expect(pending.year.outcome).toBe('summerTraining');
    expect(pending.final).toMatchObject({ conduct: 'CĐ', outcome: 'summerTraining' });
    const done = evaluateTt22(thcsStudent([70, 70, 70, 70, 70, 70, 70, 70], { conduct: ['T', 'CĐ'], summer: 'Đ' }));
    expect(done.final).toMatchObject({ conduct: 'Đ', academic: 'K', outcome: 'promoted' });
  });

  it('fewer than 6 scored subjects → no KQHT and outcome "review" (product decision 3)', () => {
    const r = evaluateTt22(thcsStudent([90, 90, 90, 90, 90]));
    expect(r.term1.academic).toBeNull();
    expect(r.year).toMatchObject({ academic: null, academicBeforeAdjustment: null, outcome: 'review', title: null });
    expect(r.final.outcome).toBe('review');
  });

  it('an incomplete term (assessment pending make-up) → null average and null KQHT for that term only', () => {
    const s = thcsStudent([70, 70, 70, 70, 70, 70, 70, 70]);
    const toan = scoredSubject('TOAN', 70, 70);
    toan.term1 = { regular: [70, null, 70], midterm: 70, endOfTerm: 70 };
    s.subjects = s.subjects.map((x) => (x.subject === 'TOAN' ? toan : x));
    const r = evaluateTt22(s);
    expect(r.subjects.find((x) => x.subject === 'TOAN')).toMatchObject({ term1: null, term2: 70, year: null });
    expect(r.term1.academic).toBeNull();
    expect(r.term2.academic).toBe('K');
    expect(r.year).toMatchObject({ academic: null, outcome: null, title: null });
  });

  it('a comment subject: term I incomplete does not block the year (the year is term II)', () => {
    const s = thcsStudent([70, 70, 70, 70, 70, 70, 70, 70]);
    const gdtc = commentSubject('GDTC', 'Đ', 'Đ');
    gdtc.term1 = { regular: ['Đ'], midterm: 'Đ', endOfTerm: 'Đ' };
    s.subjects = s.subjects.map((x) => (x.subject === 'GDTC' ? gdtc : x));
    const r = evaluateTt22(s);
    expect(r.subjects.find((x) => x.subject === 'GDTC')).toMatchObject({ term1: null, term2: 'Đ', year: 'Đ' });
    expect(r.term1.academic).toBeNull();
    expect(r.year.academic).toBe('K');
  });

  it('Điều 10: a student exempted from the practical part keeps the subject (assessed on theory)', () => {
    const s = thcsStudent([70, 70, 70, 70, 70, 70, 70, 70], { comment: ['CĐ', 'CĐ', 'Đ', 'Đ'] });
    s.subjects = s.subjects.map((x) => (x.subject === 'GDTC' ? { ...x, exemptFromPractical: true } : x));
    expect(evaluateTt22(s).year.academic).toBe('CĐ'); // GDTC still counts
  });
});

describe('evaluateTt22 properties (seeded)', () => {
  const rnd = seededRandom(2024);
  const LEVELS: Tt22Level[] = ['T', 'K', 'Đ', 'CĐ'];
  const randomStudent = (): StudentYearInputTt22 => {
    const scoredCount = rnd.int(6, 10);
    const term = (n: number, mean: number) => ({
      regular: Array.from({ length: n }, () => Math.max(0, Math.min(100, mean + rnd.int(-25, 25)))),
      midterm: Math.max(0, Math.min(100, mean + rnd.int(-25, 25))),
      endOfTerm: Math.max(0, Math.min(100, mean + rnd.int(-25, 25))),
    });
    const subjects: StudentYearInputTt22['subjects'][number][] = [];
    for (let i = 0; i < scoredCount; i++) {
      const n = rnd.int(2, 4);
      const mean = rnd.int(30, 95);
      subjects.push({ subject: `S${i}`, kind: 'scored', regularCount: n, term1: term(n, mean), term2: term(n, mean), retest: null });
    }
    for (let i = 0; i < 4; i++) {
      const mark = () => (rnd.chance(1, 40) ? 'CĐ' : 'Đ') as 'Đ' | 'CĐ';
      const t = () => ({ regular: [mark(), mark()], midterm: mark(), endOfTerm: mark() });
      subjects.push({ subject: `C${i}`, kind: 'comment', regularCount: 2, term1: t(), term2: t(), retest: null });
    }
    return {
      id: 'p',
      subjects,
      conduct: { term1: rnd.pick(LEVELS), term2: rnd.pick(LEVELS), summer: null },
      absences: rnd.int(0, 50),
    };
  };
  const rank = (l: Tt22Level | null) => (l === null ? -1 : tt22LevelRank(l));

  it('ĐTBmcn always lies between the two term averages', () => {
    for (let i = 0; i < 3_000; i++) {
      for (const s of evaluateTt22(randomStudent()).subjects) {
        if (s.kind !== 'scored' || s.year === null) continue;
        expect(s.year).toBeGreaterThanOrEqual(Math.min(s.term1!, s.term2!));
        expect(s.year).toBeLessThanOrEqual(Math.max(s.term1!, s.term2!));
      }
    }
  });

  it('raising any single score never lowers any level (terms, year, title)', () => {
    const titleRank = (t: string | null) => (t === 'XS' ? 2 : t === 'G' ? 1 : 0);
    for (let i = 0; i < 3_000; i++) {
      const s = randomStudent();
      const before = evaluateTt22(s);
      const j = rnd.int(0, s.subjects.length - 5);
      const sub = s.subjects[j];
      if (sub.kind !== 'scored' || sub.term1 === null || sub.term2 === null) continue;
      const which = rnd.pick(['term1', 'term2'] as const);
      const t = sub[which]!;
      const k = rnd.int(0, t.regular.length + 1);
      const up = (v: number | null) => Math.min(100, (v ?? 0) + rnd.int(1, 30));
      const raisedTerm =
        k < t.regular.length
          ? { ...t, regular: t.regular.map((v, x) => (x === k ? up(v) : v)) }
          : k === t.regular.length
            ? { ...t, midterm: up(t.midterm) }
            : { ...t, endOfTerm: up(t.endOfTerm) };
      const raised = { ...s, subjects: s.subjects.map((x, y) => (y === j ? { ...sub, [which]: raisedTerm } : x)) };
      const after = evaluateTt22(raised);
      for (const key of ['term1', 'term2', 'year'] as const) {
        expect(rank(after[key].academic)).toBeGreaterThanOrEqual(rank(before[key].academic));
        expect(rank(after[key].academicBeforeAdjustment)).toBeGreaterThanOrEqual(rank(before[key].academicBeforeAdjustment));
      }
      expect(titleRank(after.year.title)).toBeGreaterThanOrEqual(titleRank(before.year.title));
    }
  });

  it('the outcome is consistent with the levels', () => {
    for (let i = 0; i < 3_000; i++) {
      const s = randomStudent();
      const r = evaluateTt22(s);
      if (s.absences > 45) expect(r.year.outcome).toBe('retained');
      if (r.year.outcome === 'promoted') {
        expect(rank(r.year.academic)).toBeGreaterThanOrEqual(1);
        expect(rank(r.year.conduct)).toBeGreaterThanOrEqual(1);
      }
      if (r.year.title !== null) expect(r.year.outcome).toBe('promoted');
      if (r.year.retestSubjects.length > 0) expect(r.year.academic).toBe('CĐ');
      if (r.year.academic === 'CĐ') expect(r.year.retestSubjects.length).toBeGreaterThan(0);
    }
  });
});
