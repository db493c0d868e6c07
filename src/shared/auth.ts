import { z } from 'zod';
import { ROLES } from '../domain/policies/actor.ts';

export const ZRole = z.enum(ROLES);

export const ZLoginInput = z.object({
  username: z.string().trim().min(1, 'chưa nhập tên đăng nhập').max(100),
  password: z.string().min(1, 'chưa nhập mật khẩu').max(200),
});

/** What the client must do next after a step of the login. */
export const ZLoginNext = z.enum(['totp', 'changePassword', 'setupTotp', 'ready']);

export const ZLoginResult = z.object({ next: ZLoginNext, csrfToken: z.string() });

export const ZTotpInput = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'mã gồm 6 chữ số') });

export const ZChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});

export const ZGrant = z.object({
  role: ZRole,
  roleLabel: z.string(),
  schoolId: z.string().nullable(),
  orgUnitId: z.string().nullable(),
  studentId: z.string().nullable(),
});

export const ZSchoolRef = z.object({ id: z.string(), name: z.string(), code: z.string(), level: z.string() });

export const ZMe = z.object({
  user: z.object({ id: z.string(), username: z.string(), fullName: z.string(), totpEnabled: z.boolean() }),
  next: ZLoginNext,
  csrfToken: z.string(),
  grants: z.array(ZGrant),
  schools: z.array(ZSchoolRef),
  homeroomClassIds: z.array(z.string()),
  teaching: z.array(z.object({ classId: z.string(), subjectId: z.string() })),
  /** Per school id: action → allowed. */
  abilities: z.record(z.string(), z.record(z.string(), z.boolean())),
  /** The server's clock when it answered (ISO instant): the web app's "today" follows it, not the device's. */
  now: z.string(),
});
export type Me = z.infer<typeof ZMe>;
