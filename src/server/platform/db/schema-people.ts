/** Staff and students, and the enrollments that put a student in a class. */

export interface StaffTable {
  id: string;
  school_id: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  sex: string;
  date_of_birth: string | null;
  position: string;
  speciality: string;
  phone: string;
  email: string;
  active: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface StudentsTable {
  id: string;
  school_id: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  sex: string;
  date_of_birth: string;
  place_of_birth: string;
  ethnicity: string;
  nationality: string;
  religion: string;
  national_id: string | null;
  student_code: string | null;
  address: string;
  phone: string | null;
  guardians_json: string;
  /** studying | graduated | transferred_out | dropped_out */
  status: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface EnrollmentsTable {
  id: string;
  school_id: string;
  school_year_id: string;
  student_id: string;
  class_id: string;
  /** active | transferred_in | transferred_out | moved_class | dropped_out | graduated | retained */
  status: string;
  starts_on: string;
  ends_on: string | null;
  list_number: number | null;
  /** How the student came into this class: intake | transfer_in | class_change | rollover | retained */
  origin: string;
  note: string;
  created_at: string;
  version: number;
}
