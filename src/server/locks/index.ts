/**
 * The locks area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { loadConfirmDelegate, lockScopeLabel, windowChangeSummary } from './locks-queries.ts';
export { registerLockRoutes } from './locks.routes.ts';
export { setAssessmentWindow } from './set-assessment-window.ts';
export { setLock } from './set-lock.ts';
