/**
 * The score sheet in Excel through HTTP: export, preview (nothing changes), apply (all or
 * nothing: locks → 423, cells edited since the preview → 409), the SHA-256 in the audit, and
 * roll-back while nothing later depends on the import.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { SCORE_HEADER_ROW } from '../../src/server/gradebook/score-excel/score-workbook.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
type Cell = ExcelJS.CellValue;

let server: TestServer;
let teacher: TestClient;
let principal: TestClient;
let admin: TestClient;
let classId: string;
let subjectId: string;
let otherSubjectId: string;
let base: string;

const db = () => server.database.handle.db;
const login = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);

beforeAll(async () => {
  server = await startTestServer({ demo: true, demoScores: false });
  classId = server.demo!.classIds['6A1'];
  const user = await db().selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
  const assigned = await db()
    .selectFrom('teaching_assignments')
    .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
    .select(['subjects.id', 'subjects.assessment_kind', 'teaching_assignments.staff_id'])
    .where('teaching_assignments.class_id', '=', classId)
    .execute();
  subjectId = assigned.find((a) => a.staff_id === user.staff_id && a.assessment_kind === 'scored')!.id;
  otherSubjectId = assigned.find((a) => a.staff_id !== user.staff_id)!.id;
  base = `/api/v1/classes/${classId}/subjects/${subjectId}/terms/1`;
  teacher = await login('gvcn.6a1');
  principal = await login('hieutruong');
  admin = await login('quantri');
});
afterAll(async () => server?.close());

async function sheet() {
  const res = await teacher.get(`${base}/sheet`);
  expect(res.status).toBe(200);
  return res.body;
}

async function exported(client = teacher, path = base): Promise<Buffer> {
  const res = await client.get(`${path}/export.xlsx`);
  expect(res.status).toBe(200);
  return res.body as Buffer;
}

/** The exported sheet with values set by (student index, header), as the teacher fills it in. */
async function filled(values: [number, string, Cell][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exported()) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet('Bảng điểm')!;
  const headers = (ws.getRow(SCORE_HEADER_ROW).values as Cell[]).map((v) => String(v ?? ''));
  for (const [i, header, value] of values) ws.getRow(SCORE_HEADER_ROW + 1 + i).getCell(headers.indexOf(header)).value = value;
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

function preview(buffer: Buffer, name = 'Bảng điểm Toán 6A1.xlsx', client = teacher, path = base) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(buffer)], { type: XLSX }), name);
  return client.post(`${path}/import/preview`, form);
}

const cellsOf = async () =>
  (await db().selectFrom('gradebook_cells').select(['student_id', 'column_key', 'score_tenths', 'version']).where('class_id', '=', classId).where('subject_id', '=', subjectId).where('term_no', '=', 1).execute())
    .map((c) => `${c.student_id}|${c.column_key}|${c.score_tenths}|${c.version}`)
    .sort();

