/**
 * A living grade book for the demo (issues 4 and 12), entered through the same actions a teacher
 * uses (so every value carries its audit entry), dated by the demo's calendar (demo-calendar.ts):
 * - 9A1 is complete: every required cell of every term up to the current one, its conduct and
 *   some absences, so its homeroom teacher can propose the current term's results and the
 *   principal approve them; from term II on, its term-I results are already approved;
 * - the other classes are part-way through the current term (the progress page has gaps);
 * - a few re-entries with reasons, a principal's lock of one column, two correction requests
 *   (one approved and applied, one waiting for the principal);
 * - the update windows of the calendar: one open, an earlier one closed (auto-locked), a later
 *   one scheduled.
 * Entries are dated before the term's re-entry deadline, as a real school's would be.
 */
import { randomUUID } from 'node:crypto';
import { addDays, vietnamInstant } from '../../domain/calendar/vietnam-time.ts';
import type { Tt22Level } from '../../domain/assessment/tt22-level.ts';
import { gradebookColumns } from '../../domain/gradebook/gradebook-columns.ts';
import { editDeadline } from '../../domain/gradebook/find-edit-block.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import { applyCorrectionRequest, decideCorrectionRequest, fileCorrectionRequest } from '../corrections/index.ts';
import { approveClassResults, proposeClassResults } from '../results/index.ts';
import { assessConduct, recordAttendance } from '../homeroom/index.ts';
import { saveCells } from '../gradebook/index.ts';
import { setAssessmentWindow, setLock } from '../locks/index.ts';
import { subjectAssessment } from '../school/index.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import type { DemoCalendar } from './demo-calendar.ts';
import { createRandom } from './demo-people.ts';

export interface DemoScoresOptions {
  schoolId: string;
  yearId: string;
  /** Every class of the demo year; `completeClassId` among them. */
  classIds: string[];
  /** The class with every required value (9A1). */
  completeClassId: string;
  principalUserId: string;
  adminUserId: string;
  calendar: DemoCalendar;
  /** The moment the demo is seeded (no entry is dated after it). */
  now: Date;
}

/** Re-entries stop one week before the end-of-term test (G10; the school's default). */
const DEADLINE_DAYS = 7;

/** A score in tenths around a student's level: mostly whole and half points, as teachers give them. */
function score(random: ReturnType<typeof createRandom>, level: number): string {
  const raw = level + (random.next() - 0.5) * 3;
  const clamped = Math.max(2, Math.min(10, raw));
  const halves = Math.round(clamped * 2) / 2;
  const value = random.chance(0.15) ? Math.round(clamped * 10) / 10 : halves;
  return value.toFixed(1).replace('.', ',').replace(',0', '');
}

