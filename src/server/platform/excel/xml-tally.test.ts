import { describe, expect, it } from 'vitest';
import { EXCEL_COLUMNS, EXCEL_ROWS, XmlTally, rangeArea } from './xml-tally.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

function tally(xml: string, chunk = Number.MAX_SAFE_INTEGER): XmlTally {
  const t = new XmlTally();
  const b = bytes(xml);
  for (let at = 0; at < b.length; at += chunk) t.feed(b.subarray(at, at + chunk));
  return t;
}

const counts = (t: XmlTally) => ({ rows: t.rows, cells: t.cells, merges: t.merges, validatedCells: t.validatedCells, sharedStrings: t.sharedStrings, outOfGrid: t.outOfGrid });

const SHEET = `<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols><col min="1" max="3" width="9"/></cols>
<sheetData><row r="1" spans="1:3"><c r="A1" t="s"><v>0</v></c><c r="B1" s="2"/><c r="C1"><f>A1&amp;"&lt;c r=&quot;X&quot;"</f><v>1</v></c></row>
<row r="2"><c r="A2"/></row></sheetData>
<mergeCells count="1"><mergeCell ref="A3:C4"/></mergeCells>
<dataValidations count="1"><dataValidation type="list" sqref="B2:B11 D1"><formula1>"Nam,Nữ"</formula1></dataValidation></dataValidations>
</worksheet>`;

describe('XmlTally', () => {
  it('counts rows, cells, merged areas and validated cells; closing tags and text do not count', () => {
    expect(counts(tally(SHEET))).toEqual({ rows: 2, cells: 4 + 6, merges: 1, validatedCells: 11, sharedStrings: 0, outOfGrid: null });
  });

  it('gives the same counts whatever the chunks (one byte at a time, 7 at a time)', () => {
    const whole = counts(tally(SHEET));
    expect(counts(tally(SHEET, 1))).toEqual(whole);
    expect(counts(tally(SHEET, 7))).toEqual(whole);
  });

  it('matches elements by local name (prefixed XML) and counts shared strings', () => {
    const t = tally('<x:worksheet><x:sheetData><x:row r="1"><x:c r="A1"/></x:row></x:sheetData></x:worksheet><sst><si><t>a</t></si><si><r><t>b</t></r></si></sst>');
    expect(counts(t)).toMatchObject({ rows: 1, cells: 1, sharedStrings: 2 });
  });

  it.each([
    ['a row past 1,048,576', '<row r="1048577"/>', '1048577'],
    ['a row number far past it', '<row r="4294967294"/>', '4294967294'],
    ['a cell past column XFD', '<c r="XFE1"/>', 'XFE1'],
    ['a cell with four letters', '<c r="AAAA1"/>', 'AAAA1'],
    ['a column range past XFD', '<col min="1" max="200000000"/>', '200000000'],
    ['a merge past the last row', '<mergeCell ref="A1:A2000000"/>', 'A1:A2000000'],
    ['a reference hidden behind 100 KB of padding and other attributes', `<row${' '.repeat(100_000)}spans="1:2"${'\n'.repeat(1000)}r = '9999999'/>`, '9999999'],
    ['an unreadably long reference', `<c r="A${'1'.repeat(100)}"/>`, 'A1111111111111111111…'],
  ])('%s is off the grid', (_label, xml, seen) => {
    expect(tally(xml).outOfGrid).toBe(seen);
    expect(tally(xml, 3).outOfGrid).toBe(seen);
  });

  it('leaves what is not a reference alone', () => {
    expect(counts(tally('<definedName ref="Sheet1!#REF!"/><col min="x" max="y"/><c r=""/><hyperlink ref="A1" r:id="rId1"/>')).outOfGrid).toBeNull();
  });
});

describe('rangeArea', () => {
  it.each([
    ['A1', 1],
    ['$B$2:$D$4', 9],
    ['D4:B2', 9],
    ['A:A', EXCEL_ROWS],
    ['3:4', 2 * EXCEL_COLUMNS],
    ['A1:XFD1048576', EXCEL_ROWS * EXCEL_COLUMNS],
    ['XFE1', null],
    ['A0:A1048577', null],
    ['#REF!', 1],
  ] as const)('%s → %s', (text, area) => {
    expect(rangeArea(bytes(text))).toBe(area);
  });
});
