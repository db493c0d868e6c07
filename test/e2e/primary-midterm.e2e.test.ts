/**
 * The mid-term tests of grades 4–5 in the browser (TT 27/2020 Điều 7): for a new class 4A the
 * summary book at giữa HK I shows the KTĐK columns of Tiếng Việt and Toán only and asks for the
 * missing score; the Tiếng Việt grade book has its "Điểm KTĐK giữa HK I" column — on the desktop
 * and on a 390 px phone. Today 23/11/2026 (HK I).
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../helpers/client.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('mid-term periodic tests of grade 4', () => {
  let server: TestServer;
  let browser: Browser;
  let classId: string;
  let tv: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, demoScores: false, web: true });
    const db = server.database.handle.db;
    const yearId = server.demo!.primaryYearId;
    const secret = server.demo!.logins.find((l) => l.username === 'th.hieutruong')!.totpSecret;
    const principal = await new TestClient(server.baseUrl).login('th.hieutruong', server.demo!.password, secret);
    const staff = await db.selectFrom('users').select('staff_id').where('username', '=', 'gvcn.3a').executeTakeFirstOrThrow();
    classId = (await principal.post(`/api/v1/years/${yearId}/classes`, { grade: 4, name: '4A', room: 'P4A' })).body.id;
    expect((await principal.patch(`/api/v1/classes/${classId}`, { homeroomStaffId: staff.staff_id })).status).toBe(200);
    const subjects = await db.selectFrom('subjects').select(['id', 'code']).where('school_year_id', '=', yearId).where('grade', '=', 4).execute();
    tv = subjects.find((s) => s.code === 'TV')!.id;
    expect((await principal.put(`/api/v1/years/${yearId}/assignments`, { changes: subjects.map((s) => ({ classId, subjectId: s.id, staffId: staff.staff_id })) })).status).toBe(200);
    const teacher = await new TestClient(server.baseUrl).login('gvcn.3a', server.demo!.password);
    const ids: string[] = [];
    for (const [i, givenName] of ['An', 'Bình', 'Châu'].entries()) {
      const res = await principal.post(`/api/v1/classes/${classId}/students`, { student: { familyName: 'Trần', middleName: 'Minh', givenName, sex: i === 2 ? 'female' : 'male', dateOfBirth: '2016-05-0' + (i + 1) }, startsOn: '2026-09-05' });
      ids.push(res.body.id ?? res.body.student.id);
    }
    // levels of every subject, the Toán mid-term tests; one Tiếng Việt mid-term test still missing
    for (const s of subjects) {
      const changes = ids.flatMap((studentId, i) => [
        { studentId, columnKey: 'MUC_GK', value: i === 1 ? 'H' : 'T', baseVersion: 0 },
        ...(s.code === 'TOAN' ? [{ studentId, columnKey: 'KT_GK', value: String(8 + i), baseVersion: 0 }] : []),
        ...(s.code === 'TV' && i > 0 ? [{ studentId, columnKey: 'KT_GK', value: String(6 + i), baseVersion: 0 }] : []),
      ]);
      expect((await teacher.post(`/api/v1/classes/${classId}/subjects/${s.id}/terms/1/cells`, { changes })).status).toBe(200);
    }
    const entries = ids.map((studentId) => ({ studentId, qualities: Array(5).fill('T'), competences: Array(10).fill('Đ'), comment: '', baseVersion: 0 }));
    expect((await teacher.put(`/api/v1/classes/${classId}/primary-assessments`, { point: 'GK1', entries })).status).toBe(200);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the summary book at giữa HK I has the two KTĐK columns and asks for the missing Tiếng Việt score; the grade book has its column', async () => {
    const page = await loginPage(browser, server, 'gvcn.3a');
    await page.goto(`${server.baseUrl}/so-tong-hop/${classId}?thoi-diem=GK1`);
    await page.getByTestId('primary-summary').waitFor();
    await expect.poll(() => page.getByTestId('primary-missing').textContent()).toContain('Tiếng Việt: điểm kiểm tra định kỳ');
    const tests = page.getByTestId('primary-summary').locator('thead th[title^="Điểm kiểm tra định kỳ"]');
    expect(await tests.evaluateAll((ths) => ths.map((th) => th.getAttribute('title')))).toEqual(['Điểm kiểm tra định kỳ Tiếng Việt', 'Điểm kiểm tra định kỳ Toán']);
    await shot(page, 'primary-summary-4a-gk1-missing');

    await page.goto(`${server.baseUrl}/so-diem/${classId}/${tv}/1`);
    await expect.poll(() => page.locator('thead').first().textContent()).toContain('Điểm KTĐK giữa HK I');
    await shot(page, 'gradebook-4a-tv-kt-gk');
  });

  it('on a 390 px phone the summary book fits its scroll container', async () => {
    const page = await loginPage(browser, server, 'gvcn.3a', { width: 390 });
    await page.goto(`${server.baseUrl}/so-tong-hop/${classId}?thoi-diem=GK1`);
    await page.getByTestId('primary-summary').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'primary-summary-4a-gk1-390');
  });
});
