import { describe, expect, it } from 'vitest';
import type { LockRule } from '../gradebook/find-edit-block.ts';
import { conductTermNos, findProfileLock, findRecordLock, termNoOfDay } from './find-record-lock.ts';

const cls = { grade: 6, classId: '6A1' };
const lock = (over: Partial<LockRule>): LockRule => ({
  id: 'L',
  grade: null,
  classId: null,
  subjectId: null,
  termNo: null,
  columnKey: null,
  reason: 'duyệt kết quả học kỳ I',
  setByName: 'Nguyễn Văn Hùng',
  setAt: '2027-01-10T02:00:00.000Z',
  ...over,
});

describe('C1/C5: conduct, attendance and primary records are locked by the locks of the whole school, a grade, a class or a term', () => {
  it.each([
    ['the whole school', {}, [1], true],
    ['grade 6', { grade: 6 }, [1], true],
    ['grade 7', { grade: 7 }, [1], false],
    ['class 6A1 term 1 (results approved)', { classId: '6A1', termNo: 1 }, [1], true],
    ['class 6A1 term 1, record of term 2', { classId: '6A1', termNo: 1 }, [2], false],
    ['class 6A1 term 2, conduct of the year', { classId: '6A1', termNo: 2 }, conductTermNos('year'), true],
    ['class 6A1 term 1, conduct of the year (settled with term 2)', { classId: '6A1', termNo: 1 }, conductTermNos('year'), false],
    ['class 6A2', { classId: '6A2' }, [1], false],
    ['one subject of 6A1 (scores only)', { classId: '6A1', subjectId: 'TOAN' }, [1], false],
    ['one column (scores only)', { termNo: 1, columnKey: 'GK' }, [1], false],
    ['term 3 (summer conduct)', { termNo: 3 }, conductTermNos('summer'), true],
  ])('a lock on %s', (_label, scope, termNos, locked) => {
    expect(findRecordLock({ ...cls, termNos }, [lock(scope)]) !== null).toBe(locked);
  });

  it('names who locked it and when (C2: the way to change it is a request)', () => {
    expect(findRecordLock({ ...cls, termNos: [1] }, [lock({ classId: '6A1', termNo: 1 })])).toEqual({
      lockId: 'L',
      message: 'Sổ đã khóa (duyệt kết quả học kỳ I) bởi Nguyễn Văn Hùng lúc 09:00 ngày 10/01/2027.',
    });
  });

  it.each([
    ['term1', [1]],
    ['term2', [2]],
    ['year', [2]],
    ['summer', [3]],
  ] as const)('conduct of %s belongs to terms %j', (period, terms) => expect(conductTermNos(period)).toEqual(terms));

  const terms = [
    { termNo: 2, startsOn: '2027-01-18', endsOn: '2027-05-31' },
    { termNo: 1, startsOn: '2026-09-05', endsOn: '2027-01-16' },
  ];
  it.each([
    ['2026-09-05', 1],
    ['2027-01-16', 1],
    ['2027-01-17', 1],
    ['2027-01-18', 2],
    ['2027-05-31', 2],
    ['2026-09-01', 1],
  ])('attendance of %s belongs to term %i', (day, term) => expect(termNoOfDay(day, terms)).toBe(term));
});

describe('C5/C6: the printed profile fields lock with the whole year or the confirmed học bạ', () => {
  it.each([
    ['no lock', [], false],
    ['term 1 only', [lock({ classId: '6A1', termNo: 1 })], false],
    ['both terms, one lock each', [lock({ classId: '6A1', termNo: 1 }), lock({ id: 'L2', classId: '6A1', termNo: 2 })], true],
    ['the whole class', [lock({ classId: '6A1' })], true],
    ['the whole school', [lock({})], true],
    ['one subject, the whole year', [lock({ classId: '6A1', subjectId: 'TOAN' })], false],
  ])('%s', (_label, locks, locked) => {
    expect(findProfileLock(cls, locks, null) !== null).toBe(locked);
  });

  it('a confirmed học bạ record locks them, naming who confirmed', () => {
    expect(findProfileLock(cls, [], { byName: 'Nguyễn Văn Hùng', at: '2027-06-01T01:00:00.000Z' })?.message).toBe(
      'Học bạ năm học này đã được Nguyễn Văn Hùng xác nhận lúc 08:00 ngày 01/06/2027.',
    );
  });
});
