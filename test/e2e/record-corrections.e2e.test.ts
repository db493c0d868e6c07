/**
 * One lock model in the browser (issue 22): after the principal locks term 1 of 6A1, the homeroom
 * teacher's conduct page shows the lock (who, when) and no save; she changes a level and files
 * "Đề nghị thay đổi" with a reason; the request lists the change old → new.
 *
 * Screenshots go to test-results/rc*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('records under lock in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let homeroom: Page;
  let classId: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoScores: false, web: true });
    classId = server.demo!.classIds['6A1'];
    homeroom = await loginPage(browser, server, 'gvcn.6a1');
    // The principal's lock, through the API (fixture).
    const secret = server.demo!.logins.find((l) => l.username === 'hieutruong')!.totpSecret;
    const principal = await new TestClient(server.baseUrl).login('hieutruong', server.demo!.password, secret);
    expect((await principal.post(`/api/v1/years/${server.demo!.yearId}/locks`, { classId, termNo: 1, reason: 'Duyệt kết quả học kỳ I' })).status).toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the locked conduct shows who locked it; a change goes as a request', async () => {
    await homeroom.goto(`${server.baseUrl}/ren-luyen/${classId}`);
    const grid = homeroom.getByTestId('conduct-grid');
    await grid.waitFor();
    await expect.poll(() => homeroom.getByTestId('record-lock').textContent()).toContain('Duyệt kết quả học kỳ I');
    await grid.locator('button[data-r="0"][data-c="0"]').focus();
    await homeroom.keyboard.press('k');
    await expect.poll(() => homeroom.getByTestId('conduct-save').isDisabled()).toBe(true);
    await homeroom.getByTestId('record-correction-open').click();
    await homeroom.getByTestId('record-correction-reason').fill('Vi phạm nội quy, đã họp lớp');
    await shot(homeroom, 'rc01-conduct-request', false);
    await homeroom.getByRole('button', { name: 'Gửi giấy đề nghị' }).click();
    await homeroom.getByTestId('record-correction-created').waitFor();
    await homeroom.getByRole('link', { name: 'Xem giấy đề nghị' }).click();
    await homeroom.getByRole('heading', { name: /Giấy đề nghị thay đổi thông tin số \d+/ }).waitFor();
    await expect.poll(() => homeroom.locator('table').first().textContent()).toContain('Kết quả rèn luyện (Học kỳ I)');
    await shot(homeroom, 'rc02-request', false);
  });
});
