/**
 * Creating a school year (S1): dates and terms checked, the regime of every grade chosen by the
 * rule-set timeline, subjects from the built-in 2018 programme template — or subjects, subject
 * groups, classes and assignments copied from an earlier year — all in one transaction with
 * its audit event.
 */
import { randomUUID } from 'node:crypto';
import { ruleSetFor } from '../../domain/assessment/rule-sets.ts';
import { checkYearDates } from '../../domain/calendar/check-year-dates.ts';
import { subjectsForGrade } from '../../domain/programme/programme-2018.ts';
import { termLabel } from '../../shared/labels.ts';
import type { CreateSchoolYearInput } from '../../shared/setup.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db, Tx } from '../platform/db/database.ts';
import { AppError, invalid } from '../platform/errors.ts';

export interface CreateSchoolYearOptions {
  db: Db;
  schoolId: string;
  input: CreateSchoolYearInput;
  audit: AuditContext;
}

export async function createSchoolYear({ db, schoolId, input, audit }: CreateSchoolYearOptions): Promise<string> {
  const problems = checkYearDates(input);
  const grades = [...new Set(input.grades)].sort((a, b) => a - b);
  const regimes = new Map<number, string>();
  grades.forEach((grade) => {
    const lookup = ruleSetFor({ schoolYearStart: input.startYear, grade });
    if (lookup.ok) regimes.set(grade, lookup.ruleSet.regime);
    else problems.push({ field: 'grades', message: lookup.message });
  });
  if (problems.length) throw invalid(`Năm học chưa hợp lệ: ${problems.map((p) => p.message).join('; ')}`, problems);

  const existing = await db
    .selectFrom('school_years')
    .select('id')
    .where('school_id', '=', schoolId)
    .where('start_year', '=', input.startYear)
    .executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `Năm học ${input.startYear}-${input.startYear + 1} đã có.`);

  let source: { id: string; school_id: string } | undefined;
  if (input.copyFromYearId) {
    source = await db.selectFrom('school_years').select(['id', 'school_id']).where('id', '=', input.copyFromYearId).executeTakeFirst();
    if (!source || source.school_id !== schoolId) throw invalid('Năm học để sao chép không thuộc trường này.', [{ field: 'copyFromYearId', message: 'không tìm thấy' }]);
  }

  const yearId = randomUUID();
  const name = `${input.startYear}-${input.startYear + 1}`;
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('school_years')
      .values({
        id: yearId,
        school_id: schoolId,
        start_year: input.startYear,
        name,
        starts_on: input.startsOn,
        ends_on: input.endsOn,
        status: 'active',
        created_at: audit.now,
      })
      .execute();
    for (const t of input.terms) {
      await tx
        .insertInto('terms')
        .values({
          id: randomUUID(),
          school_id: schoolId,
          school_year_id: yearId,
          term_no: t.termNo,
          name: termLabel(t.termNo, 'kỳ'),
          starts_on: t.startsOn,
          ends_on: t.endsOn,
          end_test_on: t.endTestOn,
        })
        .execute();
    }
    for (const grade of grades) {
      await tx
        .insertInto('grade_levels')
        .values({ id: randomUUID(), school_id: schoolId, school_year_id: yearId, grade, regime: regimes.get(grade) as string })
        .execute();
    }
    const copied = source
      ? await copySetup(tx, { schoolId, fromYearId: source.id, toYearId: yearId, grades, now: audit.now })
      : await subjectsFromTemplate(tx, { schoolId, yearId, grades });
    await writeAudit(tx, audit, {
      chainKey: schoolChain(schoolId),
      schoolId,
      action: 'schoolYear.created',
      entityType: 'school_year',
      entityId: yearId,
      before: null,
      after: { name, startsOn: input.startsOn, endsOn: input.endsOn, terms: input.terms, grades, copiedFrom: source?.id ?? null, ...copied },
    });
  });
  return yearId;
}

async function subjectsFromTemplate(tx: Tx, p: { schoolId: string; yearId: string; grades: number[] }) {
  let subjects = 0;
  for (const grade of p.grades) {
    const list = subjectsForGrade(grade).filter((s) => s.compulsory || s.elective === 'thptChoice');
    let order = 0;
    for (const s of list) {
      order += 1;
      await tx
        .insertInto('subjects')
        .values({
          id: randomUUID(),
          school_id: p.schoolId,
          school_year_id: p.yearId,
          grade,
          code: s.code,
          name: s.name,
          periods_per_year: s.periodsPerYear,
          assessment_kind: s.assessmentKind,
          learning_topic_cluster: 0,
          has_periodic_test: s.assessmentKind === 'primaryLevel' && s.hasPeriodicTest ? 1 : 0,
          sort_order: order,
          subject_group_id: null,
        })
        .execute();
      subjects += 1;
    }
  }
  return { subjects };
}

async function copySetup(tx: Tx, p: { schoolId: string; fromYearId: string; toYearId: string; grades: number[]; now: string }) {
  const groupMap = new Map<string, string>();
  const groups = await tx.selectFrom('subject_groups').selectAll().where('school_year_id', '=', p.fromYearId).execute();
  for (const g of groups) {
    const id = randomUUID();
    groupMap.set(g.id, id);
    await tx.insertInto('subject_groups').values({ ...g, id, school_year_id: p.toYearId }).execute();
    const members = await tx.selectFrom('subject_group_members').selectAll().where('subject_group_id', '=', g.id).execute();
    for (const m of members) await tx.insertInto('subject_group_members').values({ ...m, subject_group_id: id }).execute();
  }
  const subjectMap = new Map<string, string>();
  const subjects = await tx
    .selectFrom('subjects')
    .selectAll()
    .where('school_year_id', '=', p.fromYearId)
    .where('grade', 'in', p.grades)
    .execute();
  for (const s of subjects) {
    const id = randomUUID();
    subjectMap.set(s.id, id);
    await tx
      .insertInto('subjects')
      .values({ ...s, id, school_year_id: p.toYearId, subject_group_id: s.subject_group_id ? groupMap.get(s.subject_group_id) ?? null : null })
      .execute();
  }
  const classMap = new Map<string, string>();
  const classes = await tx
    .selectFrom('classes')
    .selectAll()
    .where('school_year_id', '=', p.fromYearId)
    .where('grade', 'in', p.grades)
    .execute();
  for (const c of classes) {
    const id = randomUUID();
    classMap.set(c.id, id);
    await tx.insertInto('classes').values({ ...c, id, school_year_id: p.toYearId, created_at: p.now, version: 1 }).execute();
  }
  const assignments = await tx.selectFrom('teaching_assignments').selectAll().where('school_year_id', '=', p.fromYearId).execute();
  let copiedAssignments = 0;
  for (const a of assignments) {
    const classId = classMap.get(a.class_id);
    const subjectId = subjectMap.get(a.subject_id);
    if (!classId || !subjectId) continue;
    await tx
      .insertInto('teaching_assignments')
      .values({ ...a, id: randomUUID(), school_year_id: p.toYearId, class_id: classId, subject_id: subjectId, created_at: p.now })
      .execute();
    copiedAssignments += 1;
  }
  return { subjects: subjects.length, subjectGroups: groups.length, classes: classes.length, assignments: copiedAssignments };
}
