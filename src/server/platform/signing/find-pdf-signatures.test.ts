import { describe, expect, it } from 'vitest';
import { MAX_PDF_SIGNATURES, type ScanWork, TooManySignaturesError, decodePdfText, findPdfSignatures, parsePdfDate } from './find-pdf-signatures.ts';
import { verifyPdfSignatures } from './verify-pdf.ts';

/** A minimal file with one signature dictionary; `gap` replaces the /Contents hex string. */
function fakePdf(contents: string, extra = ''): Buffer {
  const head = '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n';
  const dictStart = `5 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 AAAAAAAAAA BBBBBBBBBB CCCCCCCCCC] /Contents `;
  const dictEnd = ` /Reason <FEFF0058${Buffer.from('ác nhận', 'utf16le').swap16().toString('hex')}> /Name (Nguy\\352n) /Location (M\\(1\\)) /M (D:20261123081530+07'00') >>\nendobj\n${extra}%%EOF\n`;
  const a = head.length + dictStart.length;
  const b = a + contents.length;
  let text = head + dictStart + contents + dictEnd;
  const total = text.length;
  text = text
    .replace('AAAAAAAAAA', String(a).padEnd(10))
    .replace('BBBBBBBBBB', String(b).padEnd(10))
    .replace('CCCCCCCCCC', String(total - b).padEnd(10));
  return Buffer.from(text, 'latin1');
}

describe('findPdfSignatures', () => {
  it('reads the byte range, the CMS bytes and the text entries', () => {
    const [sig] = findPdfSignatures(fakePdf('<3003020100000000>'));
    expect(sig.problem).toBeNull();
    expect(sig.contents.toString('hex')).toBe('3003020100');
    expect(sig.subFilter).toBe('adbe.pkcs7.detached');
    expect(sig.reason).toBe('Xác nhận');
    expect(sig.name).toBe('Nguyên');
    expect(sig.location).toBe('M(1)');
    expect(sig.signingTime?.toISOString()).toBe('2026-11-23T01:15:30.000Z');
  });

  it('flags a byte range whose unsigned gap is more than the signature', () => {
    const [sig] = findPdfSignatures(fakePdf('<3003020100> /Evil (unsigned)'));
    expect(sig.problem).toBe('Vùng ký (ByteRange) không hợp lệ: phần không được ký không chỉ là chữ ký.');
  });

  it('reports unreadable CMS as invalid instead of throwing', async () => {
    const [result] = await verifyPdfSignatures(fakePdf('<3003020100000000>'));
    expect(result).toMatchObject({ valid: false, message: 'Không đọc được dữ liệu chữ ký (CMS) trong tệp.', coversWholeDocument: true, signer: null });
  });
});

/** `count` signature dictionaries, each an object that never ends, then `refs` fields pointing at them. */
function hostilePdf(count: number, refs: number): Buffer {
  let text = '%PDF-1.7\n';
  for (let i = 0; i < count; i++) text += `${i + 5} 0 obj\n<< /Type /Sig /ByteRange [0 ${i + 1} 99999999 1] /Contents <00> /Reason (x) /M (D:20261123)\n`;
  for (let i = 0; i < refs; i++) text += `${i + 1000} 0 obj\n<< /FT /Sig /V ${(i % count) + 5} 0 R /T (field ${i}) >>\nendobj\n`;
  return Buffer.from(text, 'latin1');
}

describe('the cost of a hostile file (issue 14)', () => {
  it('refuses more than MAX_PDF_SIGNATURES byte ranges instead of reading each (8,000 took seconds)', () => {
    let text = '%PDF-1.7\n';
    for (let i = 0; i < 8000; i++) text += `/ByteRange[0 ${i} ${i + 1} 3]\n`;
    expect(() => findPdfSignatures(Buffer.from(text, 'latin1'))).toThrow(TooManySignaturesError);
    expect(() => findPdfSignatures(Buffer.from(text, 'latin1'))).toThrow(`Tệp có hơn ${MAX_PDF_SIGNATURES} chữ ký số`);
    expect(findPdfSignatures(hostilePdf(MAX_PDF_SIGNATURES, 0))).toHaveLength(MAX_PDF_SIGNATURES);
  });

  it('reads the same byte range repeated once', () => {
    const text = `%PDF-1.7\n${'/ByteRange[0 1 2 3]\n'.repeat(8000)}`;
    expect(findPdfSignatures(Buffer.from(text, 'latin1'))).toHaveLength(1);
  });

  it('does work linear in the size: twice the file, twice the characters read', () => {
    const read = (pdf: Buffer) => {
      const work: ScanWork = { chars: 0 };
      const found = findPdfSignatures(pdf, work);
      expect(found).toHaveLength(MAX_PDF_SIGNATURES);
      expect(found.every((s) => s.reason === 'x' && s.problem !== null)).toBe(true);
      return work.chars;
    };
    const small = hostilePdf(MAX_PDF_SIGNATURES, 4000);
    const large = hostilePdf(MAX_PDF_SIGNATURES, 8000);
    expect(findPdfSignatures(small)[0].fieldName).toBe('field 3968');
    // The old scanner read every signature's object to the end of the file and the whole file again
    // for each field name: 32 × the size, growing with the square of the file.
    expect(read(small)).toBeLessThan(10 * small.length);
    expect(read(large)).toBeLessThan(10 * large.length);
    expect(read(large) / read(small)).toBeLessThan(2.1);
  });
});

describe('PDF text and dates', () => {
  it('decodes UTF-16BE, UTF-8 and PDFDocEncoding strings', () => {
    expect(decodePdfText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('Đôn', 'utf16le').swap16()]))).toBe('Đôn');
    expect(decodePdfText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Mỹ Hào')]))).toBe('Mỹ Hào');
    expect(decodePdfText(Buffer.from('Hanoi'))).toBe('Hanoi');
  });

  it('parses PDF dates with and without a time zone', () => {
    expect(parsePdfDate('D:20261123081530Z')?.toISOString()).toBe('2026-11-23T08:15:30.000Z');
    expect(parsePdfDate("D:20261123081530+07'00'")?.toISOString()).toBe('2026-11-23T01:15:30.000Z');
    expect(parsePdfDate('D:2026')?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(parsePdfDate('hôm qua')).toBeNull();
  });
});
