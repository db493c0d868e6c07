/**
 * Entering summer retest scores (G7): only the students whose year results send them to a retest
 * in this subject; the scores go through the grade book's cell saving (versions, locks, audit)
 * on the summer term's retest column.
 */
import { RETEST_COLUMN, SUMMER_TERM } from '../../domain/gradebook/gradebook-columns.ts';
import type { AuditContext } from '../platform/audit/audit-log.ts';
import type { Db } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';
import { saveCells } from '../gradebook/index.ts';
import { computeClassResults } from '../results/index.ts';

export interface EnterRetestScoresOptions {
  db: Db;
  cls: Row<'classes'>;
  subject: Row<'subjects'>;
  entries: { studentId: string; value: string; baseVersion: number }[];
  reason: string;
  audit: AuditContext;
}

export async function enterRetestScores(options: EnterRetestScoresOptions) {
  const { db, cls, subject, entries, audit } = options;
  const year = await computeClassResults(db, cls.id, 'year');
  const errors = entries
    .map((e, i) => ({ e, i, st: year.students.find((s) => s.studentId === e.studentId) }))
    .filter(({ st }) => !st || !st.retestSubjects.includes(subject.code))
    .map(({ i, st }) => ({ field: `entries[${i}]`, message: `${st?.fullName ?? 'Học sinh'} không phải kiểm tra lại môn ${subject.name}` }));
  if (errors.length) throw invalid(`Chưa lưu: ${errors.map((e) => e.message).join('; ')}`, errors);
  return saveCells({
    db,
    classId: cls.id,
    subjectId: subject.id,
    termNo: SUMMER_TERM,
    input: { changes: entries.map((e) => ({ ...e, columnKey: RETEST_COLUMN })), source: 'typed', reason: options.reason },
    audit,
  });
}
