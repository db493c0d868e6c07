/**
 * Kế hoạch kiểm tra in the browser (G10): the principal dates 6A1's mid-term test on the page and
 * sees how many of its scores are still missing; the 6A1 teacher reads her classes' plan on a
 * 390 px phone as cards. Dates from the test calendar (today 23/11/2026).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('the testing plan page', () => {
  let server: TestServer;
  let browser: Browser;
  let subjectName: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoScores: false, web: true });
    const db = server.database.handle.db;
    const user = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.6a1').executeTakeFirstOrThrow();
    subjectName = (
      await db
        .selectFrom('teaching_assignments')
        .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
        .select('subjects.name')
        .where('teaching_assignments.class_id', '=', server.demo!.classIds['6A1'])
        .where('teaching_assignments.staff_id', '=', user.staff_id!)
        .where('subjects.assessment_kind', '=', 'scored')
        .executeTakeFirstOrThrow()
    ).name;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal dates a test; a past test shows the scores still missing', async () => {
    const page = await loginPage(browser, server, 'hieutruong');
    await page.getByRole('link', { name: 'Kế hoạch kiểm tra' }).first().click();
    await page.getByRole('combobox', { name: 'Khối/Lớp', exact: true }).click();
    await page.getByRole('option', { name: '6A1', exact: true }).click();
    await page.getByRole('combobox', { name: 'Môn', exact: true }).click();
    await page.getByRole('option', { name: subjectName, exact: true }).click();
    await page.getByRole('combobox', { name: 'Bài kiểm tra', exact: true }).click();
    await page.getByRole('option', { name: 'Giữa học kỳ I', exact: true }).click();
    await page.getByRole('textbox', { name: 'Ngày kiểm tra', exact: true }).fill('10/11/2026');
    await page.getByRole('button', { name: 'Lưu ngày kiểm tra' }).click();
    await page.getByText('Thêm 1, đổi ngày 0, giữ nguyên 0 bài kiểm tra.').waitFor();
    const row = page.getByTestId('plan-table').getByRole('row').filter({ hasText: subjectName });
    await expect.poll(() => row.textContent()).toContain('Giữa học kỳ I');
    expect(await row.getByTestId('plan-status').textContent()).toMatch(/^còn thiếu \d+$/);
    await shot(page, 'testing-plan-principal');
  });

  it('the 6A1 teacher reads it on a 390 px phone, as cards', async () => {
    const page = await loginPage(browser, server, 'gvcn.6a1', { width: 390 });
    await page.goto(`${server.baseUrl}/ke-hoach-kiem-tra`);
    const card = page.getByTestId('plan-cards').locator('.mantine-Card-root').filter({ hasText: subjectName });
    await card.waitFor();
    expect(await card.textContent()).toContain('Giữa học kỳ I: 10/11/2026');
    expect(await page.getByRole('button', { name: 'Lưu ngày kiểm tra' }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'testing-plan-teacher-390');
  });
});
