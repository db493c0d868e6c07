import { describe, expect, it } from 'vitest';
import { splitSchoolName } from './split-school-name.ts';

describe('splitSchoolName', () => {
  it.each([
    ['Trường THCS Nguyễn Trãi', 'TRƯỜNG THCS', 'Nguyễn Trãi'],
    ['Trường THPT Chu Văn An', 'TRƯỜNG THPT', 'Chu Văn An'],
    ['Trường Tiểu học Lê Quý Đôn', 'TRƯỜNG TIỂU HỌC', 'Lê Quý Đôn'],
    ['Trường PTDTBT THCS Bản Mồ', 'TRƯỜNG PTDTBT THCS', 'Bản Mồ'],
    ['Phân hiệu Bản Mồ', 'TRƯỜNG', 'Phân hiệu Bản Mồ'],
  ])('%s → %s + %s', (full, label, name) => expect(splitSchoolName(full)).toEqual({ label, name }));
});
