import { describe, expect, it } from 'vitest';
import { findEditBlock } from '../gradebook/find-edit-block.ts';
import { periodicTestColumn, planEditDeadlines, planStatus } from './testing-plan.ts';

/**
 * G10 (MISSION.md): "deadline for score edits one week before the semester exam"; seed 003
 * (Sở GDĐT Thanh Hóa): "Hạn cuối cùng để sửa chữa điểm là 1 tuần lễ trước khi kiểm tra học kỳ."
 * The plan dates each class's end-of-term test; the term's own date is the fallback.
 */
describe('planEditDeadlines: one week before the class’s end-of-term test in the plan (G10, seed 003)', () => {
  const terms = [
    { termNo: 1, endTestOn: '2026-12-28' },
    { termNo: 2, endTestOn: '2027-05-10' },
  ];
  const plan = [
    { classId: '6A1', subjectId: 'toan6', termNo: 1, test: 'endOfTerm' as const, testOn: '2026-12-16' },
    { classId: '6A1', subjectId: 'toan6', termNo: 1, test: 'midterm' as const, testOn: '2026-11-02' },
    { classId: '6A2', subjectId: 'toan6', termNo: 2, test: 'endOfTerm' as const, testOn: '2027-05-03' },
  ];
  const deadlines = planEditDeadlines(terms, plan, 7);
  const cell = { grade: 6, classId: '6A1', subjectId: 'toan6', termNo: 1, columnKey: 'TX1', point: 'regular' as const };
  const blocked = (c: typeof cell, today: string) => findEditBlock(c, { locks: [], windows: [], deadlines, today, isReEntry: true })?.kind ?? null;

  it.each([
    ['6A1 Toán HK I: plan 16/12 → last day 09/12', '6A1', 'toan6', 1, '2026-12-09', '2026-12-16'],
    ['6A1 Văn HK I: no plan entry → the term’s 28/12 → 21/12', '6A1', 'van6', 1, '2026-12-21', '2026-12-28'],
    ['6A2 Toán HK I: the plan dates only HK II → the term’s', '6A2', 'toan6', 1, '2026-12-21', '2026-12-28'],
    ['6A2 Toán HK II: plan 03/05/2027 → 26/04 (across a month end)', '6A2', 'toan6', 2, '2027-04-26', '2027-05-03'],
  ] as const)('%s', (_label, classId, subjectId, termNo, lastDay, testOn) => {
    const c = { ...cell, classId, subjectId, termNo };
    expect(blocked(c, lastDay)).toBeNull();
    const next = new Date(Date.parse(`${lastDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    expect(blocked(c, next)).toBe('deadline');
    expect(findEditBlock(c, { locks: [], windows: [], deadlines, today: next, isReEntry: true })?.message).toContain(`kiểm tra cuối kỳ ngày ${testOn.split('-').reverse().join('/')}`);
  });

  it('a mid-term test in the plan sets no deadline', () => {
    expect(deadlines.filter((d) => d.classId === '6A1')).toHaveLength(1);
  });

  it('the plan’s refusal says the date is the plan’s', () => {
    expect(findEditBlock(cell, { locks: [], windows: [], deadlines, today: '2026-12-10', isReEntry: true })?.message).toBe(
      'Đã quá hạn sửa điểm học kỳ I (hạn 09/12/2026, một tuần trước kiểm tra cuối kỳ ngày 16/12/2026 theo kế hoạch kiểm tra của trường). Điểm đã nhập chỉ sửa được qua giấy đề nghị thay đổi thông tin.',
    );
  });

  it('a first entry after the plan’s deadline is still allowed', () => {
    expect(findEditBlock(cell, { locks: [], windows: [], deadlines, today: '2026-12-10', isReEntry: false })).toBeNull();
  });

  it('the school’s own number of days', () => {
    expect(planEditDeadlines(terms, plan, 3).find((d) => d.classId === '6A1')?.lastDay).toBe('2026-12-13');
  });
});

describe('periodicTestColumn: where a planned test’s scores go', () => {
  const scored = { assessmentKind: 'scored' as const, regularCount: 3, hasPeriodicTest: true };
  const primaryGrade5 = { assessmentKind: 'primaryLevel' as const, regularCount: null, hasPeriodicTest: true, testPoints: ['term1Midterm', 'term1End', 'term2Midterm', 'yearEnd'] as const };
  const primaryGrade2 = { assessmentKind: 'primaryLevel' as const, regularCount: null, hasPeriodicTest: true };
  const noTest = { assessmentKind: 'primaryLevel' as const, regularCount: null, hasPeriodicTest: false };
  it.each([
    ['TT 22 mid-term: ĐĐGgk', scored, 1, 'midterm', 'GK'],
    ['TT 22 end-of-term: ĐĐGck', scored, 2, 'endOfTerm', 'CK'],
    ['TT 27 grade 5 Toán mid-term I: KTĐK', primaryGrade5, 1, 'midterm', 'KT_GK'],
    ['TT 27 grade 2 Toán end of year: KTĐK', primaryGrade2, 2, 'endOfTerm', 'KT_CK'],
    ['TT 27 grade 2 Toán mid-term: none', primaryGrade2, 1, 'midterm', null],
    ['TT 27 a subject without periodic tests: none', noTest, 1, 'endOfTerm', null],
  ] as const)('%s', (_label, subject, termNo, test, key) => {
    expect(periodicTestColumn(subject, termNo, test)?.key ?? null).toBe(key);
  });
});

describe('planStatus', () => {
  it.each([
    ['before the test day', '2026-11-09', 0, 40, 'notDue'],
    ['on the test day', '2026-11-10', 0, 40, 'notDue'],
    ['after it, all entered', '2026-11-11', 40, 40, 'complete'],
    ['after it, 3 missing', '2026-11-11', 37, 40, 'missing'],
  ] as const)('%s', (_label, today, entered, expected, kind) => {
    const s = planStatus('2026-11-10', today, entered, expected);
    expect(s.kind).toBe(kind);
    if (s.kind === 'missing') expect(s.missing).toBe(3);
  });
});
