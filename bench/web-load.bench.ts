/**
 * `npm run bench -- web-load`: how long a teacher waits for the grade book on a school's network
 * (issue 15 §10). Real Chromium (/usr/bin/chromium) against the real server with the demo school
 * and the built web app (compressed assets, immutable caching, one chunk per page), opening
 * gvcn.6a1's grade book of 6A1 straight from its address:
 *
 * - cold: an empty browser cache, already signed in (the session cookie only);
 * - warm: the same page opened again in the same browser (hashed assets from the cache);
 *
 * each throttled to 1.6 Mbit/s down, 750 kbit/s up and 150 ms round trip (Chrome DevTools'
 * network emulation), and the same unthrottled as the baseline in the same run. "First editable
 * cell" is the page's own clock (performance.now(), from navigation start) when the first input of
 * the grid is there and not read-only. Also printed: the bytes on the wire by kind, the JavaScript
 * the app needs before any page (the entry and its preloads, as sent: brotli) and the floor —
 * the bytes of the cold load at 1.6 Mbit/s plus one round trip per dependency level.
 *
 * Environment: BENCH_WEB_RUNS (3) loads per scenario (the median is reported). CI never runs
 * benchmarks. Goal (issue 15): cold ≤ 3 s, warm ≤ 1 s, initial JS ≤ 150 KB gzip.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type TestServer, startTestServer } from '../test/helpers/server.ts';
import { launchBrowser, loginPage } from '../test/e2e/support.ts';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const THROTTLE = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const FIRST_CELL = '[data-testid="gradebook-grid"] input[data-r="0"]:not([readonly])';

interface Load {
  firstCellMs: number;
  bytes: Record<string, number>;
  requests: number;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const s = (n: number) => `${(n / 1000).toFixed(2)} s`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Records, in the page, when the first editable cell appears (no polling from outside). */
const WATCH_FIRST_CELL = `(() => {
  const sel = ${JSON.stringify(FIRST_CELL)};
  const check = () => {
    if (window.__firstCell === undefined && document.querySelector(sel)) window.__firstCell = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true });
})();`;

async function signedInState(browser: Browser, server: TestServer, username: string) {
  const page = await loginPage(browser, server, username);
  const context = page.context();
  const demo = server.demo!;
  const sheet = await page.evaluate(
    async ({ yearId, classId }) => {
      const me = await (await fetch('/api/v1/auth/me')).json();
      const setup = await (await fetch(`/api/v1/years/${yearId}`)).json();
      const ids = me.teaching.filter((t: { classId: string }) => t.classId === classId).map((t: { subjectId: string }) => t.subjectId);
      const subject = setup.subjects.find((x: { id: string; assessmentKind: string }) => ids.includes(x.id) && x.assessmentKind === 'scored');
      return `/so-diem/${classId}/${subject.id}/1`;
    },
    { yearId: demo.yearId, classId: demo.classIds['6A1'] },
  );
  const state = await context.storageState();
  await context.close();
  return { state, sheet };
}

/** Opens the sheet in `page`, throttled or not, and waits for the first editable cell. */
async function load(page: Page, url: string, throttled: boolean): Promise<Load> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', throttled ? THROTTLE : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const bytes: Record<string, number> = {};
  const kinds = new Map<string, string>();
  let requests = 0;
  cdp.on('Network.responseReceived', (e) => kinds.set(e.requestId, e.type));
  cdp.on('Network.loadingFinished', (e) => {
    const kind = kinds.get(e.requestId) ?? 'Other';
    bytes[kind] = (bytes[kind] ?? 0) + e.encodedDataLength;
    requests++;
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => (window as unknown as { __firstCell?: number }).__firstCell !== undefined, undefined, { timeout: 60_000, polling: 100 });
  const firstCellMs = await page.evaluate(() => (window as unknown as { __firstCell: number }).__firstCell);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await cdp.detach();
  return { firstCellMs, bytes, requests };
}

