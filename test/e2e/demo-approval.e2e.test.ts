/**
 * The living demo's results approval in a real browser (issue 12, C5): a demo first started on a
 * day of term I, and one of term II, has 9A1 complete for the current term, so its homeroom
 * teacher opens the class's results from her home page and proposes them; the principal sees the
 * proposal in her notifications, opens it, reaches the class's results from her home page, sees
 * them complete and waiting for her, approves them and the page shows them approved; the API
 * agrees (the class's results carry an approved snapshot, the school's list of approved
 * snapshots names 9A1 and the term, the list of proposals no longer does). In term II, 9A1's
 * term-I results are already approved by the seed.
 *
 * Screenshots of the principal's approval page go to /tmp/shots/ (1280 px and 390 px wide).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage } from './support.ts';

const SHOTS = '/tmp/shots';

type Scope = 'term1' | 'term2';

interface Case {
  name: string;
  now: string;
  scope: Scope;
  /** The period's segment on the results page. */
  periodLabel: string;
  /** The period in the server's notification titles. */
  notificationPeriod: string;
}

const CASES: Case[] = [
  { name: 'term I', now: '2026-10-15T03:00:00.000Z', scope: 'term1', periodLabel: 'Học kỳ I', notificationPeriod: 'học kỳ I' },
  { name: 'term II', now: '2027-03-10T03:00:00.000Z', scope: 'term2', periodLabel: 'Học kỳ II', notificationPeriod: 'học kỳ II' },
];

interface Snapshot {
  id: string;
  status: 'proposed' | 'approved';
  changedSince: boolean;
}
interface Results {
  complete: boolean;
  missingCount: number;
  students: { fullName: string; missing: string[] }[];
  snapshot: Snapshot | null;
}
interface SnapshotRow {
  classId: string;
  className: string;
  scope: string;
}

/** A GET of the JSON API in the page's session. */
async function api<T>(page: Page, path: string): Promise<T> {
  const answer = await page.evaluate(async (p) => {
    const res = await fetch(`/api/v1${p}`);
    return { status: res.status, body: await res.text() };
  }, path);
  if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${answer.body}`);
  return JSON.parse(answer.body) as T;
}

/** What the class still lacks, as the server lists it (for a failure message). */
function missingReport(r: Results): string {
  const lines = r.students.filter((s) => s.missing.length).slice(0, 8).map((s) => `${s.fullName}: ${s.missing.join('; ')}`);
  return `the demo's 9A1 lacks ${r.missingCount} items: ${lines.join(' | ')}`;
}

/** Whether the results page shows this period (its segment is the checked one). */
const periodChecked = (page: Page, scope: Scope) => page.locator(`input.mantine-SegmentedControl-input[value="${scope}"]`).isChecked();

/** Chooses a segment of a SegmentedControl by its visible label. */
const segment = (page: Page, label: string) => page.locator('label.mantine-SegmentedControl-label', { hasText: new RegExp(`^${label}$`) }).click();

