/**
 * The canonical transcript JSON (stable key order, escaping, exact decimals, no floats) and its
 * XML rendering (escaping of & < > " and Vietnamese text; read back to the same object).
 */
import { describe, expect, it } from 'vitest';
import { canonicalJson as encode, exactDecimal, printedDecimal } from '../platform/canonical-json.ts';

/** The học bạ's canonical JSON: integers only. */
const canonicalJson = (value: unknown) => encode(value, { integersOnly: true });
import { readTranscriptXml } from './read-transcript-xml.ts';
import type { TranscriptDocument } from './transcript-document.ts';
import { escapeXml, transcriptXml } from './transcript-xml.ts';

function sample(): TranscriptDocument {
  return {
    format: 'sodiem-transcript',
    formatVersion: 1,
    school: { code: 'THCS-DEMO', name: 'Trường THCS Nguyễn Trãi' },
    student: {
      id: 's1',
      studentCode: null,
      nationalId: '001212000001',
      fullName: 'Nguyễn Thị Ánh Dương',
      familyName: 'Nguyễn',
      middleName: 'Thị Ánh',
      givenName: 'Dương',
      sex: 'female',
      dateOfBirth: '2012-06-17',
      placeOfBirth: 'Hưng Yên',
      ethnicity: 'Kinh',
      nationality: 'Việt Nam',
      address: 'Số 5 ngõ "Tám" & phố <Hàng Đào>\r\nHà Nội',
      guardians: [{ relation: 'mother', fullName: 'Trần Thị Hằng', occupation: null }],
    },
    years: [
      {
        schoolYear: '2025-2026',
        startYear: 2025,
        class: { name: '8A1', grade: 8, homeroomTeacher: 'Lê Văn Phong' },
        regime: 'TT22_2021',
        ruleVersion: 'TT22_2021@1',
        record: { id: 'r1', versionNo: 1, sha256: 'ab'.repeat(32), confirmedAt: '2026-06-10T02:00:00.000Z', confirmedBy: 'Lê Thu Phương', confirmedByDeputy: false },
        sources: [{ kind: 'result_snapshot', scope: 'year', id: 'snap', sha256: 'cd'.repeat(32) }],
        subjects: [
          { code: 'TOAN', name: 'Toán', assessment: 'score', term1: '8.5', term2: '10.0', year: '9.5', retest: null, test: null, teacher: null },
          { code: 'GDTC', name: 'Giáo dục thể chất', assessment: 'comment', term1: 'Đ', term2: 'CĐ', year: 'Đ', retest: null, test: null, teacher: 'Võ Thị Mai' },
        ],
        periods: [{ period: 'year', academic: 'T', conduct: 'T', overallAverage: null }],
        primary: null,
        absences: { total: 2, excused: null, unexcused: null },
        title: 'XS',
        outcome: 'promoted',
        retestSubjects: [],
        homeroomComment: 'Chăm ngoan; "tự tin" & <mạnh dạn>.',
      },
    ],
  };
}

describe('canonical JSON', () => {
  it('sorts keys at every level, whatever the insertion order, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
    const doc = sample();
    const reordered = JSON.parse(JSON.stringify(doc, Object.keys(doc).reverse())) as TranscriptDocument;
    expect(canonicalJson({ ...reordered, ...doc })).toBe(canonicalJson(doc));
    expect(canonicalJson(doc)).not.toMatch(/\n|": /);
  });

  it('escapes quotes, backslashes and control characters and keeps Vietnamese as UTF-8', () => {
    expect(canonicalJson({ s: 'a"b\\c\nd\u0001' })).toBe('{"s":"a\\"b\\\\c\\nd\\u0001"}');
    expect(canonicalJson({ s: 'Nguyễn Đức' })).toBe('{"s":"Nguyễn Đức"}');
    expect(canonicalJson({ u: undefined, n: null })).toBe('{"n":null}');
  });

  it('refuses fractional numbers: scores travel as exact decimal strings', () => {
    expect(() => canonicalJson({ score: 8.5 })).toThrow(/not an integer/);
    expect(exactDecimal('8,5')).toBe('8.5');
    expect(exactDecimal('8')).toBe('8.0');
    expect(exactDecimal('10')).toBe('10.0');
    expect(exactDecimal('7.25')).toBe('7.25'); // not a one-decimal score: left as it is
    expect(exactDecimal(0.1 + 0.2)).toBe('0.3');
    expect(exactDecimal('CĐ')).toBe('CĐ');
    expect(exactDecimal('')).toBeNull();
    expect(printedDecimal('8.5')).toBe('8,5');
    expect(printedDecimal('Đ')).toBe('Đ');
  });
});

describe('transcript XML', () => {
  it('escapes & < > " in text and attributes', () => {
    expect(escapeXml('a & b < c > d "e"')).toBe('a &amp; b &lt; c &gt; d &quot;e&quot;');
    expect(escapeXml('x\u0007y\rz')).toBe('x\ufffdy&#13;z');
  });

  it('has the namespace and version, types non-strings, and reads back to the same object', () => {
    const doc = sample();
    const xml = transcriptXml(doc);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<transcript xmlns="urn:sodiem:transcript:1" format="sodiem-transcript" version="1">')).toBe(true);
    expect(xml).toContain('<address>Số 5 ngõ &quot;Tám&quot; &amp; phố &lt;Hàng Đào&gt;&#13;\nHà Nội</address>');
    expect(xml).toContain('<homeroomComment>Chăm ngoan; &quot;tự tin&quot; &amp; &lt;mạnh dạn&gt;.</homeroomComment>');
    expect(xml).toContain('<grade type="integer">8</grade>');
    expect(xml).toContain('<studentCode nil="true"/>');
    expect(xml).toContain('<retestSubjects type="list"/>');
    expect(xml).toContain('<term2>10.0</term2>');
    expect(xml).not.toMatch(/<[^>]*[\u0100-\u1fff][^>]*>/); // element names stay ASCII
    expect(readTranscriptXml(xml)).toEqual(JSON.parse(canonicalJson(doc)));
  });

  it('orders elements as the canonical JSON orders keys', () => {
    const xml = transcriptXml(sample());
    const student = xml.slice(xml.indexOf('<student>'), xml.indexOf('</student>'));
    const names = [...student.matchAll(/^ {4}<(\w+)/gm)].map((m) => m[1]);
    expect(names).toEqual([...names].sort());
  });
});
