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
