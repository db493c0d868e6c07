/**
 * "Việc cần làm" in a real browser (issue 15 §1–2), on the living demo in HK I (the mid-term window
 * ended four days ago, the end-of-term window open for 14 more days): the principal opens her
 * to-do, follows "Kết quả chờ phê duyệt" to 9A1's results already selected and approves them, and
 * the item is gone; a subject teacher sees her empty columns with the days left and follows one into
 * the grade book; the clerk's home; the locks page listing the automatic lock with the manual ones.
 *
 * Screenshots (1280 px and 390 px wide) go to /tmp/shots-C/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage } from './support.ts';

const SHOTS = '/tmp/shots-C';

async function shots(page: Page, name: string) {
  await page.waitForTimeout(250);
  await page.screenshot({ path: join(SHOTS, `${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.waitForTimeout(200);
}

describe.runIf(RUN_BROWSER_TESTS)('Việc cần làm: each role\'s to-do, followed to where it gets done', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal follows "Kết quả chờ phê duyệt" to 9A1 preselected, approves, and the item is gone', async () => {
    const classId = server.demo!.classIds['9A1'];
    const homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password);
    expect((await homeroom.post(`/api/v1/classes/${classId}/results/term1/proposal`)).status).toBe(200);

    const page = await loginPage(browser, server, 'hieutruong');
    const todo = page.getByTestId('todo');
    await todo.waitFor();
    const group = todo.locator('[data-testid="todo-group"][data-kind="results.approve"]');
    await group.getByText('Kết quả chờ phê duyệt').waitFor();
    await todo.locator('[data-kind="window.closedEmpty"]').first().waitFor();
    await shots(page, 'home-principal');

    // The menu's "Kết quả học tập, tổng hợp" opens on the class waiting for her, not on "Chọn một lớp.".
    await page.getByRole('link', { name: 'Kết quả học tập, tổng hợp' }).first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/ket-qua/${classId}/term1`);
    await page.getByRole('heading', { name: 'Kết quả học tập và rèn luyện — Lớp 9A1' }).waitFor();
    await page.getByRole('link', { name: 'Sổ Điểm Số' }).first().click();
    await todo.waitFor();

    await group.getByRole('link', { name: /Lớp 9A1 đề nghị phê duyệt kết quả học kỳ I/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/ket-qua/${classId}/term1`);
    await page.getByRole('heading', { name: 'Kết quả học tập và rèn luyện — Lớp 9A1' }).waitFor();
    await expect.poll(() => page.getByTestId('approve').isEnabled()).toBe(true);
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('approval-status').textContent()).toContain('Đã phê duyệt');

    await page.getByRole('link', { name: 'Sổ Điểm Số' }).first().click();
    await todo.waitFor();
    await expect.poll(() => todo.locator('[data-testid="todo-group"][data-kind="results.approve"]').count()).toBe(0);
    await page.context().close();
  });

  it('a teacher sees her empty columns with the days left and opens one in the grade book', async () => {
    const page = await loginPage(browser, server, 'giaovien');
    const items = page.locator('[data-testid="todo-item"][data-kind="window.emptyColumns"]');
    await items.first().waitFor();
    await expect(items.first().textContent()).resolves.toMatch(/còn 14 ngày \(hết hạn \d\d\/\d\d\/\d{4}\)/);
    await expect(items.first().textContent()).resolves.toMatch(/Đã nhập\/cần nhập: .*\d+\/\d+/);
    await shots(page, 'home-teacher');
    const href = await items.first().getAttribute('href');
    await items.first().click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(href);
    await page.getByTestId('gradebook-grid').waitFor();
    await page.context().close();
  });

  it('the clerk\'s home, and the locks page with the automatic lock counted in "Đang khóa"', async () => {
    const clerk = await loginPage(browser, server, 'vanthu');
    await clerk.getByTestId('todo').waitFor();
    await shots(clerk, 'home-clerk');
    await clerk.context().close();

    const page = await loginPage(browser, server, 'hieutruong');
    await page.goto(`${server.baseUrl}/khoa-so`);
    await page.getByTestId('auto-lock').first().waitFor();
    await expect(page.getByTestId('active-locks-title').textContent()).resolves.toMatch(/^Đang khóa \(\d+\)$/);
    const n = Number((await page.getByTestId('active-locks-title').textContent())!.replace(/\D/g, ''));
    expect(n).toBeGreaterThanOrEqual(await page.getByTestId('auto-lock').count());
    await expect(page.getByTestId('auto-lock').first().textContent()).resolves.toContain('Tự khóa');
    await shots(page, 'locks');

    // Ending the open window today asks to confirm, listing the empty columns.
    await page.getByRole('tab', { name: 'Đợt cập nhật điểm' }).click();
    const row = page.getByTestId('window-term1.endOfTerm');
    await row.getByLabel('Đến hết ngày').fill('23/11/2026'); // the test server's day (TEST_NOW)
    await row.getByRole('button', { name: 'Lưu đợt' }).click();
    await row.getByTestId('confirm-closing').waitFor();
    await expect.poll(() => row.getByTestId('confirm-closing-class').count()).toBeGreaterThan(0);
    await shots(page, 'window-confirm');
    await page.context().close();
  });
});
