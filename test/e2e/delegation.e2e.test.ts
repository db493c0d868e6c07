/**
 * Delegation to the vice-principal in a real browser (issue 22): the principal delegates, on
 * "Ủy quyền", approving results and signing as principal for the THCS section (this year, and last
 * year whose pages the học bạ carries); then, while she is away, the vice-principal approves 9A1's
 * results on its results page; she is refused the principal's step of a 9A1 học bạ whose block prints
 * the principal (who confirmed its latest year), confirms that year again, and signs the học bạ
 * printed again, which the page names "KT. Hiệu trưởng – Phó hiệu trưởng"; the audit records on
 * whose authority she acted.
 *
 * Screenshots go to test-results/dg*.png.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCalendar } from '../../src/server/demo/demo-calendar.ts';
import { vietnamDay } from '../../src/domain/calendar/vietnam-time.ts';
import { TestClient } from '../helpers/client.ts';
import { type TestPki, createTestPki, requireTools } from '../helpers/pki.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

const PASSWORD = 'Mật khẩu 123';
const HAVE_TOOLS = requireTools(['openssl']);

describe.runIf(RUN_BROWSER_TESTS && HAVE_TOOLS)('the vice-principal acts on the principal’s delegation', () => {
  let server: TestServer;
  let browser: Browser;
  let pki: TestPki;
  let viceP12: string;
  let homeroomP12: string;
  let docId: string;
  let scope: 'term1' | 'term2';
  const db = () => server.database.handle.db;
  const client = (u: string) => new TestClient(server.baseUrl).login(u, server.demo!.password, server.demo!.logins.find((l) => l.username === u)?.totpSecret);

  async function go(page: Page, path: string) {
    await page.evaluate((p) => {
      window.history.pushState(null, '', p);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    pki = await createTestPki();
    server = await startTestServer({ demo: true, demoScores: true, web: true, env: { SODIEM_TRUST_ROOTS: pki.caFile } });
    scope = demoCalendar(vietnamDay(server.clock().toISOString())).currentTerm === 2 ? 'term2' : 'term1';
    const name = async (u: string) => (await db().selectFrom('users').select('full_name').where('username', '=', u).executeTakeFirstOrThrow()).full_name;
    viceP12 = pki.pkcs12(await pki.issue({ commonName: await name('phohieutruong'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD, { fileName: 'pho-hieu-truong.p12' });
    homeroomP12 = pki.pkcs12(await pki.issue({ commonName: await name('gvcn.9a1'), organization: 'Trường THCS Nguyễn Trãi' }), PASSWORD, { fileName: 'gvcn-9a1.p12' });

    // Set-up through the API: 9A1's results proposed, its học bạ printed and signed by the homeroom teacher.
    const classId = server.demo!.classIds['9A1'];
    const homeroom = await client('gvcn.9a1');
    expect((await homeroom.post(`/api/v1/classes/${classId}/results/${scope}/proposal`)).status).toBe(200);
    const clerk = await client('vanthu');
    const job = await clerk.post(`/api/v1/schools/${server.demo!.schoolId}/print-jobs`, { kind: 'transcript', classIds: [classId] });
    for (let i = 0; i < 600 && (await clerk.get(`/api/v1/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    const [doc] = (await homeroom.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript&awaiting=me`)).body;
    docId = doc.id;
    const signed = await homeroom.post(`/api/v1/documents/${docId}/signatures`, { method: 'pkcs12', seq: 1, expectedSha256: doc.currentSha256, p12: readFileSync(homeroomP12).toString('base64'), password: PASSWORD });
    expect(signed.status, JSON.stringify(signed.body)).toBe(200);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the principal delegates on "Ủy quyền": THCS, approving results and signing, this year and last', async () => {
    const page = await loginPage(browser, server, 'hieutruong');
    await page.getByRole('link', { name: 'Ủy quyền' }).first().click();
    await page.getByRole('heading', { name: 'Ủy quyền cho Phó hiệu trưởng' }).waitFor();
    const years = await db().selectFrom('school_years').select(['id', 'name']).where('school_id', '=', server.demo!.schoolId).orderBy('start_year', 'desc').execute();
    for (const [i, year] of years.slice(0, 2).entries()) {
      await page.getByTestId('delegation-year').click();
      await page.getByRole('option', { name: year.name, exact: true }).click();
      await page.getByTestId('delegation-scope').click();
      await page.getByRole('option', { name: 'cấp THCS (khối 6–9)' }).click();
      if (i === 0) await page.getByLabel('Phê duyệt kết quả đánh giá của lớp').check();
      await page.getByLabel('Xác nhận và ký học bạ, văn bản thay Hiệu trưởng (KT. Hiệu trưởng)').check();
      await page.getByRole('button', { name: 'Ủy quyền', exact: true }).click();
      await expect.poll(() => page.getByTestId('delegations').locator('tbody tr').count()).toBe(i + 1);
    }
    await expect(page.getByTestId('delegations').textContent()).resolves.toContain('Đang có hiệu lực');
    await shot(page, 'dg01-principal-delegates');
    await page.context().close();
  });

  it('while the principal is away, the vice-principal approves 9A1’s results', async () => {
    const page = await loginPage(browser, server, 'phohieutruong');
    await go(page, '/uy-quyen');
    await page.getByTestId('delegations').getByText('Phê duyệt kết quả đánh giá của lớp').waitFor();
    await go(page, `/ket-qua/${server.demo!.classIds['9A1']}/${scope}`);
    await page.getByRole('heading', { name: 'Kết quả học tập và rèn luyện — Lớp 9A1' }).waitFor();
    await expect.poll(() => page.getByTestId('approve').isEnabled()).toBe(true);
    await page.getByTestId('approve').click();
    await expect.poll(() => page.getByTestId('approval-status').textContent()).toContain('Đã phê duyệt');
    await shot(page, 'dg02-vice-approves');
    const vice = await db().selectFrom('users').select('id').where('username', '=', 'phohieutruong').executeTakeFirstOrThrow();
    const event = await db().selectFrom('audit_events').selectAll().where('action', '=', 'results.approved').where('actor_user_id', '=', vice.id).executeTakeFirstOrThrow();
    const principal = await db().selectFrom('users').select('id').where('username', '=', 'hieutruong').executeTakeFirstOrThrow();
    expect(JSON.parse(event.authority_json!)).toMatchObject({ onBehalfOf: principal.id });
    await page.context().close();
  });

  it('and signs the học bạ in the principal’s step as "KT. Hiệu trưởng – Phó hiệu trưởng" once its block names her', async () => {
    const page = await loginPage(browser, server, 'phohieutruong');
    const signIn = async (id: string) => {
      await go(page, `/ky-so/${id}`);
      await page.getByTestId('sign-panel').waitFor();
      const [tab] = await Promise.all([page.context().waitForEvent('page'), page.getByRole('link', { name: 'Mở văn bản (PDF)' }).click()]);
      await tab.close();
      await page.getByLabel('Tôi đã xem văn bản').check();
      await page.locator('input[type="file"]').setInputFiles(viceP12);
      await page.getByLabel('Mật khẩu của tệp chứng thư số').fill(PASSWORD);
      await page.getByRole('button', { name: 'Ký số' }).click();
    };
    // The học bạ prints the principal, who confirmed its latest year: the vice-principal is told so.
    await signIn(docId);
    await page.getByText(/Học bạ này in tên Hiệu trưởng .* ở khối xác nhận của Hiệu trưởng/).waitFor();
    await shot(page, 'dg03-vice-refused-block-names-principal');

    // She confirms that year (last year's 8A1) again; the clerk prints again; the homeroom teacher signs the new version.
    const studentId = JSON.parse((await db().selectFrom('documents').select('subject_json').where('id', '=', docId).executeTakeFirstOrThrow()).subject_json).studentId;
    const lastYear = await db().selectFrom('school_years').select('id').where('school_id', '=', server.demo!.schoolId).where('id', '!=', server.demo!.yearId).orderBy('start_year', 'desc').executeTakeFirstOrThrow();
    const class8A1 = await db().selectFrom('classes').select('id').where('school_year_id', '=', lastYear.id).where('name', '=', '8A1').executeTakeFirstOrThrow();
    const vice = await client('phohieutruong');
    const confirmed = await vice.post(`/api/v1/classes/${class8A1.id}/transcript-records/confirmation`, { studentIds: [studentId] });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const clerk = await client('vanthu');
    const job = await clerk.post(`/api/v1/schools/${server.demo!.schoolId}/print-jobs`, { kind: 'transcript', classIds: [server.demo!.classIds['9A1']] });
    for (let i = 0; i < 600 && (await clerk.get(`/api/v1/jobs/${job.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 100));
    const homeroom = await client('gvcn.9a1');
    const [fresh] = (await homeroom.get(`/api/v1/schools/${server.demo!.schoolId}/documents?kind=transcript&studentId=${studentId}`)).body;
    expect(fresh.id).not.toBe(docId);
    const first = await homeroom.post(`/api/v1/documents/${fresh.id}/signatures`, { method: 'pkcs12', seq: 1, expectedSha256: fresh.currentSha256, p12: readFileSync(homeroomP12).toString('base64'), password: PASSWORD });
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    await signIn(fresh.id);
    await page.getByTestId('sign-notice').getByText('KT. Hiệu trưởng – Phó hiệu trưởng — đã ký số').waitFor();
    await expect(page.getByTestId('signature-steps').textContent()).resolves.toMatch(/KT\. Hiệu trưởng – Phó hiệu trưởng: Đã ký số — /);
    await shot(page, 'dg04-vice-signs');
    await page.context().close();
  });
});
