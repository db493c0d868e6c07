/**
 * Student import from Excel through HTTP (GET /students/import-template.xlsx and
 * POST /classes/:classId/students/import): all or nothing, every error named by row and column.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { TEMPLATE_COLUMNS, TEMPLATE_HEADER_ROW, buildStudentTemplate } from '../../src/server/people/student-import/student-workbook.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let server: TestServer;
const c: Record<string, TestClient> = {};

const db = () => server.database.handle.db;
const anon = () => new TestClient(server.baseUrl);
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);
const count = async (table: 'students' | 'enrollments' | 'audit_events') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
const importPath = (classId: string, query = '') => `/api/v1/classes/${classId}/students/import${query}`;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Đức'];
const GIVEN = ['An', 'Bình', 'Châu', 'Dũng', 'Giang', 'Hà', 'Khánh', 'Linh', 'Mai', 'Nam', 'Oanh', 'Phúc', 'Quân', 'Sơn', 'Thảo', 'Uyên', 'Việt', 'Xuân', 'Yến', 'Ánh'];
type Cell = ExcelJS.CellValue;

/** n template rows, one student each, with identifiers unique to this `batch`. */
function students(n: number, batch: number): Record<string, Cell>[] {
  return Array.from({ length: n }, (_, i) => ({
    STT: i + 1,
    'Họ và tên': `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
    'Ngày sinh': `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2015`,
    'Giới tính': i % 2 ? 'Nữ' : 'Nam',
    'Số định danh cá nhân': `0013159${batch}${String(i).padStart(4, '0')}`,
    'Họ tên mẹ': `Trần Thị Mẹ ${i + 1}`,
    'SĐT mẹ': '0987654321',
  }));
}

/** Our template filled in by header name, as a school clerk would. */
async function workbook(rows: Record<string, Cell>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await buildStudentTemplate({ className: '6A5' })) as unknown as ExcelJS.Buffer);
  const sheet = wb.getWorksheet('Học sinh')!;
  rows.forEach((values, i) => {
    const row = sheet.getRow(TEMPLATE_HEADER_ROW + 1 + i);
    for (const [header, value] of Object.entries(values)) row.getCell(TEMPLATE_COLUMNS.findIndex((col) => col.header === header) + 1).value = value;
  });
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const form = (file: Buffer | string, name = 'danh-sach.xlsx', type = XLSX) => {
  const f = new FormData();
  f.append('file', new Blob([typeof file === 'string' ? file : new Uint8Array(file)], { type }), name);
  return f;
};

async function newClass(name: string) {
  const res = await c.principal.post(`/api/v1/years/${server.demo!.yearId}/classes`, { grade: 6, name });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

beforeAll(async () => {
  server = await startTestServer({ demo: true });
  for (const [key, u] of Object.entries({ principal: 'hieutruong', admin: 'quantri', gv6a1: 'gvcn.6a1', district: 'phonggd', otherPrincipal: 'th.hieutruong' })) c[key] = await login(u);
});
afterAll(async () => server?.close());

describe('GET /students/import-template.xlsx', () => {
  it('401 without a session', async () => {
    expect((await anon().get('/api/v1/students/import-template.xlsx')).status).toBe(401);
  });

  it('200: an .xlsx attachment with the template’s header row', async () => {
    const res = await c.gv6a1.get('/api/v1/students/import-template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(XLSX);
    expect(res.headers.get('content-disposition')).toContain('mau-nhap-hoc-sinh.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body);
    const headers = (wb.getWorksheet('Học sinh')!.getRow(TEMPLATE_HEADER_ROW).values as Cell[]).slice(1);
    expect(headers).toEqual(TEMPLATE_COLUMNS.map((col) => col.header));
  });
});

describe('POST /classes/:classId/students/import', () => {
  it('401 without a session, 404 for an unknown class', async () => {
    const file = await workbook(students(2, 1));
    expect((await anon().post(importPath(server.demo!.classIds['6A1']), form(file))).status).toBe(401);
    expect((await c.principal.post(importPath('khong-co'), form(file))).status).toBe(404);
  });

  it('400 when no file is sent, or when the file is not an .xlsx workbook; nothing written', async () => {
    const classId = await newClass('6A6');
    const before = await count('students');
    const noFile = new FormData();
    noFile.append('ghiChu', 'quên chọn tệp');
    const none = await c.principal.post(importPath(classId), noFile);
    expect(none.status).toBe(400);
    expect(none.body.errors).toEqual([expect.objectContaining({ field: 'tệp' })]);
    const csv = await c.principal.post(importPath(classId), form('Họ và tên,Ngày sinh\nNguyễn Văn An,01/02/2015\n', 'danh-sach.csv', 'text/csv'));
    expect(csv.status).toBe(400);
    expect(csv.body.errors).toEqual([expect.objectContaining({ row: 0, field: 'tệp' })]);
    expect(csv.body.errors[0].message).toContain('.xlsx');
    expect(await count('students')).toBe(before);
  });

  it('a JSON body instead of a multipart upload → 400 naming the file, like a missing file', async () => {
    const res = await c.principal.post(importPath(server.demo!.classIds['6A2']), { file: 'danh-sach.xlsx' });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'tệp' })]);
  });

  it('403 with the reason for the homeroom teacher, the district officer and another school’s principal', async () => {
    const file = await workbook(students(2, 2));
    for (const client of [c.gv6a1, c.district, c.otherPrincipal]) {
      const res = await client.post(importPath(server.demo!.classIds['6A1']), form(file));
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('Chỉ Hiệu trưởng và Ban quản trị phần mềm được nhập danh sách học sinh từ Excel.');
    }
  });

  it('a file with two bad rows → 400 naming each row and column; no student, enrollment or audit event written', async () => {
    const classId = await newClass('6A7');
    const rows = students(40, 3);
    rows[4]['Ngày sinh'] = '31/02/2015';
    rows[9]['Giới tính'] = 'Không rõ';
    const before = await Promise.all([count('students'), count('enrollments'), count('audit_events')]);
    const res = await c.principal.post(importPath(classId), form(await workbook(rows)));
    expect(res.status).toBe(400);
    const first = TEMPLATE_HEADER_ROW + 1;
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: first + 4, field: 'Ngày sinh' }),
      expect.objectContaining({ row: first + 9, field: 'Giới tính' }),
    ]);
    expect(res.body.errors[0].message).toContain(`Dòng ${first + 4}`);
    expect(res.body.message).toContain('2 lỗi');
    expect(await Promise.all([count('students'), count('enrollments'), count('audit_events')])).toEqual(before);
    expect((await c.principal.get(`/api/v1/classes/${classId}/students`)).body.entries).toEqual([]);
  });

  it('an identifier already used in the school → 400 naming the row, nothing written', async () => {
    const classId = await newClass('6A8');
    const taken = (await db().selectFrom('students').select('national_id').where('school_id', '=', server.demo!.schoolId).where('national_id', 'is not', null).executeTakeFirstOrThrow()).national_id!;
    const rows = students(5, 4);
    rows[2]['Số định danh cá nhân'] = taken;
    const before = await count('students');
    const res = await c.admin.post(importPath(classId), form(await workbook(rows)));
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ row: TEMPLATE_HEADER_ROW + 3 })]);
    expect(res.body.message).toContain(taken);
    expect(await count('students')).toBe(before);
  });

  it('imports 40 valid rows into a new class: all present in Vietnamese ABC order, each audited as imported', async () => {
    const classId = await newClass('6A5');
    const rows = students(40, 5);
    const before = await count('students');
    const res = await c.principal.post(importPath(classId, '?startsOn=2026-10-05'), form(await workbook(rows)));
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.imported).toBe(40);
    expect(res.body.studentIds).toHaveLength(40);
    expect(await count('students')).toBe(before + 40);

    const list = (await c.principal.get(`/api/v1/classes/${classId}/students`)).body.entries;
    expect(new Set(list.map((e: any) => e.student.id))).toEqual(new Set(res.body.studentIds));
    expect(list.map((e: any) => e.listNumber)).toEqual(rows.map((_, i) => i + 1));
    const abc = sortStudentsVietnamese(list.map((e: any) => ({ ...e.student, dateOfBirth: e.student.dateOfBirth })));
    expect(list.map((e: any) => e.student.id)).toEqual(abc.map((s: any) => s.id));
    const binh = list.find((e: any) => e.student.givenName === 'Bình');
    expect(binh.student).toMatchObject({ familyName: 'Trần', middleName: 'Thị', givenName: 'Bình', sex: 'female', dateOfBirth: '2015-02-02', nationalId: '001315950001' });
    expect(binh.student.guardians).toEqual([expect.objectContaining({ relation: 'mother', fullName: 'Trần Thị Mẹ 2', phone: '0987654321' })]);
    const enrollments = await db().selectFrom('enrollments').select(['starts_on', 'status', 'origin']).where('class_id', '=', classId).execute();
    expect(new Set(enrollments.map((e) => `${e.starts_on}/${e.status}/${e.origin}`))).toEqual(new Set(['2026-10-05/active/intake']));

    const events = await db().selectFrom('audit_events').select(['entity_id', 'source', 'actor_role', 'after_json']).where('action', '=', 'student.created').where('entity_id', 'in', res.body.studentIds).execute();
    expect(events).toHaveLength(40);
    expect(new Set(events.map((e) => `${e.source}/${e.actor_role}`))).toEqual(new Set(['imported/principal']));
    expect(JSON.parse(events[0].after_json!).enrollment.class_id).toBe(classId);
    const cls = (await c.principal.get(`/api/v1/years/${server.demo!.yearId}/classes`)).body.find((k: any) => k.id === classId);
    expect(cls.studentCount).toBe(40);

    // The same file again: every identifier is now taken, so nothing more is imported.
    const again = await c.principal.post(importPath(classId), form(await workbook(rows)));
    expect(again.status).toBe(400);
    expect(again.body.errors).toHaveLength(40);
    expect(await count('students')).toBe(before + 40);
  });
});
