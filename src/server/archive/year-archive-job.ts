/**
 * The `year_archive` background job: builds the package of one school year into
 * DATA_DIR/archives/<schoolId>/<name>.zip (outside DATA_DIR/files, so backups do not carry it).
 * A re-run after a crash removes the half-made package of the same job and starts again.
 */
import { rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { JobContext } from '../platform/jobs/job-runner.ts';
import { createSigner } from '../platform/signing/create-signer.ts';
import { anchorAudit } from '../platform/audit/anchor-audit.ts';
import type { SignerConfig } from '../platform/signing/signer.ts';
import { buildYearArchive } from './build-year-archive.ts';
import { vietnamStamp } from '../../domain/calendar/vietnam-time.ts';
import { slug } from './archive-package.ts';

/** The job kind of a year archive. */
export const YEAR_ARCHIVE_JOB = 'year_archive';

export interface YearArchiveJobResult {
  schoolYearId: string;
  name: string;
  /** The zip, relative to DATA_DIR. */
  zipPath: string;
  files: number;
  bytes: number;
  zipBytes: number;
  manifestSha256: string;
  signed: boolean;
  warnings: string[];
  counts: Record<string, number>;
}

export const archivesDir = (dataDir: string, schoolId: string) => join(dataDir, 'archives', schoolId);

/**
 * `seal`: the school's seal certificate (env.signing.seal) to sign manifest.json with; the job
 * registry passes it once job handlers receive the configuration (unsigned until then).
 */
export async function yearArchiveJob(ctx: JobContext, options: { seal?: SignerConfig | null } = {}): Promise<YearArchiveJobResult> {
  const { schoolYearId } = ctx.params as { schoolYearId: string };
  const schoolId = ctx.job.school_id;
  const school = await ctx.db.selectFrom('schools').select(['code']).where('id', '=', schoolId).executeTakeFirstOrThrow();
  const year = await ctx.db.selectFrom('school_years').select(['name']).where('id', '=', schoolYearId).executeTakeFirstOrThrow();
  const outDir = archivesDir(ctx.dataDir, schoolId);
  const name = `luu-tru-${slug(school.code)}-${slug(year.name)}-${vietnamStamp(ctx.job.created_at)}-${ctx.job.id.slice(0, 8)}`;
  rmSync(join(outDir, name), { recursive: true, force: true });
  rmSync(join(outDir, `${name}.zip`), { force: true });
  // The package carries a checkpoint of the chains as they are now (Q3).
  // Without the TSA's answer the checkpoint stands unstamped; the archive does not wait on it.
  await anchorAudit(ctx.db, ctx.env, ctx.now(), 'Khi lập gói lưu trữ cuối năm');
  const signer = options.seal ? await createSigner(options.seal) : undefined;
  let result;
  try {
    result = await buildYearArchive(ctx.db, {
      schoolId,
      schoolYearId,
      dataDir: ctx.dataDir,
      outDir,
      now: ctx.now(),
      name,
      signer,
      onProgress: (p) => ctx.progress(p.done, p.total),
    });
  } finally {
    await signer?.close?.();
  }
  // The server keeps only the zip (what is downloaded); the directory is the same content.
  rmSync(result.dir, { recursive: true, force: true });
  return {
    schoolYearId,
    name,
    zipPath: relative(ctx.dataDir, result.zipFile),
    files: result.files,
    bytes: result.bytes,
    zipBytes: statSync(result.zipFile).size,
    manifestSha256: result.manifestSha256,
    signed: result.signed,
    warnings: result.warnings,
    counts: result.counts,
  };
}
