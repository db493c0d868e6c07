/**
 * Crash safety of the column save path (issue 7, item 1), shared by
 * test/integration/crash.integration.test.ts (a few rounds) and bench/crash.bench.ts (100 rounds).
 *
 * The real server (src/server/main.ts) runs in a child process on a fresh database seeded with a
 * school (bench/support/gradebook-data.ts: classes, teachers with accounts, every class × scored
 * subject assigned). Teachers log in once — sessions live in the database and survive restarts.
 * Each round: several workers save whole columns concurrently over HTTP (every save with its own
 * Idempotency-Key, one save in flight per grade book, values derived from the version so a column
 * tells which save it holds); after a random delay the server gets SIGKILL. Then, while it
 * restarts, `sodiem verify-audit` runs on the database as the crash left it, and the harness checks:
 * - every acknowledged save (HTTP 200) is stored, with its values (lost = 0);
 * - every column holds one whole save: all its cells at one version with that version's values,
 *   or no cells (half-applied = 0);
 * - a save cut off by the crash is either fully there or fully absent, and retried with the same
 *   Idempotency-Key after the restart it ends applied exactly once (version = base + 1);
 * - per grade book, Σ cell versions = the number of its cell audit events;
 * - `sodiem verify-audit` exits 0.
 */
import { randomUUID } from 'node:crypto';
import { gradebookChain, verifyAuditChains } from '../../src/server/platform/audit/audit-log.ts';
import { verifyStoredRecords } from '../../src/server/platform/audit/audited-records.ts';
import { TestClient } from '../../test/helpers/client.ts';
import { scoreTenths, scoreText } from './column-pool.ts';
import { type BenchGradebook, seedBenchSchool } from './gradebook-data.ts';
import { type Dialect, type ScratchDatabase, createScratchDatabase, runCliAsync } from './scratch-database.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

export interface CrashOptions {
  repoRoot: string;
  dialect: Dialect;
  /** PostgreSQL: a server where a database may be created. */
  pgAdminUrl?: string;
  rounds: number;
  classes?: number;
  studentsPerClass?: number;
  subjectsPerClass?: number;
  teachers?: number;
  /** Concurrent savers (one grade book each at a time). */
  workers?: number;
  /** The kill comes this long after the load starts: uniform in [min, max] ms. */
  killAfterMs?: [number, number];
  /**
   * Run `sodiem verify-audit` (a child process) after every n-th round and after the last; the
   * other rounds run the same checks in-process (verifyAuditChains + verifyStoredRecords, what the
   * command calls). Default 1: the command every round.
   */
  verifyEvery?: number;
  /** Start no new round after this many minutes (a time budget); the summary says how many ran. */
  budgetMinutes?: number;
  log?: (line: string) => void;
}

export interface CrashSummary {
  dialect: Dialect;
  rounds: number;
  acknowledged: number;
  /** Saves whose answer never came (in flight at the kill). */
  cutOff: number;
  cutOffFoundCommitted: number;
  retriedApplied: number;
  lost: number;
  halfApplied: number;
  /** Other inconsistencies: a column at a version no save explains, Σ versions ≠ audit events. */
  inconsistent: number;
  /** Non-2xx answers (none expected: the generator never conflicts with itself). */
  refused: number;
  verifyAuditRuns: number;
  /** Rounds checked in-process instead (the same functions `sodiem verify-audit` calls). */
  inProcessVerifications: number;
  verifyAuditFailures: number;
  problems: string[];
  seconds: number;
}

