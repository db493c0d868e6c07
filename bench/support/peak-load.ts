/**
 * The deadline evening over HTTP (issue 7, item 3), shared by bench/peak.bench.ts and
 * test/integration/peak-smoke.integration.test.ts: many teachers saving whole columns in their own
 * classes (autocannon, one save in flight per grade book, bench/support/http-load.ts) while the
 * leadership opens the schools' entry-progress pages (GET /years/:yearId/progress, another
 * autocannon at the same time). Then: every acknowledged save is stored, every column at the
 * version its saves explain.
 */
import autocannon from 'autocannon';
import type { DatabaseHandle } from '../../src/server/platform/db/database.ts';
import { TestClient } from '../../test/helpers/client.ts';
import { ColumnPool } from './column-pool.ts';
import { type LoadResult, type TeacherSession, runHttpLoad } from './http-load.ts';
import type { Province, ProvinceGradebook } from './province-generator.ts';
import { storedColumnVersion } from './stored-column-version.ts';

export interface PeakCast {
  /** The grade books of the teachers who log in; `teacher` indexes `sessions`. */
  gradebooks: ProvinceGradebook[];
  sessions: TeacherSession[];
  /** The user id behind each session. */
  teacherUserIds: string[];
  /** One logged-in leader per school taking part, with the year whose progress they open. */
  leaders: { session: TeacherSession; yearId: string }[];
}

export interface ReadResult {
  requests: number;
  perSecond: number;
  latency: { p50: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface PeakResult {
  saves: LoadResult;
  reads: ReadResult;
}

/**
 * Logs in `teachers` teachers spread over the province's schools (every school in turn) and the
 * leaders of the schools they belong to; keeps the grade books of those teachers.
 */
export async function castPeak(baseUrl: string, province: Province, teachers: number): Promise<PeakCast> {
  const bySchool = new Map<number, number[]>();
  province.teachers.forEach((t, i) => bySchool.set(t.schoolIndex, [...(bySchool.get(t.schoolIndex) ?? []), i]));
  const chosen: number[] = [];
  for (let round = 0; chosen.length < teachers; round++) {
    let added = false;
    for (const list of bySchool.values()) {
      if (round < list.length && chosen.length < teachers) {
        chosen.push(list[round]);
        added = true;
      }
    }
    if (!added) break;
  }
  const local = new Map(chosen.map((t, i) => [t, i]));
  const sessions: TeacherSession[] = [];
  for (const t of chosen) {
    const c = await new TestClient(baseUrl).login(province.teachers[t].username, province.password);
    sessions.push({ cookie: c.cookie!, csrfToken: c.csrfToken! });
  }
  const gradebooks = province.gradebooks.filter((g) => local.has(g.teacher)).map((g) => ({ ...g, teacher: local.get(g.teacher)! }));
  const schools = [...new Set(chosen.map((t) => province.teachers[t].schoolIndex))];
  const leaders: PeakCast['leaders'] = [];
  for (const s of schools) {
    const c = await new TestClient(baseUrl).login(province.schools[s].leader, province.password);
    leaders.push({ session: { cookie: c.cookie!, csrfToken: c.csrfToken! }, yearId: province.schools[s].yearId });
  }
  return { gradebooks, sessions, teacherUserIds: chosen.map((t) => province.teachers[t].userId), leaders };
}

async function runProgressReads(baseUrl: string, leaders: PeakCast['leaders'], connections: number, seconds: number): Promise<ReadResult> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections,
    pipelining: 1,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const l = leaders[next++ % leaders.length];
          return { ...req, method: 'GET', path: `/api/v1/years/${l.yearId}/progress?termNo=1`, headers: { cookie: l.session.cookie, 'user-agent': 'sodiem-peak' } };
        },
      },
    ],
  });
  const total = result['2xx'] + result.non2xx;
  return {
    requests: total,
    perSecond: total / result.duration,
    latency: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** Saves and progress reads at once for `seconds`. */
export async function runPeak(options: { baseUrl: string; cast: PeakCast; pool: ColumnPool; writers: number; readers: number; seconds: number }): Promise<PeakResult> {
  const [saves, reads] = await Promise.all([
    runHttpLoad({ baseUrl: options.baseUrl, pool: options.pool, sessions: options.cast.sessions, connections: options.writers, seconds: options.seconds }),
    runProgressReads(options.baseUrl, options.cast.leaders, options.readers, options.seconds),
  ]);
  return { saves, reads };
}

export const newPeakPool = (cast: PeakCast) => new ColumnPool(cast.gradebooks);

/**
 * After the run: settles saves cut off by the end of the timed run, then checks every column of
 * the pool against the database. Returns the problems (none expected).
 */
export async function checkPeakStored(handle: DatabaseHandle, pool: ColumnPool): Promise<{ checkedColumns: number; savedColumns: number; problems: string[] }> {
  const settled = await pool.reconcile((g, c) => storedColumnVersion(handle, g, c));
  const problems: string[] = [];
  if (settled.unknown) problems.push(`${settled.unknown} columns cut off by the end of the run are half-stored`);
  let checked = 0;
  let saved = 0;
  for (const [b, g] of pool.gradebooks.entries()) {
    for (const [c, col] of g.columns.entries()) {
      const state = pool.columns[b][c];
      if (state.poisoned) continue;
      checked += 1;
      if (state.version > 0) saved += 1;
      const v = await storedColumnVersion(handle, g, col);
      if (v !== state.version) problems.push(`${g.className} ${g.subjectCode} ${col.termNo}/${col.key}: stored ${v ?? 'half'}, acknowledged ${state.version}`);
    }
  }
  if (pool.failed) problems.push(`${pool.failed} saves failed`);
  return { checkedColumns: checked, savedColumns: saved, problems };
}
