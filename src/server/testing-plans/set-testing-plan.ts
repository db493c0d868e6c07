/**
 * Dating tests in the school's testing plan (G10): a batch of entries — typed on the page or read
 * from an Excel file — is applied whole or not at all. An entry names a class, or a grade (every
 * class of it), a subject of that grade, the term and the periodic test the grade book has a
 * column for, and a day inside the term. An entry already dated the same day is left as it is
 * (importing the same file again changes nothing); each new or moved date writes its audit event
 * in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { formatDay } from '../../domain/calendar/vietnam-time.ts';
import { type PlannedTest, periodicTestColumn, plannedTestLabel } from '../../domain/testing-plan/testing-plan.ts';
import type { TestingPlanChange } from '../../shared/testing-plan.ts';
import { type AuditContext, type AuditEntry, schoolChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { type FieldError, invalid } from '../platform/errors.ts';
import { subjectAssessment } from '../school/index.ts';
import { PLAN_HEADERS, type PlanField } from './testing-plan-excel.ts';

export interface PlanEntryInput {
  classId: string | null;
  grade: number | null;
  subjectId: string;
  termNo: 1 | 2;
  test: PlannedTest;
  testOn: string;
  /** The Excel row it came from, for the error messages of an import. */
  row?: number;
}

export interface SetTestingPlanOptions {
  db: Db;
  year: Pick<Row<'school_years'>, 'id' | 'school_id'>;
  entries: PlanEntryInput[];
  source: 'typed' | 'imported';
  /** The file's own header of each column, for the error messages of an import. */
  headers?: Partial<Record<PlanField, string>>;
  audit: AuditContext;
}

const TERM = ['', 'I', 'II'];
/** "giữa học kỳ I" inside a sentence. */
const testName = (termNo: number, test: PlannedTest) => plannedTestLabel(termNo, test).replace(/^./, (c) => c.toLowerCase());

export async function setTestingPlan({ db, ...options }: SetTestingPlanOptions): Promise<TestingPlanChange> {
  return db.transaction().execute((tx) => setTestingPlanInTransaction(tx, options));
}

async function setTestingPlanInTransaction(tx: Tx, options: Omit<SetTestingPlanOptions, 'db'>): Promise<TestingPlanChange> {
  const { year, entries, audit } = options;
  const classes = await tx.selectFrom('classes').selectAll().where('school_year_id', '=', year.id).orderBy('name').execute();
  const subjects = new Map((await tx.selectFrom('subjects').selectAll().where('school_year_id', '=', year.id).execute()).map((s) => [s.id, s]));
  const terms = new Map((await tx.selectFrom('terms').selectAll().where('school_year_id', '=', year.id).execute()).map((t) => [Number(t.term_no), t]));

  const errors: FieldError[] = [];
  const fail = (entry: PlanEntryInput, index: number, field: PlanField, detail: string) => {
    const header = options.headers?.[field] ?? PLAN_HEADERS[field];
    errors.push(
      entry.row === undefined
        ? { field, message: `Mục ${index + 1}: ${detail}` }
        : { row: entry.row, field: header, message: `Dòng ${entry.row}, cột "${header}": ${detail}` },
    );
  };
  const where = (entry: PlanEntryInput, index: number) => (entry.row === undefined ? `mục ${index + 1}` : `dòng ${entry.row}`);

  /** class|subject|term|test → the planned day and where it was asked. */
  const planned = new Map<string, { cls: Row<'classes'>; subject: Row<'subjects'>; entry: PlanEntryInput; at: string }>();
  entries.forEach((entry, index) => {
    const targets = entry.classId !== null ? classes.filter((c) => c.id === entry.classId) : classes.filter((c) => Number(c.grade) === entry.grade);
    if (!targets.length) {
      fail(entry, index, 'scope', entry.classId !== null ? 'lớp không thuộc năm học này' : `khối ${entry.grade} chưa có lớp nào trong năm học này`);
      return;
    }
    const grade = Number(targets[0].grade);
    const subject = subjects.get(entry.subjectId);
    if (!subject || Number(subject.grade) !== grade) {
      fail(entry, index, 'subject', `môn học không có ở khối ${grade} trong năm học này`);
      return;
    }
    if (!periodicTestColumn(subjectAssessment(subject), entry.termNo, entry.test)) {
      fail(entry, index, 'test', `môn ${subject.name} khối ${grade} không có bài kiểm tra định kỳ ${testName(entry.termNo, entry.test)} trong sổ điểm`);
      return;
    }
    const term = terms.get(entry.termNo);
    if (!term) {
      fail(entry, index, 'test', `năm học chưa có học kỳ ${TERM[entry.termNo]}`);
      return;
    }
    if (entry.testOn < term.starts_on || entry.testOn > term.ends_on) {
      fail(entry, index, 'testOn', `ngày ${formatDay(entry.testOn)} không thuộc học kỳ ${TERM[entry.termNo]} (${formatDay(term.starts_on)}–${formatDay(term.ends_on)})`);
      return;
    }
    for (const cls of targets) {
      const key = `${cls.id}|${subject.id}|${entry.termNo}|${entry.test}`;
      const earlier = planned.get(key);
      if (earlier && earlier.entry.testOn !== entry.testOn) {
        fail(entry, index, 'testOn', `lớp ${cls.name}, môn ${subject.name}, ${testName(entry.termNo, entry.test)} đã có ngày ${formatDay(earlier.entry.testOn)} ở ${earlier.at}`);
        return;
      }
      planned.set(key, { cls, subject, entry, at: where(entry, index) });
    }
  });
  if (errors.length) {
    throw invalid(`Kế hoạch kiểm tra có ${errors.length} lỗi; chưa lưu ngày nào. ${errors.map((e) => e.message).join('; ')}`, errors);
  }

  const existing = new Map(
    (await tx.selectFrom('testing_plan_entries').selectAll().where('school_year_id', '=', year.id).execute()).map((r) => [`${r.class_id}|${r.subject_id}|${r.term_no}|${r.test}`, r]),
  );
  const change: TestingPlanChange = { created: 0, changed: 0, unchanged: 0 };
  const events: AuditEntry[] = [];
  for (const [key, { cls, subject, entry }] of planned) {
    const before = existing.get(key);
    if (before?.test_on === entry.testOn) {
      change.unchanged += 1;
      continue;
    }
    const values = {
      school_id: year.school_id,
      school_year_id: year.id,
      class_id: cls.id,
      subject_id: subject.id,
      term_no: entry.termNo,
      test: entry.test,
      test_on: entry.testOn,
      updated_by: audit.actorUserId!,
      updated_at: audit.now,
    };
    let id: string;
    if (before) {
      id = before.id;
      await tx.updateTable('testing_plan_entries').set({ test_on: entry.testOn, updated_by: values.updated_by, updated_at: values.updated_at, version: Number(before.version) + 1 }).where('id', '=', id).execute();
      change.changed += 1;
    } else {
      id = randomUUID();
      await tx.insertInto('testing_plan_entries').values({ id, ...values, version: 1 }).execute();
      change.created += 1;
    }
    events.push({
      chainKey: schoolChain(year.school_id),
      schoolId: year.school_id,
      action: 'testingPlan.set',
      entityType: 'testing_plan_entry',
      entityId: id,
      before: before ?? null,
      after: { ...values, source: options.source },
    });
  }
  if (events.length) await writeAudits(tx, audit, events);
  return change;
}
