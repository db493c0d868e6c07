/**
 * The homeroom teacher files a request to change a record of her class approved with the results
 * (issue 22; C2): conduct, a session's attendance, a field of a student's profile the học bạ
 * prints, a primary assessment. Each change records the value as it is now; the request and its
 * `correction.filed` event are one transaction; the principal and the homeroom teacher are notified.
 */
import { randomUUID } from 'node:crypto';
import { vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import type { Tt22Level } from '../../domain/assessment/tt22-level.ts';
import type { TraitLevelTt27 } from '../../domain/assessment/year-level-tt27.ts';
import { printedProfileValue } from '../../domain/locks/printed-profile.ts';
import type { CreateRecordCorrectionInput } from '../../shared/corrections.ts';
import { CONDUCT_PERIOD_LABELS, CORRECTION_KIND_LABELS, PROFILE_FIELD_LABELS, inSentence, primaryPointLabel } from '../../shared/labels.ts';
import { ZStudentInput } from '../../shared/student.ts';
import { type AuditContext, classChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError, type FieldError, invalid } from '../platform/errors.ts';
import { homeroomUsers, notify, usersWithRole } from '../platform/notify.ts';
import { loadClassStudents } from '../gradebook/index.ts';
import { loadConduct } from '../results/index.ts';
import { presentStudent } from '../school/index.ts';
import { nextCorrectionNumber } from './correction-queries.ts';
import type { StoredAttendanceChange, StoredConductChange, StoredPrimaryChange, StoredProfileChange, StoredRecordChange } from './record-change-presenter.ts';

export interface FileRecordCorrectionOptions {
  db: Db;
  cls: Row<'classes'>;
  requestedBy: string;
  input: CreateRecordCorrectionInput;
  audit: AuditContext;
}

type Students = Map<string, { fullName: string; active: boolean }>;
const SAME = 'giá trị mới trùng giá trị hiện tại';

async function conductChanges(db: Executor, cls: Row<'classes'>, input: Extract<CreateRecordCorrectionInput, { kind: 'conduct' }>, students: Students, errors: FieldError[]) {
  const conduct = await loadConduct(db, cls.id, cls.school_year_id);
  const changes: StoredConductChange[] = [];
  for (const [i, c] of input.changes.entries()) {
    const current = conduct.get(c.studentId)?.get(c.period);
    const old = { level: (current?.level ?? null) as Tt22Level | null, comment: current?.comment ?? '', version: current ? Number(current.version) : 0 };
    if (old.level === c.level && old.comment === c.comment) errors.push({ field: `changes[${i}]`, message: `${students.get(c.studentId)!.fullName} — ${CONDUCT_PERIOD_LABELS[c.period]}: ${SAME}` });
    else changes.push({ studentId: c.studentId, period: c.period, old, new: { level: c.level, comment: c.comment } });
  }
  return changes;
}

async function attendanceChanges(db: Executor, cls: Row<'classes'>, input: Extract<CreateRecordCorrectionInput, { kind: 'attendance' }>, students: Students, errors: FieldError[], today: string) {
  const year = await db.selectFrom('school_years').select(['starts_on', 'ends_on']).where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  const changes: StoredAttendanceChange[] = [];
  for (const [i, c] of input.changes.entries()) {
    const field = `changes[${i}]`;
    const name = students.get(c.studentId)!.fullName;
    if (c.date < year.starts_on || c.date > year.ends_on || c.date > today) {
      errors.push({ field, message: `${name}: ngày ${c.date} ngoài năm học hoặc chưa đến` });
      continue;
    }
    const current = await db
      .selectFrom('attendance_records')
      .select(['kind', 'note'])
      .where('class_id', '=', cls.id)
      .where('student_id', '=', c.studentId)
      .where('date', '=', c.date)
      .where('session', '=', c.session)
      .where('period_no', '=', 0)
      .executeTakeFirst();
    const old = { mark: (current?.kind ?? null) as 'P' | 'K' | null, note: current?.note ?? '' };
    const next = { mark: c.mark, note: c.mark ? c.note : '' };
    if (old.mark === next.mark && old.note === next.note) errors.push({ field, message: `${name} — ngày ${c.date}: ${SAME}` });
    else changes.push({ studentId: c.studentId, date: c.date, session: c.session, old, new: next });
  }
  return changes;
}

async function profileChanges(db: Executor, input: Extract<CreateRecordCorrectionInput, { kind: 'profile' }>, students: Students, errors: FieldError[]) {
  const changes: StoredProfileChange[] = [];
  for (const [i, c] of input.changes.entries()) {
    const field = `changes[${i}]`;
    const label = `${students.get(c.studentId)!.fullName} — ${PROFILE_FIELD_LABELS[c.field]}`;
    if ((c.field === 'guardians') !== Array.isArray(c.value)) {
      errors.push({ field, message: `${label}: ${c.field === 'guardians' ? 'cần danh sách cha, mẹ, người giám hộ' : 'cần một giá trị'}` });
      continue;
    }
    const current = presentStudent(await db.selectFrom('students').selectAll().where('id', '=', c.studentId).executeTakeFirstOrThrow());
    const parsed = ZStudentInput.safeParse({ ...current, [c.field]: c.value === '' && (c.field === 'nationalId' || c.field === 'studentCode') ? null : c.value });
    if (!parsed.success) {
      errors.push({ field, message: `${label}: ${parsed.error.issues[0].message}` });
      continue;
    }
    if (printedProfileValue(current, c.field) === printedProfileValue(parsed.data, c.field)) errors.push({ field, message: `${label}: ${SAME}` });
    else changes.push({ studentId: c.studentId, field: c.field, old: current[c.field], new: parsed.data[c.field] });
  }
  return changes;
}

async function primaryChanges(db: Executor, cls: Row<'classes'>, input: Extract<CreateRecordCorrectionInput, { kind: 'primaryAssessment' }>, students: Students, errors: FieldError[]) {
  const grade = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirst();
  if (grade?.regime !== 'TT27_2020') throw new AppError('INVALID_STATE', 'Lớp này không đánh giá phẩm chất, năng lực theo Thông tư 27/2020.');
  const changes: StoredPrimaryChange[] = [];
  for (const [i, c] of input.changes.entries()) {
    const current = await db.selectFrom('primary_assessments').selectAll().where('class_id', '=', cls.id).where('student_id', '=', c.studentId).where('point', '=', c.point).executeTakeFirst();
    const old = {
      qualities: current ? (JSON.parse(current.qualities_json) as (TraitLevelTt27 | null)[]) : Array(5).fill(null),
      competences: current ? (JSON.parse(current.competences_json) as (TraitLevelTt27 | null)[]) : Array(10).fill(null),
      comment: current?.comment ?? '',
      version: current ? Number(current.version) : 0,
    };
    const next = { qualities: c.qualities, competences: c.competences, comment: c.comment };
    if (JSON.stringify([old.qualities, old.competences, old.comment]) === JSON.stringify([next.qualities, next.competences, next.comment])) {
      errors.push({ field: `changes[${i}]`, message: `${students.get(c.studentId)!.fullName} — ${primaryPointLabel(c.point, 'kỳ')}: ${SAME}` });
    } else changes.push({ studentId: c.studentId, point: c.point, old, new: next });
  }
  return changes;
}

export async function fileRecordCorrection(options: FileRecordCorrectionOptions): Promise<string> {
  const { db, cls, input, audit } = options;
  const students: Students = new Map((await loadClassStudents(db, cls.id)).map((s) => [s.studentId, s]));
  const strangers = input.changes.flatMap((c, i) => (students.get(c.studentId)?.active ? [] : [{ field: `changes[${i}]`, message: 'học sinh không đang học ở lớp này' }]));
  if (strangers.length) throw invalid('Giấy đề nghị chưa hợp lệ: có học sinh không đang học ở lớp này.', strangers);
  const errors: FieldError[] = [];
  let changes: StoredRecordChange[];
  if (input.kind === 'conduct') changes = await conductChanges(db, cls, input, students, errors);
  else if (input.kind === 'attendance') changes = await attendanceChanges(db, cls, input, students, errors, vietnamDay(audit.now));
  else if (input.kind === 'profile') changes = await profileChanges(db, input, students, errors);
  else changes = await primaryChanges(db, cls, input, students, errors);
  if (errors.length) throw invalid(`Giấy đề nghị chưa hợp lệ: ${errors.map((e) => e.message).join('; ')}`, errors);

  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const number = await nextCorrectionNumber(tx, cls.school_id);
    await tx
      .insertInto('correction_requests')
      .values({
        id,
        school_id: cls.school_id,
        school_year_id: cls.school_year_id,
        number,
        kind: input.kind,
        class_id: cls.id,
        subject_id: null,
        requested_by: options.requestedBy,
        requested_at: audit.now,
        reason: input.reason,
        evidence_kind: input.evidenceKind,
        cells_json: JSON.stringify(changes),
        status: 'pending',
        decided_by: null,
        decided_at: null,
        decision_reason: '',
        applied_by: null,
        applied_at: null,
        version: 1,
      })
      .execute();
    await writeAudit(tx, audit, {
      chainKey: classChain(cls.id),
      schoolId: cls.school_id,
      action: 'correction.filed',
      entityType: 'correction_request',
      entityId: id,
      before: null,
      after: { number, kind: input.kind, changes, evidenceKind: input.evidenceKind },
      reason: input.reason,
      source: 'correction',
    });
    await notify(tx, {
      schoolId: cls.school_id,
      userIds: [...(await usersWithRole(tx, cls.school_id, ['principal'])), ...(await homeroomUsers(tx, cls.id))],
      kind: 'correction.filed',
      title: `Giấy đề nghị thay đổi thông tin số ${number}: lớp ${cls.name}, ${inSentence(CORRECTION_KIND_LABELS[input.kind])}`,
      body: `${changes.length} thay đổi. Lý do: ${input.reason}`,
      link: `/corrections/${id}`,
      now: audit.now,
    });
  });
  return id;
}
