/**
 * The primary area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { loadPrimarySummary } from './primary-summary-queries.ts';
export { registerPrimaryRoutes } from './primary.routes.ts';
export { savePrimaryAssessments } from './save-primary-assessments.ts';
