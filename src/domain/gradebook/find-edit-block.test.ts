import { describe, expect, it } from 'vitest';
import { type AssessmentWindow, type CellAddress, type LockRule, editDeadline, findEditBlock } from './find-edit-block.ts';

const cell: CellAddress = { grade: 6, classId: '6A1', subjectId: 'TOAN', termNo: 1, columnKey: 'GK', point: 'midterm' };
const lock = (over: Partial<LockRule>): LockRule => ({
  id: 'L',
  grade: null,
  classId: null,
  subjectId: null,
  termNo: null,
  columnKey: null,
  reason: 'khóa sổ giữa kỳ I',
  setByName: 'Nguyễn Văn Hùng',
  setAt: '2026-12-06T01:00:00.000Z',
  ...over,
});
const win = (over: Partial<AssessmentWindow>): AssessmentWindow => ({
  id: 'W',
  point: 'term1.midterm',
  opensOn: '2026-11-28',
  closesOn: '2026-12-05',
  setByName: 'Nguyễn Văn Hùng',
  setAt: '2026-11-01T00:00:00.000Z',
  ...over,
});
const ctx = { locks: [], windows: [], deadlines: [], today: '2026-12-01', isReEntry: false };

describe('locks (C1): a lock covers a cell when every scope field it sets matches', () => {
  it.each([
    ['the whole school', {}, true],
    ['grade 6', { grade: 6 }, true],
    ['grade 9', { grade: 9 }, false],
    ['class 6A1, subject TOAN', { classId: '6A1', subjectId: 'TOAN' }, true],
    ['class 6A2', { classId: '6A2' }, false],
    ['term 1 column GK', { termNo: 1, columnKey: 'GK' }, true],
    ['term 2', { termNo: 2 }, false],
    ['column CK', { columnKey: 'CK' }, false],
  ])('a lock on %s', (_label, scope, blocks) => {
    const block = findEditBlock(cell, { ...ctx, locks: [lock(scope)] });
    expect(block !== null).toBe(blocks);
  });

  it('the refusal names the lock, who set it and when, and the way forward', () => {
    const block = findEditBlock(cell, { ...ctx, locks: [lock({})] });
    expect(block?.message).toBe(
      'Sổ đã khóa (khóa sổ giữa kỳ I) bởi Nguyễn Văn Hùng lúc 08:00 ngày 06/12/2026. Muốn sửa, hãy gửi giấy đề nghị thay đổi thông tin để Hiệu trưởng duyệt.',
    );
  });
});

describe('assessment windows (C7): the end of a window locks its point automatically', () => {
  it.each([
    ['inside the window', 'term1.midterm', '2026-12-05', cell, false],
    ['after the window', 'term1.midterm', '2026-12-06', cell, true],
    ['the midterm window does not lock end-of-term columns', 'term1.midterm', '2026-12-06', { ...cell, columnKey: 'CK', point: 'endOfTerm' }, false],
    ['the end-of-term window locks the whole term', 'term1.endOfTerm', '2026-12-06', { ...cell, columnKey: 'TX1', point: 'regular' }, true],
    ['a term-1 window does not lock term 2', 'term1.endOfTerm', '2026-12-06', { ...cell, termNo: 2 }, false],
    ['the whole-year window locks everything', 'wholeYear', '2026-12-06', { ...cell, termNo: 2 }, true],
  ] as const)('%s', (_label, point, today, c, blocks) => {
    const block = findEditBlock(c as CellAddress, { ...ctx, today, windows: [win({ point })] });
    expect(block !== null).toBe(blocks);
    if (block) expect(block.message).toContain('28/11/2026–05/12/2026');
  });
});

describe('edit deadline (G10): re-entries stop one week before the end-of-term test', () => {
  const deadlines = [{ termNo: 1, lastDay: editDeadline('2026-12-21', 7), endOfTermTestOn: '2026-12-21' }];
  it('the last day is one week before the test', () => expect(editDeadline('2026-12-21', 7)).toBe('2026-12-14'));
  it.each([
    ['a re-entry on the last day', '2026-12-14', true, false],
    ['a re-entry after it', '2026-12-15', true, true],
    ['a first entry after it', '2026-12-15', false, false],
  ])('%s', (_label, today, isReEntry, blocks) => {
    expect(findEditBlock(cell, { ...ctx, deadlines, today, isReEntry }) !== null).toBe(blocks);
  });
});

/**
 * Boundaries (issue 12, one clock; C7, G10): a window's first and last days are inside it, the
 * auto-lock starts the day after its last day; the edit deadline's day still takes re-entries.
 * `today` is always a Vietnam day written out, never the wall clock.
 */
