/** The school's registered seal certificate (issue 14): the current one, its history, and whether a seal is the school's. */
import type { Executor } from '../platform/db/database.ts';
import type { Row } from '../platform/db/schema.ts';
import { invalid } from '../platform/errors.ts';

/** The registration in force, if the principal made one. */
export async function currentSealRegistration(db: Executor, schoolId: string): Promise<Row<'seal_registrations'> | undefined> {
  return db.selectFrom('seal_registrations').selectAll().where('school_id', '=', schoolId).where('replaced_at', 'is', null).executeTakeFirst();
}

/** Every registration of the school, newest first. */
export async function sealRegistrationsOf(db: Executor, schoolId: string): Promise<Row<'seal_registrations'>[]> {
  return db.selectFrom('seal_registrations').selectAll().where('school_id', '=', schoolId).orderBy('registered_at', 'desc').execute();
}

/** Every registration of the school with the name of the principal who made it, newest first. */
export async function sealRegistrationsWithNames(db: Executor, schoolId: string): Promise<(Row<'seal_registrations'> & { registered_by_name: string | null })[]> {
  return db
    .selectFrom('seal_registrations')
    .leftJoin('users', 'users.id', 'seal_registrations.registered_by')
    .selectAll('seal_registrations')
    .select('users.full_name as registered_by_name')
    .where('seal_registrations.school_id', '=', schoolId)
    .orderBy('seal_registrations.registered_at', 'desc')
    .execute();
}

/**
 * Was the certificate with `sha256` the school's registered seal when the seal was applied at
 * `signedAt` (the server's record of the step)? A seal applied before its registration was
 * replaced stays the school's.
 */
export function isRegisteredSeal(registrations: Row<'seal_registrations'>[], sha256: string, signedAt: string | null): boolean {
  return registrations.some((r) => r.certificate_sha256 === sha256 && (r.replaced_at === null || (signedAt !== null && signedAt < r.replaced_at)));
}

export const sealNotRegistered = () =>
  invalid(
    'Nhà trường chưa đăng kí chứng thư số con dấu, nên chưa đóng dấu số được. Hiệu trưởng cần đăng kí chứng thư con dấu của trường (trang Ký số, mục “Con dấu số của nhà trường”) trước.',
    [{ field: 'certificate', message: 'chưa đăng kí con dấu' }],
  );

const notTheRegisteredSeal = (registered: Row<'seal_registrations'>, sha256: string) =>
  invalid(
    `Chứng thư số này không phải chứng thư con dấu đã đăng kí của nhà trường (đã đăng kí: ${registered.subject}, dấu vân tay SHA-256 ${registered.certificate_sha256.slice(0, 16)}…; chứng thư dùng để ký: ${sha256.slice(0, 16)}…). Không đóng dấu.`,
    [{ field: 'certificate', message: 'không phải con dấu đã đăng kí' }],
  );

/** The seal step's certificate must be the school's registered seal (refused with why, in Vietnamese). */
export async function assertRegisteredSeal(db: Executor, schoolId: string, sha256: string): Promise<void> {
  const registered = await currentSealRegistration(db, schoolId);
  if (!registered) throw sealNotRegistered();
  if (registered.certificate_sha256 !== sha256) throw notTheRegisteredSeal(registered, sha256);
}
