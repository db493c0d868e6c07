/**
 * Changing the school's grade-book settings (G10: reasons for edits, the edit deadline, how
 * approved corrections are applied): merged over the current ones and saved with their audit
 * event (before and after) in the same transaction.
 */
import type { z } from 'zod';
import type { ZUpdateSettingsInput } from '../../shared/locks.ts';
import { type SchoolSettings, ZSchoolSettings } from '../../shared/school-settings.ts';
import { type AuditContext, schoolChain, writeAudit } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import { getSchoolSettingsOr404 } from '../school/index.ts';

export interface UpdateSchoolSettingsOptions {
  db: Db;
  schoolId: string;
  input: z.infer<typeof ZUpdateSettingsInput>;
  audit: AuditContext;
}

export async function updateSchoolSettings({ db, schoolId, input, audit }: UpdateSchoolSettingsOptions): Promise<SchoolSettings> {
  return db.transaction().execute(async (tx) => {
    const before = await getSchoolSettingsOr404(tx, schoolId);
    const after = ZSchoolSettings.parse({ ...before, ...input });
    await tx.updateTable('schools').set({ settings_json: JSON.stringify(after) }).where('id', '=', schoolId).execute();
    await writeAudit(tx, audit, { chainKey: schoolChain(schoolId), schoolId, action: 'settings.updated', entityType: 'school', entityId: schoolId, before, after });
    return after;
  });
}
