/**
 * The homeroom area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { assessConduct, assessConductInTransaction } from './assess-conduct.ts';
export { registerAttendanceRoutes } from './attendance.routes.ts';
export { registerHomeroomRoutes } from './homeroom.routes.ts';
export { recordAttendance, recordAttendanceInTransaction } from './record-attendance.ts';
