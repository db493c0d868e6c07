/**
 * The admin board in a real browser (Debian Chromium via playwright-core) against the real
 * server with the demo school: log in (password + TOTP), create a class, import 40 students from
 * the Excel template, see them in Vietnamese ABC order, then import a broken file and read the
 * report (row, column, error) while the class keeps its 40 students.
 *
 * Screenshots of every page go to test-results/ (desktop 1280 px and phone 390 px).
 */
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sortStudentsVietnamese } from '../../src/domain/names/compare-student-names.ts';
import { freshTotpCode } from '../helpers/fresh-totp.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { OUT, RUN_BROWSER_TESTS, launchBrowser, shot } from './support.ts';

/** 40 students whose names exercise the Vietnamese order: tones, ă/â/đ/ơ/ư, equal given names. */
function makeStudents() {
  const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
  const middle = ['Văn', 'Thị', 'Minh', 'Thị Thu', 'Đức', 'Ngọc', 'Hải', 'Quang'];
  const given = [
    'An', 'Ân', 'Ánh', 'Anh', 'Bình', 'Dũng', 'Đức', 'Giang', 'Hà', 'Hạ',
    'Hải', 'Hòa', 'Hoà', 'Huy', 'Hùng', 'Khánh', 'Linh', 'Lĩnh', 'Long', 'Mai',
    'Minh', 'Nam', 'Ngân', 'Nhung', 'Oanh', 'Ơn', 'Phúc', 'Quân', 'Sơn', 'Tâm',
    'Thảo', 'Thuỷ', 'Thùy', 'Trang', 'Tú', 'Uyên', 'Ưng', 'Vy', 'Anh', 'Minh',
  ];
  return given.map((g, i) => {
    const familyName = family[(i * 7) % family.length];
    const middleName = middle[(i * 3) % middle.length];
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (i % 12)).padStart(2, '0');
    return {
      familyName,
      middleName,
      givenName: g,
      fullName: `${familyName} ${middleName} ${g}`,
      dateOfBirth: `2014-${month}-${day}`,
      dob: `${day}/${month}/2014`,
      sex: i % 2 ? 'Nữ' : 'Nam',
    };
  });
}

type Row = { fullName: string; dob: string; sex: string };

/** Fills the server's own template (downloaded in the browser) with these rows. */
async function fillTemplate(templatePath: string, rows: Row[], outPath: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(templatePath);
  const sheet = wb.worksheets[0];
  // The header row is the one that has "Họ và tên".
  let headerRow = 0;
  sheet.eachRow((row, n) => {
    if (!headerRow && row.values && (row.values as unknown[]).some((v) => v === 'Họ và tên')) headerRow = n;
  });
  expect(headerRow).toBeGreaterThan(0);
  const col: Record<string, number> = {};
  sheet.getRow(headerRow).eachCell((cell, c) => {
    col[String(cell.value)] = c;
  });
  expect(col['Họ và tên'] && col['Ngày sinh'] && col['Giới tính']).toBeTruthy();
  rows.forEach((r, i) => {
    const row = sheet.getRow(headerRow + 1 + i);
    if (col.STT) row.getCell(col.STT).value = i + 1;
    row.getCell(col['Họ và tên']).value = r.fullName;
    row.getCell(col['Ngày sinh']).value = r.dob;
    row.getCell(col['Giới tính']).value = r.sex;
    row.commit();
  });
  await wb.xlsx.writeFile(outPath);
  return headerRow;
}

