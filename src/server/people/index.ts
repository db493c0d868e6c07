/**
 * The people area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { addStudents } from './add-students.ts';
export { registerPeopleRoutes } from './people.routes.ts';
export { registerStaffRoutes } from './staff.routes.ts';
export { updateStudentInTransaction } from './update-student.ts';