interface ColumnState {
  version: number;
  /** A save whose answer never came: the column is at `base` or `base + 1`. */
  pending: { base: number; key: string } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bodyOf(g: BenchGradebook, column: number, base: number) {
  const key = g.columns[column].key;
  return {
    changes: g.studentIds.map((studentId, s) => ({ studentId, columnKey: key, value: scoreText(scoreTenths(s, column, base + 1)), baseVersion: base })),
    source: 'typed' as const,
    reason: base === 0 ? '' : 'kiểm thử sự cố: nhập lại cả cột',
  };
}

const pathOf = (g: BenchGradebook, column: number) => `/api/v1/classes/${g.classId}/subjects/${g.subjectId}/terms/${g.columns[column].termNo}/cells`;

export async function runCrashRounds(options: CrashOptions): Promise<CrashSummary> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const workers = options.workers ?? 8;
  const [killMin, killMax] = options.killAfterMs ?? [150, 1200];
  const verifyEvery = options.verifyEvery ?? 1;
  const database: ScratchDatabase = await createScratchDatabase(options.dialect, options.pgAdminUrl, 'sodiem_crash');
  const summary: CrashSummary = {
    dialect: options.dialect,
    rounds: 0,
    acknowledged: 0,
    cutOff: 0,
    cutOffFoundCommitted: 0,
    retriedApplied: 0,
    lost: 0,
    halfApplied: 0,
    inconsistent: 0,
    refused: 0,
    verifyAuditRuns: 0,
    inProcessVerifications: 0,
    verifyAuditFailures: 0,
    problems: [],
    seconds: 0,
  };
  const problem = (line: string) => {
    if (summary.problems.length < 50) summary.problems.push(line);
    log(`PROBLEM: ${line}`);
  };
  let server: ServerProcess | null = null;
  try {
    const seed = database.open();
    const school = await seedBenchSchool(seed, {
      classes: options.classes ?? 4,
      studentsPerClass: options.studentsPerClass ?? 30,
      subjectsPerClass: options.subjectsPerClass ?? 2,
      teachers: options.teachers ?? 4,
    });
    await seed.close();
    const books = school.gradebooks;
    const state: ColumnState[][] = books.map((g) => g.columns.map(() => ({ version: 0, pending: null })));
    const cursor = books.map(() => 0);

    // The server's own stderr and exit, to explain a server that dies on its own (not by our SIGKILL).
    let serverLog = '';
    let killedByUs = false;
    const start = async () => {
      const s = await startServerProcess({ repoRoot: options.repoRoot, dataDir: database.dataDir, databaseUrl: database.url });
      serverLog = '';
      killedByUs = false;
      s.child.stderr!.on('data', (d) => (serverLog = (serverLog + d).slice(-4000)));
      s.child.once('exit', (code, signal) => {
        if (!killedByUs) serverLog += `\n[server exited on its own: code ${code}, signal ${signal}]`;
      });
      return s;
    };
    server = await start();
    const sessions: { cookie: string; csrfToken: string }[] = [];
    for (const t of school.teachers) {
      const c = await new TestClient(server.baseUrl).login(t.username, school.password);
      sessions.push({ cookie: c.cookie!, csrfToken: c.csrfToken! });
    }

    const send = (baseUrl: string, b: number, column: number, base: number, key: string) => {
      const g = books[b];
      const s = sessions[g.teacher];
      return fetch(baseUrl + pathOf(g, column), {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'idempotency-key': key, 'user-agent': 'sodiem-crash' },
        body: JSON.stringify(bodyOf(g, column, base)),
        signal: AbortSignal.timeout(30_000),
      });
    };

