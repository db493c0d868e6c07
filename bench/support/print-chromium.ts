/**
 * The baseline: Chromium (playwright-core, the system's /usr/bin/chromium, headless) printing an
 * HTML page to PDF — a fresh page per document, `setContent(html)` then `page.pdf({ format: 'A4' })`
 * (with the page's own @page sizes, so landscape sections stay landscape, and the footer template).
 * The browser is launched once; its launch time is reported, never counted per document.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import type { PrintableHtml } from './print-html.ts';

export const CHROMIUM_PATH = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export interface ChromiumPrinter {
  launchMs: number;
  version: string;
  /** Prints one document on a fresh page; returns the PDF and the wall time of newPage → close. */
  print(doc: PrintableHtml): Promise<{ ms: number; pdf: Buffer }>;
  close(): Promise<void>;
}

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

export async function launchChromium(): Promise<ChromiumPrinter> {
  const t0 = performance.now();
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: FLAGS });
  const context = await browser.newContext();
  const launchMs = performance.now() - t0;
  return {
    launchMs,
    version: browser.version(),
    async print(doc) {
      const t = performance.now();
      const page = await context.newPage();
      await page.setContent(doc.html);
      const pdf = await page.pdf({
        format: 'A4',
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: doc.headerTemplate,
        footerTemplate: doc.footerTemplate,
        margin: doc.margin,
      });
      await page.close();
      return { ms: performance.now() - t, pdf };
    },
    close: () => browser.close(),
  };
}

/**
 * CPU time (ms) used so far by this process's child processes and their descendants (Chromium's browser, renderer, GPU and
 * utility processes, including those already exited and reaped), from /proc.
 */
export function descendantsCpuMs(root = process.pid): number {
  const children = new Map<number, number[]>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(name);
      const ppid = Number(f[1]);
      // utime + stime, and cutime + cstime: the renderer of a closed page is gone from /proc, its time is in its reaping parent's.
      ticks.set(pid, Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]));
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* gone */
    }
  }
  let sum = 0;
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      sum += ticks.get(c) ?? 0;
      walk(c);
    }
  };
  walk(root);
  return sum * 10; // USER_HZ = 100
}
