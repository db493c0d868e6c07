/**
 * All configuration, parsed once at start-up (contracts/cli.md). Nothing else reads process.env.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { signerConfigFromEnv } from './signing/create-signer.ts';
import type { SignerConfig } from './signing/signer.ts';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL phải bắt đầu bằng postgres://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SODIEM_DEMO: z.enum(['0', '1']).default('1'),
  /** Session lifetime of inactivity, in minutes. */
  SODIEM_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  /** Secure cookies (set 1 behind HTTPS). */
  SODIEM_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** Whose X-Forwarded-For to believe: loopback (a proxy on this machine, default), 0 (none), all, or proxy IPs/CIDRs separated by commas. */
  SODIEM_TRUST_PROXY: z.string().default('loopback'),
  /** A remote-signing service (VNPT SmartCA, Viettel MySign… through the adapter in docs/signing.md). */
  SODIEM_REMOTE_SIGNING_URL: z.string().url().optional(),
  SODIEM_REMOTE_SIGNING_TOKEN: z.string().optional(),
  /** Daily backup time, Vietnam time (HH:MM), or "off"; see docs/operations.md. */
  SODIEM_BACKUP_AT: z.string().default('02:30'),
  /** How many daily backups to keep. */
  SODIEM_BACKUP_KEEP: z.string().default('14'),
  /** Start the business clock at this date (YYYY-MM-DD, 09:00 Vietnam time) or instant, running on from there: for tests and for walking the demo at a date. Unset: the system clock. */
  SODIEM_NOW: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Log level for pino. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export interface Env {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  seedDemo: boolean;
  sessionIdleMinutes: number;
  secureCookies: boolean;
  /** Fastify's trustProxy: the client IP (login throttling, audit) comes from X-Forwarded-For only when the proxy is trusted. */
  trustProxy: boolean | string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  /** SODIEM_BACKUP_AT and SODIEM_BACKUP_KEEP as given (parsed by backup/schedule.ts). */
  backupAt: string;
  backupKeep: string;
  /** SODIEM_NOW as given (clock.ts `configuredClock` reads it). */
  clockStart: string | undefined;
  signing: {
    /** The school's seal certificate: SODIEM_SEAL_BACKEND=pkcs12|pkcs11|remote and its variables (docs/signing.md). */
    seal: SignerConfig | null;
    /** The remote-signing service teachers sign through with their own credential id. */
    remote?: { url: string; token: string };
  };
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cấu hình không hợp lệ: ${details}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    seedDemo: e.SODIEM_DEMO === '1',
    sessionIdleMinutes: e.SODIEM_SESSION_IDLE_MINUTES,
    secureCookies: e.SODIEM_SECURE_COOKIES === '1',
    trustProxy: e.SODIEM_TRUST_PROXY === 'all' ? true : e.SODIEM_TRUST_PROXY === '0' ? false : e.SODIEM_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    backupAt: e.SODIEM_BACKUP_AT,
    backupKeep: e.SODIEM_BACKUP_KEEP,
    clockStart: e.SODIEM_NOW,
    signing: {
      seal: sealConfig(source),
      remote: e.SODIEM_REMOTE_SIGNING_URL ? { url: e.SODIEM_REMOTE_SIGNING_URL, token: e.SODIEM_REMOTE_SIGNING_TOKEN ?? '' } : undefined,
    },
  };
}

function sealConfig(source: Record<string, string | undefined>): SignerConfig | null {
  try {
    return signerConfigFromEnv(source, 'SODIEM_SEAL');
  } catch (error) {
    throw new Error(`Cấu hình không hợp lệ: ${(error as Error).message}`, { cause: error });
  }
}
