/**
 * Column saves over HTTP with autocannon: `connections` keep-alive connections, each with one
 * request in flight; each request is built just before it is sent (setupRequest) from the
 * column pool, with the session cookie and CSRF token of the teacher assigned to that grade
 * book, and its answer releases the grade book (onResponse).
 */
import autocannon from 'autocannon';
import type { Claim, ColumnPool } from './column-pool.ts';

export interface TeacherSession {
  cookie: string;
  csrfToken: string;
}

export interface LoadResult {
  seconds: number;
  saves: number;
  cells: number;
  savesPerSecond: number;
  cellsPerSecond: number;
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  /** 2xx answers whose body did not report every cell saved. */
  shortAnswers: number;
  firstEntries: number;
  reEntries: number;
  sampleFailure: string | null;
}

export async function runHttpLoad(options: {
  baseUrl: string;
  pool: ColumnPool;
  sessions: TeacherSession[];
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const { pool, sessions } = options;
  if (pool.freeCount < options.connections) throw new Error(`${options.connections} connections but only ${pool.freeCount} grade books`);
  const before = { acked: pool.acked, cells: pool.ackedCells, first: pool.firstEntries, re: pool.reEntries };
  let shortAnswers = 0;
  let sampleFailure: string | null = null;
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    pipelining: 1,
    duration: options.seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        setupRequest: (req, context) => {
          const claim = pool.claim();
          context.claim = claim;
          const session = sessions[pool.gradebooks[claim.gradebook].teacher];
          return {
            ...req,
            method: 'POST',
            path: pool.path(claim),
            headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'user-agent': 'sodiem-bench' },
            body: JSON.stringify(pool.body(claim)),
          };
        },
        onResponse: (status, body, context) => {
          const claim = context.claim as Claim | undefined;
          if (!claim) return;
          context.claim = undefined;
          let ok = status === 200;
          if (ok) {
            const expected = pool.gradebooks[claim.gradebook].studentIds.length;
            // Cheap check of the answer: one "saved" entry per cell, each at the next version.
            const saved = (body.match(/"columnKey"/g) ?? []).length;
            if (saved !== expected || !body.includes(`"version":${claim.baseVersion + 1}`)) {
              shortAnswers += 1;
              ok = false;
            }
          }
          if (!ok && !sampleFailure) sampleFailure = `${status} ${body.slice(0, 400)}`;
          pool.release(claim, ok);
        },
      },
    ],
  });
  const saves = pool.acked - before.acked;
  const cells = pool.ackedCells - before.cells;
  const statusCounts: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {})) statusCounts[code] = v.count;
  return {
    seconds: result.duration,
    saves,
    cells,
    savesPerSecond: saves / result.duration,
    cellsPerSecond: cells / result.duration,
    latency: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max, mean: result.latency.mean },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCounts,
    shortAnswers,
    firstEntries: pool.firstEntries - before.first,
    reEntries: pool.reEntries - before.re,
    sampleFailure,
  };
}
