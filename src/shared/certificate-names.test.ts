import { describe, expect, it } from 'vitest';
import { readableDistinguishedName } from './certificate-names.ts';

describe('readableDistinguishedName', () => {
  it.each([
    ['CN=Nguyễn An,O=Trường THCS Nguyễn Trãi\\, Hưng Yên,C=VN', 'CN=Nguyễn An,O=Trường THCS Nguyễn Trãi, Hưng Yên,C=VN'],
    ['CN=A\\+B, O=Sở GD\\&ĐT', 'CN=A+B, O=Sở GD\\&ĐT'],
    ['CN=C\\\\D', 'CN=C\\D'],
    ['CN=Lê Thu Phương, C=VN', 'CN=Lê Thu Phương, C=VN'],
  ])('%s → %s', (dn, shown) => expect(readableDistinguishedName(dn)).toBe(shown));
});
