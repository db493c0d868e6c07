/**
 * The testing-plans area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { loadPlannedTestDates } from './testing-plan-queries.ts';
export { registerTestingPlanRoutes } from './testing-plans.routes.ts';
