/**
 * Batch signing in a real browser (issue 15 §3, the issue's done-criterion): 9A1's học bạ printed,
 * then the homeroom teacher, the principal and the clerk (the school’s seal) each open "Ký hàng
 * loạt" from "Ký số", filter the class (the học bạ names its latest confirmed class, 8A1), review every học bạ in the one viewer ("Đã xem, sang văn
 * bản sau"), and sign the whole class with one certificate file and one password, watching the
 * progress bar; the results list every document signed. A 390 px look at the batch page too.
 *
 * Screenshots go to test-results/bs*.png.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoCertificates } from '../../src/server/demo/demo-certificates.ts';
import { TestClient } from '../helpers/client.ts';
import { requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

const HAVE_TOOLS = requireTools(['openssl']);

describe.runIf(RUN_BROWSER_TESTS && HAVE_TOOLS)('batch signing of a class’s học bạ: homeroom teacher, principal, seal', () => {
  let server: TestServer;
  let browser: Browser;
  let certs: NonNullable<Awaited<ReturnType<typeof ensureDemoCertificates>>>;
  let total: number;
  const db = () => server.database.handle.db;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoScores: true, web: true });
    certs = (await ensureDemoCertificates(db(), server.database.dataDir, server.clock()))!;
    const u = server.demo!.logins.find((l) => l.username === 'vanthu');
    const clerk = await new TestClient(server.baseUrl).login('vanthu', server.demo!.password, u?.totpSecret);
    const job = await clerk.post(`/api/v1/schools/${server.demo!.schoolId}/print-jobs`, { kind: 'transcript', classIds: [server.demo!.classIds['9A1']] });
    expect(job.status, JSON.stringify(job.body)).toBe(202);
    for (let i = 0; i < 600 && (await clerk.get(`/api/v1/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    total = (await db().selectFrom('documents').select('id').where('kind', '=', 'transcript').where('superseded_by_id', 'is', null).execute()).length;
    expect(total).toBeGreaterThanOrEqual(10);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const fileOf = (username: string) => certs.people.find((p) => p.username === username)!.file;

  /**
   * From the home page's "Việc cần làm": the item for this step opens the batch page already filtered
   * (step, học bạ, the class its title names: the latest confirmed one, 8A1); every học bạ reviewed in
   * the viewer, signed at once; the item is gone afterwards.
   */
  async function batchSign(page: Page, p12File: string, step: string, name: string, waiting: RegExp) {
    await page.goto(server.baseUrl);
    const item = page.getByRole('link', { name: waiting });
    await item.waitFor();
    await shot(page, `${name}-todo`, false);
    await item.click();
    await page.getByRole('heading', { name: 'Ký hàng loạt' }).waitFor();
    await expect.poll(() => page.getByTestId('batch-role').inputValue()).toBe(step);
    await expect.poll(() => page.getByTestId('batch-class').inputValue()).toBe('8A1');
    await expect.poll(() => page.getByTestId('batch-row').count()).toBe(total);
    for (let i = 0; i < total; i++) {
      await expect.poll(() => page.getByTestId('batch-seen-next').isEnabled(), { timeout: 15_000 }).toBe(true);
      if (i === 1 && name === 'bs01-homeroom') await shot(page, `${name}-viewer`, false);
      await page.getByTestId('batch-seen-next').click();
    }
    await expect.poll(() => page.getByText(`đã xem ${total}/${total}`).count()).toBe(1);
    // The seal's default is the school's certificate on the server; here the clerk uses the seal's file.
    if (step === 'Con dấu số của nhà trường') await page.getByLabel(/^Tệp chứng thư số \(\.p12/).check();
    await page.locator('input[type="file"]').setInputFiles(p12File);
    await page.getByLabel('Mật khẩu của tệp chứng thư số').fill(server.demo!.password);
    await page.getByTestId('batch-sign').click();
    await page.getByTestId('batch-results').waitFor({ timeout: 120_000 });
    await expect(page.getByTestId('batch-results').getByRole('alert').textContent()).resolves.toContain(`đã ký ${total} văn bản`);
    await expect.poll(() => page.getByTestId('batch-signed').count()).toBe(total);
    await expect(page.getByTestId('batch-progress').textContent()).resolves.toContain(`Đã xong: ${total}/${total} văn bản`);
    await shot(page, name);
    await page.goto(server.baseUrl);
    await page.getByText('Việc cần làm').first().waitFor();
    await expect.poll(() => page.getByRole('link', { name: waiting }).count()).toBe(0);
  }

  it('the homeroom teacher signs the whole class with one password', async () => {
    const page = await loginPage(browser, server, 'gvcn.9a1');
    await batchSign(page, fileOf('gvcn.9a1'), 'Giáo viên chủ nhiệm', 'bs01-homeroom', /Học bạ lớp 8A1: \d+ văn bản chờ giáo viên chủ nhiệm ký/);
    const steps = await db().selectFrom('document_signatures').select('status').where('role', '=', 'homeroom').where('status', '=', 'signed').execute();
    expect(steps).toHaveLength(total);
    await page.context().close();
  }, 300_000);

  it('then the principal, at 390 px wide too', async () => {
    const narrow = await loginPage(browser, server, 'hieutruong', { width: 390 });
    await narrow.goto(`${server.baseUrl}/ky-so/hang-loat`);
    await narrow.getByRole('heading', { name: 'Ký hàng loạt' }).waitFor();
    await narrow.getByTestId('batch-seen-next').waitFor();
    await shot(narrow, 'bs02-principal-390');
    await narrow.context().close();

    const page = await loginPage(browser, server, 'hieutruong');
    await batchSign(page, fileOf('hieutruong'), 'Hiệu trưởng', 'bs03-principal', /Học bạ lớp 8A1: \d+ văn bản chờ Hiệu trưởng ký/);
    await page.context().close();
  }, 300_000);

  it('then the clerk applies the school’s seal to the whole class: every học bạ fully signed', async () => {
    const page = await loginPage(browser, server, 'vanthu');
    await batchSign(page, certs.seal, 'Con dấu số của nhà trường', 'bs04-seal', /Học bạ lớp 8A1: \d+ văn bản chờ đóng dấu số/);
    const signed = await db().selectFrom('documents').select('status').where('kind', '=', 'transcript').where('superseded_by_id', 'is', null).execute();
    expect(signed.every((d) => d.status === 'signed')).toBe(true);
    const events = await db().selectFrom('audit_events').select('after_json').where('action', '=', 'document.sign').execute();
    expect(events).toHaveLength(3 * total);
    await page.context().close();
  }, 300_000);
});
