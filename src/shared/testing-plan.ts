/** The school's testing plan (kế hoạch kiểm tra định kỳ, G10): API shapes shared with the web. */
import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';

export const ZPlannedTest = z.enum(['midterm', 'endOfTerm']);

/** One dated test: a class (or every class of a grade) × subject × term × test. */
export const ZTestingPlanInputEntry = z
  .object({
    classId: ZId.nullable().default(null),
    grade: z.number().int().min(1).max(12).nullable().default(null),
    subjectId: ZId,
    termNo: z.union([z.literal(1), z.literal(2)]),
    test: ZPlannedTest,
    testOn: ZIsoDate,
  })
  .refine((e) => (e.classId === null) !== (e.grade === null), { message: 'cần chọn một lớp hoặc một khối' });

export const ZSetTestingPlanInput = z.object({ entries: z.array(ZTestingPlanInputEntry).min(1).max(2000) });

export const ZTestingPlanStatus = z.object({
  kind: z.enum(['notDue', 'complete', 'missing']),
  missing: z.number().int(),
});

export const ZTestingPlanRow = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  grade: z.number().int(),
  subjectId: z.string(),
  subjectName: z.string(),
  termNo: z.number().int(),
  test: ZPlannedTest,
  /** "Giữa học kỳ I" … */
  testLabel: z.string(),
  testOn: z.string(),
  /** End-of-term tests: the last day re-entries are allowed (G10). */
  editLastDay: z.string().nullable(),
  entered: z.number().int(),
  expected: z.number().int(),
  status: ZTestingPlanStatus,
  /** "chưa đến hạn", "đã nhập đủ", "còn thiếu 3" */
  statusLabel: z.string(),
});

export const ZTestingPlan = z.object({
  schoolYearId: z.string(),
  today: z.string(),
  /** Whether the whole school's plan is shown (leadership), or only the reader's classes. */
  schoolWide: z.boolean(),
  rows: z.array(ZTestingPlanRow),
  /** Dates the update windows could take from the plan: shown, never applied by themselves. */
  suggestedWindows: z.array(z.object({ point: z.string(), label: z.string(), firstTestOn: z.string(), lastTestOn: z.string() })),
});

export const ZTestingPlanChange = z.object({ created: z.number().int(), changed: z.number().int(), unchanged: z.number().int() });

export type PlannedTestKind = z.infer<typeof ZPlannedTest>;
export type TestingPlanInputEntry = z.infer<typeof ZTestingPlanInputEntry>;
export type TestingPlan = z.infer<typeof ZTestingPlan>;
export type TestingPlanRow = z.infer<typeof ZTestingPlanRow>;
export type TestingPlanChange = z.infer<typeof ZTestingPlanChange>;
