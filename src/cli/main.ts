/**
 * The `sodiem` command line: `npm run -s sodiem -- COMMAND ...`.
 * Each command is a module exporting one function (args, io) => exit code, imported lazily so
 * `evaluate` runs without loading the server or a database driver.
 */
import { processIo, type CliIo } from './io.ts';

type Command = (args: string[], io: CliIo) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  evaluate: {
    summary: 'evaluate FILE|-        áp dụng quy chế đánh giá (TT 22/2021, TT 27/2020) cho tệp JSON',
    load: async () => (await import('./commands/evaluate.ts')).evaluateCommand,
  },
  'verify-audit': {
    summary: 'verify-audit           kiểm tra toàn bộ chuỗi nhật kí (hash) và dữ liệu so với nhật kí',
    load: async () => (await import('./commands/verify-audit.ts')).verifyAuditCommand,
  },
  'anchor-audit': {
    summary: 'anchor-audit           ký một điểm neo của mọi chuỗi nhật kí (khóa nằm ngoài cơ sở dữ liệu)',
    load: async () => (await import('./commands/anchor-audit.ts')).anchorAuditCommand,
  },
  backup: {
    summary: 'backup FILE            sao lưu toàn bộ cơ sở dữ liệu và tệp',
    load: async () => (await import('./commands/backup.ts')).backupCommand,
  },
  restore: {
    summary: 'restore FILE           phục hồi vào một cơ sở dữ liệu trống',
    load: async () => (await import('./commands/restore.ts')).restoreCommand,
  },
  archive: {
    summary: 'archive verify DIR     kiểm tra gói lưu trữ năm học (không cần mạng); archive create: lập gói',
    load: async () => (await import('./commands/archive.ts')).archiveCommand,
  },
  'reset-second-factor': {
    summary: 'reset-second-factor USERNAME  tắt xác thực hai lớp của tài khoản mất cả điện thoại và mã khôi phục',
    load: async () => (await import('./commands/reset-second-factor.ts')).resetSecondFactorCommand,
  },
  'demo-totp': {
    summary: 'demo-totp USERNAME     mã TOTP hiện tại của tài khoản dùng thử',
    load: async () => (await import('./commands/demo-totp.ts')).demoTotpCommand,
  },
  demo: {
    summary: 'demo [--at YYYY-MM-DD]  tạo dữ liệu mẫu vào cơ sở dữ liệu trống như khi chạy lần đầu ngày đó',
    load: async () => (await import('./commands/demo.ts')).demoCommand,
  },
  migrate: {
    summary: 'migrate                áp dụng các migration còn thiếu',
    load: async () => (await import('./commands/migrate.ts')).migrateCommand,
  },
};

function usage(io: CliIo): void {
  io.stderr('Cách dùng: sodiem COMMAND [...]\n');
  for (const c of Object.values(commands)) io.stderr(`  ${c.summary}\n`);
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    usage(io);
    return 2;
  }
  return (await command.load())(args, io);
}

const exitCode = await main(process.argv.slice(2));
process.exitCode = exitCode;
