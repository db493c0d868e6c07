/**
 * The delegations area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { loadPowerHolder } from './delegations-queries.ts';
export { registerDelegationRoutes } from './delegations.routes.ts';
