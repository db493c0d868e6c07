import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { rezipped } from './testing/xlsx-bombs.ts';
import { ZipFormatError, entryBytes, findZipEnd, readZipEntries } from './zip-directory.ts';

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Lớp 6A1').getCell('B2').value = 'Nguyễn Văn An';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readZipEntries', () => {
  it.each([
    ['as exceljs writes it', false, false],
    ['rezipped by hand', true, false],
    ['with ZIP64 records, as some .NET writers make', true, true],
  ])('lists every part of a workbook %s, with the sizes fflate unpacks', async (_label, again, zip64) => {
    const original = await workbook();
    const zip = again ? rezipped(original, { zip64 }) : original;
    const end = findZipEnd(zip);
    const entries = readZipEntries(zip, end);
    const unpacked = unzipSync(original);
    expect(end.count).toBe(Object.keys(unpacked).length);
    expect(Object.fromEntries(entries.map((e) => [e.name, e.size]))).toEqual(Object.fromEntries(Object.entries(unpacked).map(([name, bytes]) => [name, bytes.length])));
    for (const e of entries) expect(entryBytes(zip, e).length).toBe(e.compressedSize);
  });

  it('reads the count from the end record before any entry, so a huge directory is refused unread', async () => {
    const zip = Buffer.from(await workbook());
    const end = findZipEnd(zip);
    zip.writeUInt16LE(60_000, zip.length - 22 + 10);
    expect(findZipEnd(zip).count).toBe(60_000);
    expect(() => readZipEntries(zip, { ...end, count: 60_000 })).toThrow(ZipFormatError);
  });

  it.each([
    ['no end record', () => Buffer.from('PK\x03\x04 không phải zip')],
    ['a directory past the end of the file', () => {
      const zip = Buffer.alloc(22);
      zip.writeUInt32LE(0x06054b50, 0);
      zip.writeUInt16LE(1, 10);
      zip.writeUInt32LE(46, 12);
      zip.writeUInt32LE(1000, 16);
      return zip;
    }],
  ])('%s → ZipFormatError', (_label, make) => {
    expect(() => readZipEntries(make(), findZipEnd(make()))).toThrow(ZipFormatError);
  });

  it('an entry whose local header is elsewhere → ZipFormatError', async () => {
    const zip = await workbook();
    const entries = readZipEntries(zip, findZipEnd(zip));
    expect(() => entryBytes(zip, { ...entries[0], localOffset: entries[0].localOffset + 1 })).toThrow(ZipFormatError);
    expect(() => entryBytes(zip, { ...entries[0], compressedSize: zip.length })).toThrow(ZipFormatError);
  });
});