    const budgetEnd = options.budgetMinutes ? started + options.budgetMinutes * 60_000 : Number.POSITIVE_INFINITY;
    rounds: for (let round = 1; round <= options.rounds && performance.now() < budgetEnd; round++) {
      const srv: ServerProcess = server!;
      // Free grade books, shuffled so that each round hits different ones first.
      const free = books.map((_, i) => i).sort(() => Math.random() - 0.5);
      let killed = false;
      let roundAcks = 0;
      const worker = async () => {
        while (!killed) {
          const b = free.shift();
          if (b === undefined) return;
          const column = cursor[b];
          cursor[b] = (column + 1) % books[b].columns.length;
          const st = state[b][column];
          const base = st.version;
          const key = randomUUID();
          try {
            const res = await send(srv.baseUrl, b, column, base, key);
            const text = await res.text();
            if (res.status === 200) {
              const saved = (JSON.parse(text) as { saved: unknown[] }).saved.length;
              if (saved !== books[b].studentIds.length) problem(`round ${round}: 200 with ${saved} cells saved of ${books[b].studentIds.length}`);
              st.version = base + 1;
              summary.acknowledged += 1;
              roundAcks += 1;
            } else {
              summary.refused += 1;
              problem(`round ${round}: save refused ${res.status} ${text.slice(0, 200)}`);
            }
            free.push(b);
          } catch {
            // No answer: the kill came first. The column is at base or base + 1; settled after the restart.
            st.pending = { base, key };
            summary.cutOff += 1;
          }
        }
      };
      const delay = killMin + Math.random() * (killMax - killMin);
      const load = Promise.all(Array.from({ length: Math.min(workers, books.length) }, worker));
      await sleep(delay);
      const exited = new Promise((r) => srv.child.once('exit', r));
      killedByUs = true;
      srv.child.kill('SIGKILL');
      killed = true;
      await exited;
      await load;
      if (options.dialect === 'postgres') await sleep(100); // let the dead connections' backends roll back

      // verify-audit on the database exactly as the crash left it, while the server restarts.
      const verifyNow = round % verifyEvery === 0 || round === options.rounds;
      const [restarted, verify] = await Promise.all([start(), verifyNow ? runCliAsync(options.repoRoot, ['verify-audit'], database) : Promise.resolve(null)]);
      server = restarted;
      if (verify) {
        summary.verifyAuditRuns += 1;
        if (verify.status !== 0) {
          summary.verifyAuditFailures += 1;
          problem(`round ${round}: verify-audit exit ${verify.status}: ${(verify.stdout + verify.stderr).slice(-600)}`);
        }
      } else {
        const h = database.open();
        try {
          const chains = await verifyAuditChains(h.db);
          const cells = await verifyStoredRecords(h.db);
          summary.inProcessVerifications += 1;
          if (chains.breaks.length || cells.length) {
            summary.verifyAuditFailures += 1;
            problem(`round ${round}: audit check: ${chains.breaks.length} broken chains, ${cells.length} cells not matching their audit trail`);
          }
        } finally {
          await h.close();
        }
      }

      // Every column as stored: one whole save (version v with v's values) or nothing.
      const stored = await storedColumns(database, books);
      let settled = 0;
      const committedBefore = summary.cutOffFoundCommitted;
      for (const [b, g] of books.entries()) {
        for (let c = 0; c < g.columns.length; c++) {
          const st = state[b][c];
          const s = stored.get(`${b}|${c}`);
          const where = `round ${round}, ${g.className} ${g.subjectCode} ${g.columns[c].termNo}/${g.columns[c].key}`;
          if (s === 'half') {
            summary.halfApplied += 1;
            problem(`${where}: half-applied batch (cells at different versions, missing cells or values of another version)`);
            continue;
          }
          const v = s ?? 0;
          if (st.pending) {
            if (v !== st.pending.base && v !== st.pending.base + 1) {
              summary.inconsistent += 1;
              problem(`${where}: at version ${v}, the cut-off save was from ${st.pending.base}`);
            } else if (v === st.pending.base + 1) summary.cutOffFoundCommitted += 1;
          } else if (v < st.version) {
            summary.lost += 1;
            problem(`${where}: acknowledged version ${st.version} but stored ${v} — an acknowledged save is lost`);
          } else if (v > st.version) {
            summary.inconsistent += 1;
            problem(`${where}: stored version ${v} but only ${st.version} was saved`);
          }
        }
      }
      // Retry every cut-off save with its Idempotency-Key: applied once whatever the crash did.
      for (const [b, g] of books.entries()) {
        for (let c = 0; c < g.columns.length; c++) {
          const st = state[b][c];
          if (!st.pending) continue;
          const before = stored.get(`${b}|${c}`) ?? 0;
          let res: Response;
          let text: string;
          try {
            res = await send(server.baseUrl, b, c, st.pending.base, st.pending.key);
            text = await res.text();
          } catch (e) {
            summary.inconsistent += 1;
            problem(`round ${round}: the restarted server did not answer the retry (${(e as Error).cause ?? e}); its stderr: ${serverLog.trim() || '(empty)'}`);
            break rounds; // nothing more to learn from this database
          }
          const alreadyApplied = res.status === 409 && /"alreadyApplied":true/.test(text);
          if (alreadyApplied && before === st.pending.base + 1) {
            // committed before the kill, answer lost: recognised by its key, not applied again
          } else if (res.status !== 200) {
            summary.inconsistent += 1;
            problem(`round ${round}: retry of a cut-off save → ${res.status} ${text.slice(0, 200)}`);
          } else if (before === st.pending.base) summary.retriedApplied += 1;
          st.version = st.pending.base + 1;
          st.pending = null;
          settled += 1;
        }
      }
      const after = await storedColumns(database, books);
      for (const [b] of books.entries()) {
        for (let c = 0; c < books[b].columns.length; c++) {
          const s = after.get(`${b}|${c}`) ?? 0;
          if (s !== state[b][c].version) {
            summary.inconsistent += 1;
            problem(`round ${round}: after the retries ${books[b].className} column ${c} is at ${s}, expected ${state[b][c].version}`);
          }
        }
      }
      const versionsVsEvents = await versionsAgainstEvents(database, books);
      for (const line of versionsVsEvents) {
        summary.inconsistent += 1;
        problem(`round ${round}: ${line}`);
      }
      summary.rounds = round;
      log(`round ${round}/${options.rounds}: killed after ${Math.round(delay)} ms, ${roundAcks} saves acknowledged, ${settled} cut off (${summary.cutOffFoundCommitted - committedBefore} of them committed), all retried${verify ? `, verify-audit exit ${verify.status}` : ''}`);
    }
  } finally {
    if (server) {
      const s = server;
      const exited = new Promise((r) => s.child.once('exit', r));
      if (s.child.exitCode === null) {
        s.child.kill('SIGKILL');
        await exited;
      }
    }
    await database.drop();
    summary.seconds = (performance.now() - started) / 1000;
  }
  return summary;
}

