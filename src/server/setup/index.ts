/**
 * The setup area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { createSchoolYear } from './create-school-year.ts';
export { registerSetupRoutes } from './setup.routes.ts';
export { updateAssignments } from './update-assignments.ts';
