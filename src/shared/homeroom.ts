import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';

export const ZLevel = z.enum(['T', 'K', 'Đ', 'CĐ']);
export const ZSession = z.enum(['morning', 'afternoon']);

export const ZAttendanceDay = z.object({
  classId: z.string(),
  date: ZIsoDate,
  students: z.array(z.object({ studentId: z.string(), listNumber: z.number().int(), fullName: z.string() })),
  marks: z.array(z.object({ studentId: z.string(), session: ZSession, periodNo: z.number().int(), kind: z.enum(['P', 'K']), note: z.string(), subjectId: z.string().nullable() })),
  /** Rolls taken that day (also those where nobody was absent). */
  rolls: z.array(z.object({ session: ZSession, periodNo: z.number().int(), takenBy: z.string(), takenAt: z.string() })),
});

export const ZAttendanceRange = z.object({
  classId: z.string(),
  from: ZIsoDate,
  to: ZIsoDate,
  marks: z.array(z.object({ date: ZIsoDate, studentId: z.string(), session: ZSession, periodNo: z.number().int(), kind: z.enum(['P', 'K']), note: z.string(), subjectId: z.string().nullable() })),
  rolls: z.array(z.object({ date: ZIsoDate, session: ZSession, periodNo: z.number().int(), takenBy: z.string(), takenAt: z.string() })),
});

export const ZRecordAttendanceInput = z.object({
  date: ZIsoDate,
  session: ZSession,
  /** Every student of the session whose mark changes: kind null removes the absence. */
  /** Empty when everybody was present: the roll is still recorded. */
  marks: z.array(z.object({ studentId: ZId, kind: z.enum(['P', 'K']).nullable(), note: z.string().trim().max(300).default('') })).max(100),
  /** A lesson marked by a subject teacher; omitted for the homeroom teacher's whole-session roll. */
  lesson: z.object({ subjectId: ZId, periodNo: z.number().int().min(1).max(10) }).nullable().default(null),
});

export const ZAbsenceTotals = z.object({ excused: z.number().int(), unexcused: z.number().int(), sessions: z.number().int(), lessons: z.number().int() });
export const ZAttendanceSummary = z.object({
  classId: z.string(),
  rows: z.array(
    z.object({
      studentId: z.string(),
      listNumber: z.number().int(),
      fullName: z.string(),
      year: ZAbsenceTotals,
      term1: ZAbsenceTotals,
      term2: ZAbsenceTotals,
      byMonth: z.record(z.string(), ZAbsenceTotals),
      overLimit: z.boolean(),
      sessionsLeft: z.number().int(),
    }),
  ),
});

export const ZConductPeriod = z.enum(['term1', 'term2', 'year', 'summer']);
export type ConductPeriod = z.infer<typeof ZConductPeriod>;
export const ZConductSheet = z.object({
  classId: z.string(),
  period: ZConductPeriod,
  rows: z.array(
    z.object({
      studentId: z.string(),
      listNumber: z.number().int(),
      fullName: z.string(),
      level: ZLevel.nullable(),
      comment: z.string(),
      version: z.number().int(),
      /** For the year: the level from the Điều 8 table before any override. */
      computed: ZLevel.nullable(),
    }),
  ),
});
export const ZSaveConductInput = z.object({
  period: ZConductPeriod,
  entries: z.array(z.object({ studentId: ZId, level: ZLevel.nullable(), comment: z.string().trim().max(1000).default(''), baseVersion: z.number().int().min(0) })).min(1).max(100),
  /** Required when the year level differs from the Điều 8 table (G6). */
  reason: z.string().trim().max(500).default(''),
});

export const ZResultScope = z.enum(['term1', 'term2', 'year', 'final']);
export type ResultScope = z.infer<typeof ZResultScope>;

export const ZStudentResult = z.object({
  studentId: z.string(),
  listNumber: z.number().int(),
  fullName: z.string(),
  subjects: z.array(z.object({ subjectId: z.string(), code: z.string(), name: z.string(), value: z.string().nullable() })),
  academic: ZLevel.nullable(),
  academicBeforeAdjustment: ZLevel.nullable(),
  conduct: ZLevel.nullable(),
  title: z.enum(['XS', 'G']).nullable(),
  outcome: z.string().nullable(),
  retestSubjects: z.array(z.string()),
  /** Final scope: subjects to retest that have no retest score yet (the outcome is provisional). */
  retestPending: z.array(z.string()),
  absences: z.number().int(),
  explanations: z.array(z.object({ code: z.string(), text: z.string() })),
  /** What is still missing for this student (subject — column), so the principal sees why approval waits. */
  missing: z.array(z.string()),
});

export const ZClassResults = z.object({
  classId: z.string(),
  className: z.string(),
  scope: ZResultScope,
  ruleVersion: z.string(),
  students: z.array(ZStudentResult),
  summary: z.object({
    students: z.number().int(),
    academic: z.record(z.string(), z.object({ count: z.number().int(), percentTenths: z.number().int() })),
    conduct: z.record(z.string(), z.object({ count: z.number().int(), percentTenths: z.number().int() })),
    titles: z.record(z.string(), z.object({ count: z.number().int(), percentTenths: z.number().int() })),
    outcomes: z.record(z.string(), z.object({ count: z.number().int(), percentTenths: z.number().int() })),
  }),
  complete: z.boolean(),
  missingCount: z.number().int(),
  snapshot: z
    .object({ id: z.string(), status: z.enum(['proposed', 'approved']), proposedAt: z.string(), approvedAt: z.string().nullable(), sha256: z.string(), changedSince: z.boolean() })
    .nullable(),
});
export type ClassResults = z.infer<typeof ZClassResults>;

export const ZWeeklyNote = z.object({
  id: z.string(),
  weekStart: ZIsoDate,
  kind: z.enum(['discipline', 'subject']),
  subjectId: z.string().nullable(),
  subjectName: z.string().nullable(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export const ZEditWeeklyNoteInput = z.object({ text: z.string().trim().min(1, 'chưa có nội dung').max(4000), baseVersion: z.number().int().min(1) });

export const ZWriteWeeklyNoteInput = z.object({
  /** The Monday of the week (yyyy-mm-dd). */
  weekStart: ZIsoDate,
  kind: z.enum(['discipline', 'subject']),
  subjectId: ZId.nullable().default(null),
  text: z.string().trim().min(1, 'chưa có nội dung').max(4000),
});

export const ZTranscriptRecord = z.object({
  id: z.string(),
  studentId: z.string(),
  fullName: z.string(),
  versionNo: z.number().int(),
  status: z.enum(['confirmed', 'superseded']),
  sha256: z.string(),
  ruleVersion: z.string(),
  confirmedAt: z.string(),
  confirmedByName: z.string(),
  record: z.record(z.string(), z.unknown()),
});