export async function seedDemoScores(db: Db, o: DemoScoresOptions): Promise<void> {
  const random = createRandom(20261123);
  const cal = o.calendar;
  const term = (t: 1 | 2) => cal.year.terms[t - 1];
  /**
   * The day a term's entries are anchored at: for the current term the earlier of today and its
   * re-entry deadline, for a past term its deadline.
   */
  const anchorOf = (t: 1 | 2) => {
    const deadline = editDeadline(term(t).endTestOn, DEADLINE_DAYS) ?? term(t).endsOn;
    return t === cal.currentTerm && cal.today < deadline ? cal.today : deadline;
  };
  /** An audit context `daysBefore` (fractional) days before 10:00 on `day`, Vietnam time. */
  const at = (day: string, daysBefore: number) => new Date(vietnamInstant(day, 10).getTime() - daysBefore * 86_400_000).toISOString();
  // Nothing is dated at or after the moment the demo is seeded.
  const latest = o.now.getTime() - 60_000;
  const ctx = (userId: string | null, role: string, when: string): AuditContext => ({
    actorUserId: userId,
    actorRole: role,
    ip: '127.0.0.1',
    userAgent: 'sodiem seed-demo',
    requestId: `seed-${randomUUID()}`,
    now: new Date(Math.min(Date.parse(when), latest)).toISOString(),
  });
  const teacherUser = new Map(
    (await db.selectFrom('users').select(['id', 'staff_id']).where('school_id', '=', o.schoolId).where('staff_id', 'is not', null).execute()).map((u) => [u.staff_id as string, u.id]),
  );
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', o.yearId).executeTakeFirstOrThrow();
  const level = new Map<string, number>();
  let edited = false;

  for (const [ci, classId] of o.classIds.entries()) {
    const cls = await db.selectFrom('classes').selectAll().where('id', '=', classId).executeTakeFirstOrThrow();
    const complete = classId === o.completeClassId;
    const students = await db
      .selectFrom('enrollments')
      .select('student_id')
      .where('class_id', '=', classId)
      .where('status', 'in', ['active', 'transferred_in'])
      .orderBy('list_number')
      .execute();
    for (const s of students) if (!level.has(s.student_id)) level.set(s.student_id, 5.5 + random.next() * 3.5);
    const assignments = await db
      .selectFrom('teaching_assignments')
      .innerJoin('subjects', 'subjects.id', 'teaching_assignments.subject_id')
      .selectAll('subjects')
      .select(['subjects.id as subjectId', 'subjects.assessment_kind as kind', 'teaching_assignments.staff_id'])
      .where('teaching_assignments.class_id', '=', classId)
      .orderBy('subjects.sort_order')
      .execute();
    const terms: (1 | 2)[] = complete ? (cal.currentTerm === 1 ? [1] : [1, 2]) : [cal.currentTerm];
    for (const t of terms) {
      const anchor = anchorOf(t);
      for (const [ai, a] of assignments.entries()) {
        if (a.kind !== 'scored' && a.kind !== 'comment') continue;
        const teacherId = teacherUser.get(a.staff_id) ?? null;
        const required = gradebookColumns(subjectAssessment(a), t).filter((c) => c.required).map((c) => c.key);
        // Progress differs by class and subject, so the progress page has something to show.
        const regular = subjectAssessment(a).regularCount ?? 2;
        const columns = complete ? required : ['TX1', 'TX2', ...(regular >= 3 && random.chance(0.6) ? ['TX3'] : []), ...((ci + ai) % 3 === 0 ? ['GK'] : [])];
        const changes = students.flatMap((s) =>
          columns
            .filter((col) => complete || col === 'TX1' || random.chance(0.93))
            .map((columnKey) => ({
              studentId: s.student_id,
              columnKey,
              value: a.kind === 'scored' ? score(random, level.get(s.student_id) as number) : random.chance(complete ? 0.998 : 0.95) ? 'Đ' : 'CĐ',
              baseVersion: 0,
            })),
        );
        // Within the term: not before its first day (08:00).
        const entered = new Date(Math.max(Date.parse(at(anchor, 5 + ((ai * 7) % 20))), vietnamInstant(term(t).startsOn, 8).getTime())).toISOString();
        await saveCells({ db, classId, subjectId: a.subjectId, termNo: t, input: { changes, source: 'typed', reason: '' }, audit: ctx(teacherId, 'teacher', entered) });
        // A few re-entries with their reasons (C3), a lock and two correction requests (C2), in the current term of 6A1.
        if (!edited && !complete && a.kind === 'scored' && teacherId) {
          edited = true;
          const first = changes[0];
          await saveCells({
            db,
            classId,
            subjectId: a.subjectId,
            termNo: t,
            input: { changes: [{ ...first, value: '9', baseVersion: 1 }], source: 'typed', reason: 'Nhập nhầm cột, đối chiếu sổ điểm cá nhân' },
            audit: ctx(teacherId, 'teacher', at(anchor, 3)),
          });
          // The principal locks ĐĐGtx 1 of this class-subject; the teacher asks for two corrections.
          await setLock({
            db,
            year,
            scope: { grade: null, classId, subjectId: a.subjectId, termNo: t, columnKey: 'TX1' },
            reason: 'Khóa cột ĐĐGtx 1 sau khi giáo viên xác nhận',
            orderedBy: '',
            setBy: o.principalUserId,
            audit: ctx(o.principalUserId, 'principal', at(anchor, 2)),
          });
          const req1 = await fileCorrectionRequest({
            db,
            classId,
            subjectId: a.subjectId,
            requestedBy: teacherId,
            input: { termNo: t, cells: [{ studentId: changes[2].studentId, columnKey: 'TX1', newValue: '8' }], reason: 'Cộng sai điểm bài kiểm tra 15 phút', evidenceKind: 'testPaper' },
            audit: ctx(teacherId, 'teacher', at(anchor, 1)),
          });
          const r1 = await db.selectFrom('correction_requests').selectAll().where('id', '=', req1).executeTakeFirstOrThrow();
          await decideCorrectionRequest({ db, request: r1, decision: 'approve', reason: 'Đồng ý, đã xem bài kiểm tra', version: 1, deciderId: o.principalUserId, audit: ctx(o.principalUserId, 'principal', at(anchor, 20 / 24)) });
          const r1b = await db.selectFrom('correction_requests').selectAll().where('id', '=', req1).executeTakeFirstOrThrow();
          await applyCorrectionRequest({ db, request: r1b, applierId: o.adminUserId, audit: ctx(o.adminUserId, 'admin', at(anchor, 19 / 24)) });
          await fileCorrectionRequest({
            db,
            classId,
            subjectId: a.subjectId,
            requestedBy: teacherId,
            input: { termNo: t, cells: [{ studentId: changes[4].studentId, columnKey: 'TX1', newValue: '7,5' }], reason: 'Điểm kiểm tra miệng nhập nhầm học sinh', evidenceKind: 'classmateConfirmation' },
            audit: ctx(teacherId, 'teacher', at(anchor, 2 / 24)),
          });
        }
      }
      if (complete) await completeHomeroomTerm(db, { cls, term: t, anchor, students: students.map((s) => s.student_id), random, principalUserId: o.principalUserId, ctx, at, calendar: cal });
    }
  }
  // The update windows, as the principal set them at the start of the year (C7).
  for (const w of cal.windows) {
    await setAssessmentWindow({ db, year, point: w.point, opensOn: w.opensOn, closesOn: w.closesOn, orderedBy: '', setBy: o.principalUserId, audit: ctx(o.principalUserId, 'principal', at(cal.year.terms[0].startsOn, 0)) });
  }
}

