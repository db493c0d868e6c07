import { describe, expect, it } from 'vitest';
import { OWN_ENTRY_GRACE_MINUTES, isReEntry } from './is-re-entry.ts';

const written = (writtenBy: string | null, writtenAt: string | null) => ({ empty: false, writtenBy, writtenAt });

describe('isReEntry — a sửa điểm (reason, evidence, deadline: Quy chế sử dụng sổ điểm điện tử, RULES.md §6) or a first entry still being made (issue 15 §5)', () => {
  it.each([
    // last write, editor, at, re-entry?
    ['an empty cell is a first entry', { empty: true, writtenBy: 'u1', writtenAt: '2026-12-08T02:00:00.000Z' }, 'u1', '2026-12-08T02:01:00.000Z', false],
    ['her own value typed 2 minutes ago', written('u1', '2026-12-08T02:00:00.000Z'), 'u1', '2026-12-08T02:02:00.000Z', false],
    ['her own value, exactly at the end of the grace', written('u1', '2026-12-08T02:00:00.000Z'), 'u1', '2026-12-08T02:30:00.000Z', false],
    ['her own value typed 31 minutes ago', written('u1', '2026-12-08T02:00:00.000Z'), 'u1', '2026-12-08T02:31:00.000Z', true],
    ['her own value from yesterday', written('u1', '2026-12-07T02:00:00.000Z'), 'u1', '2026-12-08T02:00:00.000Z', true],
    ['a value another user wrote a minute ago', written('u2', '2026-12-08T02:00:00.000Z'), 'u1', '2026-12-08T02:01:00.000Z', true],
    ['a value the system wrote', written('system', '2026-12-08T02:00:00.000Z'), 'u1', '2026-12-08T02:01:00.000Z', true],
    ['no known writer', written(null, null), 'u1', '2026-12-08T02:01:00.000Z', true],
    ['no editor (a job)', written('u1', '2026-12-08T02:00:00.000Z'), null, '2026-12-08T02:01:00.000Z', true],
    ['a write time after the edit (clock skew)', written('u1', '2026-12-08T02:05:00.000Z'), 'u1', '2026-12-08T02:01:00.000Z', true],
  ] as const)('%s', (_name, last, userId, at, expected) => {
    expect(isReEntry(last, { userId, at })).toBe(expected);
  });

  it('the grace is 30 minutes unless told', () => {
    expect(OWN_ENTRY_GRACE_MINUTES).toBe(30);
    expect(isReEntry(written('u1', '2026-12-08T02:00:00.000Z'), { userId: 'u1', at: '2026-12-08T02:02:00.000Z' }, 1)).toBe(true);
  });
});
