/**
 * The frozen year record of one student's học bạ (C6): what transcript_records.record_json holds
 * and its SHA-256 over the canonical JSON. The principal's confirmation
 * (confirm-transcript-records.ts) and the demo's seeded past years
 * (demo/seed-demo-transcripts.ts) both build it here, so the two cannot drift. Pure: the
 * caller reads the rows; the key order of the stored JSON is part of the contract (the text is
 * stored as is, and existing records must not change). `primaryYearResults` is the `results` of
 * a primary (TT27) year: the year-end summary of one student.
 */
import { sha256Hex } from '../platform/sha256.ts';
import type { Student } from '../../shared/people.ts';
import { canonicalJson } from '../platform/canonical-json.ts';

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
  return { record, json: JSON.stringify(record), sha256: sha256Hex(canonicalJson(record)) };
}

/** A primary subject or activity of the class's grade, as the year-end summary lists it. */
export interface PrimarySubjectColumn {
  id: string;
  code: string;
  name: string;
  hasTest: boolean;
}

/** One student's row of the year-end (CN) summary: subjects in the order of the columns. */
export interface PrimaryYearRow {
  subjects: { subjectId: string; level: string | null; test: number | null }[];
  qualities: (string | null)[];
  competences: (string | null)[];
  yearLevel: string | null;
  award: string | null;
  completed: boolean | null;
  comment: string;
}

/** The `results` of a primary year record (scope CN): each subject column with the student's level and test score. */
export function primaryYearResults(subjects: PrimarySubjectColumn[], row: PrimaryYearRow) {
  return {
    scope: 'CN',
    subjects: subjects.map((s, i) => ({ id: s.id, code: s.code, name: s.name, hasTest: s.hasTest, subjectId: row.subjects[i].subjectId, level: row.subjects[i].level, test: row.subjects[i].test })),
    qualities: row.qualities,
    competences: row.competences,
    yearLevel: row.yearLevel,
    award: row.award,
    completed: row.completed,
    comment: row.comment,
  };
}
