import { describe, expect, it } from 'vitest';
import { decodePdfText, findPdfSignatures, parsePdfDate } from './find-pdf-signatures.ts';
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
    expect(sig.problem).toBe('Vùng kí (ByteRange) không hợp lệ: phần không được kí không chỉ là chữ kí.');
  });

  it('reports unreadable CMS as invalid instead of throwing', async () => {
    const [result] = await verifyPdfSignatures(fakePdf('<3003020100000000>'));
    expect(result).toMatchObject({ valid: false, message: 'Không đọc được dữ liệu chữ kí (CMS) trong tệp.', coversWholeDocument: true, signer: null });
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
