import { describe, expect, it } from 'vitest';
import { ZStudentInput } from '../../shared/student.ts';
import { findProgrammeSubject } from '../../domain/programme/programme-2018.ts';
import {
  FAMILY_NAME_WEIGHTS,
  PROVINCES_2025,
  createDemoIdRegistry,
  createRandom,
  generateStudents,
  generateTeachers,
  personalIdPrefix,
} from './demo-people.ts';

const isNfc = (s: string) => s === s.normalize('NFC');

describe('createRandom', () => {
  it('is deterministic per seed and different between seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    for (const x of xs) expect(x >= 0 && x < 1).toBe(true);
  });

  it('int stays in range and reaches both ends', () => {
    const r = createRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(r.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('weighted follows the weights', () => {
    const r = createRandom(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy / 10_000).toBeGreaterThan(0.87);
    expect(heavy / 10_000).toBeLessThan(0.93);
  });
});

describe('personalIdPrefix (CCCD structure)', () => {
  it.each([
    ['01', 'male', 2014, '001214'],
    ['01', 'female', 2014, '001314'],
    ['79', 'male', 1985, '079085'],
    ['79', 'female', 1999, '079199'],
    ['96', 'female', 2009, '096309'],
  ] as const)('province %s, %s, born %i → %s', (province, sex, year, prefix) => {
    expect(personalIdPrefix(province, sex, year)).toBe(prefix);
  });
});

describe('generateStudents', () => {
  const students = generateStudents(600, { seed: 2025, birthYear: 2014 });

  it('is deterministic', () => {
    expect(generateStudents(600, { seed: 2025, birthYear: 2014 })).toEqual(students);
    expect(generateStudents(5, { seed: 2026, birthYear: 2014 })).not.toEqual(students.slice(0, 5));
    expect(generateStudents(0, { seed: 1, birthYear: 2014 })).toEqual([]);
  });

  it('every student is a valid StudentInput with NFC text', () => {
    for (const s of students) {
      expect(ZStudentInput.parse(s)).toEqual(s);
      for (const text of [s.familyName, s.middleName, s.givenName, s.placeOfBirth, s.ethnicity, s.address, ...s.guardians.map((g) => g.fullName)]) {
        expect(isNfc(text)).toBe(true);
      }
    }
  });

  it('dates of birth fall in the birth year', () => {
    for (const s of students) expect(s.dateOfBirth.startsWith('2014-')).toBe(true);
  });

  it('personal IDs follow the CCCD structure and match place of birth, sex and year', () => {
    for (const s of students) {
      const province = PROVINCES_2025.find(([, name]) => name === s.placeOfBirth);
      expect(province, s.placeOfBirth).toBeDefined();
      expect(s.nationalId).toMatch(/^\d{12}$/);
      expect(s.nationalId!.slice(0, 3)).toBe(`0${province![0]}`);
      expect(s.nationalId![3]).toBe(s.sex === 'male' ? '2' : '3');
      expect(s.nationalId!.slice(4, 6)).toBe('14');
    }
  });

  it('personal IDs and MOET codes are unique, also across calls sharing a registry', () => {
    const registry = createDemoIdRegistry();
    const many = [1, 2, 3, 4, 5, 6, 7, 8].flatMap((seed) => generateStudents(200, { seed, birthYear: 2012, registry }));
    expect(new Set(many.map((s) => s.nationalId)).size).toBe(many.length);
    expect(new Set(many.map((s) => s.studentCode)).size).toBe(many.length);
    for (const s of many) expect(s.studentCode).toMatch(/^\d{10}$/);
  });

  it('family names have realistic frequencies: Nguyễn most common, then Trần and Lê', () => {
    const counts = new Map<string, number>();
    for (const s of generateStudents(5000, { seed: 9, birthYear: 2010 })) counts.set(s.familyName, (counts.get(s.familyName) ?? 0) + 1);
    const nguyen = (counts.get('Nguyễn') ?? 0) / 5000;
    expect(nguyen).toBeGreaterThan(0.28);
    expect(nguyen).toBeLessThan(0.38);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([n]) => n);
    expect(ranked.slice(0, 3)).toEqual(['Nguyễn', 'Trần', 'Lê']);
    expect(FAMILY_NAME_WEIGHTS[0][0]).toBe('Nguyễn');
  });

  it('middle names follow the sex, most pupils are Kinh, most were born in Hà Nội', () => {
    const boys = students.filter((s) => s.sex === 'male');
    const girls = students.filter((s) => s.sex === 'female');
    expect(boys.length).toBeGreaterThan(240);
    expect(girls.length).toBeGreaterThan(240);
    expect(boys.some((s) => s.middleName.split(' ').includes('Thị'))).toBe(false);
    expect(girls.some((s) => s.middleName.split(' ').includes('Văn'))).toBe(false);
    const kinh = students.filter((s) => s.ethnicity === 'Kinh').length / students.length;
    expect(kinh).toBeGreaterThan(0.8);
    expect(kinh).toBeLessThan(0.95);
    expect(new Set(students.map((s) => s.ethnicity)).size).toBeGreaterThan(3);
    const hanoi = students.filter((s) => s.placeOfBirth === 'Thành phố Hà Nội').length / students.length;
    expect(hanoi).toBeGreaterThan(0.55);
    expect(new Set(students.map((s) => s.placeOfBirth)).size).toBeGreaterThan(8);
  });

  it('guardians: at least one per pupil, phone numbers 09xxxxxxxx, father shares the family name', () => {
    for (const s of students) {
      expect(s.guardians.length).toBeGreaterThanOrEqual(1);
      for (const g of s.guardians) {
        if (g.phone !== null) expect(g.phone).toMatch(/^09\d{8}$/);
        expect(g.birthYear).toBeLessThan(2014 - 20);
      }
      const father = s.guardians.find((g) => g.relation === 'father');
      if (father) expect(father.fullName.split(' ')[0]).toBe(s.familyName);
      if (s.phone !== null) expect(s.phone).toMatch(/^09\d{8}$/);
    }
  });
});

describe('generateTeachers', () => {
  const teachers = generateTeachers(60, { seed: 3 });

  it('is deterministic and NFC', () => {
    expect(generateTeachers(60, { seed: 3 })).toEqual(teachers);
    for (const t of teachers) {
      for (const text of [t.familyName, t.middleName, t.givenName]) expect(isNfc(text)).toBe(true);
      expect(t.familyName).not.toBe('');
      expect(t.givenName).not.toBe('');
    }
  });

  it('are adults of working age with a subject of the THCS programme', () => {
    for (const t of teachers) {
      const year = Number(t.dateOfBirth.slice(0, 4));
      expect(t.dateOfBirth).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(year).toBeGreaterThanOrEqual(1968);
      expect(year).toBeLessThanOrEqual(2001);
      expect(findProgrammeSubject(7, t.subjectSpeciality!), t.subjectSpeciality).toBeDefined();
    }
    const women = teachers.filter((t) => t.sex === 'female').length / teachers.length;
    expect(women).toBeGreaterThan(0.5);
  });
});
