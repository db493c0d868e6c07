/**
 * `sodiem demo --at YYYY-MM-DD` (contracts/cli.md): seeds the demo into an empty database as if
 * `npm start` had first run on that date (09:00 Vietnam time): its school year, terms, update
 * windows, grade books, results, transcripts and test certificates (demo-calendar.ts). Without
 * --at, today by the configured clock. Exit 0; 2 when the database is not empty or the date is
 * not valid.
 */
import { clockStartingAt, parseInstant } from '../../server/platform/clock.ts';
import { isEmpty } from '../../server/platform/db/database.ts';
import { demoCalendar, ensureDemoCertificates, seedDemo, seedDemoDocuments } from '../../server/demo/index.ts';
// The demo prints học bạ through the print job: the kinds of print must be registered.
import '../../server/print-kinds.ts';
import { formatDay, vietnamDay } from '../../domain/calendar/vietnam-time.ts';
import type { CliIo } from '../io.ts';
import { openConfiguredDatabase } from '../open-configured-database.ts';

const USAGE = 'Cách dùng: sodiem demo [--at YYYY-MM-DD]\n';
/** The demo's grades 6–9 are all under TT 22/2021 (the 2018 programme) from 2024-2025 on. */
const FIRST_DEMO_DAY = '2024-09-01';
const PHASE: Record<string, string> = { term1: 'học kỳ I', term2: 'học kỳ II', summer: 'nghỉ hè (kiểm tra lại, chuyển năm học)' };

export async function demoCommand(args: string[], io: CliIo): Promise<number> {
  const i = args.indexOf('--at');
  const at = i >= 0 ? args[i + 1] : undefined;
  if ((i >= 0 && !at) || args.length !== (i >= 0 ? 2 : 0)) {
    io.stderr(USAGE);
    return 2;
  }
  if (at !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(at)) {
    io.stderr(`Ngày không hợp lệ: "${at}" (cần YYYY-MM-DD).\n${USAGE}`);
    return 2;
  }
  let start: Date | null = null;
  try {
    if (at) start = new Date(parseInstant(at));
  } catch (e) {
    io.stderr(`${(e as Error).message}\n`);
    return 2;
  }
  if (at && at < FIRST_DEMO_DAY) {
    io.stderr(`Dữ liệu mẫu bắt đầu từ năm học 2024-2025 (năm đầu lớp 9 đánh giá theo Thông tư 22/2021): chọn một ngày từ ${formatDay(FIRST_DEMO_DAY)}.\n`);
    return 2;
  }
  const { env, database, clock } = await openConfiguredDatabase();
  try {
    if (!(await isEmpty(database.db))) {
      io.stderr('Cơ sở dữ liệu không trống: dữ liệu mẫu chỉ được tạo trong cơ sở dữ liệu trống (không bao giờ ghi vào dữ liệu thật).\n');
      return 2;
    }
    const demoClock = start ? clockStartingAt(start) : clock;
    const now = demoClock();
    const seed = await seedDemo(database.db, { now });
    const certificates = await ensureDemoCertificates(database.db, env.dataDir, demoClock());
    // As on a first `npm start`: 9A1's học bạ printed and waiting for each signer.
    const documents = certificates
      ? await seedDemoDocuments(database.db, { dataDir: env.dataDir, schoolId: seed.schoolId, classId: seed.classIds['9A1'], now: demoClock(), baseUrl: env.publicUrl })
      : null;
    const cal = demoCalendar(vietnamDay(now));
    io.stdout(
      `Đã tạo dữ liệu mẫu như khi chạy lần đầu ngày ${formatDay(cal.today)}: năm học ${cal.startYear}-${cal.startYear + 1}, ${PHASE[cal.phase]}; ${seed.logins.length} tài khoản dùng thử (mật khẩu ${seed.password})${certificates ? `; chứng thư số dùng thử trong ${certificates.dir}` : ''}${documents ? `; học bạ lớp 9A1: ${documents.awaitingHomeroom} chờ GVCN ký, ${documents.awaitingPrincipal} chờ Hiệu trưởng ký, ${documents.signed} đã ký đủ` : ''}.\n` +
        `Để xem đúng ngày đó: SODIEM_NOW=${at ?? cal.today} npm start\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}
