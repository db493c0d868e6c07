/** The school's testing plan (G10): migration 20261123_0018_testing_plans. */
export interface TestingPlanEntriesTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  subject_id: string;
  term_no: number;
  /** midterm | endOfTerm */
  test: string;
  /** yyyy-mm-dd */
  test_on: string;
  updated_by: string;
  updated_at: string;
  version: number;
}
