/**
 * Bad files (ASVS V12): the student Excel import, the grade-book sheet import and correction
 * evidence receive broken workbooks (random bytes, a truncated zip, a PDF renamed .xlsx, an
 * empty file), an upload over the size limit, formulas, and names typed in legacy 8-bit fonts
 * (TCVN3/VNI). Every refusal is a 4xx with a Vietnamese message naming row and column where
 * there is one; nothing is imported (all or nothing); no 5xx. Excel exports keep user text as
 * text, never as a formula.
 */
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATE_COLUMNS, TEMPLATE_HEADER_ROW, buildStudentTemplate } from '../../src/server/people/student-import/student-workbook.ts';
import { type SecurityFixture, auditCount, requestAs, startSecurityFixture } from '../helpers/security-fixture.ts';
import { PNG, XLSX, fileForm } from './permission-matrix.records.ts';

let fx: SecurityFixture;
let classId: string;
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
type Cell = ExcelJS.CellValue;

beforeAll(async () => {
  fx = await startSecurityFixture();
  const res = await requestAs(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/classes`, { body: { grade: 6, name: '6A7' } });
  expect(res.status, res.text).toBe(200);
  classId = res.body.id ?? res.body.class?.id;
}, 60_000);
afterAll(async () => fx?.server.close());

const row = (i: number, name: Cell): Record<string, Cell> => ({
  STT: i + 1,
  'Họ và tên': name,
  'Ngày sinh': `0${(i % 9) + 1}/03/2015`,
  'Giới tính': i % 2 ? 'Nữ' : 'Nam',
  'Số định danh cá nhân': `00131590${String(i).padStart(4, '0')}`,
});

async function studentWorkbook(rows: Record<string, Cell>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildStudentTemplate({ className: '6A7' })) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Học sinh')!;
  rows.forEach((values, i) => {
    const r = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    for (const [header, value] of Object.entries(values)) r.getCell(TEMPLATE_COLUMNS.findIndex((c) => c.header === header) + 1).value = value;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function studentsOf(cls: string): Promise<number> {
  const r = await fx.server.database.handle.db.selectFrom('enrollments').select((eb) => eb.fn.countAll<number>().as('n')).where('class_id', '=', cls).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Uploads and checks the refusal: status, Vietnamese message, nothing written. */
async function refused(path: string, form: FormData, subject: 'principal' | 'subjectTeacher', statuses = [400, 413, 415, 422]) {
  const audits = await auditCount(fx);
  const enrolled = await studentsOf(classId);
  const res = await requestAs(fx, subject, 'POST', path, { form });
  expect(statuses, `${res.status} ${res.text.slice(0, 300)}`).toContain(res.status);
  expect(res.body.message).toMatch(VIETNAMESE);
  expect(await auditCount(fx)).toBe(audits);
  expect(await studentsOf(classId)).toBe(enrolled);
  return res;
}

const importPath = () => `/api/v1/classes/${classId}/students/import`;
const sheetPath = () => `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1/import/preview`;

describe('broken workbooks are refused (student import and grade-book import)', () => {
  const broken = async (): Promise<[string, Buffer][]> => {
    const good = await studentWorkbook([row(0, 'Nguyễn Văn An')]);
    return [
      ['random bytes', randomBytes(4096)],
      ['a truncated zip', good.subarray(0, Math.floor(good.length / 2))],
      ['a PDF renamed .xlsx', PDF],
      ['an empty file', Buffer.alloc(0)],
      ['a zip that is not a workbook', Buffer.from('504b0506' + '00'.repeat(18), 'hex')],
    ];
  };

  it('student import: each broken file → 400 with a Vietnamese message, nothing imported', async () => {
    for (const [, buf] of await broken()) await refused(importPath(), fileForm(buf, XLSX, 'danh-sach.xlsx'), 'principal');
  });

  it('grade-book import: each broken file → 400, no import record, no score', async () => {
    const db = fx.server.database.handle.db;
    const imports = async () => Number((await db.selectFrom('score_imports').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = await imports();
    for (const [, buf] of await broken()) await refused(sheetPath(), fileForm(buf, XLSX, 'bang-diem.xlsx'), 'subjectTeacher');
    expect(await imports()).toBe(before);
  });

  it('an upload over the 10 MB limit is cut off and refused with 413, for both imports', async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
    const started = Date.now();
    const res = await refused(importPath(), fileForm(big, XLSX, 'lon.xlsx'), 'principal', [413]);
    expect(res.body.message).toContain('quá lớn');
    await refused(sheetPath(), fileForm(big, XLSX, 'lon.xlsx'), 'subjectTeacher', [413]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

describe('student import: formulas and legacy fonts', () => {
  it('a name typed in TCVN3 or VNI is refused naming the row and the column; the good rows are not imported either', async () => {
    const buf = await studentWorkbook([row(0, 'Nguyễn Văn An'), row(1, 'NguyÔn V¨n B×nh'), row(2, 'Trần Thị Cúc'), row(3, 'Ñoã Thò Hoa')]);
    const res = await refused(importPath(), fileForm(buf, XLSX, 'danh-sach.xlsx'), 'principal');
    const rows = res.body.errors.map((e: { row: number; field: string }) => `${e.row}|${e.field}`);
    expect(rows).toEqual([`${TEMPLATE_HEADER_ROW + 2}|Họ và tên`, `${TEMPLATE_HEADER_ROW + 4}|Họ và tên`]);
    expect(res.body.errors[0].message).toContain('TCVN3');
    expect(res.body.errors[0].message).toContain(`Dòng ${TEMPLATE_HEADER_ROW + 2}`);
  });

  it('formulas are never evaluated: a formula without a saved result is refused, text that looks like one stays text', async () => {
    const noResult = await studentWorkbook([row(0, { formula: 'CONCATENATE("Nguyễn ","An")' } as Cell)]);
    const res = await refused(importPath(), fileForm(noResult, XLSX, 'danh-sach.xlsx'), 'principal');
    expect(res.body.errors[0]).toMatchObject({ row: TEMPLATE_HEADER_ROW + 1, field: 'Họ và tên' });
    const text = await studentWorkbook([row(0, '=HYPERLINK("http://evil.example","Bấm vào")'), row(1, '=1+1')]);
    const imported = await requestAs(fx, 'principal', 'POST', importPath(), { form: fileForm(text, XLSX, 'danh-sach.xlsx') });
    // Either refused as a name (400, naming the row) or stored verbatim as text — never "2".
    if (imported.status === 200) {
      const list = await requestAs(fx, 'principal', 'GET', `/api/v1/classes/${classId}/students`);
      expect(list.text).toContain('=1+1');
    } else {
      expect(imported.status, imported.text).toBe(400);
      expect(imported.body.errors[0].message).toMatch(/Dòng \d+/);
    }
    // A formula WITH a saved result reads as the text Excel showed (we never compute it): the link target is dropped.
    const link = await studentWorkbook([row(5, { formula: 'HYPERLINK("http://evil.example","Lê Văn Cường")', result: 'Lê Văn Cường' } as Cell)]);
    const linked = await requestAs(fx, 'principal', 'POST', importPath(), { form: fileForm(link, XLSX, 'danh-sach.xlsx') });
    expect(linked.status, linked.text).toBe(200);
    const list = await requestAs(fx, 'principal', 'GET', `/api/v1/classes/${classId}/students`);
    expect(list.text).toContain('Lê Văn Cường');
    expect(list.text).not.toContain('evil.example');
  });
});

describe('Excel exports keep user text as text (formula injection)', () => {
  it('a student named "=HYPERLINK(…)" is exported as a text cell, not a formula', async () => {
    const evil = '=HYPERLINK("http://evil.example","Bấm")';
    const put = await requestAs(fx, 'principal', 'PUT', `/api/v1/students/${fx.childId}`, {
      body: { student: { familyName: evil, middleName: '', givenName: '+An', sex: 'male', dateOfBirth: '2015-01-01' }, version: 1 },
    });
    expect(put.status, put.text).toBe(200);
    const xlsx = await requestAs(fx, 'subjectTeacher', 'GET', `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1/export.xlsx`);
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
    let found = 0;
    wb.eachSheet((ws) =>
      ws.eachRow((r) =>
        r.eachCell((c) => {
          const v = c.value as any;
          if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) expect(String(v.formula ?? v.sharedFormula)).not.toContain('evil');
          if (typeof v === 'string' && v.includes('evil.example')) found++;
        }),
      ),
    );
    expect(found).toBeGreaterThan(0);
  });
});

describe('correction evidence uploads', () => {
  let id: string;
  beforeAll(async () => {
    const sheet = `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1`;
    await requestAs(fx, 'subjectTeacher', 'POST', `${sheet}/cells`, { body: { changes: [{ studentId: fx.otherChildId, columnKey: 'GK', value: '5', baseVersion: 0 }] } });
    await requestAs(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/locks`, { body: { classId: fx.classId, subjectId: fx.subjectId, termNo: 1, columnKey: 'GK', reason: 'Khóa' } });
    const filed = await requestAs(fx, 'subjectTeacher', 'POST', `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/corrections`, {
      body: { termNo: 1, cells: [{ studentId: fx.otherChildId, columnKey: 'GK', newValue: '8' }], reason: 'Cộng nhầm', evidenceKind: 'testPaper' },
    });
    expect(filed.status, filed.text).toBe(200);
    id = filed.body.id;
  });

  // The type comes from the file's first bytes, not its name: a PDF named .jpg is a PDF (allowed).
  it('a wrong type, an executable renamed .png, an empty file and a file over the limit are refused; none is stored', async () => {
    const path = () => `/api/v1/corrections/${id}/evidence`;
    const cases: [Buffer, string, string, number[]][] = [
      [Buffer.from('MZ\x90\x00 this program cannot be run in DOS mode'), 'image/png', 'anh.png', [400, 415]],
      [Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'image/svg+xml', 'anh.svg', [400, 415]],
      [Buffer.from('GIF89a\x01\x00\x01\x00'), 'image/jpeg', 'anh.jpg', [400, 415]],
      [Buffer.alloc(0), 'image/png', 'rong.png', [400]],
      [Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]), 'image/png', 'lon.png', [413]],
    ];
    for (const [buf, type, name, statuses] of cases) await refused(path(), fileForm(buf, type, name), 'subjectTeacher', statuses);
    const stored = await requestAs(fx, 'subjectTeacher', 'GET', `/api/v1/corrections/${id}`);
    expect(stored.body.evidence).toEqual([]);
  });
});
