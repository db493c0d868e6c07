/**
 * All configuration, parsed once at start-up (contracts/cli.md). Nothing else reads process.env.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { signerConfigFromEnv } from './signing/create-signer.ts';
import type { SignerConfig } from './signing/signer.ts';
import { type TrustConfig, trustConfigFromEnv } from './signing/trust-config.ts';

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
  /** Secure cookies always (1); a request over HTTPS gets them anyway. */
  SODIEM_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** The address printed documents send readers to (`<url>/verify/<id>`): https://sodiem.truong.edu.vn. Required in production outside the demo. */
  SODIEM_PUBLIC_URL: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Whose X-Forwarded-* to believe: unset or 0 (nobody, default), loopback (a proxy on this machine), all, or proxy IPs/CIDRs separated by commas. */
  SODIEM_TRUST_PROXY: z.string().default('0'),
  /** A remote-signing service (VNPT SmartCA, Viettel MySign… through the adapter in docs/signing.md). */
  SODIEM_REMOTE_SIGNING_URL: z.string().url().optional(),
  SODIEM_REMOTE_SIGNING_TOKEN: z.string().optional(),
  /** An RFC 3161 timestamping authority for the audit checkpoints (optional). */
  SODIEM_TSA_URL: z.string().url().optional(),
  /** Trust roots for signatures: folders or PEM files, comma-separated (default config/trust-roots); see signing/trust-config.ts. */
  SODIEM_TRUST_ROOTS: z.string().optional(),
  /** Revocation of signers' certificates: online (OCSP/CRL, default) or off. */
  SODIEM_REVOCATION_CHECK: z.string().optional(),
  /** Daily backup time, Vietnam time (HH:MM), or "off"; see docs/operations.md. */
  SODIEM_BACKUP_AT: z.string().default('02:30'),
  /** How many daily backups to keep. */
  SODIEM_BACKUP_KEEP: z.string().default('14'),
  /** Start the business clock at this date (YYYY-MM-DD, 09:00 Vietnam time) or instant, running on from there: for tests and for walking the demo at a date. Unset: the system clock. */
  SODIEM_NOW: z.string().optional().or(z.literal('').transform(() => undefined)),
  /** Outgoing mail for reminders (issue 15): smtp://[user:password@]host[:port]?from=sodiem@truong.edu.vn. Unset: in-app notifications only. */
  SODIEM_SMTP_URL: z.string().regex(/^smtp:\/\//, 'SODIEM_SMTP_URL phải bắt đầu bằng smtp://').optional().or(z.literal('').transform(() => undefined)),
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
  /**
   * SODIEM_PUBLIC_URL without a trailing slash: the only source of verification links. Unset (the
   * demo, tests): this server's own `http://HOST:PORT`, set again once it listens (app.ts).
   */
  publicUrl: string;
  /** SODIEM_PUBLIC_URL was given (else publicUrl is this server's own address). */
  publicUrlConfigured: boolean;
  /** Fastify's trustProxy: the client IP (login throttling, audit) and protocol come from X-Forwarded-* only when the proxy is trusted. */
  trustProxy: boolean | string;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  /** SODIEM_BACKUP_AT and SODIEM_BACKUP_KEEP as given (parsed by backup/schedule.ts). */
  backupAt: string;
  backupKeep: string;
  /** SODIEM_NOW as given (clock.ts `configuredClock` reads it). */
  clockStart: string | undefined;
  /** SODIEM_TSA_URL: the RFC 3161 timestamping authority of the audit checkpoints, if any. */
  tsaUrl: string | null;
  /** SODIEM_SMTP_URL: where reminders are e-mailed from (platform/mail.ts), or null for none. */
  smtpUrl: string | null;
  signing: {
    /** The school's seal certificate: SODIEM_SEAL_BACKEND=pkcs12|pkcs11|remote and its variables (docs/signing.md). */
    seal: SignerConfig | null;
    /** The remote-signing service teachers sign through with their own credential id. */
    remote?: { url: string; token: string };
    /** Whose certificates signatures must chain to, and whether revocation is asked online (SODIEM_TRUST_ROOTS, SODIEM_REVOCATION_CHECK). */
    trust: TrustConfig;
  };
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const parsed = ZEnv.safeParse(source);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Cấu hình không hợp lệ: ${details}`);
  }
  const e = parsed.data;
  const seedDemo = e.SODIEM_DEMO === '1';
  if (!e.SODIEM_PUBLIC_URL && !seedDemo && source.NODE_ENV === 'production') {
    throw new Error(
      'Cấu hình không hợp lệ: chưa đặt SODIEM_PUBLIC_URL — địa chỉ công khai của máy chủ (ví dụ https://sodiem.truong.edu.vn), in trên mọi văn bản để kiểm tra bản gốc. Máy chủ không khởi động khi thiếu nó.',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    seedDemo,
    sessionIdleMinutes: e.SODIEM_SESSION_IDLE_MINUTES,
    secureCookies: e.SODIEM_SECURE_COOKIES === '1',
    publicUrl: e.SODIEM_PUBLIC_URL ? publicUrlOf(e.SODIEM_PUBLIC_URL) : ownUrl(e.HOST, e.PORT),
    publicUrlConfigured: Boolean(e.SODIEM_PUBLIC_URL),
    trustProxy: e.SODIEM_TRUST_PROXY === 'all' ? true : e.SODIEM_TRUST_PROXY === '0' ? false : e.SODIEM_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    backupAt: e.SODIEM_BACKUP_AT,
    backupKeep: e.SODIEM_BACKUP_KEEP,
    clockStart: e.SODIEM_NOW,
    tsaUrl: e.SODIEM_TSA_URL ?? null,
    smtpUrl: e.SODIEM_SMTP_URL ?? null,
    signing: {
      seal: sealConfig(source),
      remote: e.SODIEM_REMOTE_SIGNING_URL ? { url: e.SODIEM_REMOTE_SIGNING_URL, token: e.SODIEM_REMOTE_SIGNING_TOKEN ?? '' } : undefined,
      trust: trustConfigFromEnv(source, { dataDir: resolve(e.DATA_DIR), demo: seedDemo }),
    },
  };
}

/** SODIEM_PUBLIC_URL checked: an absolute http(s) address with no path, query or fragment. */
function publicUrlOf(value: string): string {
  const bad = () =>
    new Error(`Cấu hình không hợp lệ: SODIEM_PUBLIC_URL phải là địa chỉ http(s) đầy đủ của máy chủ, không có đường dẫn (ví dụ https://sodiem.truong.edu.vn), nhận được "${value}".`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw bad();
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash || value.includes('?') || value.includes('#')) throw bad();
  if (url.pathname !== '/') throw bad();
  return url.origin;
}

/** This server's own address, `http://HOST:PORT` (a wildcard HOST as localhost). */
export function ownUrl(host: string, port: number): string {
  const name = host === '0.0.0.0' || host === '::' || host === '' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

function sealConfig(source: Record<string, string | undefined>): SignerConfig | null {
  try {
    return signerConfigFromEnv(source, 'SODIEM_SEAL');
  } catch (error) {
    throw new Error(`Cấu hình không hợp lệ: ${(error as Error).message}`, { cause: error });
  }
}
