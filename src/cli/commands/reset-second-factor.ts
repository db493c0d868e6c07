/**
 * `sodiem reset-second-factor USERNAME`: the server's operator turns off the second factor of an
 * account whose owner lost both her phone and her recovery codes — the way back for a principal,
 * whose account no one in the school may reset. Audited as done from the command line.
 */
import { randomUUID } from 'node:crypto';
import { resetSecondFactor } from '../../server/accounts/index.ts';
import { AppError } from '../../server/platform/errors.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function resetSecondFactorCommand(args: string[], io: CliIo): Promise<number> {
  const username = args[0];
  if (!username || args.length > 1) {
    io.stderr('Cách dùng: sodiem reset-second-factor USERNAME\n');
    return 2;
  }
  const { database, clock } = await openConfiguredDatabase();
  try {
    const user = await database.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    if (!user) {
      io.stderr(`Không có tài khoản ${username}.\n`);
      return 1;
    }
    const audit = { actorUserId: null, actorRole: 'system', ip: '127.0.0.1', userAgent: 'sodiem reset-second-factor', requestId: randomUUID(), now: clock().toISOString() };
    await resetSecondFactor({ db: database.db, actor: null, user, audit });
    io.stdout(`Đã tắt xác thực hai lớp của ${username}: mã khôi phục cũ hết hiệu lực, mọi phiên đăng nhập đã đóng. Người dùng đăng nhập bằng mật khẩu rồi bật lại xác thực hai lớp.\n`);
    return 0;
  } catch (error) {
    if (error instanceof AppError) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}
