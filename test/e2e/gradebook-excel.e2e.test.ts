/**
 * The score sheet in Excel in the browser: the teacher downloads the sheet ("Xuất Excel"), fills
 * it in Excel (here with exceljs), uploads it ("Nhập từ Excel"), sees every change in the preview,
 * applies it, sees the scores in the grid, then undoes the import ("Hoàn tác lần nhập").
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCORE_HEADER_ROW } from '../../src/server/gradebook/score-excel/score-workbook.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { OUT, RUN_BROWSER_TESTS, launchBrowser, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('grade book Excel in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let sheetUrl: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoScores: false, web: true });
    const classId = server.demo!.classIds['6A1'];
    const db = server.database.handle.db;
    const user = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
    const subject = await db
      .selectFrom('teaching_assignments')
      .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
      .select(['subjects.id'])
      .where('teaching_assignments.class_id', '=', classId)
      .where('teaching_assignments.staff_id', '=', user.staff_id!)
      .where('subjects.assessment_kind', '=', 'scored')
      .executeTakeFirstOrThrow();
    sheetUrl = `${server.baseUrl}/so-diem/${classId}/${subject.id}/1`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill('gvcn.6a1');
    await page.getByLabel('Mật khẩu').fill(server.demo!.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText(/Xin chào/).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const cell = (r: number, c: number) => page.locator(`[data-testid="gradebook-grid"] input[data-r="${r}"][data-c="${c}"]`);

  it('exports, previews, applies and rolls back an import', async () => {
    await page.goto(sheetUrl);
    await page.getByTestId('gradebook-grid').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('excel-export').click()]);
    const original = join(OUT, 'e2e-export.xlsx');
    await download.saveAs(original);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);

    // The teacher fills ĐĐGtx 1 of the first three students and ĐĐGgk of the first.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(original) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Bảng điểm')!;
    const headers = (ws.getRow(SCORE_HEADER_ROW).values as ExcelJS.CellValue[]).map((v) => String(v ?? ''));
    const set = (i: number, header: string, value: string) => {
      ws.getRow(SCORE_HEADER_ROW + 1 + i).getCell(headers.indexOf(header)).value = value;
    };
    set(0, 'ĐĐGtx 1', '8');
    set(1, 'ĐĐGtx 1', '7,5');
    set(2, 'ĐĐGtx 1', '9');
    set(0, 'ĐĐGgk', '6,5');
    const filled = join(OUT, 'e2e-filled.xlsx');
    writeFileSync(filled, Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer));

    await page.getByTestId('excel-import').click();
    await page.locator('input[type="file"]').setInputFiles(filled);
    await page.getByTestId('excel-diff').waitFor();
    await expect.poll(() => page.getByTestId('excel-preview-summary').textContent()).toContain('4 ô sẽ thay đổi');
    expect(await page.getByTestId('excel-diff').locator('tbody tr').count()).toBe(4);
    await shot(page, 'h20-excel-preview', false);
    // Nothing is written by the preview.
    await expect(cell(0, 0).inputValue()).resolves.toBe('');

    await page.getByTestId('excel-apply').click();
    await page.getByTestId('excel-rollback').waitFor();
    await expect.poll(() => cell(0, 0).inputValue()).toBe('8,0');
    await expect.poll(() => cell(1, 0).inputValue()).toBe('7,5');
    await shot(page, 'h21-excel-applied', false);

    await page.getByTestId('excel-rollback').click();
    await page.getByTestId('excel-rolled-back').waitFor();
    await expect.poll(() => cell(0, 0).inputValue()).toBe('');
    await expect.poll(() => cell(2, 0).inputValue()).toBe('');
    await shot(page, 'h22-excel-rolled-back', false);
  });
});
