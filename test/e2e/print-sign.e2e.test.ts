/**
 * Printing and signing in a real browser against the real server (P1–P5, Q3): the clerk prints
 * the class book of 6A1 and the học bạ of 9A1 on "In ấn" (the progress bar reaches the end, the
 * ZIP downloads through the page); the homeroom teacher of 9A1 signs one học bạ on "Ký số" with
 * her .p12 (a wrong password first), the principal (TOTP) signs next, the clerk applies the
 * school's seal (the server's certificate, from SODIEM_SEAL_*, once the principal registered it
 * on "Ký số → Con dấu số của nhà trường", issue 14); the public page /verify/<id>
 * says the document is authentic and signed, confirms the signed PDF and rejects a copy with
 * one byte flipped. Also: a signature recorded as handwritten on paper is shown as not digital.
 *
 * Screenshots go to test-results/ps*.png (desktop 1280 px, each also at 390 px).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestPki, createTestPki, requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { OUT, RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

const PASSWORD = 'Mật khẩu 123';
const HAVE_TOOLS = requireTools(['openssl']);

describe.runIf(RUN_BROWSER_TESTS && HAVE_TOOLS)('printing and signing in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let pki: TestPki;
  let homeroomP12: string;
  let principalP12: string;
  let docId: string;

  /** Downloads on (the ZIPs), 20 s waits; console errors of 4xx responses (refusals the tests provoke) not echoed. */
  const login = (username: string) =>
    loginPage(browser, server, username, { acceptDownloads: true, timeoutMs: 20_000, logConsoleErrors: true, ignoreConsole: (text) => text.includes('status of 4') });

  /** Both widths, whole page: as it is, then at 390 px (a phone), then back. */
  async function shots(page: Page, name: string) {
    await page.evaluate(() => window.scrollTo(0, 0));
    await shot(page, name, true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await shot(page, `${name}-phone`, true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(200);
  }

  async function go(page: Page, path: string) {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  /** Opens the PDF (a new tab), closes it, ticks "Tôi đã xem văn bản". */
  async function viewDocument(page: Page) {
    const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Mở văn bản (PDF)' }).click()]);
    await tab.close();
    await page.getByLabel('Tôi đã xem văn bản').check();
  }

  /** Waits for the job card to say "Xong" with its bar full. */
  async function waitForJob(page: Page) {
    const card = page.getByTestId('print-job');
    await card.getByText('Xong', { exact: true }).waitFor({ timeout: 120_000 });
    await expect(card.getByTestId('print-job-progress').textContent()).resolves.toContain('(100%)');
    await expect(card.getByRole('progressbar').getAttribute('aria-valuenow')).resolves.toBe('100');
    return card;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    pki = await createTestPki();
    const seal = await pki.issue({ commonName: 'Trường THCS Nguyễn Trãi', organization: 'Trường THCS Nguyễn Trãi', organizationalUnit: 'Con dấu điện tử' });
    server = await startTestServer({
      demo: true,
      demoScores: true,
      web: true,
      // The test PKI's root is the trusted one (issue 14).
      env: { SODIEM_SEAL_BACKEND: 'pkcs12', SODIEM_SEAL_P12_FILE: pki.pkcs12(seal, PASSWORD), SODIEM_SEAL_P12_PASSWORD: PASSWORD, SODIEM_TRUST_ROOTS: pki.caFile },
    });
    const db = server.database.handle.db;
    const name = async (u: string) => (await db.selectFrom('users').select('full_name').where('username', '=', u).executeTakeFirstOrThrow()).full_name;
    homeroomP12 = pki.pkcs12(await pki.issue({ commonName: await name('gvcn.9a1'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD, { fileName: 'gvcn-9a1.p12' });
    principalP12 = pki.pkcs12(await pki.issue({ commonName: await name('hieutruong'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD, { fileName: 'hieu-truong.p12' });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the clerk prints the class book of 6A1 and the học bạ of 9A1: progress to the end, the ZIP downloads', async () => {
    const page = await login('vanthu');
    await page.getByRole('link', { name: 'In ấn' }).first().click();
    await page.getByRole('heading', { name: 'In ấn' }).waitFor();
    await expect(page.getByRole('combobox', { name: 'Loại văn bản' }).inputValue()).resolves.toBe('Sổ theo dõi và đánh giá học sinh (theo lớp)');
    await page.getByText('Học kỳ I', { exact: true }).first().click();
    await page.getByLabel('Lớp 6A1').check();
    await shots(page, 'ps01-print-form');
    await page.getByRole('button', { name: 'Bắt đầu in' }).click();
    let card = await waitForJob(page);
    await expect(card.getByText(/1 văn bản, tổng cộng \d+ trang/).isVisible()).resolves.toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), card.getByRole('link', { name: 'Tải tệp ZIP (mỗi văn bản một tệp)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const zip = readFileSync((await download.path())!);
    expect(zip.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    await expect(card.getByRole('link', { name: 'Tải một tệp PDF gộp để in' }).getAttribute('href')).resolves.toMatch(/\/files\/pdf$/);

    // The học bạ of 9A1: one file per student with a confirmed year; the others listed with the reason.
    await page.getByRole('combobox', { name: 'Loại văn bản' }).click();
    await page.getByRole('option', { name: 'Học bạ' }).click();
    await page.getByLabel('Lớp 6A1').uncheck();
    await page.getByLabel('Lớp 9A1').check();
    await page.getByRole('button', { name: 'Bắt đầu in' }).click();
    await page.getByTestId('print-job').getByText('Học bạ', { exact: true }).waitFor();
    card = await waitForJob(page);
    await expect(card.getByText(/\d+ văn bản, tổng cộng \d+ trang/).isVisible()).resolves.toBe(true);
    const skipped = card.getByTestId('print-job-skipped');
    if (await skipped.count()) await expect(skipped.textContent()).resolves.toContain('chưa có năm học nào');
    await expect(page.getByRole('row').count()).resolves.toBeGreaterThanOrEqual(3); // the recent jobs: a header and two prints
    await shots(page, 'ps02-print-done');

    // One document at once, from the class book view: "In sổ (PDF)" of the term shown.
    await go(page, `/so-theo-doi/${server.demo!.classIds['6A1']}`);
    const href = await page.getByRole('link', { name: 'In sổ (PDF)' }).getAttribute('href');
    expect(href).toMatch(/\/class-book\.pdf\?scope=hk1$/);
    const pdf = await page.request.get(`${server.baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.context().close();
  });

  it('the homeroom teacher of 9A1 signs a học bạ with her .p12 after viewing it (a wrong password first)', async () => {
    const page = await login('gvcn.9a1');
    await page.getByRole('link', { name: 'Ký số' }).first().click();
    await page.getByRole('tab', { name: /Chờ tôi ký \(\d+\)/ }).waitFor();
    await page.getByTestId('document-card').first().waitFor();
    await shots(page, 'ps03-signing-list');
    await page.getByRole('tab', { name: 'Tất cả văn bản' }).click();
    await page.getByRole('combobox', { name: 'Loại văn bản' }).click();
    await page.getByRole('option', { name: 'Học bạ' }).click();
    await page.getByTestId('document-card').first().waitFor();
    await shots(page, 'ps03b-all-documents');
    await page.getByRole('tab', { name: /Chờ tôi ký/ }).click();
    await page.getByRole('link', { name: 'Xem và ký' }).first().click();
    await page.getByTestId('sign-panel').waitFor();
    docId = page.url().split('/ky-so/')[1];
    expect(docId).toMatch(/^HB-/);
    // Not before viewing: the box is locked until the PDF was opened, the button until it is ticked.
    await expect(page.getByLabel('Tôi đã xem văn bản').isDisabled()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Ký số' }).isDisabled()).resolves.toBe(true);
    await viewDocument(page);
    await page.locator('input[type="file"]').setInputFiles(homeroomP12);
    await page.getByLabel('Mật khẩu của tệp chứng thư số').fill('sai mật khẩu');
    await page.getByRole('button', { name: 'Ký số' }).click();
    await page.getByRole('alert').filter({ hasText: 'Chưa ký được' }).waitFor();
    await shots(page, 'ps04-sign-wrong-password');
    await page.getByLabel('Mật khẩu của tệp chứng thư số').fill(PASSWORD);
    await page.getByRole('button', { name: 'Ký số' }).click();
    await page.getByTestId('sign-notice').getByText('Giáo viên chủ nhiệm — đã ký số').waitFor();
    await expect(page.getByTestId('signature-steps').textContent()).resolves.toMatch(/Giáo viên chủ nhiệm: Đã ký số — .+Chứng thư số: .*CN=/);
    await page.getByText('Đang ký', { exact: true }).waitFor();
    await expect(page.getByTestId('sign-panel').count()).resolves.toBe(0);
    await shots(page, 'ps05-signed-by-homeroom');

    // Another học bạ, signed by hand on paper (mixed mode): shown honestly, not as a digital signature.
    await go(page, '/ky-so');
    await page.getByRole('link', { name: 'Xem và ký' }).first().click();
    await page.getByTestId('sign-panel').waitFor();
    await page.getByRole('button', { name: 'Ghi nhận ký tay' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ghi nhận ký tay' }).click();
    await page.getByTestId('signature-steps').getByText(/Ký tay trên bản giấy — không phải chữ ký số/).waitFor();
    await shots(page, 'ps06-handwritten');
    await page.context().close();
  });

  it('the principal signs next, then the clerk applies the school seal', async () => {
    const principal = await login('hieutruong');
    await go(principal, '/ky-so');
    await principal.getByRole('tab', { name: /Chờ tôi ký \(\d+\)/ }).waitFor();
    await go(principal, `/ky-so/${docId}`);
    await principal.getByTestId('sign-panel').getByText('Hiệu trưởng').waitFor();
    await viewDocument(principal);
    await principal.locator('input[type="file"]').setInputFiles(principalP12);
    await principal.getByLabel('Mật khẩu của tệp chứng thư số').fill(PASSWORD);
    await principal.getByRole('button', { name: 'Ký số' }).click();
    await principal.getByTestId('sign-notice').getByText('Hiệu trưởng — đã ký số').waitFor();
    await shots(principal, 'ps07-signed-by-principal');
    // The principal may apply the seal too: her page now offers it (and stays open, soon stale).
    await principal.getByRole('button', { name: 'Đóng dấu số' }).waitFor();

    // Issue 14: the seal waits for the principal to register the school's certificate (the one configured on the server).
    const settings = await principal.context().newPage();
    await settings.goto(`${server.baseUrl}/ky-so`);
    await settings.getByRole('tab', { name: 'Con dấu số của nhà trường' }).click();
    await settings.getByText('Nhà trường chưa đăng kí chứng thư số con dấu').waitFor();
    await settings.getByTestId('seal-configured').getByText(/được tin cậy \(chuỗi đến Sổ Điểm Số Test Root CA\)/).waitFor();
    await shots(settings, 'ps08a-seal-unregistered');
    await settings.getByRole('button', { name: 'Đăng kí chứng thư này' }).click();
    await settings.getByRole('dialog').getByRole('button', { name: 'Đăng kí', exact: true }).click();
    await settings.getByText('Con dấu số đã đăng kí').waitFor();
    await shots(settings, 'ps08b-seal-registered');
    await settings.close();

    const clerk = await login('vanthu');
    await go(clerk, `/ky-so/${docId}`);
    await clerk.getByTestId('sign-panel').waitFor();
    await expect(clerk.getByLabel('Chứng thư số của nhà trường (trên máy chủ)').isChecked()).resolves.toBe(true);
    await viewDocument(clerk);
    await shots(clerk, 'ps08-seal-form');
    await clerk.getByRole('button', { name: 'Đóng dấu số' }).click();
    await clerk.getByTestId('sign-notice').getByText('Con dấu số của nhà trường — đã ký số').waitFor();
    await clerk.getByText('Đã ký đủ', { exact: true }).waitFor();
    await shots(clerk, 'ps09-signed');
    await clerk.context().close();

    // Someone signed first: the principal's stale page is refused, says so, and reloads.
    await viewDocument(principal);
    await principal.getByRole('button', { name: 'Đóng dấu số' }).click();
    await principal.getByRole('alert').filter({ hasText: 'Văn bản đã thay đổi' }).waitFor();
    await shots(principal, 'ps09b-someone-signed-first');
    await principal.getByRole('button', { name: 'Tải lại văn bản' }).click();
    await principal.getByText('Đã ký đủ', { exact: true }).waitFor();
    await expect(principal.getByTestId('sign-panel').count()).resolves.toBe(0);
    await principal.context().close();
  });

  it('the public verification page: authentic and signed; the signed PDF matches, a flipped byte does not', async () => {
    const clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password);
    const signed = (await clerk.get(`/api/v1/documents/${docId}/pdf`)).body as Buffer;
    const signedFile = join(OUT, 'ps-hoc-ba-signed.pdf');
    writeFileSync(signedFile, signed);
    const tampered = Buffer.from(signed);
    const at = tampered.indexOf('Trang 1/');
    tampered[at > 0 ? at + 6 : 2000] ^= 0x01;
    const tamperedFile = join(OUT, 'ps-hoc-ba-tampered.pdf');
    writeFileSync(tamperedFile, tampered);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/verify/${docId}`);
    await page.getByText('Văn bản thật').waitFor();
    await expect(page.locator('.ok').textContent()).resolves.toContain('Đã ký đủ');
    await expect(page.locator('table').nth(1).textContent()).resolves.toMatch(/Giáo viên chủ nhiệm.*Đã ký số.*Hiệu trưởng.*Đã ký số.*Con dấu số của nhà trường.*Đã ký số/);
    await shots(page, 'ps10-verify');
    await page.locator('input[name="file"]').setInputFiles(signedFile);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByText(/Bản tải lên trùng khớp từng byte với văn bản gốc/).waitFor();
    await expect(page.locator('.ok').first().textContent()).resolves.not.toContain('KHÔNG hợp lệ');
    await shots(page, 'ps11-verify-match');
    await page.locator('input[name="file"]').setInputFiles(tamperedFile);
    await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();
    await page.getByText(/Bản tải lên KHÔNG trùng khớp với văn bản gốc/).waitFor();
    await expect(page.locator('.bad').first().isVisible()).resolves.toBe(true);
    await shots(page, 'ps12-verify-tampered');
    await context.close();
  });
});