describe.runIf(RUN_BROWSER_TESTS)('admin board in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: { username: string; totpSecret?: string };
  const className = '6A9';

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
    const demo = server.demo;
    if (!demo) throw new Error('the demo seed returned nothing');
    const found = demo.logins.find((l) => l.label.includes('Ban quản trị'));
    if (!found) throw new Error('no demo login labelled "Ban quản trị"');
    admin = found;
    context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN', acceptDownloads: true });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (err) => console.error('page error:', err.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in with password then TOTP', async () => {
    await page.goto(server.baseUrl);
    await page.getByLabel('Tên đăng nhập').fill(admin.username);
    await page.getByLabel('Mật khẩu').fill(server.demo!.password);
    await shot(page, '01-login');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByText('Mã xác thực', { exact: true }).waitFor();
    await shot(page, '02-totp');
    if (!admin.totpSecret) throw new Error('the admin board login has no TOTP secret');
    // Type the code just computed; PinInput moves from box to box.
    await page.getByLabel("Mã xác thực 6 chữ số").fill(freshTotpCode(server.baseUrl, admin.totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/Xin chào/).waitFor();
    await shot(page, '03-home');
  });

  it('creates a class in the year set-up', async () => {
    await page.getByRole('link', { name: 'Thiết lập năm học' }).first().click();
    await page.getByRole('heading', { name: 'Thiết lập năm học' }).waitFor();
    await shot(page, '04-years');
    await page.getByRole('link', { name: /Năm học 2026-2027/ }).click();
    await page.getByRole('tab', { name: 'Lớp', exact: true }).click();
    await shot(page, '05-year-classes');
    await page.getByRole('button', { name: 'Thêm lớp' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Tên lớp').fill(className);
    await dialog.getByRole('button', { name: 'Thêm lớp' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('link', { name: className, exact: true }).waitFor();
    await shot(page, '06-class-created');
  });

  const students = makeStudents();

  it('imports 40 students from the Excel template and lists them in Vietnamese ABC order', async () => {
    await page.getByRole('link', { name: className, exact: true }).click();
    await page.getByRole('heading', { name: `Danh sách lớp ${className}` }).waitFor();
    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    const dialog = page.getByRole('dialog');
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByText('Tải tệp mẫu (Excel)').click()]);
    const templatePath = join(OUT, 'mau-nhap-hoc-sinh.xlsx');
    await download.saveAs(templatePath);
    const goodPath = join(OUT, 'import-40.xlsx');
    await fillTemplate(templatePath, students, goodPath);
    await dialog.locator('input[type=file]').setInputFiles(goodPath);
    await dialog.getByRole('button', { name: 'Nhập danh sách' }).click();
    await dialog.getByTestId('import-success').waitFor();
    await expect(dialog.getByTestId('import-success').textContent()).resolves.toContain('Đã nhập 40 học sinh');
    await shot(page, '07-import-success');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await dialog.waitFor({ state: 'detached' });

    const names = page.getByTestId('class-list').getByTestId('student-name');
    await expect.poll(() => names.count()).toBe(40);
    const shown = (await names.allTextContents()).map((s) => s.trim());
    const expected = sortStudentsVietnamese(students).map((s) => s.fullName);
    expect(shown).toEqual(expected);
    await shot(page, '08-class-list');
  });

  it('reports the bad row of a broken file and imports nothing', async () => {
    const more: Row[] = ['Lý Thị Mới', 'Lý Văn Bốn', 'Lý Thị Năm', 'Lý Văn Sáu', 'Lý Thị Bảy'].map((fullName, i) => ({
      fullName,
      dob: `0${i + 1}/06/2014`,
      sex: i % 2 ? 'Nam' : 'Nữ',
    }));
    const badIndex = 2;
    more[badIndex] = { ...more[badIndex], dob: '31/02/2014' };
    const templatePath = join(OUT, 'mau-nhap-hoc-sinh.xlsx');
    const badPath = join(OUT, 'import-broken.xlsx');
    const headerRow = await fillTemplate(templatePath, more, badPath);
    const badRow = headerRow + 1 + badIndex;

    await page.getByRole('button', { name: 'Nhập từ Excel' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[type=file]').setInputFiles(badPath);
    await dialog.getByRole('button', { name: 'Nhập danh sách' }).click();
    const report = dialog.getByTestId('import-report');
    await report.waitFor();
    const rows = report.locator('tbody tr');
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    expect(cells.some(([row, field]) => row === String(badRow) && field === 'Ngày sinh')).toBe(true);
    await expect(report.textContent()).resolves.toContain('Chưa nhập học sinh nào');
    await shot(page, '09-import-report');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.reload();
    const names = page.getByTestId('class-list').getByTestId('student-name');
    await expect.poll(() => names.count()).toBe(40);
  });

  it('shows the other pages (screenshots to look at)', async () => {
    await page.getByTestId('class-list').getByTestId('student-name').first().locator('a').click();
    await page.getByRole('tab', { name: 'Sơ yếu lý lịch' }).waitFor();
    await shot(page, '10-student');
    await page.getByRole('tab', { name: 'Quá trình học tập' }).click();
    await shot(page, '11-student-history');
    for (const [path, name, text] of [
      ['/can-bo', '12-staff', 'Cán bộ, giáo viên'],
      ['/lop', '13-classes', 'Lớp học'],
      ['/tai-khoan', '14-accounts', 'Tài khoản, phân quyền'],
      ['/nhat-ki', '15-audit', 'Nhật kí hệ thống'],
      ['/ket-chuyen', '16-rollover', 'Kết chuyển lên lớp'],
    ] as const) {
      await page.goto(server.baseUrl + path);
      await page.getByRole('heading', { name: text, exact: true }).waitFor();
      await page.waitForLoadState('networkidle');
      await shot(page, name, name !== '15-audit');
    }
    await page.goto(`${server.baseUrl}/thiet-lap`);
    await page.getByRole('link', { name: /Năm học 2026-2027/ }).click();
    for (const [tab, name] of [
      ['Môn học', '17-subjects'],
      ['Phân công chuyên môn', '18-assignments'],
      ['Phân công chủ nhiệm', '19-homeroom'],
      ['Tổ chuyên môn', '20-subject-groups'],
      ['Học kỳ', '21-terms'],
    ] as const) {
      await page.getByRole('tab', { name: tab, exact: true }).click();
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }

    // A phone (390 px wide): the menu collapses behind the burger.
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true, hasTouch: true });
    await phone.addCookies(await context.cookies());
    const p = await phone.newPage();
    await p.goto(server.baseUrl);
    await p.getByText(/Xin chào/).waitFor();
    await shot(p, '30-phone-home');
    await p.getByRole('button', { name: 'Mở menu' }).click();
    await shot(p, '31-phone-menu');
    await p.goto(`${server.baseUrl}/lop`);
    await p.getByRole('link', { name: className }).click();
    await p.getByRole('heading', { name: `Danh sách lớp ${className}` }).waitFor();
    await shot(p, '32-phone-class-list');
    await p.getByTestId('class-list').getByTestId('student-name').first().locator('a').click();
    await p.getByRole('tab', { name: 'Sơ yếu lý lịch' }).waitFor();
    await shot(p, '33-phone-student');
    await p.goto(`${server.baseUrl}/tai-khoan`);
    await p.getByRole('heading', { name: 'Tài khoản, phân quyền' }).waitFor();
    await shot(p, '34-phone-accounts');
    await phone.close();

    const fresh = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'vi-VN', isMobile: true });
    const lp = await fresh.newPage();
    await lp.goto(server.baseUrl);
    await lp.getByLabel('Tên đăng nhập').waitFor();
    await shot(lp, '35-phone-login');
    await fresh.close();
  });
});
