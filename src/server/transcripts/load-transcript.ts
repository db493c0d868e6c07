/**
 * Loads a student's canonical transcript from the confirmed (non-superseded) year records of
 * every school year at the school (C6), with the approved term snapshots of the same class for
 * the per-term columns. Frozen inputs only, except the subject teachers' names (assignments).
 */
import type { Executor } from '../platform/db/database.ts';
import { AppError, notFound } from '../platform/errors.ts';
import { canonicalJson } from '../platform/canonical-json.ts';
import { sha256Hex } from '../platform/sha256.ts';
import { type PrintCache, approvedSnapshot, classTeacherNames } from '../printing/index.ts';
import { normalizePrimaryYear, normalizeSecondaryYear, type SnapshotEntry, type YearRecordJson } from './normalize-year.ts';
import { TRANSCRIPT_FORMAT, TRANSCRIPT_FORMAT_VERSION, type TranscriptDocument, type TranscriptRegime, type TranscriptYear } from './transcript-document.ts';

export interface LoadedTranscript {
  document: TranscriptDocument;
  /** the canonical JSON text (UTF-8 bytes of it are hashed) */
  json: string;
  dataSha256: string;
  schoolId: string;
  /** record id:sha256 and snapshot id:sha256 of every year, in order */
  inputsVersion: string;
  /** the latest confirmation: the PDF's creation date */
  lastConfirmedAt: string;
  /** the class of the latest school year */
  latestClassId: string;
  /** who confirmed the latest year: the principal's block the digital signature completes names her */
  latestConfirmerId: string;
}

const PRIMARY_REGIMES = new Set(['TT27_2020', 'TT22_2016']);

/** With a `cache` (bulk printing: one per job run), each class's snapshots and teachers are read once. */
export async function loadTranscript(db: Executor, studentId: string, cache?: PrintCache): Promise<LoadedTranscript> {
  const student = await db.selectFrom('students').select(['id', 'school_id']).where('id', '=', studentId).executeTakeFirst();
  if (!student) throw notFound('học sinh');
  const records = await db
    .selectFrom('transcript_records')
    .innerJoin('school_years', 'school_years.id', 'transcript_records.school_year_id')
    .innerJoin('users', 'users.id', 'transcript_records.confirmed_by')
    .selectAll('transcript_records')
    .select(['school_years.start_year', 'users.full_name as confirmed_by_name'])
    .where('transcript_records.student_id', '=', studentId)
    .where('transcript_records.school_id', '=', student.school_id)
    .where('transcript_records.status', '=', 'confirmed')
    .orderBy('school_years.start_year')
    .orderBy('transcript_records.version_no', 'desc')
    .execute();
  if (!records.length) throw new AppError('INVALID_STATE', 'Học sinh chưa có năm học nào được Hiệu trưởng xác nhận đưa vào học bạ.');
  // Confirmed by someone not the school's principal: a vice-principal on the principal's delegation.
  const principals = new Set((await db.selectFrom('user_roles').select('user_id').where('role', '=', 'principal').where('school_id', '=', student.school_id).execute()).map((u) => u.user_id));

  const years: TranscriptYear[] = [];
  const versionParts: string[] = [];
  const seen = new Set<number>();
  const parsed = new Map<(typeof records)[number], YearRecordJson>();
  for (const r of records) {
    const startYear = Number(r.start_year);
    if (seen.has(startYear)) continue; // two classes in one year (a transfer): the newest record
    seen.add(startYear);
    const record = JSON.parse(r.record_json) as YearRecordJson;
    parsed.set(r, record);
    const teachers = await classTeacherNames(db, r.class_id, cache);
    const header = {
      startYear,
      regime: r.regime as TranscriptRegime,
      ruleVersion: r.rule_version,
      record: { id: r.id, versionNo: Number(r.version_no), sha256: r.sha256, confirmedAt: r.confirmed_at, confirmedBy: r.confirmed_by_name, confirmedByDeputy: !principals.has(r.confirmed_by) },
    };
    versionParts.push(`${r.id}:${r.sha256}`);
    if (PRIMARY_REGIMES.has(r.regime)) {
      years.push(normalizePrimaryYear(record, header, teachers));
      continue;
    }
    const snapshots: Record<string, SnapshotEntry | null> = {};
    const sources: TranscriptYear['sources'] = [];
    for (const scope of ['term1', 'term2', 'year']) {
      const snap = await approvedSnapshot<SnapshotEntry>(db, r.class_id, scope, cache);
      const entry = snap?.entries.get(studentId);
      snapshots[scope] = entry ?? null;
      if (snap && entry) {
        sources.push({ kind: 'result_snapshot', scope, id: snap.id, sha256: snap.sha256 });
        versionParts.push(`${snap.id}:${snap.sha256}`);
      }
    }
    years.push(normalizeSecondaryYear(record, { ...header, sources }, snapshots, teachers));
  }
  const latestRow = records.reduce((a, b) => (Number(b.start_year) > Number(a.start_year) ? b : a));
  const latest = parsed.get(latestRow) ?? (JSON.parse(latestRow.record_json) as YearRecordJson);
  const id = latest.identity;
  const document: TranscriptDocument = {
    format: TRANSCRIPT_FORMAT,
    formatVersion: TRANSCRIPT_FORMAT_VERSION,
    school: { code: latest.school.code, name: latest.school.name },
    student: {
      id: studentId,
      studentCode: id.studentCode ?? null,
      nationalId: id.nationalId ?? null,
      fullName: id.fullName,
      familyName: id.familyName,
      middleName: id.middleName,
      givenName: id.givenName,
      sex: id.sex,
      dateOfBirth: id.dateOfBirth,
      placeOfBirth: id.placeOfBirth ?? '',
      ethnicity: id.ethnicity ?? '',
      nationality: id.nationality ?? '',
      address: id.address ?? '',
      guardians: (id.guardians ?? []).map((g) => ({ relation: g.relation, fullName: g.fullName, occupation: g.occupation ?? null })),
    },
    years,
  };
  const json = canonicalJson(document, { integersOnly: true });
  return {
    document,
    json,
    dataSha256: sha256Hex(Buffer.from(json, 'utf8')),
    schoolId: student.school_id,
    inputsVersion: versionParts.join(','),
    lastConfirmedAt: records.map((r) => r.confirmed_at).sort().at(-1)!,
    latestClassId: latestRow.class_id,
    latestConfirmerId: latestRow.confirmed_by,
  };
}
