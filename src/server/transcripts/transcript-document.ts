/**
 * The canonical transcript (học bạ) document, format "sodiem-transcript" version 1: everything a
 * student's học bạ prints, taken from the confirmed year records (C6). docs/transcript-format.md
 * describes every field. Scores are exact decimals as strings with a dot and one decimal digit
 * ("8.5", "10.0"); levels are the Ministry's codes ("T", "K", "Đ", "CĐ", …); there are no floats.
 */
export const TRANSCRIPT_FORMAT = 'sodiem-transcript';
export const TRANSCRIPT_FORMAT_VERSION = 1;
export const TRANSCRIPT_XML_NAMESPACE = 'urn:sodiem:transcript:1';

export type TranscriptRegime = 'TT22_2021' | 'TT27_2020' | 'TT58_2011' | 'TT58_TT26' | 'TT22_2016';

export interface TranscriptGuardian {
  relation: string;
  fullName: string;
  occupation: string | null;
}

export interface TranscriptStudent {
  id: string;
  studentCode: string | null;
  nationalId: string | null;
  fullName: string;
  familyName: string;
  middleName: string;
  givenName: string;
  sex: string;
  dateOfBirth: string;
  placeOfBirth: string;
  ethnicity: string;
  nationality: string;
  address: string;
  guardians: TranscriptGuardian[];
}

export interface TranscriptSubject {
  code: string;
  name: string;
  /** score: ĐTB as a decimal; comment: Đ / CĐ; level: primary T / H / C */
  assessment: 'score' | 'comment' | 'level';
  term1: string | null;
  term2: string | null;
  year: string | null;
  /** after re-assessment (kiểm tra lại) when there was one */
  retest: string | null;
  /** primary: the year-end periodic test score (điểm KTĐK) */
  test: string | null;
  teacher: string | null;
}

export interface TranscriptPeriod {
  period: 'term1' | 'term2' | 'year' | 'reassessed';
  /** KQHT (TT22: T/K/Đ/CĐ) or học lực (TT58: G/K/TB/Y/Kém) */
  academic: string | null;
  /** KQRL (TT22) or hạnh kiểm (TT58: T/K/TB/Y) */
  conduct: string | null;
  /** TT58: ĐTB các môn of the period, else null */
  overallAverage: string | null;
}

export interface TranscriptTrait {
  group: 'quality' | 'general' | 'specific';
  name: string;
  level: string | null;
}

export interface TranscriptPrimary {
  traits: TranscriptTrait[];
  /** HTXS | HTT | HT | CHT */
  educationLevel: string | null;
  /** XS | TB | null */
  award: string | null;
  completed: boolean | null;
}

export interface TranscriptYear {
  schoolYear: string;
  startYear: number;
  class: { name: string; grade: number; homeroomTeacher: string | null };
  regime: TranscriptRegime;
  ruleVersion: string;
  /** `confirmedByDeputy`: confirmed by a vice-principal on the principal's delegation (printed "KT. HIỆU TRƯỞNG"). */
  record: { id: string; versionNo: number; sha256: string; confirmedAt: string; confirmedBy: string; confirmedByDeputy: boolean };
  /** the approved result snapshots the per-term values come from */
  sources: { kind: 'result_snapshot'; scope: string; id: string; sha256: string }[];
  subjects: TranscriptSubject[];
  periods: TranscriptPeriod[];
  primary: TranscriptPrimary | null;
  absences: { total: number | null; excused: number | null; unexcused: number | null };
  /** TT22: XS | G; TT58: HSG | HSTT; null */
  title: string | null;
  /** promoted | promotedAfterReassessment | retained | retest | summerTraining | review | completed | notCompleted | null */
  outcome: string | null;
  retestSubjects: string[];
  homeroomComment: string;
}

export interface TranscriptDocument {
  format: typeof TRANSCRIPT_FORMAT;
  formatVersion: number;
  school: { code: string; name: string };
  student: TranscriptStudent;
  years: TranscriptYear[];
}