describe('authentication and authorization', () => {
  it('401 without a session', async () => {
    const anon = new TestClient(server.baseUrl);
    expect((await anon.get(`${base}/export.xlsx`)).status).toBe(401);
    expect((await anon.post(`${base}/import/preview`, {})).status).toBe(401);
    expect((await anon.get('/api/v1/score-imports/x')).status).toBe(401);
  });

  it('a teacher of another class-subject is refused (403): export and preview', async () => {
    const other = await login('giaovien');
    const res = await other.get(`${base}/export.xlsx`);
    expect(res.status).toBe(403);
    expect((await preview(await filled([]), 'x.xlsx', other)).status).toBe(403);
  });

  it('the homeroom teacher exports a subject she does not teach but cannot import it (403)', async () => {
    const path = `/api/v1/classes/${classId}/subjects/${otherSubjectId}/terms/1`;
    const buffer = await exported(teacher, path);
    const res = await preview(buffer, 'x.xlsx', teacher, path);
    expect(res.status).toBe(403);
    expect(res.body.message).toContain('phân công');
  });

  it('the routes are in the OpenAPI document', async () => {
    const doc = (await new TestClient(server.baseUrl).get('/api/openapi.json')).body;
    for (const p of [
      '/api/v1/classes/{classId}/subjects/{subjectId}/terms/{termNo}/export.xlsx',
      '/api/v1/classes/{classId}/subjects/{subjectId}/terms/{termNo}/import/preview',
      '/api/v1/score-imports/{id}',
      '/api/v1/score-imports/{id}/apply',
      '/api/v1/score-imports/{id}/roll-back',
    ]) {
      expect(doc.paths[p], p).toBeDefined();
    }
    expect(doc.paths['/api/v1/score-imports/{id}/apply'].post.requestBody).toBeDefined();
    expect(doc.paths['/api/v1/classes/{classId}/subjects/{subjectId}/terms/{termNo}/import/preview'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(doc.paths['/api/v1/score-imports/{id}/apply'].post.responses['423']).toBeDefined();
  });
});

describe('export', () => {
  it('200 xlsx with the class list and the Ministry headers', async () => {
    const res = await teacher.get(`${base}/export.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain(XLSX);
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Bảng điểm')!;
    const s = await sheet();
    const headers = (ws.getRow(SCORE_HEADER_ROW).values as Cell[]).slice(1);
    expect(headers).toEqual(['STT', 'Mã nội bộ (không sửa)', 'Mã định danh Bộ GD&ĐT', 'Họ và tên', 'Ngày sinh', ...s.columns.map((c: any) => c.label), 'ĐTBmhk']);
    expect(ws.getRow(SCORE_HEADER_ROW + 1).getCell(2).value).toBe(s.rows[0].studentId);
    expect(ws.getRow(SCORE_HEADER_ROW + s.rows.length).getCell(4).value).toContain(s.rows.at(-1).fullName);
    expect(String(ws.getCell('A2').value)).toContain('LỚP 6A1');
  });
});

describe('preview, apply, roll back', () => {
  let importId: string;
  let sha256: string;
  let buffer: Buffer;

  it('a broken file is 400 naming the file; nothing is stored', async () => {
    const res = await preview(Buffer.from('not a workbook'), 'diem-hong.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('diem-hong.xlsx');
    expect(res.body.errors).toEqual([{ row: 0, field: 'tệp', message: expect.any(String) }]);
    expect(await db().selectFrom('score_imports').select('id').execute()).toHaveLength(0);
  });

  it('bad values are 400 with every row and column', async () => {
    const res = await preview(await filled([[0, 'ĐĐGtx 1', '10,5'], [2, 'ĐĐGgk', 'tám']]), 'co-loi.xlsx');
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('co-loi.xlsx');
    expect(res.body.errors.map((e: any) => [e.row, e.field])).toEqual([
      [SCORE_HEADER_ROW + 1, 'ĐĐGtx 1'],
      [SCORE_HEADER_ROW + 3, 'ĐĐGgk'],
    ]);
  });

  it('preview shows the diff and changes nothing; the file is kept by its SHA-256', async () => {
    const before = await cellsOf();
    buffer = await filled([
      [0, 'ĐĐGtx 1', '8,5'],
      [0, 'ĐĐGgk', 7.5],
      [1, 'ĐĐGtx 1', '9'],
      [1, 'ĐĐGck', '85'],
    ]);
    const res = await preview(buffer);
    expect(res.status).toBe(200);
    const s = await sheet();
    ({ importId, sha256 } = res.body);
    expect(sha256).toBe(createHash('sha256').update(buffer).digest('hex'));
    expect(res.body).toMatchObject({ status: 'previewed', unchanged: 0, blocked: 0, fileName: 'Bảng điểm Toán 6A1.xlsx' });
    expect(res.body.diff).toEqual([
      { studentId: s.rows[0].studentId, studentName: s.rows[0].fullName, listNumber: s.rows[0].listNumber, row: SCORE_HEADER_ROW + 1, columnKey: 'TX1', columnLabel: 'ĐĐGtx 1', old: '', new: '8,5' },
      { studentId: s.rows[0].studentId, studentName: s.rows[0].fullName, listNumber: s.rows[0].listNumber, row: SCORE_HEADER_ROW + 1, columnKey: 'GK', columnLabel: 'ĐĐGgk', old: '', new: '7,5' },
      { studentId: s.rows[1].studentId, studentName: s.rows[1].fullName, listNumber: s.rows[1].listNumber, row: SCORE_HEADER_ROW + 2, columnKey: 'TX1', columnLabel: 'ĐĐGtx 1', old: '', new: '9,0' },
      { studentId: s.rows[1].studentId, studentName: s.rows[1].fullName, listNumber: s.rows[1].listNumber, row: SCORE_HEADER_ROW + 2, columnKey: 'CK', columnLabel: 'ĐĐGck', old: '', new: '8,5' },
    ]);
    expect(await cellsOf()).toEqual(before);
    const stored = await db().selectFrom('score_imports').selectAll().where('id', '=', importId).executeTakeFirstOrThrow();
    expect(existsSync(join(server.database.dataDir, 'files', stored.file_path))).toBe(true);
    expect(stored.file_path).toBe(join('imports', stored.school_id, `${sha256}.xlsx`));
  });

  it('GET shows the stored import', async () => {
    const res = await teacher.get(`/api/v1/score-imports/${importId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: importId, status: 'previewed', sha256, classId, subjectId, termNo: 1 });
    expect(res.body.cells[0]).toMatchObject({ before: { scoreTenths: null, text: null, version: 0 }, after: { scoreTenths: 85, version: null } });
  });

  it('only the importer or the admin board may apply (403 for the principal); a wrong SHA-256 is 409', async () => {
    expect((await principal.post(`/api/v1/score-imports/${importId}/apply`, { expectedSha256: sha256 })).status).toBe(403);
    const wrong = await teacher.post(`/api/v1/score-imports/${importId}/apply`, { expectedSha256: '0'.repeat(64) });
    expect(wrong.status).toBe(409);
    expect((await teacher.post(`/api/v1/score-imports/${importId}/apply`, { expectedSha256: 'abc' })).status).toBe(400);
  });

  it('apply writes every cell, audited with source "imported" and the SHA-256', async () => {
    const res = await teacher.post(`/api/v1/score-imports/${importId}/apply`, { expectedSha256: sha256 });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('applied');
    expect(res.body.cells.map((c: any) => c.after.version)).toEqual([1, 1, 1, 1]);
    const s = await sheet();
    expect(s.rows[0].cells.TX1.display).toBe('8,5');
    expect(s.rows[0].cells.GK.scoreTenths).toBe(75);
    expect(s.rows[1].cells.CK.scoreTenths).toBe(85);
    const events = await db().selectFrom('audit_events').selectAll().where('chain_key', '=', `gradebook:${classId}:${subjectId}`).orderBy('seq').execute();
    const scores = events.filter((e) => e.action === 'score.entered');
    expect(scores).toHaveLength(4);
    for (const e of scores) {
      expect(e.source).toBe('imported');
      expect(e.reason).toContain(sha256);
      expect(e.reason).toContain('Bảng điểm Toán 6A1.xlsx');
    }
    const applied = events.find((e) => e.action === 'scoreImport.applied')!;
    expect(JSON.parse(applied.after_json!)).toMatchObject({ sha256, cells: 4, status: 'applied' });
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    const again = await teacher.post(`/api/v1/score-imports/${importId}/apply`, { expectedSha256: sha256 });
    expect(again.status).toBe(409);
  });

  it('the same file again: everything unchanged', async () => {
    const res = await preview(buffer);
    expect(res.status).toBe(200);
    expect(res.body.diff).toEqual([]);
    expect(res.body.unchanged).toBe(4);
  });

  it('roll back restores every cell', async () => {
    const res = await teacher.post(`/api/v1/score-imports/${importId}/roll-back`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'rolledBack', rolledBackBy: expect.any(String) });
    const s = await sheet();
    expect(s.rows[0].cells.TX1.display).toBe('');
    expect(s.rows[0].cells.TX1.scoreTenths).toBeNull();
    expect(s.rows[1].cells.CK.scoreTenths).toBeNull();
    const ev = await db().selectFrom('audit_events').selectAll().where('action', '=', 'scoreImport.rolledBack').executeTakeFirstOrThrow();
    expect(ev.reason).toContain(sha256);
    expect((await teacher.post(`/api/v1/score-imports/${importId}/roll-back`)).status).toBe(409);
  });
});

describe('locks and conflicts', () => {
  it('a locked column: preview lists it as refused, apply is 423 and nothing changes', async () => {
    const year = server.demo!.yearId;
    const lock = await principal.post(`/api/v1/years/${year}/locks`, { classId, subjectId, termNo: 1, columnKey: 'TX2', reason: 'Khóa cột ĐĐGtx 2' });
    expect(lock.status).toBe(200);
    const lockId = lock.body.locks.find((l: any) => !l.releasedAt && l.columnKey === 'TX2').id;
    const before = await cellsOf();
    const res = await preview(await filled([[5, 'ĐĐGtx 1', '6'], [5, 'ĐĐGtx 2', '7']]));
    expect(res.status).toBe(200);
    expect(res.body.blocked).toBe(1);
    expect(res.body.diff.find((d: any) => d.columnKey === 'TX2').blockedBy).toContain('Khóa cột ĐĐGtx 2');
    expect(res.body.diff.find((d: any) => d.columnKey === 'TX1').blockedBy).toBeUndefined();
    const apply = await teacher.post(`/api/v1/score-imports/${res.body.importId}/apply`, { expectedSha256: res.body.sha256 });
    expect(apply.status).toBe(423);
    expect(apply.body.message).toContain('Chưa nhập ô nào');
    expect(apply.body.message).toMatch(/Sổ đã khóa \(Khóa cột ĐĐGtx 2\) bởi .+ lúc/);
    expect(await cellsOf()).toEqual(before);
    expect((await teacher.get(`/api/v1/score-imports/${res.body.importId}`)).body.status).toBe('previewed');
    expect((await principal.post(`/api/v1/locks/${lockId}/release`, { reason: 'Mở lại' })).status).toBe(200);
  });

  it('a cell edited after the preview: apply is 409 naming it, and nothing changes', async () => {
    const s = await sheet();
    const res = await preview(await filled([[6, 'ĐĐGtx 1', '6'], [7, 'ĐĐGtx 1', '7']]));
    expect(res.status).toBe(200);
    const edit = await teacher.post(`${base}/cells`, { changes: [{ studentId: s.rows[7].studentId, columnKey: 'TX1', value: '5', baseVersion: 0 }] });
    expect(edit.status).toBe(200);
    const before = await cellsOf();
    const apply = await teacher.post(`/api/v1/score-imports/${res.body.importId}/apply`, { expectedSha256: res.body.sha256 });
    expect(apply.status).toBe(409);
    expect(apply.body.message).toContain(s.rows[7].fullName);
    expect(apply.body.conflicts).toEqual([expect.objectContaining({ studentId: s.rows[7].studentId, columnKey: 'TX1', current: expect.objectContaining({ display: '5,0', version: 1 }) })]);
    expect(await cellsOf()).toEqual(before);
  });

  it('roll back after a later edit is 409 and changes nothing; the admin board may roll back', async () => {
    const s = await sheet();
    const res = await preview(await filled([[8, 'ĐĐGtx 1', '6'], [9, 'ĐĐGtx 1', '7']]));
    const apply = await teacher.post(`/api/v1/score-imports/${res.body.importId}/apply`, { expectedSha256: res.body.sha256 });
    expect(apply.status).toBe(200);
    const edit = await teacher.post(`${base}/cells`, { changes: [{ studentId: s.rows[9].studentId, columnKey: 'TX1', value: '4', baseVersion: 1 }], reason: 'Chấm lại' });
    expect(edit.status).toBe(200);
    const before = await cellsOf();
    const back = await teacher.post(`/api/v1/score-imports/${res.body.importId}/roll-back`);
    expect(back.status).toBe(409);
    expect(back.body.message).toContain(s.rows[9].fullName);
    expect(await cellsOf()).toEqual(before);

    const next = await preview(await filled([[10, 'ĐĐGtx 1', '6']]));
    expect((await teacher.post(`/api/v1/score-imports/${next.body.importId}/apply`, { expectedSha256: next.body.sha256 })).status).toBe(200);
    expect((await principal.post(`/api/v1/score-imports/${next.body.importId}/roll-back`)).status).toBe(403);
    const byBoard = await admin.post(`/api/v1/score-imports/${next.body.importId}/roll-back`);
    expect(byBoard.status).toBe(200);
    expect((await sheet()).rows[10].cells.TX1.scoreTenths).toBeNull();
  });

  it('a lock set after the import blocks the roll-back (423)', async () => {
    const res = await preview(await filled([[11, 'ĐĐGgk', '6']]));
    expect((await teacher.post(`/api/v1/score-imports/${res.body.importId}/apply`, { expectedSha256: res.body.sha256 })).status).toBe(200);
    const lock = await principal.post(`/api/v1/years/${server.demo!.yearId}/locks`, { classId, subjectId, termNo: 1, reason: 'Khóa sổ HK I' });
    expect(lock.status).toBe(200);
    const before = await cellsOf();
    const back = await teacher.post(`/api/v1/score-imports/${res.body.importId}/roll-back`);
    expect(back.status).toBe(423);
    expect(back.body.message).toContain('Không hoàn tác được');
    expect(back.body.message).toContain('Khóa sổ HK I');
    expect(await cellsOf()).toEqual(before);
    // Every stored cell still equals its last audited value; every chain verifies.
    expect((await verifyAuditChains(db())).breaks).toEqual([]);
    expect(await verifyStoredRecords(db())).toEqual([]);
  });
});

describe('round trip on the living demo grade book (scores, comments, primary levels)', () => {
  it('an exported sheet imported back unchanged changes nothing', async () => {
    const living = await startTestServer({ demo: true });
    let total = 0;
    try {
      const ldb = living.database.handle.db;
      for (const username of ['gvcn.6a1', 'gvcn.3a']) {
        const client = await new TestClient(living.baseUrl).login(username, living.demo!.password);
        const user = await ldb.selectFrom('users').select('staff_id').where('username', '=', username).executeTakeFirstOrThrow();
        const assigned = await ldb.selectFrom('teaching_assignments').select(['class_id', 'subject_id']).where('staff_id', '=', user.staff_id!).execute();
        expect(assigned.length).toBeGreaterThan(0);
        for (const a of assigned) {
          for (const term of [1, 2]) {
            const path = `/api/v1/classes/${a.class_id}/subjects/${a.subject_id}/terms/${term}`;
            const file = await client.get(`${path}/export.xlsx`);
            expect(file.status).toBe(200);
            const res = await preview(file.body as Buffer, 'khong-doi.xlsx', client, path);
            expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
            expect(res.body.diff).toEqual([]);
            const filledCells = Object.values((await client.get(`${path}/sheet`)).body.rows).reduce(
              (n: number, r: any) => n + Object.values(r.cells).filter((c: any) => c.display !== '').length,
              0,
            );
            expect(res.body.unchanged).toBe(filledCells);
            total += filledCells;
          }
        }
      }
      expect(total).toBeGreaterThan(100);
    } finally {
      await living.close();
    }
  });
});
