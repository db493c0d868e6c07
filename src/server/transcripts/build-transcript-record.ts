/**
 * The frozen year record of one student's học bạ (C6): what transcript_records.record_json holds
 * and its SHA-256 over the canonical JSON. The principal's confirmation
 * (actions/confirm-transcript-records.ts) and the demo's seeded past years
 * (db/seed/seed-demo-transcripts.ts) both build it here, so the two cannot drift. Pure: the
 * caller reads the rows; the key order of the stored JSON is part of the contract (the text is
 * stored as is, and existing records must not change).
 */
import { createHash } from 'node:crypto';
import type { Student } from '../../shared/people.ts';
import { canonicalJson } from '../audit.ts';

export interface TranscriptRecordInput {
  school: { name: string; code: string };
  /** "2025-2026" */
  schoolYear: string;
  class: { name: string; grade: number; homeroomTeacher: string | null };
  regime: string;
  ruleVersion: string;
  /** the student as presentStudent gives it (identity data as it stands at confirmation) */
  student: Student;
  /** secondary: the approved snapshot entry (or a legacy record's own terms); primary: the year-end summary */
  results: unknown;
  homeroomComment: string;
}

export interface TranscriptRecord {
  record: Record<string, unknown>;
  /** the text stored in record_json */
  json: string;
  /** SHA-256 (hex) of the canonical JSON of the record */
  sha256: string;
}

export function buildTranscriptRecord(input: TranscriptRecordInput): TranscriptRecord {
  const s = input.student;
  const record = {
    school: { name: input.school.name, code: input.school.code },
    schoolYear: input.schoolYear,
    class: { name: input.class.name, grade: Number(input.class.grade), homeroomTeacher: input.class.homeroomTeacher },
    regime: input.regime,
    ruleVersion: input.ruleVersion,
    identity: {
      fullName: s.fullName,
      familyName: s.familyName,
      middleName: s.middleName,
      givenName: s.givenName,
      sex: s.sex,
      dateOfBirth: s.dateOfBirth,
      placeOfBirth: s.placeOfBirth,
      ethnicity: s.ethnicity,
      nationality: s.nationality,
      nationalId: s.nationalId,
      studentCode: s.studentCode,
      address: s.address,
      guardians: s.guardians.map((g) => ({ relation: g.relation, fullName: g.fullName, occupation: g.occupation })),
    },
    results: input.results,
    homeroomComment: input.homeroomComment,
  };
  return { record, json: JSON.stringify(record), sha256: createHash('sha256').update(canonicalJson(record)).digest('hex') };
}
