/**
 * The homeroom teacher's work in a real browser against the real server with the demo schools
 * (G4, G6, G7, G8, C5): the homeroom teacher of 6A1 takes the roll of a day by keyboard and
 * enters conduct; the principal sees what is missing and cannot approve; once the grade book is
 * complete (filled as its teachers would, through the server's own save) the homeroom teacher
 * proposes and the principal approves; a student sent to retests gets his retest score in the
 * browser and is promoted on the final results; the homeroom teacher of 3A (primary) completes the
 * end-of-year qualities and competences and sees the year levels in the summary book.
 *
 * Screenshots go to test-results/h*.png (desktop 1280 px; each page also at 390 px).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradebookColumns } from '../../src/domain/gradebook/gradebook-columns.ts';
import { saveCells } from '../../src/server/gradebook/save-cells.ts';
import { subjectAssessment } from '../../src/server/school/subject-queries.ts';
import { loadClassStudents } from '../../src/server/gradebook/gradebook-queries.ts';
import { type TestServer, startTestServer } from '../helpers/server.ts';
import { RUN_BROWSER_TESTS, launchBrowser, loginPage, shot } from './support.ts';

describe.runIf(RUN_BROWSER_TESTS)('homeroom work in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let homeroom: Page;
  let principal: Page;
  let classId: string;
  let students: { id: string; fullName: string }[];

  const login = (username: string) => loginPage(browser, server, username);

  /** Both widths: the page as it is, then at 390 px (a phone), then back. */
  async function shots(page: Page, name: string) {
    await shot(page, name, false);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400); // the menu slides away on a phone
    await shot(page, `${name}-phone`, false);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  /** Chooses a segment of a SegmentedControl by its visible label. */
  const segment = (page: Page, label: string) => page.locator('label.mantine-SegmentedControl-label', { hasText: new RegExp(`^${label}$`) }).click();

  const audit = (actorUserId: string | null, requestId: string) => ({ actorUserId, actorRole: 'teacher', ip: '127.0.0.1', userAgent: 'e2e fixture', requestId, now: server.clock().toISOString() });

  /** Fills every required column of every TT 22 subject of 6A1 for a term, as its teachers would (fixture). */
  async function fillGradebook(termNo: 1 | 2, value: (i: number) => string) {
    const db = server.database.handle.db;
    const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).where('assessment_kind', 'in', ['scored', 'comment']).execute();
    for (const s of subjects) {
      const cols = gradebookColumns(subjectAssessment(s), termNo).filter((c) => c.required);
      const changes = students.flatMap((st, i) => cols.map((c) => ({ studentId: st.id, columnKey: c.key, value: s.assessment_kind === 'scored' ? value(i) : 'Đ', baseVersion: 0 })));
      await saveCells({ db, classId, subjectId: s.id, termNo, input: { changes, source: 'typed', reason: '' }, audit: audit(null, `fill-${termNo}`) });
    }
  }

  const weakScore = (i: number) => (i % 5 === 0 ? '9,5' : i % 5 === 1 ? '8' : i % 5 === 2 ? '6,5' : i % 5 === 3 ? '5' : '3,5');

  beforeAll(async () => {
    browser = await launchBrowser();
    // An empty grade book: the test fills it itself, so "missing" and "complete" are known.
    server = await startTestServer({ demo: true, demoScores: false, web: true });
    classId = server.demo!.classIds['6A1'];
    students = (await loadClassStudents(server.database.handle.db, classId)).filter((s) => s.active).map((s) => ({ id: s.studentId, fullName: s.fullName }));
    homeroom = await login('gvcn.6a1');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the homeroom teacher takes the roll of a day by keyboard and sees the absences in the summary', async () => {
    await homeroom.getByTestId('homeroom-card').waitFor();
    await shots(homeroom, 'h01-home-homeroom');
    await homeroom.getByTestId('homeroom-card').getByRole('link', { name: 'Điểm danh' }).click();
    await homeroom.getByRole('heading', { name: /Điểm danh — Lớp 6A1/ }).waitFor();
    const date = homeroom.getByTestId('attendance-date');
    await date.fill('20/11/2026');
    await date.blur();
    await homeroom.getByTestId('attendance-grid').waitFor();
    await homeroom.getByTestId('all-present').click();

    const cell = (r: number) => homeroom.locator(`[data-testid="attendance-grid"] button[data-r="${r}"][data-c="0"]`);
    await cell(0).focus();
    await homeroom.keyboard.press('p'); // row 1: excused, moves down
    await homeroom.keyboard.press('k'); // row 2: unexcused
    await homeroom.keyboard.press(' '); // row 3: present
    await homeroom.keyboard.press('k'); // row 4: unexcused…
    await homeroom.keyboard.press('ArrowUp');
    await homeroom.keyboard.press(' '); // …then corrected to present
    await expect(cell(0).getAttribute('data-value')).resolves.toBe('P');
    await expect(cell(1).getAttribute('data-value')).resolves.toBe('K');
    await expect(cell(3).getAttribute('data-value')).resolves.toBe('');
    await homeroom.getByLabel(`Ghi chú — ${students[0].fullName}`).fill('Ốm, có giấy xin phép');
    await expect.poll(() => homeroom.getByTestId('attendance-count').textContent()).toContain('vắng 2 (P: 1, K: 1)');
    await shots(homeroom, 'h02-attendance-day');
    // At 390 px every name is whole (issue 15 §4): the given name first, nothing cut, no two rows alike.
    await homeroom.setViewportSize({ width: 390, height: 844 });
    const names = await homeroom.locator('[data-testid="attendance-grid"] tbody td.kg-name').evaluateAll((tds) =>
      tds.map((td) => ({ text: td.textContent ?? '', cut: td.scrollWidth > td.clientWidth, given: td.querySelector('.st-given')?.textContent ?? '' })),
    );
    await homeroom.setViewportSize({ width: 1280, height: 900 });
    expect(names.map((n) => n.text)).toEqual(students.map((st) => st.fullName));
    expect(names.filter((n) => n.cut)).toEqual([]);
    expect(names.every((n) => n.given !== '' && n.text.endsWith(n.given))).toBe(true);
    await homeroom.getByTestId('attendance-save').click();
    await homeroom.getByTestId('attendance-saved').waitFor();

    // Reloaded from the server: the same two absences with the note.
    await homeroom.reload();
    await homeroom.getByTestId('attendance-date').fill('20/11/2026');
    await homeroom.getByTestId('attendance-date').blur();
    await expect.poll(() => cell(0).getAttribute('data-value')).toBe('P');
    await expect(cell(1).getAttribute('data-value')).resolves.toBe('K');
    await expect(homeroom.getByLabel(`Ghi chú — ${students[0].fullName}`).inputValue()).resolves.toBe('Ốm, có giấy xin phép');

    await homeroom.getByRole('tab', { name: 'Theo tháng' }).click();
    await homeroom.getByTestId('attendance-month').waitFor();
    await shots(homeroom, 'h03-attendance-month');

    await homeroom.getByRole('tab', { name: 'Tổng hợp số buổi nghỉ' }).click();
    const summary = homeroom.getByTestId('absence-summary');
    await summary.waitFor();
    const first = summary.locator('tbody tr').first();
    await expect.poll(() => first.locator('td').nth(2).textContent()).toBe('1'); // HK I, có phép
    await expect.poll(() => first.locator('td').last().textContent()).toBe('44'); // còn được nghỉ
    await shots(homeroom, 'h04-attendance-summary');
    await summary.getByRole('button', { name: students[1].fullName }).click();
    await homeroom.getByRole('dialog').getByText('20/11/2026 — Buổi sáng: không phép').waitFor();
    await shot(homeroom, 'h05-attendance-history', false);
    await homeroom.keyboard.press('Escape');
  });

  it('a subject teacher marks an absence in her lesson', async () => {
    const teacher = await login('giaovien');
    const mine = await teacher.evaluate(async () => (await (await fetch('/api/v1/auth/me')).json()).teaching[0] as { classId: string; subjectId: string });
    await teacher.goto(`${server.baseUrl}/diem-danh/${mine.classId}`);
    await teacher.getByTestId('attendance-date').fill('20/11/2026');
    await teacher.getByTestId('attendance-date').blur();
    await teacher.getByRole('textbox', { name: 'Tiết' }).fill('3');
    const grid = teacher.getByTestId('attendance-grid');
    await grid.waitFor();
    await expect.poll(() => grid.locator('thead').textContent()).toContain('Tiết 3');
    await grid.locator('button[data-r="0"][data-c="0"]').focus();
    await teacher.keyboard.press('k');
    await teacher.getByTestId('attendance-save').click();
    await teacher.getByTestId('attendance-saved').waitFor();
    await shots(teacher, 'h05b-attendance-lesson');
    const day = await teacher.evaluate(async (id) => (await fetch(`/api/v1/classes/${id}/attendance?date=2026-11-20`)).json(), mine.classId);
    expect(day.marks).toContainEqual(expect.objectContaining({ periodNo: 3, kind: 'K', subjectId: mine.subjectId }));
    await teacher.context().close();
  });

  it('the homeroom teacher enters the conduct of HK I by keyboard and fills the rest', async () => {
    await homeroom.getByRole('link', { name: 'Kết quả rèn luyện', exact: true }).first().click();
    const grid = homeroom.getByTestId('conduct-grid');
    await grid.waitFor();
    await grid.locator('button[data-r="0"][data-c="0"]').focus();
    for (const key of ['t', 'k', 'd', 't']) await homeroom.keyboard.press(key);
    await expect(grid.locator('button[data-r="2"][data-c="0"]').getAttribute('data-value')).resolves.toBe('Đ');
    await homeroom.getByLabel(`Nhận xét — ${students[0].fullName}`).fill('Gương mẫu, tích cực trong các hoạt động của lớp');
    await homeroom.getByRole('button', { name: 'Điền các ô trống…' }).click();
    await homeroom.getByRole('menuitem', { name: /Điền Tốt \(T\) cho 36 học sinh/ }).click();
    await expect.poll(() => homeroom.getByTestId('conduct-counts').textContent()).toBe('Tốt: 38 · Khá: 1 · Đạt: 1 · Chưa đạt: 0');
    await shots(homeroom, 'h06-conduct-term1');
    await homeroom.getByTestId('conduct-save').click();
    await expect.poll(() => homeroom.getByTestId('conduct-save').textContent()).toBe('Đã lưu');
  });

  it('the principal sees what is missing and cannot approve; once complete, the homeroom teacher proposes and the principal approves', async () => {
    principal = await login('hieutruong');
    await principal.getByRole('link', { name: 'Kết quả học tập, tổng hợp' }).first().click();
    await principal.getByRole('combobox', { name: 'Lớp' }).click();
    await principal.getByRole('option', { name: '6A1', exact: true }).click();
    await principal.getByTestId('missing-list').waitFor();
    await expect.poll(() => principal.getByTestId('missing-count').textContent()).toContain('Còn thiếu');
    await expect.poll(() => principal.getByTestId('approve').isDisabled()).toBe(true);
    await expect.poll(() => principal.getByTestId('approve-block').textContent()).toContain('Chưa đủ dữ liệu');
    await shots(principal, 'h07-results-missing');

    // The subject teachers finish HK I (fixture through the server's own save).
    await fillGradebook(1, weakScore);

    await homeroom.goto(`${server.baseUrl}/ket-qua/${classId}/term1`);
    await homeroom.getByTestId('results-table').waitFor();
    await expect.poll(() => homeroom.getByTestId('missing-list').count()).toBe(0);
    await homeroom.getByTestId('propose').click();
    await expect.poll(() => homeroom.getByTestId('approval-status').textContent()).toContain('chờ Hiệu trưởng phê duyệt');
    // A student's explanation on expand.
    await homeroom.locator(`[data-testid="results-table"] tr[data-student="${students[0].fullName}"]`).click();
    await homeroom.getByTestId('explanation').waitFor();
    await expect.poll(() => homeroom.getByTestId('summary-table').textContent()).toContain('%');
    await shots(homeroom, 'h08-results-proposed');

    await principal.reload();
    await principal.getByTestId('results-table').waitFor();
    await expect.poll(() => principal.getByTestId('approve').isEnabled()).toBe(true);
    await principal.getByTestId('approve').click();
    await expect.poll(() => principal.getByTestId('approval-status').textContent()).toContain('Đã phê duyệt');
    await shots(principal, 'h09-results-approved');
  });

  it('a student sent to retests is promoted after his retest scores', async () => {
    await fillGradebook(2, weakScore);
    // HK II conduct in the browser: "fill the blanks" with Tốt.
    await homeroom.goto(`${server.baseUrl}/ren-luyen/${classId}`);
    await segment(homeroom, 'Học kỳ II');
    await homeroom.getByTestId('conduct-grid').waitFor();
    await homeroom.getByRole('button', { name: 'Điền các ô trống…' }).click();
    await homeroom.getByRole('menuitem', { name: /Điền Tốt \(T\)/ }).click();
    await homeroom.getByTestId('conduct-save').click();
    await expect.poll(() => homeroom.getByTestId('conduct-save').textContent()).toBe('Đã lưu');
    await segment(homeroom, 'Cả năm');
    const yearGrid = homeroom.getByTestId('conduct-grid');
    await yearGrid.waitFor();
    // A year level other than the Điều 8 table's needs a reason before it can be saved.
    await yearGrid.locator('button[data-r="1"][data-c="0"]').focus();
    await homeroom.keyboard.press('k');
    await homeroom.getByTestId('conduct-reason').waitFor();
    await expect.poll(() => homeroom.getByTestId('conduct-save').isDisabled()).toBe(true);
    await homeroom.getByTestId('conduct-reason').fill('Vi phạm nội quy thi học kỳ II, hội đồng thống nhất');
    await shots(homeroom, 'h10-conduct-year');
    await homeroom.getByTestId('conduct-save').click();
    await expect.poll(() => homeroom.getByTestId('conduct-save').textContent()).toBe('Đã lưu');
    await expect.poll(() => yearGrid.locator('button[data-r="1"][data-c="0"]').getAttribute('data-value')).toBe('K');

    // The year: student no. 5 (every score 3,5) must retest.
    const weak = students[4];
    await homeroom.goto(`${server.baseUrl}/ket-qua/${classId}/year`);
    const weakRow = homeroom.locator(`[data-testid="results-table"] tr[data-student="${weak.fullName}"]`);
    await expect.poll(() => weakRow.getByTestId('outcome').textContent()).toBe('Kiểm tra lại');
    await expect.poll(() => homeroom.getByTestId('list-retest').textContent()).toContain(weak.fullName);
    await shots(homeroom, 'h11-results-year');

    // The homeroom teacher's own subject: the retest score typed in the browser.
    await homeroom.getByRole('link', { name: 'Kiểm tra lại', exact: true }).first().click();
    const table = homeroom.getByTestId('retest-table');
    await table.waitFor();
    const subjectLabel = await homeroom.getByTestId('retest-subject').inputValue();
    expect(subjectLabel).toContain('(môn của tôi)');
    await homeroom.getByLabel(`Điểm kiểm tra lại — ${weak.fullName}`).fill('7');
    await homeroom.getByTestId('retest-save').click();
    await homeroom.getByTestId('retest-saved').waitFor();
    await shots(homeroom, 'h12-retest');

    // The other subjects' retests, as their teachers would enter them (fixture).
    const db = server.database.handle.db;
    const me = await homeroom.evaluate(async () => (await fetch('/api/v1/auth/me')).json());
    const mine = new Set(me.teaching.filter((t: { classId: string }) => t.classId === classId).map((t: { subjectId: string }) => t.subjectId));
    const year = await homeroom.evaluate(async (id) => (await fetch(`/api/v1/classes/${id}/results?scope=year`)).json(), classId);
    const codes: string[] = year.students.find((s: { studentId: string }) => s.studentId === weak.id).retestSubjects;
    const subjects = await db.selectFrom('subjects').select(['id', 'code', 'assessment_kind']).where('school_year_id', '=', server.demo!.yearId).where('grade', '=', 6).execute();
    for (const s of subjects.filter((x) => codes.includes(x.code) && !mine.has(x.id))) {
      await saveCells({
        db,
        classId,
        subjectId: s.id,
        termNo: 3,
        input: { changes: [{ studentId: weak.id, columnKey: 'KTL', value: s.assessment_kind === 'scored' ? '6,5' : 'Đ', baseVersion: 0 }], source: 'typed', reason: '' },
        audit: audit(null, 'retest'),
      });
    }

    await homeroom.getByRole('link', { name: 'Xem kết quả sau kiểm tra lại' }).click();
    const finalRow = homeroom.locator(`[data-testid="results-table"] tr[data-student="${weak.fullName}"]`);
    await expect.poll(() => finalRow.getByTestId('outcome').textContent()).toBe('Lên lớp');
    await expect.poll(() => homeroom.getByTestId('list-promoted').textContent()).toContain(weak.fullName);
    await finalRow.click();
    await homeroom.getByTestId('explanation').waitFor();
    await shots(homeroom, 'h13-results-final');
  });

  it('a primary teacher completes the end-of-year assessment of 3A and sees the year levels in the summary book', async () => {
    const db = server.database.handle.db;
    const c3a = server.demo!.classIds['3A'];
    const teacherUser = await db.selectFrom('users').select('id').where('username', '=', 'gvcn.3a').executeTakeFirstOrThrow();
    const pupils = (await loadClassStudents(db, c3a)).filter((s) => s.active).map((s) => ({ id: s.studentId, full_name: s.fullName }));
    // Subject levels and end-of-year tests, entered by the subject teacher in the grade book (fixture):
    // every subject Hoàn thành tốt; tests 9, except pupil 3 (tests 8).
    const subjects = await db.selectFrom('subjects').selectAll().where('school_year_id', '=', server.demo!.primaryYearId).where('grade', '=', 3).execute();
    for (const s of subjects) {
      const cols = gradebookColumns(subjectAssessment(s), 2).filter((c) => c.key === 'MUC_CK' || c.key === 'KT_CK');
      const changes = pupils.flatMap((p, i) => cols.map((c) => ({ studentId: p.id, columnKey: c.key, value: c.key === 'MUC_CK' ? 'T' : i === 2 ? '8' : '9', baseVersion: 0 })));
      await saveCells({ db, classId: c3a, subjectId: s.id, termNo: 2, input: { changes, source: 'typed', reason: '' }, audit: audit(teacherUser.id, 'fill-3a') });
    }

    const teacher = await login('gvcn.3a');
    await teacher.getByTestId('homeroom-card').getByRole('link', { name: 'Phẩm chất, năng lực' }).click();
    // The page opens on the point running today (cuối HK I on TEST_NOW, issue 15 §6); the teacher picks cuối năm.
    await expect.poll(() => teacher.locator('.mantine-SegmentedControl-label[data-active]').first().textContent()).toBe('Cuối học kỳ I');
    await teacher.getByText('Cuối năm học', { exact: true }).click();
    const grid = teacher.getByTestId('primary-grid');
    await grid.waitFor();
    // Pupil 1: all 15 by keyboard (a letter moves right, then to the next pupil).
    await grid.locator('button[data-r="0"][data-c="0"]').focus();
    for (let i = 0; i < 15; i++) await teacher.keyboard.press('t');
    // Pupil 2: Chăm chỉ only Đạt.
    await teacher.keyboard.press('t');
    await teacher.keyboard.press('t');
    await teacher.keyboard.press('d');
    await expect(grid.locator('button[data-r="1"][data-c="2"]').getAttribute('data-value')).resolves.toBe('Đ');
    await teacher.getByTestId('fill-blanks').click();
    await teacher.getByRole('menuitem', { name: 'Điền Tốt (T) cho các ô trống — Cuối năm' }).click();
    await expect.poll(() => teacher.getByTestId('blank-count').textContent()).toBe('Đã đánh giá đủ');
    // Pupil 3 is nominated, with the class's recognition.
    await teacher.getByLabel(`Đề xuất khen thưởng — ${pupils[2].full_name}`).check();
    await teacher.getByLabel(`Ghi chú đề xuất — ${pupils[2].full_name}`).fill('Tiến bộ rõ rệt môn Toán; tập thể lớp công nhận ngày 20/5');
    await grid.evaluate((el) => el.closest('.kg-scroll')?.scrollTo({ left: 0, behavior: 'instant' }));
    await shots(teacher, 'h14-primary-assessment');
    await teacher.getByTestId('primary-save').click();
    await expect.poll(() => teacher.getByTestId('primary-save').textContent()).toBe('Đã lưu');
    await expect(teacher.getByTestId('primary-saved').textContent()).resolves.toContain('Đã lưu đánh giá cuối năm học cho');

    await teacher.getByRole('link', { name: 'Sổ tổng hợp kết quả đánh giá giáo dục' }).click();
    const book = teacher.getByTestId('primary-summary');
    await book.waitFor();
    await expect.poll(() => teacher.getByTestId('primary-missing').count()).toBe(0);
    const level = (i: number) => book.locator(`tr[data-student="${pupils[i].full_name}"]`).getByTestId('year-level');
    await expect.poll(() => level(0).textContent()).toBe('HTXS');
    await expect.poll(() => level(1).textContent()).toBe('HT');
    await expect.poll(() => level(2).textContent()).toBe('HTT');
    await expect.poll(() => book.locator(`tr[data-student="${pupils[2].full_name}"]`).textContent()).toContain('HS Tiêu biểu');
    const levels = await book.getByTestId('year-level').allTextContents();
    expect(levels).toHaveLength(pupils.length);
    expect(levels.every((l) => ['HTXS', 'HTT', 'HT', 'CHT'].includes(l))).toBe(true);
    await shots(teacher, 'h15-primary-summary-book');
    // The year-end columns (Đánh giá, Khen thưởng, HTCT) at the right end of the book, and the lists below it.
    await teacher.waitForTimeout(300);
    await book.evaluate((el) => el.closest('.kg-scroll')?.scrollTo({ left: 10_000, behavior: 'instant' }));
    await shot(teacher, 'h16-primary-summary-book-year', false);
    await expect.poll(() => teacher.getByTestId('primary-year-lists').textContent()).toContain(`Học sinh Tiêu biểu hoàn thành tốt trong học tập và rèn luyện: 1`);
    await teacher.getByTestId('primary-year-lists').scrollIntoViewIfNeeded();
    await shot(teacher, 'h17-primary-year-lists', false);
  });
});