/** `b|c` → the version every cell of that column holds, 'half' when they disagree, absent when empty. */
async function storedColumns(database: ScratchDatabase, books: BenchGradebook[]): Promise<Map<string, number | 'half'>> {
  const handle = database.open();
  try {
    const rows = await handle.db
      .selectFrom('gradebook_cells')
      .select(['class_id', 'subject_id', 'term_no', 'column_key', 'student_id', 'score_tenths', 'version'])
      .where('class_id', 'in', [...new Set(books.map((g) => g.classId))])
      .execute();
    const byColumn = new Map<string, typeof rows>();
    for (const r of rows) {
      const k = `${r.class_id}|${r.subject_id}|${Number(r.term_no)}|${r.column_key}`;
      const list = byColumn.get(k) ?? [];
      list.push(r);
      byColumn.set(k, list);
    }
    const out = new Map<string, number | 'half'>();
    for (const [b, g] of books.entries()) {
      for (const [c, col] of g.columns.entries()) {
        const cells = byColumn.get(`${g.classId}|${g.subjectId}|${col.termNo}|${col.key}`);
        if (!cells?.length) continue;
        const v = Number(cells[0].version);
        const byStudent = new Map(cells.map((x) => [x.student_id, x]));
        const whole =
          cells.length === g.studentIds.length &&
          g.studentIds.every((id, s) => {
            const x = byStudent.get(id);
            return x !== undefined && Number(x.version) === v && Number(x.score_tenths) === scoreTenths(s, c, v);
          });
        out.set(`${b}|${c}`, whole ? v : 'half');
      }
    }
    return out;
  } finally {
    await handle.close();
  }
}

/** Each stored cell version is one audit event: per grade book, Σ versions = its cell events. */
async function versionsAgainstEvents(database: ScratchDatabase, books: BenchGradebook[]): Promise<string[]> {
  const handle = database.open();
  try {
    const versions = await handle.db
      .selectFrom('gradebook_cells')
      .select(['class_id', 'subject_id', (eb) => eb.fn.sum<number>('version').as('v')])
      .where('class_id', 'in', [...new Set(books.map((g) => g.classId))])
      .groupBy(['class_id', 'subject_id'])
      .execute();
    const events = await handle.db
      .selectFrom('audit_events')
      .select(['chain_key', (eb) => eb.fn.countAll<number>().as('n')])
      .where('chain_key', 'in', books.map((g) => gradebookChain(g.classId, g.subjectId)))
      .where('entity_type', '=', 'gradebook_cell')
      .groupBy('chain_key')
      .execute();
    const v = new Map(versions.map((r) => [gradebookChain(r.class_id, r.subject_id), Number(r.v)]));
    const e = new Map(events.map((r) => [r.chain_key, Number(r.n)]));
    const out: string[] = [];
    for (const g of books) {
      const chain = gradebookChain(g.classId, g.subjectId);
      if ((v.get(chain) ?? 0) !== (e.get(chain) ?? 0)) out.push(`${g.className} ${g.subjectCode}: Σ versions ${v.get(chain) ?? 0} ≠ ${e.get(chain) ?? 0} audit events`);
    }
    return out;
  } finally {
    await handle.close();
  }
}
