/**
 * Shared set-up of the browser tests: Debian Chromium through playwright-core, the loud skip when
 * it is missing (a failure under SODIEM_TEST_STRICT=1), the web build, logging in as a demo user,
 * and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';
import { freshTotpCode } from '../helpers/fresh-totp.ts';
import type { TestServer } from '../helpers/server.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const STRICT = process.env.SODIEM_TEST_STRICT === '1';
export const HAVE_BROWSER = existsSync(CHROMIUM);
export const OUT = join(process.cwd(), 'test-results');
/** Run the suite when the browser is there, or when its absence must fail. */
export const RUN_BROWSER_TESTS = HAVE_BROWSER || STRICT;

if (!HAVE_BROWSER) {
  const line = 'SKIPPED: browser tests need /usr/bin/chromium (apt-get install chromium)';
  console.warn(`\n${'!'.repeat(line.length)}\n${line}\n${'!'.repeat(line.length)}\n`);
}

/** Builds dist/web when src/web or src/shared changed, then starts Chromium. */
export async function launchBrowser(): Promise<Browser> {
  if (!HAVE_BROWSER) throw new Error(`SODIEM_TEST_STRICT=1 and ${CHROMIUM} is missing: apt-get install chromium`);
  mkdirSync(OUT, { recursive: true });
  execFileSync(process.execPath, ['scripts/build-web-if-needed.mjs'], { stdio: 'inherit' });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  await page.waitForTimeout(150);
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage });
}

export interface LoginPageOptions {
  /** Viewport width in px (height 900); 1280 unless told. */
  width?: number;
  /** Passed to the browser context only when given. */
  acceptDownloads?: boolean;
  /** The page's default timeout; 15 s unless told. */
  timeoutMs?: number;
  /** Echo the page's console errors to the test output (page errors are always echoed). */
  logConsoleErrors?: boolean;
  /** With logConsoleErrors: console errors whose text this accepts are not echoed. */
  ignoreConsole?: (text: string) => boolean;
}

/**
 * A new browser context (vi-VN, Asia/Ho_Chi_Minh) logged in as one of the demo school's users
 * through the login form, with the 6-digit TOTP code when that login has a secret; returns once
 * the home page greets the user ("Xin chào").
 */
export async function loginPage(browser: Browser, server: TestServer, username: string, options: LoginPageOptions = {}): Promise<Page> {
  const { width = 1280, acceptDownloads, timeoutMs = 15_000, logConsoleErrors = false, ignoreConsole } = options;
  const context = await browser.newContext({
    viewport: { width, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...(acceptDownloads === undefined ? {} : { acceptDownloads }),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeoutMs);
  page.on('pageerror', (err) => console.error(`page error (${username}):`, err.message));
  if (logConsoleErrors) {
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !ignoreConsole?.(msg.text())) console.error(`console error (${username}):`, msg.text());
    });
  }
  const demo = server.demo!;
  const entry = demo.logins.find((l) => l.username === username)!;
  await page.goto(server.baseUrl);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(demo.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (entry.totpSecret) {
    await page.getByLabel('Mã xác thực 6 chữ số').fill(freshTotpCode(server.baseUrl, entry.totpSecret));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
  }
  await page.getByText(/Xin chào/).waitFor();
  return page;
}
