/**
 * Shared set-up of the browser tests: Debian Chromium through playwright-core, the loud skip when
 * it is missing (a failure under SODIEM_TEST_STRICT=1), the web build, and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type Page, chromium } from 'playwright-core';

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
