/**
 * `npm start`: parse the configuration, open the database (SQLite in DATA_DIR unless
 * DATABASE_URL is set), apply migrations, seed the demo on first start, and serve.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { isEmpty, migrateToLatest, openDatabase } from './db/database.ts';
import { seedDemo } from './db/seed/seed-demo.ts';
import { parseEnv } from './env.ts';

const env = parseEnv();
const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
const applied = await migrateToLatest(database.db);
let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
if (env.seedDemo && (await isEmpty(database.db))) demo = await seedDemo(database.db);

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const app = await buildApp({ env, database, webRoot: join(repoRoot, 'dist', 'web') });
const address = await app.listen({ port: env.port, host: env.host });
const url = address.replace('127.0.0.1', 'localhost');

const lines = [
  '',
  `Sổ Điểm Số đang chạy tại ${url}`,
  `Cơ sở dữ liệu: ${database.describe}${applied.length ? ` (đã áp dụng ${applied.length} migration)` : ''}`,
];
if (demo) {
  lines.push('', 'Đã tạo dữ liệu mẫu. Tài khoản dùng thử (mật khẩu cho tất cả: ' + demo.password + '):');
  for (const login of demo.logins) lines.push(`  ${login.username.padEnd(22)} ${login.label}`);
  lines.push('', 'Tài khoản Hiệu trưởng và Ban quản trị dùng xác thực hai lớp; mã TOTP dùng thử in bằng:');
  lines.push('  npm run -s sodiem -- demo-totp USERNAME');
} else if (env.seedDemo) {
  lines.push('Dữ liệu mẫu đã có từ lần chạy trước (tài khoản dùng thử: xem README).');
}
console.log(lines.join('\n'));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
}
