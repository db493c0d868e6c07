/**
 * `npm start`: parse the configuration, open the database (SQLite in DATA_DIR unless
 * DATABASE_URL is set), apply migrations, seed the demo on first start, and serve.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from './app.ts';
import { configuredClock } from './platform/clock.ts';
import { parseBackupSchedule, startBackupScheduler } from './platform/backup/schedule.ts';
import { startAnchorScheduler } from './platform/audit/anchor-audit.ts';
import { isEmpty, migrateToLatest, openDatabase } from './platform/db/database.ts';
import { DEMO_PASSWORD, ensureDemoCertificates, existingDemoLogins, seedDemo, seedDemoDocuments } from './demo/index.ts';
import { parseEnv } from './platform/env.ts';
import { startReminderScheduler } from './todo/index.ts';

const env = parseEnv();
// The one clock of this process (SODIEM_NOW starts it at a date, for walking the demo then).
const clock = configuredClock(env.clockStart);
const database = openDatabase({ dataDir: env.dataDir, databaseUrl: env.databaseUrl });
const applied = await migrateToLatest(database.db);
let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
// The demo is seeded only into an empty database, so a real school's data is never touched.
if (env.seedDemo && (await isEmpty(database.db))) demo = await seedDemo(database.db, { now: clock() });

// The demo school gets test certificates so signing can be tried end to end (never for real use);
// its seal signs when no real seal certificate is configured.
const demoLogins = demo?.logins ?? (env.seedDemo ? await existingDemoLogins(database.db) : []);
const demoCertificates = demoLogins.length ? await ensureDemoCertificates(database.db, env.dataDir, clock()) : null;
if (demoCertificates && !env.signing.seal) env.signing.seal = { backend: 'pkcs12', file: demoCertificates.seal, password: DEMO_PASSWORD };
// A fresh demo has 9A1's học bạ printed and waiting for each signer (issue 12).
if (demo && demoCertificates) {
  await seedDemoDocuments(database.db, { dataDir: env.dataDir, schoolId: demo.schoolId, classId: demo.classIds['9A1'], now: clock(), baseUrl: env.publicUrl });
}

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const app = await buildApp({ env, database, webRoot: join(repoRoot, 'dist', 'web'), clock });
const address = await app.listen({ port: env.port, host: env.host });
const url = address.replace('127.0.0.1', 'localhost');

const lines = [
  '',
  `Sổ Điểm Số đang chạy tại ${url}`,
  `Cơ sở dữ liệu: ${database.describe}${applied.length ? ` (đã áp dụng ${applied.length} migration)` : ''}`,
];
const logins = demoLogins;
if (logins.length) {
  lines.push('', `Tài khoản dùng thử (mật khẩu cho tất cả: ${DEMO_PASSWORD}):`);
  for (const login of logins) {
    lines.push(`  ${login.username.padEnd(16)} ${login.label}${login.totpSecret ? ` — khóa TOTP ${login.totpSecret}` : ''}`);
  }
  lines.push('', `Mã TOTP hiện tại của tài khoản có TOTP: ${env.clockStart ? `SODIEM_NOW=${env.clockStart} ` : ''}npm run -s sodiem -- demo-totp USERNAME`);
  if (demoCertificates) {
    lines.push(
      '',
      `Chứng thư số dùng thử (chỉ để thử ký số, không có giá trị pháp lý; mật khẩu ${DEMO_PASSWORD}): ${demoCertificates.dir}`,
      `  ${demoCertificates.people.map((p) => `${p.username}.p12`).join(', ')}; con dấu số của trường: con-dau-truong.p12 (đã cấu hình sẵn)`,
    );
  }
}
console.log(lines.join('\n'));

// Daily backups into DATA_DIR/backups (P7, docs/operations.md); one process takes each day's.
const backups = startBackupScheduler({
  database,
  dataDir: env.dataDir,
  config: parseBackupSchedule(env.backupAt, env.backupKeep),
  clock,
  log: (m, e) => (e ? console.error(m, e) : console.log(m)),
});

// A signed checkpoint of the audit chains at least once a day (Q3, docs/security.md).
const anchors = startAnchorScheduler({ db: database.db, env, clock, log: (m, e) => console.error(m, e) });

// Reminders before an update window ends: one job per school a day (issue 15, docs/user-guide.md).
const reminders = startReminderScheduler({ db: database.db, clock, log: (m, e) => console.error(m, e) });

async function shutDown(): Promise<void> {
  backups.stop();
  anchors.stop();
  reminders.stop();
  await app.close();
  await database.close();
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void shutDown());
