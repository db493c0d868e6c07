import { describe, expect, it } from 'vitest';
import { pointColumns, pointLockColumns } from './primary-traits.ts';

describe('pointLockColumns (C5: what approving a primary point locks in its term)', () => {
  it.each([
    ['GK1', 1, ['MUC_GK', 'KT_GK']],
    ['CK1', 1, [null]],
    ['GK2', 2, ['MUC_GK', 'KT_GK']],
    ['CN', 2, [null]],
  ] as const)('%s: term %i, columns %j', (point, termNo, columns) => {
    expect(pointColumns(point).termNo).toBe(termNo);
    expect(pointLockColumns(point)).toEqual(columns);
  });
});
