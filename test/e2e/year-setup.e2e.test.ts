/**
 * Year set-up in the browser: create the next school year by copying this one, change a teaching
 * assignment in the grid (one batch), change a homeroom teacher, and preview the rollover
 * (Kết chuyển lên lớp) from 2026-2027 to 2027-2028.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshTotpCode } from '../helpers/fresh-totp.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('year set-up in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
    const admin = server.demo!.logins.find((l) => l.label.includes('Ban quản trị'))!;
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill(admin.username);
    await page.getByLabel('Mật khẩu').fill(server.demo!.password);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByLabel('Mã xác thực 6 chữ số').fill(freshTotpCode(server.baseUrl, admin.totpSecret!));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Xin chào/).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('changes a teaching assignment and a homeroom teacher', async () => {
    await page.goto(`${server.baseUrl}/thiet-lap`);
    await page.getByRole('link', { name: /Năm học 2026-2027/ }).click();
    await page.getByRole('tab', { name: 'Phân công chuyên môn' }).click();
    const cell = page.getByLabel('Toán lớp 6A1');
    // The teacher options arrive with the staff list: wait for them before choosing.
    await expect.poll(() => cell.locator('option').count()).toBeGreaterThan(2);
    const options = await cell.locator('option').allTextContents();
    const current = await cell.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    const other = options.find((o) => o !== current && o !== '—')!;
    await cell.selectOption({ label: other });
    await page.getByRole('button', { name: 'Lưu phân công (1 thay đổi)' }).click();
    await page.getByRole('button', { name: 'Lưu phân công', exact: true }).waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel('Toán lớp 6A1').evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent)).toBe(other);
    await shot(page, '50-assignment-saved', false);

    await page.getByRole('tab', { name: 'Phân công chủ nhiệm' }).click();
    const homeroom = page.getByLabel('Giáo viên chủ nhiệm lớp 9A2');
    await expect.poll(() => homeroom.locator('option').count()).toBeGreaterThan(2);
    const hOptions = await homeroom.locator('option').allTextContents();
    const hCurrent = await homeroom.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    const hOther = hOptions.find((o) => o !== hCurrent && !o.startsWith('—'))!;
    await homeroom.selectOption({ label: hOther });
    await shot(page, '51-homeroom-change', false);
    await page.getByRole('button', { name: /Lưu phân công chủ nhiệm/ }).click();
    await page.getByRole('button', { name: 'Lưu phân công chủ nhiệm', exact: true }).waitFor();
    await page.getByRole('tab', { name: 'Lớp', exact: true }).click();
    await page.getByRole('row', { name: new RegExp(`9A2.*${hOther}`) }).waitFor();
  });

  it('creates the next year by copying this one and previews the rollover', async () => {
    await page.goto(`${server.baseUrl}/thiet-lap`);
    await page.getByRole('button', { name: 'Tạo năm học mới' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByLabel('Năm bắt đầu').inputValue()).resolves.toBe('2027');
    await shot(page, '52-create-year', false);
    await dialog.getByRole('button', { name: /Tạo năm học 2027-2028/ }).click();
    await page.getByRole('heading', { name: 'Năm học 2027-2028' }).waitFor();
    await page.getByRole('tab', { name: 'Lớp', exact: true }).click();
    await shot(page, '53-new-year-classes', false);

    await page.goto(`${server.baseUrl}/ket-chuyen`);
    await page.getByRole('heading', { name: 'Kết chuyển lên lớp' }).waitFor();
    await page.getByRole('table').waitFor();
    await shot(page, '54-rollover-preview', false);
    await expect(page.getByRole('button', { name: /Kết chuyển \d+ học sinh/ }).isVisible()).resolves.toBe(true);
  });
});
