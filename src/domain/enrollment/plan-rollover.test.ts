import { describe, expect, it } from 'vitest';
import { planRollover, successorClassName } from './plan-rollover.ts';

describe('successor class names (6A1 → 7A1)', () => {
  it.each([
    ['6A1', 6, 7, '7A1'],
    ['9A2', 9, 10, '10A2'],
    ['10 Chuyên Toán', 10, 11, '11 Chuyên Toán'],
    ['A1', 6, 7, null],
    ['7A1', 6, 7, null],
  ])('%s (grade %i → %i) → %s', (name, from, to, expected) => {
    expect(successorClassName(name, from, to)).toBe(expected);
  });
});

describe('year rollover plan (S4)', () => {
  const enrollments = [
    { enrollmentId: 'e1', studentId: 's1', fullName: 'An', classId: 'c6a1', className: '6A1', grade: 6 },
    { enrollmentId: 'e2', studentId: 's2', fullName: 'Bình', classId: 'c6a1', className: '6A1', grade: 6 },
    { enrollmentId: 'e3', studentId: 's3', fullName: 'Chi', classId: 'c9a1', className: '9A1', grade: 9 },
    { enrollmentId: 'e4', studentId: 's4', fullName: 'Dũng', classId: 'c9a1', className: '9A1', grade: 9 },
  ];
  const targetClasses = [
    { id: 'n7a1', name: '7A1', grade: 7 },
    { id: 'n6a1', name: '6A1', grade: 6 },
    { id: 'n9a1', name: '9A1', grade: 9 },
  ];

  it('promotes to the next grade, keeps the retained, graduates the last grade', () => {
    const plan = planRollover({ enrollments, targetClasses, retainedStudentIds: new Set(['s2', 's4']), lastGrade: 9 });
    expect(plan.problems).toEqual([]);
    expect(plan.moves.map((m) => [m.studentId, m.action, m.toClassName])).toEqual([
      ['s1', 'promoted', '7A1'],
      ['s2', 'retained', '6A1'],
      ['s3', 'graduated', null],
      ['s4', 'retained', '9A1'],
    ]);
  });

  it('reports a missing target class instead of guessing', () => {
    const plan = planRollover({ enrollments, targetClasses: [], retainedStudentIds: new Set(), lastGrade: 9 });
    expect(plan.moves[0].toClassId).toBeNull();
    expect(plan.problems[0]).toContain('Chưa có lớp khối 7');
  });

  it('an explicit class map wins, but never into the wrong grade', () => {
    const ok = planRollover({ enrollments: [enrollments[0]], targetClasses: [...targetClasses, { id: 'n7a2', name: '7A2', grade: 7 }], retainedStudentIds: new Set(), lastGrade: 9, classMap: { c6a1: 'n7a2' } });
    expect(ok.moves[0].toClassName).toBe('7A2');
    const wrong = planRollover({ enrollments: [enrollments[0]], targetClasses, retainedStudentIds: new Set(), lastGrade: 9, classMap: { c6a1: 'n9a1' } });
    expect(wrong.moves[0].toClassId).toBeNull();
    expect(wrong.problems.join(' ')).toContain('không nhận học sinh khối 7');
  });
});
