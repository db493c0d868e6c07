/**
 * The primary area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { approvePrimaryResults, proposePrimaryResults } from './approve-primary-results.ts';
export { loadApprovedPrimarySummary } from './primary-approval-queries.ts';
export { loadPrimarySummary, type PrimarySummary } from './primary-summary-queries.ts';
export { registerPrimaryRoutes } from './primary.routes.ts';
export { savePrimaryAssessments } from './save-primary-assessments.ts';
