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
  /** Why the window changes: required when the admin board asks (the principal confirms it). */
  reason: z.string().trim().max(300).default(''),
  /** Issue 15: the principal confirms a window that ends today or earlier while required cells are still empty (they lock empty). */
  confirmEmpty: z.boolean().default(false),
});

/** One class's required column still empty under a window: "ĐĐGgk 6A1 (Toán): 0/40". */
export const ZEmptyColumn = z.object({
  classId: z.string(),
  className: z.string(),
  subjectName: z.string(),
  termNo: z.number().int(),
  columnKey: z.string(),
  columnLabel: z.string(),
  entered: z.number().int(),
  students: z.number().int(),
});

/** 409 on a window that would lock empty required cells: the list the principal confirms (send again with confirmEmpty). */
export const ZWindowClosingRefused = z.object({
  error: z.string(),
  message: z.string(),
  emptyColumns: z.array(ZEmptyColumn).optional(),
  emptyCells: z.number().int().optional(),
});

/** A lock the end of an update window sets by itself (find-edit-block.ts): what it covers, since when, by whose window, and the classes it locked with cells empty. */
export const ZAutoLock = z.object({
  windowId: z.string(),
  point: ZWindowPoint,
  /** "Toàn trường · Học kỳ I · ĐĐGgk" */
  scopeLabel: z.string(),
  /** "Đợt cập nhật điểm giữa học kỳ I (28/11/2026–05/12/2026) đã kết thúc" */
  reason: z.string(),
  setByName: z.string(),
  closesOn: ZIsoDate,
  /** Until when: the window moved again by the principal, or a correction approved. */
  until: z.string(),
  /** Per class: the required cells locked empty (classes with every cell entered are left out). */
  emptyByClass: z.array(z.object({ classId: z.string(), className: z.string(), emptyCells: z.number().int(), columns: z.string() })),
});

/** A lock release or window change asked by the admin board, for the principal to confirm (issue 14 §3). */
export const ZLockRequest = z.object({
  id: z.string(),
  kind: z.enum(['release', 'window']),
  lockId: z.string().nullable(),
  point: ZWindowPoint.nullable(),
  opensOn: ZIsoDate.nullable(),
  closesOn: ZIsoDate.nullable(),
  /** "Mở sổ Lớp 6A1 · Toán · Học kỳ I", "Đặt đợt cập nhật điểm giữa học kỳ I: 28/11/2026–12/12/2026" … */
  summary: z.string(),
  reason: z.string(),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  status: z.enum(['pending', 'confirmed', 'refused']),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string(),
  /** Whether the user asking may confirm or refuse it now. */
  canDecide: z.boolean(),
});

export const ZStaffRef = z.object({ userId: z.string(), fullName: z.string() });

export const ZLocksOverview = z.object({
  locks: z.array(ZLock),
  windows: z.array(ZWindow),
  requests: z.array(ZLockRequest),
  /** Issue 15: the locks closed windows set by themselves, listed with the manual ones. */
  autoLocks: z.array(ZAutoLock),
  /** The vice-principal who confirms in the principal's place; null when none. */
  delegate: ZStaffRef.nullable(),
});

/** The answer to a release or window change: applied (the principal) or requested (anyone else). */
export const ZLockChangeResult = ZLocksOverview.extend({ outcome: z.enum(['applied', 'requested']) });

export const ZDecideLockRequestInput = z.object({
  decision: z.enum(['confirm', 'refuse']),
  reason: z.string().trim().max(300).default(''),
});


export const ZUpdateSettingsInput = ZSchoolSettings.partial();
