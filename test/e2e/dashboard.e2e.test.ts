/**
 * The dashboards in a real browser against the real server and the demo school with its term-I
 * grade book: the principal opens "Thống kê toàn trường" from the menu, then a class's
 * "Biểu đồ kết quả lớp" from the table, and the way there from the results page. The charts are
 * real SVG (Recharts) with Vietnamese legends; percentages read "27,5%".
 *
 * Screenshots go to test-results/d*.png (desktop 1280 px; each page also at 390 px).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('dashboards in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let principal: Page;
  let classId: string;

  const login = (username: string) => loginPage(browser, server, username, { logConsoleErrors: true });

  /** Both widths, whole page: as it is, then at 390 px (a phone), then back. */
  async function shots(page: Page, name: string) {
    await page.waitForTimeout(600); // the charts' 400 ms entry animation
    await shot(page, name, true);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(600);
    await shot(page, `${name}-phone`, true);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.waitForTimeout(300);
  }

  /** The legend labels of one chart, as shown. */
  const legend = (page: Page, testId: string) => page.getByTestId(testId).locator('.recharts-legend-item-text').allTextContents();

  // Entered while the demo's mid-term window was still open (it closed four days before the test clock and auto-locked ĐĐGgk).
  const enteredAt = () => new Date(server.clock().getTime() - 8 * 86_400_000).toISOString();

  /** The cells of HK I the demo left empty in 6A1, entered as its teachers would (fixture), so its KQHT is complete. */
  async function completeTerm1(studentIds: string[]) {
    const db = server.database.handle.db;
    const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).where('assessment_kind', 'in', ['scored', 'comment']).execute();
    const filled = new Set(
      (await db.selectFrom('gradebook_cells').select(['subject_id', 'student_id', 'column_key']).where('class_id', '=', classId).where('term_no', '=', 1).execute()).map(
        (c) => `${c.subject_id}/${c.student_id}/${c.column_key}`,
      ),
    );
    const value = (i: number, k: number) => ['9', '8', '7,5', '6', '5', '8,5', '4', '7', '6,5', '10', '3'][(i * 7 + k * 3) % 11];
    for (const s of subjects) {
      const cols = gradebookColumns(subjectAssessment(s), 1).filter((c) => c.required);
      const changes = studentIds.flatMap((studentId, i) =>
        cols
          .filter((c) => !filled.has(`${s.id}/${studentId}/${c.key}`))
          .map((c, k) => ({ studentId, columnKey: c.key, value: s.assessment_kind === 'scored' ? value(i, k) : 'Đ', baseVersion: 0 })),
      );
      if (changes.length === 0) continue;
      await saveCells({ db, classId, subjectId: s.id, termNo: 1, input: { changes, source: 'typed', reason: '' }, audit: { actorUserId: null, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'e2e fixture', requestId: 'complete-term1', now: enteredAt() } });
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
    classId = server.demo!.classIds['6A1'];
    // What the demo lacks for the charts, entered as the homeroom teachers would: conduct of HK I
    // and a few absences in October and November.
    for (const [username, name] of [
      ['gvcn.6a1', '6A1'],
      ['gvcn.9a1', '9A1'],
    ] as const) {
      const c = await new TestClient(server.baseUrl).login(username, server.demo!.password);
      const id = server.demo!.classIds[name];
      const ids: string[] = (await c.get(`/api/v1/classes/${id}/students`)).body.entries.map((e: any) => e.student.id);
      const level = (i: number) => (i % 8 === 7 ? 'Đ' : i % 3 === 2 ? 'K' : 'T');
      const entries = ids.map((studentId, i) => ({ studentId, level: level(i), comment: '', baseVersion: 0 }));
      if (name === '6A1') await completeTerm1(ids);
      // 9A1's conduct of HK I is in the demo already (the class is complete); 6A1's is entered here.
      if (name === '6A1') expect((await c.put(`/api/v1/classes/${id}/conduct`, { period: 'term1', entries })).status).toBe(200);
      const roll = async (date: string, session: string, marks: { studentId: string; kind: 'P' | 'K' }[]) =>
        expect((await c.put(`/api/v1/classes/${id}/attendance`, { date, session, marks })).status).toBe(200);
      await roll('2026-09-21', 'morning', [{ studentId: ids[4], kind: 'P' }]);
      await roll('2026-10-12', 'morning', [{ studentId: ids[0], kind: 'P' }, { studentId: ids[1], kind: 'K' }, { studentId: ids[2], kind: 'P' }]);
      await roll('2026-10-26', 'morning', [{ studentId: ids[3], kind: 'P' }]);
      await roll('2026-11-16', 'morning', [{ studentId: ids[5], kind: 'K' }, { studentId: ids[6], kind: 'P' }]);
      await roll('2026-11-20', 'morning', [{ studentId: ids[7], kind: 'K' }]);
    }
    principal = await login('hieutruong');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal opens "Thống kê toàn trường" from the menu: school totals and one stacked bar per class, legends in Vietnamese', async () => {
    await principal.getByRole('link', { name: /Thống kê toàn trường/ }).first().click();
    await principal.getByRole('heading', { name: 'Thống kê toàn trường' }).waitFor();
    const board = principal.getByTestId('school-dashboard');
    await board.waitFor();
    // Donuts: SVG sectors; the legend names the levels with count and percentage.
    await expect.poll(() => principal.getByTestId('chart-school-academic').locator('svg .recharts-pie-sector').count()).toBeGreaterThan(1); // 6A1 classified, the rest not yet
    const academicLegend = await legend(principal, 'chart-school-academic');
    expect(academicLegend.join(' | ')).toMatch(/(Tốt|Khá|Đạt|Chưa đạt): \d+ \(\d+,\d%\)/);
    expect(academicLegend.some((t) => t.startsWith('Chưa xếp loại') || t.startsWith('Chưa đạt'))).toBe(true);
    // One bar row per class (4 classes × 5 series of rectangles, some of zero width).
    const bars = principal.getByTestId('chart-classes-academic');
    await expect.poll(() => bars.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThanOrEqual(4);
    expect(await bars.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual(['6A1', '6A2', '9A1', '9A2']);
    expect(await legend(principal, 'chart-classes-conduct')).toEqual(['Tốt', 'Khá', 'Đạt', 'Chưa đạt', 'Chưa xếp loại']);
    // Absences per month: two lines, September to November.
    const lines = principal.getByTestId('chart-school-attendance');
    await expect.poll(() => lines.locator('svg .recharts-line-curve').count()).toBe(2);
    expect(await legend(principal, 'chart-school-attendance')).toEqual(['Có phép', 'Không phép']);
    expect(await lines.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).toEqual(['T9/2026', 'T10/2026', 'T11/2026']);
    // The table: the school row with percentages like "27,5%".
    await expect(board.getByRole('row', { name: /Toàn trường/ }).textContent()).resolves.toMatch(/\d+,\d%/);
    await shots(principal, 'd01-school-dashboard');

    // HK II has not begun: no attendance yet, every student not yet classified.
    await principal.locator('label.mantine-SegmentedControl-label', { hasText: /^Học kỳ II$/ }).click();
    await principal.getByTestId('chart-school-attendance').getByText('Kỳ này chưa bắt đầu').waitFor();
    await principal.waitForTimeout(600);
    await shot(principal, 'd02-school-dashboard-term2', false);
  });

  it('a class dashboard from the school table: KQHT/KQRL donuts, subject bands and means, absences per month', async () => {
    await principal.locator('label.mantine-SegmentedControl-label', { hasText: /^Học kỳ I$/ }).click();
    await principal.getByTestId('school-dashboard').getByRole('link', { name: '6A1', exact: true }).click();
    await principal.getByRole('heading', { name: 'Biểu đồ kết quả lớp 6A1' }).waitFor();
    expect(new URL(principal.url()).pathname).toBe(`/bieu-do/${classId}/term1`);
    await principal.getByTestId('class-dashboard').waitFor();
    for (const id of ['chart-academic', 'chart-conduct']) {
      await expect.poll(() => principal.getByTestId(id).locator('svg .recharts-pie-sector').count()).toBeGreaterThan(0);
    }
    const conduct = await legend(principal, 'chart-conduct');
    expect(conduct.map((t) => t.split(':')[0])).toEqual(['Tốt', 'Khá', 'Đạt']);
    expect(conduct.join(' ')).toMatch(/\d+ \(\d+,\d%\)/);
    // Subject averages in bands: a row per scored subject with an average, the bands as legend.
    const bands = principal.getByTestId('chart-bands');
    await expect.poll(() => bands.locator('svg .recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await legend(principal, 'chart-bands')).toEqual(['Dưới 3,5', '3,5 – dưới 5', '5 – dưới 6,5', '6,5 – dưới 8', 'Từ 8 trở lên']);
    // Class means: bars labelled "6,8".
    const means = principal.getByTestId('chart-means');
    const valueLabels = means.locator('.recharts-label-list text, text.recharts-label');
    await expect.poll(() => valueLabels.count()).toBeGreaterThan(0); // drawn once the bars have grown
    const labels = await valueLabels.allTextContents();
    for (const l of labels) expect(l).toMatch(/^\d{1,2},\d$/);
    // Absences: September 1 excused; October 3 excused, 1 unexcused; November 1 excused, 2 unexcused.
    const att = principal.getByTestId('chart-attendance');
    await expect.poll(() => att.locator('svg .recharts-line-curve').count()).toBe(2);
    expect(await legend(principal, 'chart-attendance')).toEqual(['Có phép', 'Không phép']);
    await shots(principal, 'd03-class-dashboard');
    // The charts close up on a phone.
    await principal.setViewportSize({ width: 390, height: 844 });
    await principal.waitForTimeout(600);
    for (const id of ['chart-conduct', 'chart-bands', 'chart-means', 'chart-attendance']) await principal.getByTestId(id).screenshot({ path: `test-results/d04-${id}-phone.png` });
    await principal.setViewportSize({ width: 1280, height: 900 });
  });

  it('the results page leads to the class dashboard', async () => {
    await principal.goto(`${server.baseUrl}/ket-qua/${classId}/term1`);
    await principal.getByRole('link', { name: 'Biểu đồ kết quả', exact: true }).click();
    await principal.getByRole('heading', { name: 'Biểu đồ kết quả lớp 6A1' }).waitFor();
    expect(new URL(principal.url()).pathname).toBe(`/bieu-do/${classId}/term1`);
    await principal.getByTestId('chart-academic').locator('svg .recharts-pie-sector').first().waitFor();
  });
});
