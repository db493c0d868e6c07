import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  findProgrammeSubject,
  programme2018,
  programmeGrade,
  subjectsForGrade,
  templateRegularCount,
  type PrimaryProgrammeSubject,
  type SecondaryProgrammeSubject,
} from './programme-2018.ts';

const grades = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const periods = (grade: number, code: string) => findProgrammeSubject(grade, code)?.periodsPerYear;

describe('shape of the template', () => {
  it('has grades 1–12 in order', () => {
    expect(programme2018.map((g) => g.grade)).toEqual(grades);
  });

  it.each(grades)('grade %i has subjects with unique ASCII upper-case codes and NFC names', (grade) => {
    const subjects = subjectsForGrade(grade);
    expect(subjects.length).toBeGreaterThanOrEqual(9);
    const codes = subjects.map((s) => s.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const s of subjects) {
      expect(s.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(s.name).toBe(s.name.normalize('NFC'));
      expect(s.periodsPerYear).toBeGreaterThan(0);
      expect(s.compulsory).toBe(s.elective === null);
    }
  });

  it.each([
    [1, 'primary', 'TT27_2020'],
    [5, 'primary', 'TT27_2020'],
    [6, 'lowerSecondary', 'TT22_2021'],
    [9, 'lowerSecondary', 'TT22_2021'],
    [10, 'upperSecondary', 'TT22_2021'],
    [12, 'upperSecondary', 'TT22_2021'],
  ])('grade %i is %s under %s', (grade, level, regime) => {
    expect(programmeGrade(grade)).toMatchObject({ level, regime });
  });

  it.each([0, 13, 6.5])('grade %s is rejected', (grade) => {
    expect(() => subjectsForGrade(grade)).toThrow(RangeError);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(programme2018)).toBe(true);
    expect(Object.isFrozen(subjectsForGrade(6)[0])).toBe(true);
  });
});

describe('codes match the rules engine golden files', () => {
  const goldenCodes = (file: string) => {
    const input = JSON.parse(readFileSync(new URL(`../../../test/golden/${file}`, import.meta.url), 'utf8')) as {
      students: { subjects: { subject: string; kind?: string }[] }[];
    };
    const map = new Map<string, string | undefined>();
    for (const st of input.students) for (const sub of st.subjects) map.set(sub.subject, sub.kind);
    return map;
  };

  it.each([
    ['tt27-grade1.input.json', 1],
    ['tt27-grade3.input.json', 3],
    ['tt27-grade5.input.json', 5],
    ['tt22-grade6.input.json', 6],
    ['tt22-grade9.input.json', 9],
    ['tt22-grade10.input.json', 10],
    ['tt22-grade12.input.json', 12],
  ])('%s: every code exists in grade %i with the same kind', (file, grade) => {
    for (const [code, kind] of goldenCodes(file)) {
      const subject = findProgrammeSubject(grade, code);
      expect(subject, code).toBeDefined();
      if (kind !== undefined) expect(subject!.assessmentKind, code).toBe(kind);
    }
  });
});

