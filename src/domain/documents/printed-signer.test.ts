import { describe, expect, it } from 'vitest';
import { printedSignerRefusal } from './printed-signer.ts';

const principal = { userId: 'p', name: 'Lê Thu Phương', deputy: false };
const vice = { userId: 'v', name: 'Trần Minh Đức', deputy: true };
const year = { schoolYear: '2025-2026', className: '8A1' };

describe('the principal’s signature is given by the person the printed block names (R1; FORMS.md §3.4, §8: HIỆU TRƯỞNG | KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG)', () => {
  it.each([
    ['the principal signs the học bạ she confirmed', 'principal', 'transcript', principal, 'p', null],
    ['the vice-principal signs the học bạ she confirmed on a delegation', 'principal', 'transcript', vice, 'v', null],
    [
      'the vice-principal may not sign a học bạ that prints the principal',
      'principal',
      'transcript',
      principal,
      'v',
      'Học bạ này in tên Hiệu trưởng Lê Thu Phương ở khối xác nhận của Hiệu trưởng năm học 2025-2026 (lớp 8A1); người ký bước Hiệu trưởng phải là người đã xác nhận năm học đó. Để ký, thầy/cô hãy xác nhận lại học bạ năm học 2025-2026 của lớp 8A1 (khối xác nhận sẽ in tên thầy/cô), in lại học bạ rồi ký bản mới.',
    ],
    [
      'nor the principal one that prints "KT. HIỆU TRƯỞNG" over the vice-principal',
      'principal',
      'transcript',
      vice,
      'p',
      'Học bạ này in tên Phó hiệu trưởng Trần Minh Đức (KT. Hiệu trưởng) ở khối xác nhận của Hiệu trưởng năm học 2025-2026 (lớp 8A1); người ký bước Hiệu trưởng phải là người đã xác nhận năm học đó. Để ký, thầy/cô hãy xác nhận lại học bạ năm học 2025-2026 của lớp 8A1 (khối xác nhận sẽ in tên thầy/cô), in lại học bạ rồi ký bản mới.',
    ],
    [
      'a class book names who approved its results',
      'principal',
      'class_book',
      principal,
      'v',
      'Văn bản này in tên Hiệu trưởng Lê Thu Phương ở khối chữ ký của Hiệu trưởng (người đã phê duyệt kết quả được in); chỉ người đó ký được bước Hiệu trưởng.',
    ],
    ['the homeroom teacher’s step is not this rule’s', 'homeroom', 'transcript', principal, 'h', null],
    ['nor the seal', 'seal', 'transcript', principal, 'clerk', null],
    ['a document printed before the rule records no one: not checked', 'principal', 'transcript', null, 'v', null],
  ] as const)('%s', (_name, role, kind, printed, signerUserId, refusal) => {
    expect(printedSignerRefusal({ role, kind, printed, signerUserId, latestYear: year })).toBe(refusal);
  });
});
