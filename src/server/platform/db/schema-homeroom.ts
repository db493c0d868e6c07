/** The homeroom teacher's class book: attendance records and rolls, conduct assessments, weekly notes. */

export interface AttendanceRecordsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  date: string;
  session: string;
  period_no: number;
  subject_id: string | null;
  kind: string;
  note: string;
  version: number;
  recorded_by: string;
  recorded_at: string;
}

export interface AttendanceRollsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  date: string;
  session: string;
  period_no: number;
  taken_by: string;
  taken_at: string;
}

export interface ConductAssessmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  student_id: string;
  period: string;
  level: string | null;
  comment: string;
  version: number;
  updated_by: string;
  updated_at: string;
}

export interface WeeklyNotesTable {
  id: string;
  school_id: string;
  school_year_id: string;
  class_id: string;
  week_start: string;
  kind: string;
  subject_id: string | null;
  author_id: string;
  text: string;
  created_at: string;
  updated_at: string;
  version: number;
}
