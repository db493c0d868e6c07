/**
 * The demo area's face to the other areas: everything another area may use from it, and nothing else.
 */
export { demoCalendar } from './demo-calendar.ts';
export { ensureDemoCertificates } from './demo-certificates.ts';
export { seedDemoDocuments } from './seed-demo-documents.ts';
export { DEMO_PASSWORD, demoSecret, existingDemoLogins, seedDemo } from './seed-demo.ts';
