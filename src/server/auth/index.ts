/**
 * The auth area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { registerAuthRoutes } from './auth.routes.ts';
export { nameRetryTimes, releaseAccountCounters } from './login-throttle.ts';
export { hashPassword, oneTimePassword } from './passwords.ts';
export { base32Encode, totpCode } from './totp.ts';
