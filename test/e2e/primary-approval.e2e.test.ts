/**
 * Primary approval in a real browser (C5 for grades 1–5, issue 22): in the summer, 3A's homeroom
 * teacher opens the Sổ tổng hợp, sees the four points complete and not yet proposed, proposes
 * giữa HK I; the principal sees the proposal on the same page and approves it; the page then shows
 * the approval's date and approver, and the homeroom teacher can no longer propose it again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('primary approval per point in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let classId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // The summer: 3A's summary book is complete at all four points.
    server = await startTestServer({ demo: true, web: true, now: '2027-06-10T03:00:00.000Z' });
    classId = server.demo!.classIds['3A'];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (page: Page) => {
    await page.goto(`${server.baseUrl}/so-tong-hop/${classId}?thoi-diem=GK1`);
    await page.getByTestId('primary-approvals').waitFor();
  };

  it('the homeroom teacher proposes giữa HK I; the principal approves it; the page shows when and by whom', async () => {
    const teacher = await loginPage(browser, server, 'gvcn.3a');
    await open(teacher);
    for (const point of ['GK1', 'CK1', 'GK2', 'CN']) await expect.poll(() => teacher.getByTestId(`approval-${point}`).textContent()).toMatch(/Đủ dữ liệu.*Chưa đề nghị.*Chưa phê duyệt/);
    expect(await teacher.getByTestId('approve-GK1').count()).toBe(0);
    await teacher.getByTestId('propose-GK1').click();
    await expect.poll(() => teacher.getByTestId('approval-GK1').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}.*—/);
    expect(await teacher.getByTestId('propose-GK1').isDisabled()).toBe(true);

    const principal = await loginPage(browser, server, 'th.hieutruong');
    await open(principal);
    expect(await principal.getByTestId('approve-CK1').isDisabled()).toBe(true);
    await principal.getByTestId('approve-GK1').click();
    await expect.poll(() => principal.getByTestId('approved-GK1').textContent()).toMatch(/\d{2}\/\d{2}\/\d{4}.* — .+/);
    const approver = (await server.database.handle.db.selectFrom('users').select('full_name').where('username', '=', 'th.hieutruong').executeTakeFirstOrThrow()).full_name;
    expect(await principal.getByTestId('approved-GK1').textContent()).toContain(approver);
    await shot(principal, 'primary-approval');

    await teacher.reload();
    await teacher.getByTestId('primary-approvals').waitFor();
    await expect.poll(() => teacher.getByTestId('approved-GK1').textContent()).toContain(approver);
    expect(await teacher.getByTestId('propose-GK1').isDisabled()).toBe(true);
  });
});
