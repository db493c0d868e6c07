/** Organisation and school structure: org units, schools, years, terms, grade levels, subject groups, subjects, classes, teaching assignments. */
import type { Generated } from 'kysely';

export interface OrgUnitsTable {
  id: string;
  kind: 'province' | 'district';
  code: string;
  name: string;
  parent_id: string | null;
  created_at: string;
}

export interface SchoolsTable {
  id: string;
  org_unit_id: string;
  code: string;
  name: string;
  /** primary | lower_secondary | upper_secondary | multi */
  level: string;
  address: string;
  phone: string;
  /** JSON: school settings (e.g. whether a reason is required for every score change). */
  settings_json: string;
  created_at: string;
  /** The old single confirm delegate (issue 14 §3): carried into `delegations` by migration 0015, no longer read or written. */
  confirm_delegate_user_id: Generated<string | null>;
}

export interface SchoolYearsTable {
  id: string;
  school_id: string;
  /** e.g. 2025 for 2025-2026 */
  start_year: number;
  name: string;
  starts_on: string;
  ends_on: string;
  status: string;
  created_at: string;
}

export interface TermsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  term_no: number;
  name: string;
  starts_on: string;
  ends_on: string;
  /** Date of the end-of-term test (kiểm tra cuối kỳ), for the edit deadline (G10). */
  end_test_on: string | null;
}

export interface GradeLevelsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  /** TT22_2021 | TT27_2020 | TT58_TT26 | TT58_2011 | TT22_2016 */
  regime: string;
}

export interface SubjectGroupsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  name: string;
  head_staff_id: string | null;
}

export interface SubjectGroupMembersTable {
  school_id: string;
  subject_group_id: string;
  staff_id: string;
}

export interface SubjectsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  code: string;
  name: string;
  periods_per_year: number;
  /** scored | comment | primaryLevel */
  assessment_kind: string;
  learning_topic_cluster: number;
  has_periodic_test: number;
  sort_order: number;
  subject_group_id: string | null;
}

export interface ClassesTable {
  id: string;
  school_id: string;
  school_year_id: string;
  grade: number;
  name: string;
  homeroom_staff_id: string | null;
  room: string;
  session: string;
  created_at: string;
  version: number;
  /** abc: kept in Vietnamese alphabetical order; manual: fine-tuned by hand (S5). */
  list_order: Generated<string>;
}

export interface TeachingAssignmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  subject_id: string;
  staff_id: string;
  created_at: string;
}