describe.runIf(RUN_BROWSER_TESTS).each(CASES)('the demo seeded in $name: 9A1 proposed and approved in the browser', (c) => {
  let server: TestServer;
  let browser: Browser;
  let classId: string;
  let yearId: string;
  let homeroom: Page;
  let principal: Page;
  const heading = 'Kết quả học tập và rèn luyện — Lớp 9A1';
  const notificationTitle = `Lớp 9A1 đề nghị phê duyệt kết quả ${c.notificationPeriod}`;

  /** The principal's page at 1280 px, then at 390 px (a phone), then back. */
  async function shots(page: Page, name: string) {
    await page.waitForTimeout(200);
    await page.screenshot({ path: join(SHOTS, `${name}-1280.png`) });
    await page.screenshot({ path: join(SHOTS, `${name}-1280-full.png`), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400); // the menu slides away on a phone
    await page.screenshot({ path: join(SHOTS, `${name}-390.png`) });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(200);
  }

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true, now: c.now });
    classId = server.demo!.classIds['9A1'];
    yearId = server.demo!.yearId;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(`the homeroom teacher opens 9A1's ${c.scope} results from her home page and proposes them`, async () => {
    homeroom = await loginPage(browser, server, 'gvcn.9a1');
    if (c.scope === 'term2') {
      // The seed approved term I at its end.
      const term1 = await api<Results>(homeroom, `/classes/${classId}/results?scope=term1`);
      expect(term1.snapshot?.status, 'term I of 9A1 approved by the seed').toBe('approved');
    }
    const before = await api<Results>(homeroom, `/classes/${classId}/results?scope=${c.scope}`);
    expect(before.complete, missingReport(before)).toBe(true);
    expect(before.snapshot).toBeNull();

    await homeroom.getByTestId('homeroom-card').getByRole('link', { name: 'Kết quả học tập, tổng hợp' }).click();
    await homeroom.getByRole('heading', { name: heading }).waitFor();
    // The shortcut opens the class's results without a period (the page then shows term I).
    if (c.scope !== 'term1') await segment(homeroom, c.periodLabel);
    await expect.poll(() => new URL(homeroom.url()).pathname).toMatch(new RegExp(`^/ket-qua/${classId}(/${c.scope})?$`));
    await expect.poll(() => periodChecked(homeroom, c.scope)).toBe(true);
    await homeroom.getByTestId('results-table').waitFor();
    await expect(homeroom.getByTestId('missing-list').count()).resolves.toBe(0);
    await homeroom.getByText('Đủ dữ liệu', { exact: true }).waitFor();
    await homeroom.getByText('Chưa đề nghị phê duyệt', { exact: true }).waitFor();
    await expect.poll(() => homeroom.getByTestId('propose').isEnabled()).toBe(true);
    await homeroom.getByTestId('propose').click();
    await expect.poll(() => homeroom.getByTestId('approval-status').textContent()).toContain('chờ Hiệu trưởng phê duyệt');
    await expect.poll(() => homeroom.getByTestId('propose').isDisabled()).toBe(true);

    const after = await api<Results>(homeroom, `/classes/${classId}/results?scope=${c.scope}`);
    expect(after.snapshot).toMatchObject({ status: 'proposed', changedSince: false });
    await homeroom.context().close();
  });

  it('the principal sees the proposal in her notifications and its link opens 9A1\u2019s results', async () => {
    principal = await loginPage(browser, server, 'hieutruong');
    await principal.getByRole('button', { name: /^Thông báo \(\d+ chưa đọc\)$/ }).click();
    const item = principal.getByTestId('notification-item').filter({ hasText: notificationTitle });
    await expect.poll(() => item.count()).toBe(1);
    await item.waitFor({ state: 'visible' });
    await principal.waitForTimeout(300); // the dropdown fades in
    await principal.screenshot({ path: join(SHOTS, `demo-approval-${c.scope}-bell-1280.png`) });
    await item.click();
    await principal.waitForTimeout(300);
    await principal.screenshot({ path: join(SHOTS, `demo-approval-${c.scope}-notification-link-1280.png`) });
    // The notification's link is /results/<class>/<scope> (the server's name for it).
    await expect.poll(() => new URL(principal.url()).pathname).toMatch(new RegExp(`/(results|ket-qua)/${classId}/${c.scope}$`));
    await expect
      .poll(async () => ((await principal.getByText('Không tìm thấy trang').count()) > 0 ? 'the web app shows "Không tìm thấy trang"' : 'ok'), {
        message: `the notification's link ${new URL(principal.url()).pathname} should open 9A1's results`,
        timeout: 3000,
      })
      .toBe('ok');
    await principal.getByRole('heading', { name: heading }).waitFor({ timeout: 5000 });
    await principal.getByTestId('results-table').waitFor();
  });

  it(`the principal reaches 9A1's ${c.scope} results from her home page, sees them and approves them`, async () => {
    principal ??= await loginPage(browser, server, 'hieutruong');
    await principal.goto(server.baseUrl);
    await principal.getByText(/Xin chào/).waitFor();
    await principal.getByRole('link', { name: /Kết quả học tập, tổng hợp/ }).first().click();
    await principal.getByRole('combobox', { name: 'Lớp' }).click();
    await principal.getByRole('option', { name: '9A1', exact: true }).click();
    await principal.getByRole('heading', { name: heading }).waitFor();
    if (c.scope !== 'term1') await segment(principal, c.periodLabel);
    await expect.poll(() => new URL(principal.url()).pathname).toMatch(new RegExp(`^/ket-qua/${classId}(/${c.scope})?$`));
    await expect.poll(() => periodChecked(principal, c.scope)).toBe(true);

    // The results: every student, complete, waiting for her.
    const table = principal.getByTestId('results-table');
    await table.waitFor();
    const results = await api<Results>(principal, `/classes/${classId}/results?scope=${c.scope}`);
    await expect.poll(() => table.locator('tbody tr[data-student]').count()).toBe(results.students.length);
    expect(results.students.length).toBeGreaterThan(0);
    await expect(principal.getByTestId('missing-list').count()).resolves.toBe(0);
    await expect.poll(() => principal.getByTestId('approval-status').textContent()).toContain('chờ Hiệu trưởng phê duyệt');
    await expect.poll(() => principal.getByTestId('summary-table').textContent()).toContain('%');
    await expect.poll(() => principal.getByTestId('approve').isEnabled()).toBe(true);
    await expect(principal.getByTestId('approve-block').count()).resolves.toBe(0);
    await shots(principal, `demo-approval-${c.scope}-proposed`);

    await principal.getByTestId('approve').click();
    await expect.poll(() => principal.getByTestId('approval-status').textContent()).toContain('Đã phê duyệt');
    await principal.getByText('Sổ điểm của kỳ này đã khóa theo phê duyệt', { exact: false }).waitFor();
    await expect.poll(() => principal.getByTestId('approve').isDisabled()).toBe(true);
    await shots(principal, `demo-approval-${c.scope}-approved`);

    // The API agrees.
    const approved = await api<Results>(principal, `/classes/${classId}/results?scope=${c.scope}`);
    expect(approved.snapshot).toMatchObject({ status: 'approved', changedSince: false });
    const approvedList = await api<SnapshotRow[]>(principal, `/years/${yearId}/result-snapshots?status=approved`);
    expect(approvedList).toContainEqual(expect.objectContaining({ classId, className: '9A1', scope: c.scope }));
    const proposedList = await api<SnapshotRow[]>(principal, `/years/${yearId}/result-snapshots?status=proposed`);
    expect(proposedList.filter((r) => r.classId === classId)).toEqual([]);

    // After a reload the page still shows them approved.
    await principal.reload();
    await expect.poll(() => principal.getByTestId('approval-status').textContent()).toContain('Đã phê duyệt');
  });
});
