/**
 * What the load generator saves next. Teachers work on different grade books in parallel, one
 * save at a time per grade book (a grade book is claimed while its save is in flight), cycling
 * through the score columns of both terms. Every save writes a whole column (one cell per
 * student) with values that differ from the column's previous ones in every cell, from the
 * version the column is at — so a 409 or 423 means the generator is wrong, not the server.
 */
import type { BenchGradebook } from './gradebook-data.ts';

export interface Claim {
  gradebook: number;
  column: number;
  /** The version every cell of the column is at now (0: never saved). */
  baseVersion: number;
}

export interface ColumnState {
  version: number;
  /** Set when a save failed: the column's versions are unknown, it is not saved again. */
  poisoned: boolean;
}

/** A score in tenths, 1,0…10,0, different for every version n of a cell. */
export function scoreTenths(student: number, column: number, version: number): number {
  return 10 + ((student * 37 + column * 7 + version * 11) % 91);
}
export const scoreText = (tenths: number) => `${Math.floor(tenths / 10)},${tenths % 10}`;

export class ColumnPool {
  private readonly free: number[];
  private readonly cursor: number[];
  readonly columns: ColumnState[][];
  /** Saves acknowledged (2xx) — each wrote studentIds.length cells and as many audit events. */
  acked = 0;
  ackedCells = 0;
  firstEntries = 0;
  reEntries = 0;
  failed = 0;
  /** Saves cut off when a timed run stopped, found committed by reconcile(): in the database, not in the figures. */
  committedUnacknowledged = 0;
  /** Only re-save columns already saved (measures the re-entry path on its own). */
  onlySaved = false;
  /** Claims whose answer has not come (yet): one per grade book at most. */
  readonly outstanding = new Map<number, Claim>();

  constructor(readonly gradebooks: BenchGradebook[]) {
    // FIFO of free grade books: a released one goes to the back, so saves spread over all of them.
    this.free = gradebooks.map((_, i) => i);
    this.cursor = gradebooks.map(() => 0);
    this.columns = gradebooks.map((g) => g.columns.map(() => ({ version: 0, poisoned: false })));
  }

  get freeCount(): number {
    return this.free.length;
  }

  claim(): Claim {
    for (let tries = this.free.length; tries > 0; tries--) {
      const gradebook = this.free.shift();
      if (gradebook === undefined) break;
      const cols = this.columns[gradebook];
      for (let k = 0; k < cols.length; k++) {
        const column = this.cursor[gradebook];
        this.cursor[gradebook] = (column + 1) % cols.length;
        if (!cols[column].poisoned && (!this.onlySaved || cols[column].version > 0)) {
          const claim = { gradebook, column, baseVersion: cols[column].version };
          this.outstanding.set(gradebook, claim);
          return claim;
        }
      }
      // every column of this grade book failed (or none saved yet, with onlySaved): skip it this time
      this.free.push(gradebook);
    }
    throw new Error('no grade book free to save: more connections than grade books, or every save failed');
  }

  /** Claims one given column (to save the same column twice in a row). */
  claimColumn(gradebook: number, column: number): Claim {
    const i = this.free.indexOf(gradebook);
    if (i < 0) throw new Error('grade book busy');
    this.free.splice(i, 1);
    const claim = { gradebook, column, baseVersion: this.columns[gradebook][column].version };
    this.outstanding.set(gradebook, claim);
    return claim;
  }

  release(claim: Claim, ok: boolean): void {
    this.outstanding.delete(claim.gradebook);
    const state = this.columns[claim.gradebook][claim.column];
    if (ok) {
      state.version = claim.baseVersion + 1;
      this.acked += 1;
      this.ackedCells += this.gradebooks[claim.gradebook].studentIds.length;
      if (claim.baseVersion === 0) this.firstEntries += 1;
      else this.reEntries += 1;
    } else {
      state.poisoned = true;
      this.failed += 1;
    }
    this.free.push(claim.gradebook);
  }

  /**
   * After a timed run stopped with requests in flight (their answers never read): asks the
   * database where each such column is — `version` of its cells, or null when they disagree —
   * and frees the grade book accordingly.
   */
  async reconcile(versionOf: (gradebook: BenchGradebook, column: { termNo: 1 | 2; key: string }) => Promise<number | null>): Promise<{ committed: number; notCommitted: number; unknown: number }> {
    const out = { committed: 0, notCommitted: 0, unknown: 0 };
    for (const claim of [...this.outstanding.values()]) {
      const g = this.gradebooks[claim.gradebook];
      const version = await versionOf(g, g.columns[claim.column]);
      this.outstanding.delete(claim.gradebook);
      const state = this.columns[claim.gradebook][claim.column];
      if (version === claim.baseVersion + 1) {
        state.version = version;
        this.committedUnacknowledged += 1;
        out.committed += 1;
      } else if (version === claim.baseVersion) out.notCommitted += 1;
      else {
        state.poisoned = true;
        out.unknown += 1;
      }
      this.free.push(claim.gradebook);
    }
    return out;
  }

  /** The request body of a claim: every cell of the column, from its current version. */
  body(claim: Claim): { changes: { studentId: string; columnKey: string; value: string; baseVersion: number }[]; source: 'typed'; reason: string } {
    const g = this.gradebooks[claim.gradebook];
    const key = g.columns[claim.column].key;
    const version = claim.baseVersion + 1;
    return {
      changes: g.studentIds.map((studentId, s) => ({ studentId, columnKey: key, value: scoreText(scoreTenths(s, claim.column, version)), baseVersion: claim.baseVersion })),
      source: 'typed',
      reason: claim.baseVersion === 0 ? '' : 'bench: nhập lại cả cột',
    };
  }

  path(claim: Claim): string {
    const g = this.gradebooks[claim.gradebook];
    return `/api/v1/classes/${g.classId}/subjects/${g.subjectId}/terms/${g.columns[claim.column].termNo}/cells`;
  }
}
