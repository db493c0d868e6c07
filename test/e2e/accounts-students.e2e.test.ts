/**
 * Accounts and students in the browser: the principal creates an admin-board account and gets
 * its printable slip; the new user's first login walks through Đổi mật khẩu and Bật xác thực hai
 * lớp (QR + secret); then class-list ordering, adding a student and moving one to another class.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { freshTotpCode } from '../helpers/fresh-totp.ts';
import { RUN_BROWSER_TESTS, launchBrowser, shot } from './support.ts';

async function logIn(page: Page, baseUrl: string, username: string, password: string, totpSecret?: string) {
  await page.goto(baseUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (totpSecret) {
    await page.getByLabel('Mã xác thực 6 chữ số').fill(freshTotpCode(baseUrl, totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
}

describe.runIf(RUN_BROWSER_TESTS)('accounts and students in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const slip = { username: '', password: '' };

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal creates an admin-board account and sees its slip', async () => {
    const principal = server.demo!.logins.find((l) => l.username === 'hieutruong');
    if (!principal) throw new Error('no demo principal');
    await logIn(page, server.baseUrl, principal.username, server.demo!.password, principal.totpSecret);
    await page.getByText(/Xin chào/).waitFor();
    await page.getByRole('link', { name: 'Tài khoản, phân quyền' }).first().click();
    await page.getByRole('button', { name: 'Tạo tài khoản cán bộ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Họ và tên').fill('Phan Thị Kiểm Thử');
    await dialog.getByLabel('Tên đăng nhập').fill('kiemthu.qt');
    await dialog.getByLabel('Giáo viên', { exact: true }).uncheck();
    await dialog.getByLabel('Ban quản trị phần mềm').check();
    await shot(page, '40-create-account');
    await dialog.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByTestId('slip-password').first().waitFor();
    slip.username = (await page.getByRole('dialog').getByTestId('slip-username').textContent())!.trim();
    slip.password = (await page.getByRole('dialog').getByTestId('slip-password').textContent())!.trim();
    expect(slip.username).toBe('kiemthu.qt');
    expect(slip.password.length).toBeGreaterThanOrEqual(8);
    await shot(page, '41-account-slip', false);
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => document.body.classList.add('printing-slips'));
    await shot(page, '42-account-slip-print', false);
    await page.evaluate(() => document.body.classList.remove('printing-slips'));
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('dialog').getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('cell', { name: 'kiemthu.qt' }).waitFor();
  });

  it('the new user changes the one-time password and turns on two-factor authentication', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
    const p = await context.newPage();
    p.setDefaultTimeout(15_000);
    await logIn(p, server.baseUrl, slip.username, slip.password);
    await p.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await p.getByLabel(/^Mật khẩu mới/).fill('Kiểm thử đổi mật khẩu 2026');
    await p.getByLabel('Nhập lại mật khẩu mới').fill('Kiểm thử đổi mật khẩu 2026');
    await shot(p, '43-phone-change-password');
    await p.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await p.getByRole('heading', { name: 'Bật xác thực hai lớp' }).waitFor();
    const secret = (await p.getByTestId('totp-secret').textContent())!.replace(/\s/g, '');
    await p.getByRole('img', { name: /Mã QR/ }).waitFor();
    await shot(p, '44-phone-setup-totp');
    await p.getByLabel('Mã xác thực 6 chữ số').fill(freshTotpCode(server.baseUrl, secret));
    await p.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    await p.getByText(/Xin chào, Phan Thị Kiểm Thử/).waitFor();
    await shot(p, '45-phone-home-new-admin');
    await context.close();
  });

  it('re-orders a class list by hand and back to ABC, adds a student, moves one to another class', async () => {
    await page.goto(`${server.baseUrl}/lop`);
    await page.getByRole('link', { name: /^6A1/ }).click();
    await page.getByRole('heading', { name: 'Danh sách lớp 6A1' }).waitFor();
    const names = page.getByTestId('class-list').getByTestId('student-name');
    await expect.poll(() => names.count()).toBe(40);
    const abc = (await names.allTextContents()).map((s) => s.trim());

    await page.getByRole('button', { name: 'Sắp xếp' }).click();
    await page.getByRole('menuitem', { name: 'Sắp xếp thủ công…' }).click();
    await page.getByRole('button', { name: 'Xuống' }).first().click();
    await shot(page, '46-manual-order', false);
    await page.getByRole('button', { name: 'Lưu thứ tự' }).click();
    await page.getByRole('button', { name: 'Lưu thứ tự' }).waitFor({ state: 'detached' });
    const manual = (await names.allTextContents()).map((s) => s.trim());
    expect(manual.slice(0, 2)).toEqual([abc[1], abc[0]]);

    await page.getByRole('button', { name: 'Sắp xếp' }).click();
    await page.getByRole('menuitem', { name: 'Sắp xếp ABC' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Sắp xếp ABC' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expect.poll(async () => (await names.allTextContents()).map((s) => s.trim())).toEqual(abc);

    await page.getByRole('button', { name: 'Thêm học sinh' }).click();
    const add = page.getByRole('dialog');
    await add.getByLabel(/^Họ( \*)?$/).fill('Đinh');
    await add.getByLabel('Tên đệm').fill('Thị Ngọc');
    await add.getByLabel(/^Tên( \*)?$/).fill('Ánh');
    await add.getByLabel('Ngày sinh').fill('17/03/2014');
    await add.getByLabel('Giới tính').click();
    await page.getByRole('option', { name: 'Nữ' }).click();
    await add.getByRole('button', { name: 'Thêm cha, mẹ hoặc người giám hộ' }).click();
    await add.getByLabel('Họ và tên').fill('Đinh Văn Hùng');
    await shot(page, '47-add-student');
    await add.getByRole('button', { name: 'Thêm học sinh' }).click();
    await add.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: 'Đinh Thị Ngọc Ánh' }).waitFor();

    await page.getByRole('link', { name: 'Đinh Thị Ngọc Ánh' }).click();
    await page.getByRole('button', { name: 'Chuyển lớp' }).click();
    const move = page.getByRole('dialog');
    await move.getByLabel(/^Chuyển sang lớp/).click();
    await page.getByRole('option', { name: 'Lớp 6A2' }).click();
    await move.getByLabel('Lý do').fill('Theo nguyện vọng gia đình');
    await shot(page, '48-change-class', false);
    await move.getByRole('button', { name: 'Chuyển lớp' }).click();
    await move.waitFor({ state: 'detached' });
    await page.getByRole('tab', { name: 'Quá trình học tập' }).click();
    await page.getByRole('cell', { name: '6A2', exact: true }).waitFor();
    await shot(page, '49-history-after-move');
  });
});
