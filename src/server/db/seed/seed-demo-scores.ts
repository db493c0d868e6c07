/**
 * A living grade book for the demo (issue 4 §6): realistic term-I scores entered through the
 * same actions a teacher uses (so every value carries its audit entry), the mid-term window of
 * HK I set by the principal, a few re-entries with reasons, a lock, and two correction requests
 * (one approved and applied, one waiting for the principal).
 */
import type { AuditContext } from '../../audit.ts';
import { applyCorrectionRequest } from '../../actions/apply-correction-request.ts';
import { decideCorrectionRequest } from '../../actions/decide-correction-request.ts';
import { fileCorrectionRequest } from '../../actions/file-correction-request.ts';
import { saveCells } from '../../actions/save-cells.ts';
import { subjectAssessment } from '../queries/subjects.ts';
import { setAssessmentWindow, setLock } from '../../actions/set-lock.ts';
import type { Db } from '../database.ts';
import { randomUUID } from 'node:crypto';
import { createRandom } from './demo-people.ts';

export interface DemoScoresOptions {
  schoolId: string;
  yearId: string;
  classIds: string[];
  principalUserId: string;
  adminUserId: string;
  now: string;
}

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
  const ctxFor = (userId: string, role: string, minutesAgo: number): AuditContext => ({
    actorUserId: userId,
    actorRole: role,
    ip: '127.0.0.1',
    userAgent: 'sodiem seed-demo',
    requestId: `seed-${randomUUID()}`,
    now: new Date(Date.parse(o.now) - minutesAgo * 60_000).toISOString(),
  });
  const teacherUser = new Map(
    (await db.selectFrom('users').select(['id', 'staff_id']).where('school_id', '=', o.schoolId).where('staff_id', 'is not', null).execute()).map((u) => [u.staff_id as string, u.id]),
  );
  const level = new Map<string, number>();
  let edited = false;
  for (const [ci, classId] of o.classIds.entries()) {
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
    for (const [ai, a] of assignments.entries()) {
      const teacherId = teacherUser.get(a.staff_id);
      if (!teacherId || (a.kind !== 'scored' && a.kind !== 'comment')) continue;
      // Progress differs by class and subject, so the progress page has something to show.
      const regular = subjectAssessment(a).regularCount ?? 2;
      const columns = ['TX1', 'TX2', ...(regular >= 3 && random.chance(0.6) ? ['TX3'] : []), ...((ci + ai) % 3 === 0 ? ['GK'] : [])];
      const changes = students.flatMap((s) =>
        columns
          .filter((col) => col === 'TX1' || random.chance(0.93))
          .map((columnKey) => ({
            studentId: s.student_id,
            columnKey,
            value: a.kind === 'scored' ? score(random, level.get(s.student_id) as number) : random.chance(0.95) ? 'Đ' : 'CĐ',
            baseVersion: 0,
          })),
      );
      await saveCells({
        db,
        classId,
        subjectId: a.subjectId,
        termNo: 1,
        input: { changes, source: 'typed', reason: '' },
        audit: ctxFor(teacherId, 'teacher', 60 * 24 * (20 - ai)),
      });
      // A few re-entries with their reasons (C3).
      if (!edited && a.kind === 'scored') {
        edited = true;
        const first = changes[0];
        await saveCells({
          db,
          classId,
          subjectId: a.subjectId,
          termNo: 1,
          input: { changes: [{ ...first, value: '9', baseVersion: 1 }], source: 'typed', reason: 'Nhập nhầm cột, đối chiếu sổ điểm cá nhân' },
          audit: ctxFor(teacherId, 'teacher', 60 * 24 * 3),
        });
        // The principal locks ĐĐGtx 1 of this class-subject; the teacher asks for two corrections.
        const year = await db.selectFrom('school_years').selectAll().where('id', '=', o.yearId).executeTakeFirstOrThrow();
        await setLock({
          db,
          year,
          scope: { grade: null, classId, subjectId: a.subjectId, termNo: 1, columnKey: 'TX1' },
          reason: 'Khóa cột ĐĐGtx 1 sau khi giáo viên xác nhận',
          orderedBy: '',
          setBy: o.principalUserId,
          audit: ctxFor(o.principalUserId, 'principal', 60 * 24 * 2),
        });
        const req1 = await fileCorrectionRequest({
          db,
          classId,
          subjectId: a.subjectId,
          requestedBy: teacherId,
          input: { termNo: 1, cells: [{ studentId: changes[2].studentId, columnKey: 'TX1', newValue: '8' }], reason: 'Cộng sai điểm bài kiểm tra 15 phút', evidenceKind: 'testPaper' },
          audit: ctxFor(teacherId, 'teacher', 60 * 24),
        });
        const r1 = await db.selectFrom('correction_requests').selectAll().where('id', '=', req1).executeTakeFirstOrThrow();
        await decideCorrectionRequest({ db, request: r1, decision: 'approve', reason: 'Đồng ý, đã xem bài kiểm tra', version: 1, deciderId: o.principalUserId, audit: ctxFor(o.principalUserId, 'principal', 60 * 20) });
        const r1b = await db.selectFrom('correction_requests').selectAll().where('id', '=', req1).executeTakeFirstOrThrow();
        await applyCorrectionRequest({ db, request: r1b, applierId: o.adminUserId, audit: ctxFor(o.adminUserId, 'admin', 60 * 19) });
        await fileCorrectionRequest({
          db,
          classId,
          subjectId: a.subjectId,
          requestedBy: teacherId,
          input: { termNo: 1, cells: [{ studentId: changes[4].studentId, columnKey: 'TX1', newValue: '7,5' }], reason: 'Điểm kiểm tra miệng nhập nhầm học sinh', evidenceKind: 'classmateConfirmation' },
          audit: ctxFor(teacherId, 'teacher', 60 * 2),
        });
      }
    }
  }
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', o.yearId).executeTakeFirstOrThrow();
  await setAssessmentWindow({
    db,
    year,
    point: 'term1.midterm',
    opensOn: `${year.start_year}-11-28`,
    closesOn: `${year.start_year}-12-05`,
    orderedBy: '',
    setBy: o.principalUserId,
    audit: ctxFor(o.principalUserId, 'principal', 60 * 24 * 30),
  });
}
