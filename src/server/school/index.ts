/**
 * The school area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { formatStaffName, getStaffOr404, getStudentOr404, presentStaff, presentStudent, studentClassIds, studentColumns } from './people-queries.ts';
export { loadPrintAuthority, placeFromOfficeName, printLevelOfGrade, printYearStartsOn, type PrintAuthority, type PrintLevel, type PrintYearRef } from './print-authority.ts';
export { presentSchoolYear, presentSubject } from './school-presenter.ts';
export { getClassOr404, getSchoolSettingsOr404, getSubjectOr404, getYearOr404, listClasses, loadYearSetup } from './school-queries.ts';
export { subjectAssessment } from './subject-queries.ts';
