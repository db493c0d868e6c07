/**
 * The accounts area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerAccountRoutes } from './accounts.routes.ts';
export { resetSecondFactor } from './reset-second-factor.ts';