describe('boundaries of assessment windows (C7) and of the edit deadline (G10)', () => {
  it.each([
    ['the day before the window opens: nothing to lock yet (only its end locks)', win({}), '2026-11-27', null],
    ['today == opensOn: no block', win({}), '2026-11-28', null],
    ['today == closesOn (the last day): no block', win({}), '2026-12-05', null],
    ['the day after closesOn: the window block', win({}), '2026-12-06', 'window'],
    ['a window ending 31/12: its last day is open', win({ opensOn: '2026-12-24', closesOn: '2026-12-31' }), '2026-12-31', null],
    ['a window ending 31/12: locked on 01/01 of the next year', win({ opensOn: '2026-12-24', closesOn: '2026-12-31' }), '2027-01-01', 'window'],
    ['a window ending on the leap day: still open that day', win({ opensOn: '2028-02-22', closesOn: '2028-02-29' }), '2028-02-29', null],
    ['a window ending on the leap day: locked on 01/03', win({ opensOn: '2028-02-22', closesOn: '2028-02-29' }), '2028-03-01', 'window'],
  ] as const)('%s', (_label, window, today, kind) => {
    for (const isReEntry of [false, true]) {
      const block = findEditBlock(cell, { ...ctx, today, isReEntry, windows: [window] });
      expect(block?.kind ?? null).toBe(kind);
    }
  });

  it('the window block names the window’s first and last days', () => {
    const block = findEditBlock(cell, { ...ctx, today: '2027-01-01', windows: [win({ opensOn: '2026-12-24', closesOn: '2026-12-31' })] });
    expect(block?.message).toContain('24/12/2026–31/12/2026');
  });

  // The re-entry deadline as the server computes it: editDeadline(endTestOn, 7).
  const may = { termNo: 2, endTestOn: '2027-05-03' } as const; // deadline 26/04: across a month end
  const jan = { termNo: 1, endTestOn: '2027-01-05' } as const; // deadline 29/12: across a year end
  it.each([
    ['re-entry on the deadline day (26/04, test 03/05): allowed', may, '2027-04-26', true, null],
    ['re-entry the day after (27/04): refused', may, '2027-04-27', true, 'deadline'],
    ['first entry the day after (27/04): still allowed', may, '2027-04-27', false, null],
    ['re-entry on the deadline day (29/12/2026, test 05/01/2027): allowed', jan, '2026-12-29', true, null],
    ['re-entry the day after (30/12): refused', jan, '2026-12-30', true, 'deadline'],
    ['first entry the day after (30/12): still allowed', jan, '2026-12-30', false, null],
    ['re-entry in the new year, after the deadline: refused', jan, '2027-01-01', true, 'deadline'],
    ['re-entry on the test day itself: refused', jan, '2027-01-05', true, 'deadline'],
  ] as const)('%s', (_label, term, today, isReEntry, kind) => {
    const deadlines = [{ termNo: term.termNo, lastDay: editDeadline(term.endTestOn, 7), endOfTermTestOn: term.endTestOn }];
    const block = findEditBlock({ ...cell, termNo: term.termNo }, { ...ctx, deadlines, today, isReEntry });
    expect(block?.kind ?? null).toBe(kind);
  });

  it('the deadline refusal names the last day and the test day', () => {
    const deadlines = [{ termNo: 2, lastDay: editDeadline('2027-05-03', 7), endOfTermTestOn: '2027-05-03' }];
    const block = findEditBlock({ ...cell, termNo: 2 }, { ...ctx, deadlines, today: '2027-04-27', isReEntry: true });
    expect(block?.message).toBe(
      'Đã quá hạn sửa điểm học kỳ II (hạn 26/04/2027, một tuần trước kiểm tra cuối kỳ ngày 03/05/2027). Điểm đã nhập chỉ sửa được qua giấy đề nghị thay đổi thông tin.',
    );
  });

  it.each([
    ['across a month end', '2027-05-03', 7, '2027-04-26'],
    ['across a year end', '2027-01-05', 7, '2026-12-29'],
    ['back over the leap day (29/02/2028 counts)', '2028-03-03', 7, '2028-02-25'],
    ['back over a February without a leap day', '2027-03-03', 7, '2027-02-24'],
    ['zero days: the test day itself', '2026-12-21', 0, '2026-12-21'],
  ])('editDeadline %s (%s − %i days → %s)', (_label, endTestOn, days, lastDay) => {
    expect(editDeadline(endTestOn, days)).toBe(lastDay);
  });

  it('no end-of-term test, no deadline', () => expect(editDeadline(null, 7)).toBeNull());
});
