/**
 * `sodiem demo-totp USERNAME`: the current TOTP code of a seeded demo account, so the demo can
 * be tried without a phone. Works only for the demo's own secrets, never for a real account.
 */
import { totpCode } from '../../server/auth/index.ts';
import { demoSecret } from '../../server/demo/index.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

export async function demoTotpCommand(args: string[], io: CliIo): Promise<number> {
  const username = args[0];
  if (!username) {
    io.stderr('Cách dùng: sodiem demo-totp USERNAME\n');
    return 2;
  }
  const { database, clock } = await openConfiguredDatabase();
  try {
    const user = await database.db.selectFrom('users').select(['totp_secret']).where('username', '=', username).executeTakeFirst();
    if (!user?.totp_secret || user.totp_secret !== demoSecret(username)) {
      io.stderr(`${username} không phải tài khoản dùng thử có TOTP.\n`);
      return 2;
    }
    io.stdout(`${totpCode(user.totp_secret, clock().getTime())}\n`);
    return 0;
  } finally {
    await database.close();
  }
}
