/**
 * The documents area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { loadSignatures, nextSignature, signingPlace } from './document-queries.ts';
export { registerDocumentRoutes } from './documents.routes.ts';
export { registerSeal } from './register-seal.ts';
export { currentSealRegistration } from './seal-queries.ts';
export { signDocument } from './sign-document.ts';
export { signingTrustStore } from './signing-trust.ts';
export { registerSigningRoutes } from './signing.routes.ts';
export { registerVerifyPage } from './verify/verify-page.ts';
export { registerVerifyRoutes } from './verify/verify.routes.ts';
