/**
 * Kế hoạch kiểm tra in the browser (G10): the principal dates 6A1's mid-term test on the page and
 * sees how many of its scores are still missing; the 6A1 teacher reads her classes' plan on a
 * 390 px phone as cards, with no delete button; the principal deletes a test not yet taken after
 * a confirmation (Hủy keeps it), on the desktop and on a phone. Dates from the test calendar
 * (today 23/11/2026).
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
    expect(await page.getByTestId('plan-delete').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'testing-plan-teacher-390');
  });

  it('the principal deletes a test not yet taken, after a confirmation; Hủy keeps it', async () => {
    const page = await loginPage(browser, server, 'hieutruong');
    await page.goto(`${server.baseUrl}/ke-hoach-kiem-tra`);
    // the class and subject stay chosen between two saves
    await page.getByRole('combobox', { name: 'Khối/Lớp', exact: true }).click();
    await page.getByRole('option', { name: '6A1', exact: true }).click();
    await page.getByRole('combobox', { name: 'Môn', exact: true }).click();
    await page.getByRole('option', { name: subjectName, exact: true }).click();
    for (const [test, day] of [
      ['Cuối học kỳ I', '15/12/2026'],
      ['Giữa học kỳ II', '10/03/2027'],
    ]) {
      await page.getByRole('combobox', { name: 'Bài kiểm tra', exact: true }).click();
      await page.getByRole('option', { name: test, exact: true }).click();
      await page.getByRole('textbox', { name: 'Ngày kiểm tra', exact: true }).fill(day);
      await page.getByRole('button', { name: 'Lưu ngày kiểm tra' }).click();
      await page.getByText('Thêm 1, đổi ngày 0, giữ nguyên 0 bài kiểm tra.').waitFor();
    }
    const rows = page.getByTestId('plan-table').getByRole('row').filter({ hasText: subjectName });
    const endRow = rows.filter({ hasText: 'Cuối học kỳ I' });
    await endRow.waitFor();
    expect(await endRow.textContent()).toContain('15/12/2026');
    await endRow.getByTestId('plan-delete').click();
    const dialog = page.getByRole('dialog', { name: 'Xóa bài kiểm tra khỏi kế hoạch' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Xóa bài kiểm tra cuối học kỳ I môn ${subjectName} lớp 6A1, ngày 15/12/2026, khỏi kế hoạch kiểm tra?`);
    expect(await dialog.textContent()).toContain('Hạn sửa điểm của lớp và môn này trở về hạn chung của học kỳ.');
    await shot(page, 'testing-plan-delete-confirm');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await endRow.count()).toBe(1);
    await endRow.getByTestId('plan-delete').click();
    await dialog.getByTestId('plan-delete-yes').click();
    await dialog.waitFor({ state: 'hidden' });
    await endRow.waitFor({ state: 'detached' });
    await expect.poll(() => rows.count()).toBe(2);
    const db = server.database.handle.db;
    expect(await db.selectFrom('audit_events').select('id').where('action', '=', 'testingPlan.deleted').execute()).toHaveLength(1);
    await shot(page, 'testing-plan-after-delete');

    // on a 390 px phone the card carries the button
    const phone = await loginPage(browser, server, 'hieutruong', { width: 390 });
    await phone.goto(`${server.baseUrl}/ke-hoach-kiem-tra`);
    const card = phone.getByTestId('plan-cards').locator('.mantine-Card-root').filter({ hasText: 'Giữa học kỳ II' });
    await card.waitFor();
    await card.getByTestId('plan-delete').click();
    await phone.getByRole('dialog', { name: 'Xóa bài kiểm tra khỏi kế hoạch' }).waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(phone, 'testing-plan-delete-confirm-390');
    await phone.getByTestId('plan-delete-yes').click();
    await card.waitFor({ state: 'detached' });
    expect(await db.selectFrom('audit_events').select('id').where('action', '=', 'testingPlan.deleted').execute()).toHaveLength(2);
  });
});
