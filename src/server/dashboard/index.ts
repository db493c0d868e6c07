/**
 * The dashboard area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerDashboardRoutes } from './dashboard.routes.ts';