async function scenario(browser: Browser, state: Awaited<ReturnType<BrowserContext['storageState']>>, url: string, throttled: boolean) {
  const cold: Load[] = [];
  const warm: Load[] = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ storageState: state, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', viewport: { width: 1280, height: 900 } });
    await context.addInitScript(WATCH_FIRST_CELL);
    const page = await context.newPage();
    cold.push(await load(page, url, throttled));
    warm.push(await load(page, url, throttled));
    await context.close();
  }
  return { cold, warm };
}

/** The JavaScript every page needs before it can start: index.html's entry script and its preloads. */
function initialJs(webRoot: string): { files: string[]; brotli: number; gzip: number } {
  const html = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  let brotli = 0;
  let gzip = 0;
  for (const f of files) {
    const body = readFileSync(join(webRoot, f));
    brotli += brotliCompressSync(body).length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files, brotli, gzip };
}

function line(name: string, loads: Load[]) {
  const byKind = Object.entries(loads[0].bytes)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${kb(v)}`)
    .join(', ');
  const total = Object.values(loads[0].bytes).reduce((a, b) => a + b, 0);
  console.log(`  ${name.padEnd(22)} first editable cell ${s(median(loads.map((l) => l.firstCellMs))).padStart(7)} (runs: ${loads.map((l) => s(l.firstCellMs)).join(', ')}); ${loads[0].requests} requests, ${kb(total)} on the wire: ${byKind}`);
  return total;
}

export async function run(): Promise<void> {
  const browser = await launchBrowser(); // builds dist/web when src/web changed
  const webRoot = join(process.cwd(), 'dist', 'web');
  const js = initialJs(webRoot);
  console.log(`initial JavaScript (entry + ${js.files.length - 1} preloads): ${kb(js.brotli)} brotli, ${kb(js.gzip)} gzip -9 (goal ≤ 150 KB gzip)`);

  const server = await startTestServer({ demo: true, web: true }).catch(async (error: unknown) => {
    await browser.close();
    throw error;
  });
  try {
    const { state, sheet } = await signedInState(browser, server, 'gvcn.6a1');
    const url = server.baseUrl + sheet;
    console.log(`gvcn.6a1 opens ${sheet} (median of ${RUNS} runs each)`);
    const base = await scenario(browser, state, url, false);
    const slow = await scenario(browser, state, url, true);
    console.log('baseline, unthrottled (loopback):');
    line('cold', base.cold);
    line('warm', base.warm);
    console.log('school network, 1.6 Mbit/s, 150 ms RTT:');
    const coldBytes = line('cold', slow.cold);
    line('warm', slow.warm);
    const coldMs = median(slow.cold.map((l) => l.firstCellMs));
    const warmMs = median(slow.warm.map((l) => l.firstCellMs));
    // index.html → entry + preloads → page chunk → API reads (me, then the sheet): four round trips at least.
    const floorMs = (coldBytes * 8 * 1000) / 1_600_000 + 4 * 150;
    console.log(`floor of the cold load (its bytes at 1.6 Mbit/s + 4 round trips): ${s(floorMs)}; cold is ${(coldMs / floorMs).toFixed(2)}× the floor`);
    console.log(`throttled / unthrottled: cold ${(coldMs / median(base.cold.map((l) => l.firstCellMs))).toFixed(1)}×, warm ${(warmMs / median(base.warm.map((l) => l.firstCellMs))).toFixed(1)}×`);
    console.log(`goal: cold ≤ 3 s → ${coldMs <= 3000 ? 'met' : 'NOT met'} (${s(coldMs)}); warm ≤ 1 s → ${warmMs <= 1000 ? 'met' : 'NOT met'} (${s(warmMs)}); initial JS ≤ 150 KB gzip → ${js.gzip <= 150 * 1024 ? 'met' : 'NOT met'} (${kb(js.gzip)})`);
  } finally {
    await browser.close();
    await server.close();
  }
}
