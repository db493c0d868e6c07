/**
 * The grade book in a real browser against the real server with the demo school (G1, G3, C1–C4):
 * the subject teacher of 6A1 enters a column by keyboard and a block by paste and sees the exact
 * averages; re-entering a score asks for a reason; the principal locks the class-subject; the
 * teacher's next edit is refused with the lock's explanation and she files a correction request
 * with a photo of the test paper; the principal approves (from the notification bell), the admin
 * board applies it, and the new value shows in the sheet and in the edit log.
 *
 * Screenshots go to test-results/ (desktop 1280 px; the grid also at 390 px).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { moveClock } from '../helpers/test-clock.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

/** A 1×1 PNG: the "photo" of the test paper. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** TT 22/2021 Điều 9: ĐTBmhk = (ΣĐĐGtx + 2·ĐĐGgk + 3·ĐĐGck) / (n + 5), rounded half up to one decimal; in tenths. */
function expectedAverage(regularTenths: number[], midTenths: number, endTenths: number): string {
  const sum = regularTenths.reduce((a, b) => a + b, 0) + 2 * midTenths + 3 * endTenths;
  const d = regularTenths.length + 5;
  const tenths = Math.floor((2 * sum + d) / (2 * d));
  return `${Math.floor(tenths / 10)},${tenths % 10}`;
}

