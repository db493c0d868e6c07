import { describe, expect, it } from 'vitest';
import { parseCellInput } from './parse-cell-input.ts';

describe('grade-book cell input (TT 22/2021 Điều 5; TT 27/2020 Điều 6–7)', () => {
  it.each([
    ['score', '8,5', 85],
    ['score', '8.5', 85],
    ['score', '85', 85],
    ['score', '10', 100],
    ['score', '0', 0],
    ['score', ' 7 ', 70],
    ['testScore', '9', 90],
    ['testScore', '0', 0],
    ['testScore', '10', 100],
  ] as const)('%s "%s" → %i tenths', (kind, input, tenths) => {
    expect(parseCellInput(kind, input)).toEqual({ ok: true, value: { scoreTenths: tenths, text: null } });
  });

  it.each([
    ['mark', 'đ', 'Đ'],
    ['mark', 'CĐ', 'CĐ'],
    ['mark', 'cd', 'CĐ'],
    ['mark', 'Đạt', 'Đ'],
    ['level', 't', 'T'],
    ['level', 'HT', 'H'],
    ['level', 'c', 'C'],
    ['comment', '  Tiến bộ rõ  ', 'Tiến bộ rõ'],
  ] as const)('%s "%s" → %s', (kind, input, text) => {
    expect(parseCellInput(kind, input)).toEqual({ ok: true, value: { scoreTenths: null, text } });
  });

  it.each([
    ['score', '10,5', 'quá|lớn|10'],
    ['score', '8,55', 'thập phân'],
    ['score', 'abc', 'không phải'],
    ['testScore', '8,5', 'số nguyên'],
    ['testScore', '11', 'số nguyên'],
    ['mark', 'K', 'Đ \\(Đạt\\)'],
    ['level', 'A', 'Hoàn thành tốt'],
  ] as const)('%s "%s" is refused in Vietnamese', (kind, input, pattern) => {
    const r = parseCellInput(kind, input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(new RegExp(pattern));
  });

  it('an empty input clears the cell', () => {
    expect(parseCellInput('score', '  ')).toEqual({ ok: true, value: { scoreTenths: null, text: null } });
  });
});
