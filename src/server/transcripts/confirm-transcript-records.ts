/**
 * The principal confirms what goes into each student's học bạ for the year (C6): identity data as
 * it stands, the results of the approved snapshot (secondary: the year's; primary: the approved
 * cuối năm summary — refused, naming the class, while the principal has not approved it),
 * the homeroom teacher's comment and the rule version — frozen as a year record with its SHA-256.
 * Confirming again with nothing changed does nothing; with a change, a new version supersedes the
 * old one, which is kept.
 */
import { randomUUID } from 'node:crypto';
import { type AuditContext, type AuditEntry, classChain, writeAudits } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { formatStaffName, presentStudent } from '../school/index.ts';
import { loadApprovedPrimarySummary } from '../primary/index.ts';
import { latestApprovedSnapshot, loadConduct } from '../results/index.ts';
import type { Row } from '../platform/db/schema.ts';
import { AppError } from '../platform/errors.ts';
import { buildTranscriptRecord, primaryYearResults } from './build-transcript-record.ts';

/**
 * Each wanted student's record as it would be confirmed now, next to his current confirmed one;
 * throws INVALID_STATE (with the Vietnamese reason) when the class cannot be confirmed yet.
 */
export async function prepareTranscriptRecords(db: Db, cls: Row<'classes'>, studentIds?: string[]) {
  const year = await db.selectFrom('school_years').selectAll().where('id', '=', cls.school_year_id).executeTakeFirstOrThrow();
  const school = await db.selectFrom('schools').select(['name', 'code']).where('id', '=', cls.school_id).executeTakeFirstOrThrow();
  const grade = await db.selectFrom('grade_levels').select('regime').where('school_year_id', '=', cls.school_year_id).where('grade', '=', cls.grade).executeTakeFirstOrThrow();
  const homeroom = cls.homeroom_staff_id ? await db.selectFrom('staff').selectAll().where('id', '=', cls.homeroom_staff_id).executeTakeFirst() : undefined;
  const enrolled = await db
    .selectFrom('enrollments')
    .innerJoin('students', 'students.id', 'enrollments.student_id')
    .selectAll('students')
    .select(['enrollments.list_number'])
    .where('enrollments.class_id', '=', cls.id)
    .where('enrollments.status', 'in', ['active', 'transferred_in'])
    .execute();
  const wanted = studentIds ? enrolled.filter((s) => studentIds.includes(s.id)) : enrolled;

  let results: Map<string, unknown>;
  let ruleVersion: string;
  let snapshotId: string | null;
  if (grade.regime === 'TT22_2021') {
    const snap =
      (await latestApprovedSnapshot(db, cls.id, 'final')) ??
      (await latestApprovedSnapshot(db, cls.id, 'year'));
    if (!snap) throw new AppError('INVALID_STATE', `Kết quả cả năm của lớp ${cls.name} chưa được Hiệu trưởng phê duyệt: chưa xác nhận học bạ được.`);
    snapshotId = snap.id;
    ruleVersion = snap.rule_version;
    const students = (JSON.parse(snap.snapshot_json) as { students: { studentId: string }[] }).students;
    results = new Map(students.map((s) => [s.studentId, { scope: snap.scope, ...s }]));
  } else {
    // Only the year-end summary as the principal approved it (C5): its frozen snapshot, never live data.
    const approved = await loadApprovedPrimarySummary(db, cls.id, 'CN');
    if (!approved) throw new AppError('INVALID_STATE', `Kết quả đánh giá cuối năm học của lớp ${cls.name} chưa được Hiệu trưởng phê duyệt: chưa xác nhận học bạ được.`);
    const summary = approved.summary;
    snapshotId = approved.snapshot.id;
    const incomplete = summary.rows.filter((r) => r.missing.length && wanted.some((w) => w.id === r.studentId));
    if (incomplete.length) throw new AppError('INVALID_STATE', `Chưa đủ đánh giá cuối năm: ${incomplete.slice(0, 3).map((r) => `${r.fullName} (${r.missing.slice(0, 2).join('; ')})`).join(' | ')}`);
    ruleVersion = summary.ruleVersion;
    results = new Map(summary.rows.map((r) => [r.studentId, primaryYearResults(summary.subjects, r)]));
  }
  const conduct = await loadConduct(db, cls.id, cls.school_year_id);

  const missing = wanted.filter((s) => !results.has(s.id));
  if (missing.length) throw new AppError('INVALID_STATE', `Học sinh chưa có trong kết quả đã phê duyệt: ${missing.map((s) => formatStaffName(s)).join(', ')}. Hãy đề nghị và phê duyệt lại kết quả.`);

  const current = await db.selectFrom('transcript_records').selectAll().where('class_id', '=', cls.id).where('status', '=', 'confirmed').execute();
  const currentBy = new Map(current.map((r) => [r.student_id, r]));
  const records = wanted.map((s) => ({
    student: s,
    previous: currentBy.get(s.id),
    ...buildTranscriptRecord({
      school,
      schoolYear: year.name,
      class: { name: cls.name, grade: Number(cls.grade), homeroomTeacher: homeroom ? formatStaffName(homeroom) : null },
      regime: grade.regime,
      ruleVersion,
      student: presentStudent(s),
      results: results.get(s.id),
      homeroomComment: conduct.get(s.id)?.get('year')?.comment || conduct.get(s.id)?.get('term2')?.comment || '',
    }),
  }));
  return { regime: grade.regime, ruleVersion, snapshotId, records };
}

export async function confirmTranscriptRecords(options: { db: Db; cls: Row<'classes'>; studentIds?: string[]; userId: string; audit: AuditContext }) {
  const { db, cls, audit } = options;
  const { regime, ruleVersion, snapshotId, records } = await prepareTranscriptRecords(db, cls, options.studentIds);
  let created = 0;
  let unchanged = 0;
  await db.transaction().execute(async (tx) => {
    const events: AuditEntry[] = [];
    for (const { student: s, previous, json, sha256 } of records) {
      // Confirmed again by someone else (the vice-principal in the principal's place, or back): a new
      // version, since the học bạ's block names who confirmed.
      if (previous?.sha256 === sha256 && previous.confirmed_by === options.userId) {
        unchanged += 1;
        continue;
      }
      const id = randomUUID();
      if (previous) await tx.updateTable('transcript_records').set({ status: 'superseded' }).where('id', '=', previous.id).execute();
      await tx
        .insertInto('transcript_records')
        .values({
          id,
          school_id: cls.school_id,
          school_year_id: cls.school_year_id,
          class_id: cls.id,
          student_id: s.id,
          regime,
          rule_version: ruleVersion,
          record_json: json,
          sha256,
          status: 'confirmed',
          version_no: previous ? Number(previous.version_no) + 1 : 1,
          supersedes_id: previous?.id ?? null,
          result_snapshot_id: snapshotId,
          confirmed_by: options.userId,
          confirmed_at: audit.now,
        })
        .execute();
      events.push({
        chainKey: classChain(cls.id),
        schoolId: cls.school_id,
        action: previous ? 'transcript.reconfirmed' : 'transcript.confirmed',
        entityType: 'transcript_record',
        entityId: id,
        before: previous ? { id: previous.id, sha256: previous.sha256 } : null,
        after: { studentId: s.id, sha256, ruleVersion, versionNo: previous ? Number(previous.version_no) + 1 : 1 },
      });
      created += 1;
    }
    await writeAudits(tx, audit, events);
  });
  return { created, unchanged };
}