describe.runIf(RUN_BROWSER_TESTS)('grade book in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let teacher: Page;
  let principal: Page;
  let admin: Page;
  let classId: string;
  let subject: { id: string; name: string };
  let sheetUrl: string;
  let regularCount = 0;
  let correctionNumber = 0;

  const login = (username: string) => loginPage(browser, server, username);

  const cell = (page: Page, r: number, c: number) => page.locator(`[data-testid="gradebook-grid"] input[data-r="${r}"][data-c="${c}"]`);
  const rowAt = (page: Page, r: number) => page.locator('[data-testid="gradebook-grid"] tbody tr').nth(r);

  beforeAll(async () => {
    browser = await launchBrowser();
    server = await startTestServer({ demo: true, web: true });
    teacher = await login('gvcn.6a1');
    classId = server.demo!.classIds['6A1'];
    // The teacher's scored subject in 6A1, from her assignments and the year set-up.
    const found = await teacher.evaluate(
      async ({ yearId, classId }) => {
        const me = await (await fetch('/api/v1/auth/me')).json();
        const setup = await (await fetch(`/api/v1/years/${yearId}`)).json();
        const ids = me.teaching.filter((t: { classId: string }) => t.classId === classId).map((t: { subjectId: string }) => t.subjectId);
        const s = setup.subjects.find((x: { id: string; assessmentKind: string }) => ids.includes(x.id) && x.assessmentKind === 'scored');
        return s ? { id: s.id as string, name: s.name as string } : null;
      },
      { yearId: server.demo!.yearId, classId },
    );
    if (!found) throw new Error('gvcn.6a1 teaches no scored subject in 6A1');
    subject = found;
    // Học kỳ II: the demo's living grade book fills HK I (with its own lock and requests); HK II starts empty.
    sheetUrl = `${server.baseUrl}/so-diem/${classId}/${subject.id}/2`;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the teacher enters a column by keyboard and a block by paste, and sees the exact averages', async () => {
    await teacher.getByRole('link', { name: 'Sổ điểm', exact: true }).first().click();
    await teacher.getByRole('heading', { name: 'Sổ điểm' }).waitFor();
    await shot(teacher, '70-gradebook-picker', false);
    await teacher.goto(sheetUrl);
    await teacher.getByTestId('gradebook-grid').waitFor();
    const headers = await teacher.locator('[data-testid="gradebook-grid"] thead th[data-column]').evaluateAll((ths) => ths.map((th) => th.getAttribute('data-column')));
    regularCount = headers.filter((h) => h?.startsWith('TX')).length;
    const gk = headers.indexOf('GK');
    const ck = headers.indexOf('CK');
    expect(regularCount).toBeGreaterThanOrEqual(2);
    expect(gk).toBe(regularCount);

    // ĐĐGtx 1 by keyboard: type, Enter moves down. "85" means 8,5; "7.5" and "6,5" both work; 10 stays 10.
    await cell(teacher, 0, 0).click();
    for (const v of ['8', '85', '7.5', '10', '6,5']) {
      await teacher.keyboard.type(v);
      await teacher.keyboard.press('Enter');
    }
    await expect.poll(() => cell(teacher, 5, 0).evaluate((el) => el === document.activeElement)).toBe(true);
    await expect(cell(teacher, 1, 0).inputValue()).resolves.toBe('8,5');
    await expect(cell(teacher, 2, 0).inputValue()).resolves.toBe('7,5');
    await expect(cell(teacher, 0, 0).inputValue()).resolves.toBe('8,0');
    await expect(cell(teacher, 3, 0).inputValue()).resolves.toBe('10,0');

    // An invalid score is refused in the browser with the Vietnamese message, then corrected.
    await cell(teacher, 5, 0).click();
    await teacher.keyboard.type('10,5');
    await expect.poll(() => teacher.getByTestId('cell-info').textContent()).toMatch(/10,5/);
    await expect(cell(teacher, 5, 0).getAttribute('aria-invalid')).resolves.toBe('true');
    await shot(teacher, '71-gradebook-invalid', false);
    await teacher.keyboard.press('Escape');
    await expect(cell(teacher, 5, 0).inputValue()).resolves.toBe('');
    // "11" is not saved as 1,1 (issue 15 §5): the shortcut "85" → 8,5 is for 20–99 only.
    await teacher.keyboard.type('11');
    await expect.poll(() => teacher.getByTestId('cell-info').textContent()).toContain('"11" chưa rõ là điểm nào');
    await expect(cell(teacher, 5, 0).getAttribute('aria-invalid')).resolves.toBe('true');
    await teacher.keyboard.press('Escape');
    await expect(cell(teacher, 5, 0).inputValue()).resolves.toBe('');

    // The rest of rows 1–3 (ĐĐGtx 2…n, ĐĐGgk, ĐĐGck) pasted as a block copied from Excel.
    const block = [
      [...Array(regularCount - 1).fill('9'), '7', '8.5'],
      [...Array(regularCount - 1).fill('6'), '5,5', '7'],
      [...Array(regularCount - 1).fill('10'), '9', '9.5'],
    ];
    const text = `${block.map((r) => r.join('\t')).join('\r\n')}\r\n`;
    await cell(teacher, 0, 1).click();
    await cell(teacher, 0, 1).evaluate((el, t) => {
      const data = new DataTransfer();
      data.setData('text/plain', t);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
    await expect(cell(teacher, 0, ck).inputValue()).resolves.toBe('8,5');
    await expect(cell(teacher, 1, gk).inputValue()).resolves.toBe('5,5');

    // The averages, computed as the teacher types, equal TT 22's formula exactly.
    const avg = (r: number) => rowAt(teacher, r).getByTestId('row-average').textContent();
    const want0 = expectedAverage([80, ...Array(regularCount - 1).fill(90)], 70, 85);
    const want1 = expectedAverage([85, ...Array(regularCount - 1).fill(60)], 55, 70);
    const want2 = expectedAverage([75, ...Array(regularCount - 1).fill(100)], 90, 95);
    await expect.poll(() => avg(0)).toBe(want0);
    await expect.poll(() => avg(1)).toBe(want1);
    await expect.poll(() => avg(2)).toBe(want2);
    await expect(avg(3)).resolves.toBe('');

    // Autosave: every row saved (one batch per row), the state shown per row.
    for (const r of [0, 1, 2, 3, 4]) await expect.poll(() => rowAt(teacher, r).getAttribute('data-row-status'), { timeout: 10_000 }).toBe('saved');
    await expect.poll(() => teacher.getByTestId('save-summary').textContent()).toBe('Mọi thay đổi được lưu tự động.');
    await shot(teacher, '72-gradebook-entered', false);

    // Saved on the server: a reload shows the same values and averages.
    await teacher.reload();
    await teacher.getByTestId('gradebook-grid').waitFor();
    await expect(cell(teacher, 1, 0).inputValue()).resolves.toBe('8,5');
    await expect.poll(() => avg(0)).toBe(want0);

    // The grid on a phone.
    await teacher.setViewportSize({ width: 390, height: 844 });
    await cell(teacher, 0, 0).click();
    await shot(teacher, '73-gradebook-phone', false);
    // Every name readable in full (issue 15 §4): nothing cut with "…", the given name shown first.
    const names = await teacher.locator('[data-testid="gradebook-grid"] tbody th.gb-name').evaluateAll((ths) =>
      ths.map((th) => ({ text: th.querySelector('[data-testid="student-name"]')?.textContent ?? '', cut: th.scrollWidth > th.clientWidth, given: th.querySelector('.st-given')?.textContent ?? '' })),
    );
    expect(names.length).toBe(40);
    expect(names.filter((n) => n.cut)).toEqual([]);
    for (const n of names) expect(n.text.endsWith(n.given) && n.text.split(' ').length >= 2).toBe(true);
    await teacher.setViewportSize({ width: 1280, height: 900 });
  });

  it('her own slip of a minute ago is put right without a reason (issue 15 §5)', async () => {
    await cell(teacher, 4, 0).click();
    await teacher.keyboard.type('6');
    await teacher.keyboard.press('Enter');
    await expect.poll(() => rowAt(teacher, 4).getAttribute('data-row-status'), { timeout: 10_000 }).toBe('saved');
    await expect(teacher.getByRole('dialog', { name: 'Lý do sửa điểm' }).count()).resolves.toBe(0);
  });

  it('re-entering a saved score asks for a reason', async () => {
    moveClock(server.clock, 31 * 60_000); // her entries are now recorded scores: changing one is a sửa điểm
    await cell(teacher, 4, 0).click();
    await teacher.keyboard.type('7');
    await teacher.keyboard.press('Enter');
    const dialog = teacher.getByRole('dialog', { name: 'Lý do sửa điểm' });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Lý do' }).fill('Nhập nhầm, đối chiếu sổ điểm cá nhân');
    await shot(teacher, '74-gradebook-reason', false);
    await dialog.getByRole('button', { name: 'Lưu với lý do này' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => rowAt(teacher, 4).getAttribute('data-row-status'), { timeout: 10_000 }).toBe('saved');
  });

  it('the principal locks the class-subject; the teacher’s edit is refused with the explanation', async () => {
    principal = await login('hieutruong');
    await principal.getByRole('link', { name: 'Khóa sổ, mở sổ' }).first().click();
    await principal.getByRole('heading', { name: 'Khóa sổ, mở sổ' }).waitFor();
    await principal.getByRole('combobox', { name: 'Lớp', exact: true }).click();
    await principal.getByRole('option', { name: '6A1', exact: true }).click();
    await principal.getByRole('combobox', { name: 'Môn học', exact: true }).click();
    await principal.getByRole('option', { name: subject.name, exact: true }).click();
    await principal.getByRole('combobox', { name: 'Học kỳ', exact: true }).click();
    await principal.getByRole('option', { name: 'Học kỳ II', exact: true }).click();
    await principal.getByLabel('Lý do khóa').fill('Kết thúc nhập điểm học kỳ II');
    await principal.getByRole('button', { name: /^Khóa sổ: Lớp 6A1/ }).click();
    await principal.getByTestId('active-locks').getByText(`Lớp 6A1 · ${subject.name} · Học kỳ II`).waitFor();
    await shot(principal, '75-locks', false);
    await principal.getByRole('tab', { name: 'Đợt cập nhật điểm' }).click();
    await shot(principal, '76-windows', false);
    await principal.getByRole('tab', { name: 'Thiết lập sửa điểm' }).click();
    await shot(principal, '77-settings', false);

    // The teacher still has the sheet open and changes a score: the server refuses, naming the lock.
    await cell(teacher, 0, 0).click();
    await teacher.keyboard.type('9');
    await teacher.keyboard.press('Enter');
    const alert = teacher.getByTestId('lock-alert');
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.textContent()).resolves.toMatch(/khóa/i);
    await expect(rowAt(teacher, 0).getAttribute('data-row-status')).resolves.toBe('locked');
    await shot(teacher, '78-gradebook-locked', false);
  });

  it('the teacher files a correction request with a photo of the test paper', async () => {
    await teacher.getByRole('button', { name: 'Gửi giấy đề nghị sửa điểm' }).click();
    const dialog = teacher.getByRole('dialog', { name: 'Giấy đề nghị thay đổi thông tin' });
    await dialog.waitFor();
    await expect(dialog.getByLabel('Giá trị mới dòng 1').inputValue()).resolves.toMatch(/^9(,0)?$/);
    await dialog.getByLabel('Lý do đề nghị sửa').fill('Nhập nhầm điểm ĐĐGtx 1, bài kiểm tra được 9 điểm');
    await dialog.getByRole('combobox', { name: 'Minh chứng', exact: true }).click();
    await teacher.getByRole('option', { name: 'Bài kiểm tra của học sinh' }).click();
    await dialog.locator('input[type=file]').setInputFiles({ name: 'bai-kiem-tra.png', mimeType: 'image/png', buffer: PNG });
    await shot(teacher, '79-correction-form', false);
    await dialog.getByRole('button', { name: 'Gửi giấy đề nghị' }).click();
    const created = dialog.getByTestId('correction-created');
    await created.waitFor();
    const title = (await created.textContent()) ?? '';
    correctionNumber = Number(/số (\d+)/.exec(title)?.[1]);
    expect(correctionNumber).toBeGreaterThan(0);
    expect(title).toMatch(/1 tệp minh chứng/);
    await shot(teacher, '80-correction-sent', false);
    await dialog.getByRole('button', { name: 'Đóng' }).click();

    // After a reload the locked columns are greyed with the reason.
    await teacher.reload();
    await teacher.getByTestId('gradebook-grid').waitFor();
    await expect(cell(teacher, 0, 0).getAttribute('readonly')).resolves.not.toBeNull();
    await expect(cell(teacher, 0, 0).getAttribute('title')).resolves.toMatch(/khóa/i);
    await shot(teacher, '81-gradebook-blocked', false);
  });

  it('the principal approves from the notification, the admin board applies, and the value changes', async () => {
    await principal.reload();
    await principal.getByTestId('notification-bell').click();
    await principal.getByTestId('notification-item').first().waitFor();
    await shot(principal, '82-notifications', false);
    await principal.getByTestId('notification-item').first().click();
    await principal.getByRole('heading', { name: `Giấy đề nghị thay đổi thông tin số ${correctionNumber}` }).waitFor();
    await principal.getByTestId('evidence-list').getByText('bai-kiem-tra.png').waitFor();
    await principal.getByLabel('Ý kiến / lý do').fill('Đã đối chiếu bài kiểm tra');
    await principal.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await expect.poll(() => principal.getByTestId('correction-status').textContent()).toBe('Đã duyệt');
    await shot(principal, '83-correction-approved', false);

    admin = await login('quantri');
    await admin.getByRole('link', { name: 'Giấy đề nghị sửa điểm' }).first().click();
    await admin.getByTestId('correction-list').getByRole('link', { name: `Số ${correctionNumber}` }).click();
    await admin.getByRole('button', { name: 'Cập nhật vào sổ' }).click();
    await expect.poll(() => admin.getByTestId('correction-status').textContent()).toBe('Đã cập nhật');
    await shot(admin, '84-correction-applied', false);

    await teacher.goto(sheetUrl);
    await teacher.getByTestId('gradebook-grid').waitFor();
    await expect.poll(() => cell(teacher, 0, 0).inputValue()).toBe('9,0');
    const want = expectedAverage([90, ...Array(regularCount - 1).fill(90)], 70, 85);
    await expect.poll(() => rowAt(teacher, 0).getByTestId('row-average').textContent()).toBe(want);
    await shot(teacher, '85-gradebook-corrected', false);
  });

  it('the change shows in the edit log with its request number', async () => {
    await admin.getByRole('link', { name: 'Nhật kí sửa điểm' }).first().click();
    await admin.getByRole('heading', { name: 'Nhật kí sửa điểm' }).waitFor();
    await admin.getByRole('combobox', { name: 'Lớp', exact: true }).click();
    await admin.getByRole('option', { name: '6A1', exact: true }).click();
    await admin.getByRole('combobox', { name: 'Môn học', exact: true }).click();
    await admin.getByRole('option', { name: `${subject.name} (khối 6)`, exact: true }).click();
    await admin.getByLabel('Chỉ các lần sửa (không tính lần nhập đầu)').check();
    await admin.getByRole('button', { name: 'Lọc', exact: true }).click();
    const row = admin.getByTestId('edit-log').getByRole('row').filter({ hasText: `Số ${correctionNumber}` });
    await row.first().waitFor();
    await expect(row.first().textContent()).resolves.toMatch(/8(,0)?\s*→\s*9(,0)?/);
    await expect(row.first().textContent()).resolves.toMatch(/Theo giấy đề nghị/);
    await shot(admin, '86-edit-log', false);

    // The teacher sees her own log too, with the reason she gave.
    await teacher.getByRole('link', { name: 'Nhật kí sửa điểm' }).first().click();
    await teacher.getByLabel('Chỉ các lần sửa (không tính lần nhập đầu)').check();
    await teacher.getByRole('button', { name: 'Lọc', exact: true }).click();
    await teacher.getByTestId('edit-log').getByText('Nhập nhầm, đối chiếu sổ điểm cá nhân').first().waitFor();
  });

  it('the teacher\'s monthly edit log prints as a PDF with the change and room for her explanation', async () => {
    const me = await teacher.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    const log = await admin.evaluate(async (q) => (await fetch(`/api/v1/schools/${q.school}/edit-log?teacherUserId=${q.teacher}&changesOnly=1`)).json(), { school: me.schools[0].id, teacher: me.user.id });
    const entryMonth = log.entries[0].at.slice(0, 7);
    const res = await admin.request.get(`${server.baseUrl}/api/v1/schools/${me.schools[0].id}/edit-log.pdf?teacherUserId=${me.user.id}&month=${entryMonth}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'sodiem-pdf-'));
    const file = join(dir, 'nhat-ki.pdf');
    writeFileSync(file, await res.body());
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('NHẬT KÍ SỬA ĐIỂM');
    expect(text).toContain('Nhập nhầm'); // the teacher's reason (the cell wraps the rest)
    expect(text).toContain('Giải trình'); // the header cell "Giải trình của giáo viên" wraps
    expect(text).toMatch(/Trang 1\/\d/);
  });

  it('the principal sees the progress and the class book', async () => {
    await principal.goto(`${server.baseUrl}/tien-do`);
    await principal.getByTestId('progress-table').waitFor();
    await principal.getByTestId('progress-table').getByRole('row').filter({ hasText: subject.name }).filter({ hasText: '6A1' }).first().waitFor();
    await shot(principal, '87-progress', false);
    await principal.goto(`${server.baseUrl}/so-theo-doi/${classId}`);
    await principal.getByRole('heading', { name: /Lớp 6A1/ }).waitFor();
    await principal.getByRole('heading', { name: subject.name, exact: true }).waitFor();
    await shot(principal, '88-class-book', false);
  });
});
