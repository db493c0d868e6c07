/**
 * The principal's signature agrees with the paper (R1, issue 22; FORMS.md §3.4, §3.6, §8: the
 * block prints "HIỆU TRƯỞNG", or "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG" over the deputy's name). A
 * document whose template prints a principal's block names one person in it — the học bạ: whoever
 * confirmed its latest year; a class book: whoever approved the results it prints. The principal's
 * signing step may be given only by that person; anyone else is told whom the paper names and how
 * to have it name her (confirm the year again, then print again). Pure: the caller loads the facts.
 */

export interface PrintedSigner {
  userId: string;
  name: string;
  /** A vice-principal on the principal's delegation: the block prints "KT. HIỆU TRƯỞNG / PHÓ HIỆU TRƯỞNG". */
  deputy: boolean;
}

export interface PrintedSignerCheck {
  /** The step being signed: only 'principal' is checked. */
  role: string;
  kind: string;
  /** Whom the printed block names; null when the document records none (printed before, or no such block). */
  printed: PrintedSigner | null;
  signerUserId: string;
  /** The học bạ's latest year, for the way out ("xác nhận lại … rồi in lại"). */
  latestYear?: { schoolYear: string; className: string } | null;
}

/** Null when the signer may sign; else the Vietnamese refusal. */
export function printedSignerRefusal(c: PrintedSignerCheck): string | null {
  if (c.role !== 'principal' || !c.printed || c.printed.userId === c.signerUserId) return null;
  const who = c.printed.deputy ? `Phó hiệu trưởng ${c.printed.name} (KT. Hiệu trưởng)` : `Hiệu trưởng ${c.printed.name}`;
  if (c.kind === 'transcript') {
    const year = c.latestYear ? ` năm học ${c.latestYear.schoolYear} (lớp ${c.latestYear.className})` : '';
    const again = c.latestYear ? `học bạ năm học ${c.latestYear.schoolYear} của lớp ${c.latestYear.className}` : 'năm học cuối của học bạ';
    return (
      `Học bạ này in tên ${who} ở khối xác nhận của Hiệu trưởng${year}; người ký bước Hiệu trưởng phải là người đã xác nhận năm học đó. ` +
      `Để ký, thầy/cô hãy xác nhận lại ${again} (khối xác nhận sẽ in tên thầy/cô), in lại học bạ rồi ký bản mới.`
    );
  }
  return `Văn bản này in tên ${who} ở khối chữ ký của Hiệu trưởng (người đã phê duyệt kết quả được in); chỉ người đó ký được bước Hiệu trưởng.`;
}
