/**
 * Issue 14, finding 2: a 1.9 MB XLSX whose sheet unpacks to ~500 MB, sent to the grade-book import
 * preview, ran the server out of heap; the student import shares the code. Through the real
 * server, for both imports: each bomb is refused with a 400 naming the limit, and nothing is
 * stored (no score import, file, cell, student or audit event); the server answers /api/health
 * while a slow workbook is being read (its worker thread, not the event loop, does the work); and
 * the compiled server (scripts/build.mjs → dist/workers) reads uploads in its own worker files.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStudentTemplate } from '../../src/server/people/student-import/student-workbook.ts';
import { columnBomb, emptyCells, hugeSheet, lyingSheet, manyEntries, mergeBomb, tinySheet, validationBomb } from '../../src/server/platform/excel/testing/xlsx-bombs.ts';
import { type SecurityFixture, auditCount, requestAs, startSecurityFixture } from '../helpers/security-fixture.ts';
import { XLSX, fileForm } from './permission-matrix.records.ts';

let fx: SecurityFixture;
let classId: string;

beforeAll(async () => {
  fx = await startSecurityFixture();
  const res = await requestAs(fx, 'principal', 'POST', `/api/v1/years/${fx.yearId}/classes`, { body: { grade: 6, name: '6A8' } });
  expect(res.status, res.text).toBe(200);
  classId = res.body.id ?? res.body.class?.id;
}, 60_000);
afterAll(async () => fx?.server.close());

const sheetPath = () => `/api/v1/classes/${fx.classId}/subjects/${fx.subjectId}/terms/1/import/preview`;
const importPath = () => `/api/v1/classes/${classId}/students/import`;

/** Everything an import could have written. */
async function stored() {
  const db = fx.server.database.handle.db;
  const count = async (table: 'score_imports' | 'students' | 'enrollments' | 'gradebook_cells') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const imports = join(fx.server.database.dataDir, 'files', 'imports');
  return {
    audits: await auditCount(fx),
    scoreImports: await count('score_imports'),
    cells: await count('gradebook_cells'),
    students: await count('students'),
    enrollments: await count('enrollments'),
    files: existsSync(imports) ? readdirSync(imports, { recursive: true }).length : 0,
  };
}

const BOMBS: [string, () => Promise<Buffer>, RegExp][] = [
  ['a 2 MB file whose sheet unpacks to 500 MB', () => hugeSheet(500), /quá lớn khi giải nén: phần "xl\/worksheets\/sheet1\.xml" có 500 MB \(tối đa 50 MB\)/],
  ['a sheet compressed 250×', () => hugeSheet(40), /nén bất thường: .* giải nén ra gấp \d+ lần \(tối đa 100 lần\)/],
  ['a ZIP that says its 300 MB sheet is 4 KB', () => lyingSheet(300), /giải nén ra nhiều hơn kích thước ghi trong tệp \(4\.096 byte\)/],
  ['5,000 parts', () => manyEntries(5000), /chứa 5\.016 phần bên trong \(tối đa 1\.000\)/],
  ['two million empty cells', () => emptyCells(20_000, 100), /có hơn 400\.000 ô/],
  ['one merge over the whole grid', mergeBomb, /có hơn 400\.000 ô/],
  ['a data validation over the whole grid', validationBomb, /Data Validation\) phủ hơn 2\.200\.000 ô/],
  ['a column range to 200,000,000', columnBomb, /ngoài giới hạn của Excel \(200000000\)/],
];

describe('an XLSX bomb is refused before anything loads it, naming the limit; nothing is stored', () => {
  it.each(BOMBS)('grade-book import preview: %s', async (_label, make, limit) => {
    const before = await stored();
    const res = await requestAs(fx, 'subjectTeacher', 'POST', sheetPath(), { form: fileForm(await make(), XLSX, 'bang-diem.xlsx') });
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^Không đọc được tệp "bang-diem\\.xlsx": Tệp Excel .*${limit.source}`));
    expect(res.body.errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringMatching(limit) }]);
    expect(await stored()).toEqual(before);
  }, 60_000);

  it.each(BOMBS)('student import: %s', async (_label, make, limit) => {
    const before = await stored();
    const res = await requestAs(fx, 'principal', 'POST', importPath(), { form: fileForm(await make(), XLSX, 'danh-sach.xlsx') });
    expect(res.status, res.text.slice(0, 300)).toBe(400);
    expect(res.body.message).toMatch(new RegExp(`^Không đọc được tệp: Tệp Excel .*${limit.source}`));
    expect(res.body.errors).toEqual([{ row: 0, field: 'tệp', message: expect.stringMatching(limit) }]);
    expect(await stored()).toEqual(before);
  }, 60_000);
});

describe('the server keeps answering while a workbook is read', () => {
  // Within every limit, but seconds of work: exceljs compares each of 4,000 merges with all the others.
  const slow = () => tinySheet(`<mergeCells>${Array.from({ length: 4000 }, (_, i) => `<mergeCell ref="A${i + 2}:B${i + 2}"/>`).join('')}</mergeCells>`);

  it.each([
    ['grade-book import preview', 'subjectTeacher', sheetPath],
    ['student import', 'principal', importPath],
  ] as const)('%s: /api/health, asked while the file is being read, answers before the import does', async (_label, subject, path) => {
    const before = await stored();
    const file = await slow();
    let importDone = 0;
    const upload = requestAs(fx, subject, 'POST', path(), { form: fileForm(file, XLSX, 'cham.xlsx') }).then((res) => {
      importDone = performance.now();
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const health = await fetch(`${fx.server.baseUrl}/api/health`);
    const healthDone = performance.now();
    expect(health.status).toBe(200);
    const res = await upload;
    expect(res.status, res.text.slice(0, 300)).toBe(400); // a title and merges, no table: nothing to import
    expect(healthDone).toBeLessThan(importDone);
    expect(await stored()).toEqual(before);
  }, 60_000);
});

describe('the compiled server', () => {
  it('reads uploads in dist/workers: our template is loaded and parsed, a bomb is refused by the worker’s check', async () => {
    const root = process.cwd();
    const built = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--server-only'], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    expect(built.status, built.stderr + built.stdout).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-xlsx-'));
    try {
      const files = [join(dir, 'mau.xlsx'), join(dir, 'bom.xlsx')];
      writeFileSync(files[0], await buildStudentTemplate({ className: '6A8' }));
      writeFileSync(files[1], await mergeBomb());
      const script = `
        import { readFileSync } from 'node:fs';
        const { parseStudentWorkbook } = await import(${JSON.stringify(pathToFileURL(join(root, 'dist', 'workers', 'student-list.js')).href)});
        for (const f of process.env.XLSX_FILES.split('\\n')) console.log(JSON.stringify(await parseStudentWorkbook(readFileSync(f))));`;
      const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000, env: { ...process.env, XLSX_FILES: files.join('\n') } });
      expect(run.status, run.stderr).toBe(0);
      const [template, bomb] = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
      // The empty template: loaded by exceljs and read by the parser, which finds no student under the header.
      expect(template.errors[0].message).toContain('không có dòng học sinh nào dưới dòng tiêu đề');
      expect(bomb.errors[0].message).toMatch(/^Tệp Excel có hơn 400\.000 ô/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
