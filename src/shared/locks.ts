import { z } from 'zod';
import { ZId, ZIsoDate } from './api-common.ts';
import { ZSchoolSettings } from './school-settings.ts';

export const ZWindowPoint = z.enum(['term1.midterm', 'term1.endOfTerm', 'term2.midterm', 'term2.endOfTerm', 'wholeYear']);

export const ZLock = z.object({
  id: z.string(),
  grade: z.number().int().nullable(),
  classId: z.string().nullable(),
  className: z.string().nullable(),
  subjectId: z.string().nullable(),
  subjectName: z.string().nullable(),
  termNo: z.number().int().nullable(),
  columnKey: z.string().nullable(),
  /** "Toàn trường", "Khối 6 · Học kỳ I", "Lớp 6A1 · Toán · ĐĐGgk" … */
  scopeLabel: z.string(),
  reason: z.string(),
  orderedBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
  releasedByName: z.string().nullable(),
  releasedAt: z.string().nullable(),
  releaseReason: z.string(),
});

export const ZCreateLockInput = z.object({
  grade: z.number().int().min(1).max(12).nullable().default(null),
  classId: ZId.nullable().default(null),
  subjectId: ZId.nullable().default(null),
  termNo: z.number().int().min(1).max(2).nullable().default(null),
  columnKey: z.string().max(20).nullable().default(null),
  reason: z.string().trim().max(300).default(''),
  /** Required when the admin board locks: the principal's order it carries out (C1). */
  orderedBy: z.string().trim().max(200).default(''),
});

export const ZReleaseLockInput = z.object({
  reason: z.string().trim().min(1, 'cần ghi lý do mở sổ').max(300),
  orderedBy: z.string().trim().max(200).default(''),
});

export const ZWindow = z.object({
  id: z.string(),
  point: ZWindowPoint,
  label: z.string(),
  opensOn: ZIsoDate,
  closesOn: ZIsoDate,
  orderedBy: z.string(),
  setByName: z.string(),
  setAt: z.string(),
  /** open, upcoming, or closed (the point is locked automatically). */
  state: z.enum(['upcoming', 'open', 'closed']),
});

export const ZSetWindowInput = z.object({
  opensOn: ZIsoDate,
  closesOn: ZIsoDate,
  orderedBy: z.string().trim().max(200).default(''),
});

export const ZLocksOverview = z.object({ locks: z.array(ZLock), windows: z.array(ZWindow) });

export const ZUpdateSettingsInput = ZSchoolSettings.partial();
