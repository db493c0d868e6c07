import { describe, expect, it } from 'vitest';
import { suggestUsername } from './suggest-username.ts';

describe('login names from Vietnamese names', () => {
  it.each([
    ['Nguyễn Thị Thu Hà', 'ha.ntt'],
    ['Đặng Văn Đức', 'duc.dv'],
    ['Lê Ánh', 'anh.l'],
    ['Hương', 'huong'],
  ])('%s → %s', (name, username) => expect(suggestUsername(name, new Set())).toBe(username));
  it('appends a number when taken', () => {
    expect(suggestUsername('Nguyễn Thị Thu Hà', new Set(['ha.ntt', 'ha.ntt2']))).toBe('ha.ntt3');
  });
});