describe('primary (TT 27/2020) — Chương trình GDPT 2018 periods per year', () => {
  it.each([
    ['TV', [420, 350, 245, 245, 245]],
    ['TOAN', [105, 175, 175, 175, 175]],
    ['DAODUC', [35, 35, 35, 35, 35]],
    ['GDTC', [70, 70, 70, 70, 70]],
    ['NT', [70, 70, 70, 70, 70]],
    ['HDTN', [105, 105, 105, 105, 105]],
    ['TNXH', [70, 70, 70, undefined, undefined]],
    ['LSDL', [undefined, undefined, undefined, 70, 70]],
    ['KH', [undefined, undefined, undefined, 70, 70]],
    ['THCN', [undefined, undefined, 70, 70, 70]],
    ['NN1', [70, 70, 140, 140, 140]],
  ])('%s: %j', (code, expected) => {
    expect([1, 2, 3, 4, 5].map((g) => periods(g, code))).toEqual(expected);
  });

  it.each([
    [1, 875],
    [2, 875],
    [3, 980],
    [4, 1050],
    [5, 1050],
  ])('grade %i: compulsory total %i periods', (grade, total) => {
    const sum = subjectsForGrade(grade)
      .filter((s) => s.compulsory)
      .reduce((acc, s) => acc + s.periodsPerYear, 0);
    expect(sum).toBe(total);
  });

  it('every primary subject is rated by level', () => {
    for (const g of [1, 2, 3, 4, 5]) {
      for (const s of subjectsForGrade(g)) expect(s.assessmentKind).toBe('primaryLevel');
    }
  });

  const tested = (grade: number) =>
    (subjectsForGrade(grade) as PrimaryProgrammeSubject[]).filter((s) => s.hasPeriodicTest).map((s) => s.code).sort();

  it.each([
    [1, ['TOAN', 'TV']],
    [2, ['TOAN', 'TV']],
    [3, ['NN1', 'THCN', 'TOAN', 'TV']],
    [4, ['KH', 'LSDL', 'NN1', 'THCN', 'TOAN', 'TV']],
    [5, ['KH', 'LSDL', 'NN1', 'THCN', 'TOAN', 'TV']],
  ])('grade %i: subjects with a periodic test (RULES.md §2.2) %j', (grade, codes) => {
    expect(tested(grade)).toEqual(codes);
  });

  it.each([
    [1, 'TV', ['term1End', 'yearEnd']],
    [3, 'NN1', ['term1End', 'yearEnd']],
    [4, 'TV', ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd']],
    [5, 'TOAN', ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd']],
    [5, 'KH', ['term1End', 'yearEnd']],
    [4, 'DAODUC', []],
  ])('grade %i %s is tested at %j', (grade, code, points) => {
    expect((findProgrammeSubject(grade, code) as PrimaryProgrammeSubject).periodicTestPoints).toEqual(points);
  });

  it('Ngoại ngữ 1 is optional in grades 1–2 and compulsory from grade 3', () => {
    expect(findProgrammeSubject(1, 'NN1')).toMatchObject({ compulsory: false, elective: 'optional' });
    expect(findProgrammeSubject(3, 'NN1')).toMatchObject({ compulsory: true, elective: null });
  });
});

describe('THCS (grades 6–9, TT 22/2021)', () => {
  it.each([
    ['NV', 140],
    ['TOAN', 140],
    ['NN1', 105],
    ['GDCD', 35],
    ['LSDL', 105],
    ['KHTN', 140],
    ['TIN', 35],
    ['GDTC', 70],
    ['NT', 70],
    ['HDTN', 105],
    ['GDDP', 35],
  ])('%s has %i periods in every grade', (code, n) => {
    expect([6, 7, 8, 9].map((g) => periods(g, code))).toEqual([n, n, n, n]);
  });

  it('Công nghệ: 35 periods in grades 6–7, 52 in grades 8–9', () => {
    expect([6, 7, 8, 9].map((g) => periods(g, 'CN'))).toEqual([35, 35, 52, 52]);
  });

  it.each([
    [6, 1015],
    [7, 1015],
    [8, 1032],
    [9, 1032],
  ])('grade %i: compulsory total %i periods', (grade, total) => {
    const sum = subjectsForGrade(grade)
      .filter((s) => s.compulsory)
      .reduce((acc, s) => acc + s.periodsPerYear, 0);
    expect(sum).toBe(total);
  });

  it.each([6, 7, 8, 9])('grade %i: comment-only exactly GDTC, NT, HDTN, GDDP (TT 22 Đ5)', (grade) => {
    const comment = subjectsForGrade(grade)
      .filter((s) => s.assessmentKind === 'comment')
      .map((s) => s.code)
      .sort();
    expect(comment).toEqual(['GDDP', 'GDTC', 'HDTN', 'NT']);
    const scoredCompulsory = subjectsForGrade(grade)
      .filter((s) => s.assessmentKind === 'scored' && s.compulsory)
      .map((s) => s.code)
      .sort();
    expect(scoredCompulsory).toEqual(['CN', 'GDCD', 'KHTN', 'LSDL', 'NN1', 'NV', 'TIN', 'TOAN']);
  });
});

describe('THPT (grades 10–12, TT 22/2021 + TT 13/2022)', () => {
  const byGroup = (grade: number, elective: string | null) =>
    subjectsForGrade(grade)
      .filter((s) => s.elective === elective)
      .map((s) => s.code)
      .sort();

  it.each([10, 11, 12])('grade %i groups', (grade) => {
    expect(byGroup(grade, null)).toEqual(['GDDP', 'GDQPAN', 'GDTC', 'HDTN', 'LS', 'NN1', 'NV', 'TOAN']);
    expect(byGroup(grade, 'thptChoice')).toEqual(['AMNHAC', 'CN', 'DIA', 'GDKTPL', 'HOA', 'LI', 'MYTHUAT', 'SINH', 'TIN']);
    expect(byGroup(grade, 'optional')).toEqual(['NN2', 'TDTTS']);
    expect(byGroup(grade, 'learningTopicCluster')).toHaveLength(12);
  });

  it.each([
    ['NV', 105],
    ['TOAN', 105],
    ['NN1', 105],
    ['LS', 52],
    ['GDTC', 70],
    ['GDQPAN', 35],
    ['HDTN', 105],
    ['GDDP', 35],
    ['LI', 70],
    ['DIA', 70],
    ['AMNHAC', 70],
    ['CDHT_TOAN', 35],
  ])('%s has %i periods', (code, n) => {
    expect([10, 11, 12].map((g) => periods(g, code))).toEqual([n, n, n]);
  });

  it('comment-only: GDTC, HDTN, GDDP, Âm nhạc, Mĩ thuật and their clusters', () => {
    const comment = subjectsForGrade(11)
      .filter((s) => s.assessmentKind === 'comment')
      .map((s) => s.code)
      .sort();
    expect(comment).toEqual(['AMNHAC', 'CDHT_AMNHAC', 'CDHT_MYTHUAT', 'GDDP', 'GDTC', 'HDTN', 'MYTHUAT']);
  });

  it('every cluster points at a subject of the same grade and kind', () => {
    for (const s of subjectsForGrade(10) as SecondaryProgrammeSubject[]) {
      if (s.elective !== 'learningTopicCluster') {
        expect(s.learningTopicClusterOf).toBeNull();
        continue;
      }
      const parent = findProgrammeSubject(10, s.learningTopicClusterOf!);
      expect(parent?.assessmentKind).toBe(s.assessmentKind);
      expect(s.code).toBe(`CDHT_${parent!.code}`);
    }
  });
});

describe('golden regularCount agrees with the template periods', () => {
  // The golden inputs give Công nghệ grades 6–7 three ĐĐGtx, but the programme has 35 periods
  // there (→ 2 under TT 22 Đ6). regularCount is an input of the engine, so this is only noted.
  const knownDifferences = new Set(['6:CN', '7:CN']);
  it.each([6, 7, 8, 9, 10, 11, 12])('tt22-grade%i', (grade) => {
    const input = JSON.parse(
      readFileSync(new URL(`../../../test/golden/tt22-grade${grade}.input.json`, import.meta.url), 'utf8'),
    ) as { students: { subjects: { subject: string; regularCount: number }[] }[] };
    for (const st of input.students) {
      for (const sub of st.subjects) {
        if (knownDifferences.has(`${grade}:${sub.subject}`)) continue;
        expect(templateRegularCount(grade, sub.subject), `${grade} ${sub.subject}`).toBe(sub.regularCount);
      }
    }
  });
});

describe('templateRegularCount (uses the rules engine requiredRegularCount)', () => {
  it.each([
    [6, 'TOAN', {}, 4],
    [6, 'GDCD', {}, 2],
    [6, 'CN', {}, 2],
    [8, 'CN', {}, 3],
    [6, 'NT', {}, 3],
    [10, 'LS', {}, 3],
    [10, 'LI', {}, 3],
    [10, 'LI', { learningTopicCluster: true }, 4],
    [10, 'GDQPAN', {}, 2],
    [10, 'NV', {}, 4],
    [10, 'CDHT_TOAN', {}, null],
    [3, 'TV', {}, null],
    [6, 'NOPE', {}, null],
  ])('grade %i %s %j → %s', (grade, code, options, expected) => {
    expect(templateRegularCount(grade, code, options)).toBe(expected);
  });
});
