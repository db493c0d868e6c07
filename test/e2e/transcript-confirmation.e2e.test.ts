/**
 * The principal's transcript confirmation in a real browser (C6, issue 22): in the summer, the
 * principal opens "Xác nhận học bạ" from the menu, chooses 9A1 and is told why it cannot be
 * confirmed yet (the year's results not approved); once they are, she confirms the whole class
 * through the page's confirmation step and every student shows confirmed, as the API agrees. A
 * subject teacher has no such menu entry, the page tells her she may not, and the API refuses her.
 *
 * Screenshots of the principal's page go to /tmp/shots-H/ (1280 px and 390 px wide).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage } from './support.ts';

const SHOTS = '/tmp/shots-H';

describe.runIf(RUN_BROWSER_TESTS)('the principal confirms 9A1\'s học bạ in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let classId: string;
  let principal: Page;
  const secret = (u: string) => server.demo!.logins.find((l) => l.username === u)!.totpSecret;

  async function shots(page: Page, name: string) {
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SHOTS, `${name}-1280.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400); // the menu slides away on a phone
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(200);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    // The summer: 9A1's grade book is complete for both terms, the year's results not yet proposed.
    server = await startTestServer({ demo: true, web: true, now: '2027-06-10T03:00:00.000Z' });
    classId = server.demo!.classIds['9A1'];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal opens the page from the menu and sees why 9A1 cannot be confirmed yet', async () => {
    principal = await loginPage(browser, server, 'hieutruong');
    await principal.getByRole('link', { name: 'Xác nhận học bạ' }).first().click();
    await principal.getByRole('combobox', { name: 'Lớp' }).click();
    await principal.getByRole('option', { name: '9A1', exact: true }).click();
    await principal.getByRole('heading', { name: 'Xác nhận học bạ — Lớp 9A1' }).waitFor();
    await expect.poll(() => principal.getByTestId('transcript-row').count()).toBe(40);
    await expect.poll(() => principal.getByTestId('transcript-blocker').textContent()).toMatch(/Kết quả cả năm của lớp 9A1 chưa được Hiệu trưởng phê duyệt/);
    expect(await principal.getByTestId('confirm-transcripts').isDisabled()).toBe(true);
    await shots(principal, 'blocked');
  });

  it('once the year is approved, she confirms the class through the confirmation step and sees every record confirmed', async () => {
    const homeroom = await new TestClient(server.baseUrl).login('gvcn.9a1', server.demo!.password, secret('gvcn.9a1'));
    const proposal = await homeroom.post(`/api/v1/classes/${classId}/results/year/proposal`);
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(200);
    const principalApi = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret('hieutruong'));
    expect((await principalApi.get(`/api/v1/classes/${classId}/transcript-records`)).body).toEqual([]);
    expect((await principalApi.post(`/api/v1/classes/${classId}/results/year/approval`, { snapshotId: proposal.body.snapshotId })).status).toBe(200);

    await principal.reload();
    await principal.getByRole('heading', { name: 'Xác nhận học bạ — Lớp 9A1' }).waitFor();
    await expect.poll(() => principal.getByTestId('transcript-state').filter({ hasText: 'Chưa xác nhận' }).count()).toBe(40);
    expect(await principal.getByTestId('transcript-blocker').count()).toBe(0);
    await principal.getByTestId('confirm-transcripts').click();
    const dialog = principal.getByRole('dialog', { name: 'Xác nhận học bạ' });
    await dialog.getByText('cả lớp 9A1 (40 học sinh)', { exact: false }).waitFor();
    await shots(principal, 'confirm-step');
    await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await expect.poll(() => principal.getByTestId('transcript-confirmed').textContent()).toBe('Đã xác nhận 40 học bạ.');
    await expect.poll(() => principal.getByTestId('transcript-state').filter({ hasText: /^Đã xác nhận$/ }).count()).toBe(40);
    expect(await principal.getByTestId('confirm-transcripts').isDisabled()).toBe(true);
    expect(await principal.getByRole('link', { name: 'Xem PDF' }).count()).toBe(40);
    await shots(principal, 'confirmed');

    const records = (await principalApi.get(`/api/v1/classes/${classId}/transcript-records`)).body as { versionNo: number; ruleVersion: string }[];
    expect(records).toHaveLength(40);
    expect(records.every((r) => r.versionNo === 1 && r.ruleVersion === 'TT22_2021@1')).toBe(true);
  });

  it('a subject teacher has no menu entry, the page refuses her, and so does the API', async () => {
    const teacher = await loginPage(browser, server, 'giaovien');
    expect(await teacher.getByRole('link', { name: 'Xác nhận học bạ' }).count()).toBe(0);
    await teacher.goto(`${server.baseUrl}/xac-nhan-hoc-ba/${classId}`);
    await teacher.getByText('Không có quyền').waitFor();
    const teacherApi = await new TestClient(server.baseUrl).login('giaovien', server.demo!.password, secret('giaovien'));
    const read = await teacherApi.get(`/api/v1/classes/${classId}/transcript-confirmation`);
    expect(read.status).toBe(403);
    expect(read.body.message).toMatch(/Ban giám hiệu/);
    const write = await teacherApi.post(`/api/v1/classes/${classId}/transcript-records/confirmation`, {});
    expect(write.status).toBe(403);
    expect(write.body.message).toBe('Chỉ Hiệu trưởng (hoặc phó hiệu trưởng được ủy quyền ký thay) được xác nhận thông tin và kết quả đưa vào học bạ.');
  });
});
