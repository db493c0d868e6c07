import type { Migration } from 'kysely';
import * as foundation from './20261123_0001_foundation.ts';
import * as gradebook from './20261123_0002_gradebook.ts';
import * as scoreImports from './20261123_0003_score_imports.ts';
import * as homeroom from './20261123_0004_homeroom.ts';
import * as primary from './20261123_0005_primary.ts';
import * as transcriptRecords from './20261123_0006_transcript_records.ts';
import * as attendanceRolls from './20261123_0007_attendance_rolls.ts';
import * as documentsJobs from './20261123_0008_documents_jobs.ts';
import * as yearIndexes from './20261123_0009_year_indexes.ts';
import * as idempotencyRequestHash from './20261123_0010_idempotency_request_hash.ts';
import * as loginThrottle from './20261123_0011_login_throttle.ts';
import * as lockRequests from './20261123_0012_lock_requests.ts';
import * as sealRegistration from './20261123_0013_seal_registration.ts';
import * as auditCheckpoints from './20261123_0014_audit_checkpoints.ts';
import * as delegations from './20261123_0015_delegations.ts';
import * as recordCorrections from './20261123_0016_record_corrections.ts';
import * as testingPlans from './20261123_0018_testing_plans.ts';
import * as batchSigning from './20261123_0019_batch_signing.ts';

/** Every migration, in order. One change per timestamped file; never edit a released one. */
export const migrations: Record<string, Migration> = {
  '20261123_0001_foundation': foundation,
  '20261123_0002_gradebook': gradebook,
  '20261123_0003_score_imports': scoreImports,
  '20261123_0004_homeroom': homeroom,
  '20261123_0005_primary': primary,
  '20261123_0006_transcript_records': transcriptRecords,
  '20261123_0007_attendance_rolls': attendanceRolls,
  '20261123_0008_documents_jobs': documentsJobs,
  '20261123_0009_year_indexes': yearIndexes,
  '20261123_0010_idempotency_request_hash': idempotencyRequestHash,
  '20261123_0011_login_throttle': loginThrottle,
  '20261123_0012_lock_requests': lockRequests,
  '20261123_0013_seal_registration': sealRegistration,
  '20261123_0014_audit_checkpoints': auditCheckpoints,
  '20261123_0015_delegations': delegations,
  '20261123_0016_record_corrections': recordCorrections,
  '20261123_0018_testing_plans': testingPlans,
  '20261123_0019_batch_signing': batchSigning,
};