/**
 * The homeroom side of a complete term: some absences (morning roll), conduct for every student;
 * a past term's results proposed and approved (C5).
 */
async function completeHomeroomTerm(
  db: Db,
  p: {
    cls: Row<'classes'>;
    term: 1 | 2;
    anchor: string;
    students: string[];
    random: ReturnType<typeof createRandom>;
    principalUserId: string;
    ctx: (userId: string | null, role: string, now: string) => AuditContext;
    at: (day: string, daysBefore: number) => string;
    calendar: DemoCalendar;
  },
): Promise<void> {
  const homeroom = await db.selectFrom('users').select('id').where('staff_id', '=', p.cls.homeroom_staff_id).executeTakeFirst();
  const userId = homeroom?.id ?? null;
  const term = p.calendar.year.terms[p.term - 1];
  // Absences on a few school days of the term up to the anchor (weekdays only).
  const days: string[] = [];
  for (let d = p.anchor; d >= term.startsOn && days.length < 6; d = addDays(d, -3)) {
    const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && d >= p.calendar.year.startsOn && d <= p.calendar.today) days.push(d);
  }
  for (const [i, day] of days.entries()) {
    const marks = [p.students[(i * 7 + 3) % p.students.length], p.students[(i * 11 + 5) % p.students.length]].map((studentId, k) => ({
      studentId,
      kind: (k === 0 || i % 3 !== 0 ? 'P' : 'K') as 'P' | 'K',
      note: k === 0 ? 'Ốm, gia đình xin phép' : '',
    }));
    await recordAttendance({ db, cls: p.cls, date: day, session: 'morning', marks, lesson: null, userId: userId ?? '', audit: p.ctx(userId, 'teacher', p.at(day, -0.1)) });
  }
  const levels: Tt22Level[] = ['T', 'T', 'T', 'K', 'T', 'K', 'T', 'Đ'];
  await assessConduct({
    db,
    cls: p.cls,
    period: p.term === 1 ? 'term1' : 'term2',
    entries: p.students.map((studentId, i) => ({ studentId, level: levels[(i + p.term) % levels.length], comment: '', baseVersion: 0 })),
    reason: '',
    userId: userId ?? '',
    audit: p.ctx(userId, 'teacher', p.at(p.anchor, 1)),
  });
  if (p.term < p.calendar.currentTerm) {
    const scope = p.term === 1 ? 'term1' : 'term2';
    const proposedAt = p.at(term.endsOn, 3);
    const snapshotId = await proposeClassResults({ db, cls: p.cls, scope, userId: userId ?? '', audit: p.ctx(userId, 'teacher', proposedAt) });
    const approvedAt = p.at(term.endsOn, 1);
    await approveClassResults({ db, cls: p.cls, scope, snapshotId, userId: p.principalUserId, audit: p.ctx(p.principalUserId, 'principal', approvedAt) });
    // The principal opened the proposal's notice when she approved it; the homeroom teacher read the approval.
    await db.updateTable('notifications').set({ read_at: approvedAt }).where('link', '=', `/results/${p.cls.id}/${scope}`).where('read_at', 'is', null).execute();
  }
}
