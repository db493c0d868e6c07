/**
 * Reminders before an update window ends (issue 15 §1): for each open window of a school's
 * current year ending within the school's `reminderDaysBefore` days, each teacher with empty
 * required cells under it gets one in-app notification naming her empty columns — one per
 * teacher, window and day, even when the job runs twice — and an e-mail where SMTP is configured
 * and her staff record has an address. Runs as the `window_reminders` job (job-kinds.ts),
 * enqueued daily by reminder-schedule.ts.
 */
import { formatDay, vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import { daysLeftLabel, reminderDue } from '../../domain/gradebook/window-columns.ts';
import { parseSchoolSettings } from '../../shared/school-settings.ts';
import type { Db } from '../platform/db/database.ts';
import type { Mailer } from '../platform/mail.ts';
import { notify } from '../platform/notify.ts';
import { type EmptyColumn, loadEmptyColumns, loadWindows } from './empty-columns-queries.ts';

export const REMINDER_KIND = 'window.reminder';

export interface SendWindowRemindersOptions {
  db: Db;
  schoolId: string;
  now: Date;
  /** null: in-app only. */
  mailer: Mailer | null;
  log?: (message: string, error?: unknown) => void;
}

export interface RemindersSent {
  notified: number;
  emailed: number;
  /** Already reminded today (the job ran before). */
  skipped: number;
}

/** The notification's link: the teacher's first empty sheet, marked with the window and the day (what makes it once a day). */
const reminderLink = (c: EmptyColumn, day: string) => `/so-diem/${c.classId}/${c.subjectId}/${c.termNo}?nhac=${c.window.id}.${day}`;

export async function sendWindowReminders(o: SendWindowRemindersOptions): Promise<RemindersSent> {
  const { db, schoolId } = o;
  const nowIso = o.now.toISOString();
  const today = vietnamDay(o.now);
  const out: RemindersSent = { notified: 0, emailed: 0, skipped: 0 };
  const school = await db.selectFrom('schools').select('settings_json').where('id', '=', schoolId).executeTakeFirst();
  if (!school) return out;
  const { reminderDaysBefore } = parseSchoolSettings(school.settings_json);
  const years = await db.selectFrom('school_years').select('id').where('school_id', '=', schoolId).where('starts_on', '<=', today).where('ends_on', '>=', today).execute();
  for (const year of years) {
    const windows = await loadWindows(db, year.id, nowIso);
    const due = windows.filter((w) => w.state === 'open' && reminderDue(today, w, reminderDaysBefore));
    if (!due.length) continue;
    const empty = await loadEmptyColumns(db, year.id, due, { exceptClosedBy: windows.filter((w) => w.state === 'closed') });
    if (!empty.length) continue;
    const teachers = await db
      .selectFrom('teaching_assignments')
      .innerJoin('users', 'users.staff_id', 'teaching_assignments.staff_id')
      .innerJoin('staff', 'staff.id', 'teaching_assignments.staff_id')
      .select(['teaching_assignments.class_id', 'teaching_assignments.subject_id', 'users.id as user_id', 'users.disabled', 'staff.email'])
      .where('teaching_assignments.school_year_id', '=', year.id)
      .execute();
    for (const window of due) {
      const mine = new Map<string, { email: string; columns: EmptyColumn[] }>();
      for (const c of empty.filter((x) => x.window.id === window.id)) {
        for (const t of teachers.filter((x) => x.class_id === c.classId && x.subject_id === c.subjectId && Number(x.disabled) === 0)) {
          const entry = mine.get(t.user_id) ?? { email: t.email, columns: [] };
          entry.columns.push(c);
          mine.set(t.user_id, entry);
        }
      }
      for (const [userId, { email, columns }] of mine) {
        const marker = `?nhac=${window.id}.${today}`;
        const title = `Đợt cập nhật điểm ${window.label} ${daysLeftLabel(today, window.closesOn)}: còn ${columns.length} cột chưa nhập đủ`;
        const lines = columns.map((c) => `${c.subjectName} lớp ${c.className} — ${c.columnLabel}: ${c.entered}/${c.students}`);
        const sent = await db.transaction().execute(async (tx) => {
          const already = await tx
            .selectFrom('notifications')
            .select('id')
            .where('user_id', '=', userId)
            .where('kind', '=', REMINDER_KIND)
            .where('link', 'like', `%${marker}`)
            .executeTakeFirst();
          if (already) return false;
          await notify(tx, { schoolId, userIds: [userId], kind: REMINDER_KIND, title, body: lines.join('; '), link: reminderLink(columns[0], today), now: nowIso });
          return true;
        });
        if (!sent) {
          out.skipped += 1;
          continue;
        }
        out.notified += 1;
        if (o.mailer && email) {
          const text = [
            'Kính gửi thầy/cô,',
            '',
            `Đợt cập nhật điểm ${window.label} (${formatDay(window.opensOn)}–${formatDay(window.closesOn)}) ${daysLeftLabel(today, window.closesOn)}. Khi đợt kết thúc, sổ tự khóa các ô còn trống.`,
            'Các cột còn trống (đã nhập/cần nhập):',
            ...lines.map((l) => `- ${l}`),
            '',
            'Sổ Điểm Số',
          ].join('\n');
          try {
            await o.mailer.send({ to: email, subject: title, text });
            out.emailed += 1;
          } catch (error) {
            // The in-app reminder stands; a mail that failed is logged, not retried (it would repeat the notice).
            o.log?.(`Không gửi được thư nhắc cho ${email}`, error);
          }
        }
      }
    }
  }
  return out;
}
