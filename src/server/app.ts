/**
 * Builds the Fastify application: plugins, the request context, the central error handler,
 * the OpenAPI document, every /api/v1 route and the web app.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Clock, systemClock } from './platform/clock.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { type Env, ownUrl } from './platform/env.ts';
import { AppError, STATUS_BY_CODE } from './platform/errors.ts';
import { loadSession } from './platform/http/context.ts';
import { registerIdempotency } from './platform/http/idempotency.ts';
import { rejectControlCharacters } from './platform/http/reject-control-characters.ts';
import { JOB_HANDLERS } from './job-kinds.ts';
import { type JobRunner, startJobRunner } from './platform/jobs/job-runner.ts';
import { registerAuditAnchoring } from './platform/http/audit-anchoring.ts';
import { registerRoutes } from './routes.ts';
import { registerVerifyPage } from './documents/index.ts';

export interface AppDeps {
  env: Env;
  database: DatabaseHandle;
  /** Where the built web app lives (dist/web); served when present. */
  webRoot?: string;
  /** The business clock (default: the system clock; tests and SODIEM_NOW start it at a date). */
  clock?: Clock;
  /** Run the background job worker in this process (default true). */
  jobWorker?: boolean;
}

export type App = FastifyInstance;

const routeTables = new WeakMap<object, { method: string; url: string }[]>();
/** Every route the app registered (method + URL), collected by an onRoute hook: the permission matrix test reads it, so no route escapes it. */
export function registeredRoutes(app: FastifyInstance): { method: string; url: string }[] {
  return routeTables.get(app) ?? [];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Routes a client calls before it has a CSRF token. */
const CSRF_EXEMPT = new Set(['/api/v1/auth/login']);
/** Routes answered without a session; every other /api/v1 route is 401 before its input is even read. */
const PUBLIC_ROUTES = new Set([
  '/api/v1/auth/login',
  '/api/v1/auth/totp',
  '/api/v1/auth/logout',
  // Q3: anyone holding a paper copy checks it (src/server/documents/verify)
  '/api/v1/verify/:documentId',
  '/api/v1/verify/:documentId/check',
]);

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { env, database } = deps;
  const clock = deps.clock ?? systemClock;
  const app = Fastify({
    logger: env.logLevel === 'silent' ? false : { level: env.logLevel },
    trustProxy: env.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    genReqId: () => crypto.randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: { method: string; url: string }[] = [];
  routeTables.set(app, routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routeTable.push({ method, url: route.url });
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Sổ Điểm Số API', version: '0.1.0', description: 'API của Sổ Điểm Số (sổ điểm điện tử, học bạ số).' },
      tags: [
        { name: 'setup', description: 'Thiết lập năm học, lớp, môn học, phân công' },
        { name: 'people', description: 'Cán bộ, giáo viên, học sinh' },
        { name: 'accounts', description: 'Tài khoản, đăng nhập, phân quyền' },
        { name: 'gradebook', description: 'Sổ điểm: nhập điểm, sổ theo dõi của lớp, tiến độ' },
        { name: 'locks', description: 'Khóa sổ, đợt cập nhật điểm, quy định sửa điểm' },
        { name: 'corrections', description: 'Giấy đề nghị thay đổi thông tin sau khóa sổ' },
        { name: 'attendance', description: 'Điểm danh, tổng hợp buổi nghỉ' },
        { name: 'conduct', description: 'Kết quả rèn luyện' },
        { name: 'results', description: 'Kết quả học tập, tổng hợp, phê duyệt' },
        { name: 'audit', description: 'Nhật kí hệ thống, nhật kí sửa điểm' },
        { name: 'oversight', description: 'Phòng/Sở GDĐT theo dõi các trường' },
        { name: 'print', description: 'In sổ, học bạ, sổ liên lạc; in hàng loạt' },
        { name: 'signing', description: 'Văn bản đã lưu, ký số, kiểm tra văn bản công khai' },
        { name: 'archive', description: 'Lưu trữ cuối năm, thời hạn bảo quản, sao lưu' },
      ],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sodiem_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.decorateRequest('auth', null);
  app.decorateRequest('now', null as unknown as Date);

  app.addHook('onRequest', async (request, reply) => {
    request.now = clock();
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
    reply.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    );
    // Over HTTPS (TLS, or X-Forwarded-Proto from a trusted proxy): browsers keep to HTTPS for a year.
    if (request.protocol === 'https') reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    if (!request.url.startsWith('/api/v1/')) return;
    reply.header('Cache-Control', 'no-store');
    await loadSession(database.db, request, { idleMinutes: env.sessionIdleMinutes });
    const path = request.url.split('?')[0];
    const route = request.routeOptions.url;
    if (route && !request.auth && !PUBLIC_ROUTES.has(route)) {
      throw new AppError('UNAUTHENTICATED', 'Phiên đăng nhập đã hết hạn hoặc chưa đăng nhập. Vui lòng đăng nhập lại.');
    }
    if (!SAFE_METHODS.has(request.method) && request.auth && !CSRF_EXEMPT.has(path)) {
      const sent = request.headers['x-csrf-token'];
      if (sent !== request.auth.session.csrf_token) {
        throw new AppError('FORBIDDEN', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang.', { csrf: true });
      }
    }
  });

  app.setErrorHandler((error: Error & { statusCode?: number }, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(STATUS_BY_CODE[error.code]).send({ error: error.code, message: error.message, ...error.details });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((v) => ({
        field:
          [v.instancePath.replace(/^\//, '').replaceAll('/', '.'), (v.params as { issue?: { path?: unknown[] } })?.issue?.path?.join('.')].find(Boolean) ||
          String(error.validationContext ?? ''),
        message: v.message ?? 'không hợp lệ',
      }));
      const summary = errors.map((e) => `${e.field}: ${e.message}`).join('; ');
      return reply.status(400).send({ error: 'VALIDATION', message: `Dữ liệu không hợp lệ — ${summary}`, errors });
    }
    const dbCode = (error as { code?: string }).code;
    if (dbCode === '23505' || dbCode === 'SQLITE_CONSTRAINT_UNIQUE' || dbCode === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      request.log.warn({ err: error }, 'unique constraint');
      return reply.status(409).send({ error: 'CONFLICT', message: 'Dữ liệu trùng với một bản ghi đã có (ví dụ mã hoặc tên đã được dùng).' });
    }
    if (dbCode === '23503' || dbCode === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
      request.log.warn({ err: error }, 'foreign key constraint');
      return reply.status(400).send({ error: 'VALIDATION', message: 'Dữ liệu tham chiếu đến một bản ghi không tồn tại.' });
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error }, 'response did not match its schema');
      return reply.status(500).send({ error: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo Ban quản trị.' });
    }
    const status = error.statusCode;
    if (status && status >= 400 && status < 500) {
      const message =
        status === 413
          ? 'Tệp hoặc dữ liệu gửi lên quá lớn.'
          : status === 415
            ? 'Định dạng dữ liệu gửi lên không được hỗ trợ.'
            : `Yêu cầu không hợp lệ: ${error.message}`;
      return reply.status(status).send({ error: status === 413 ? 'TOO_LARGE' : 'BAD_REQUEST', message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ error: 'INTERNAL', message: 'Lỗi hệ thống. Vui lòng thử lại hoặc báo Ban quản trị.' });
  });

  // Verification links name SODIEM_PUBLIC_URL; unset (demo, tests), this server's own address once it listens (PORT=0 picks the port then).
  if (!env.publicUrlConfigured) {
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (address && typeof address === 'object') env.publicUrl = ownUrl(env.host, address.port);
    });
  }

  registerIdempotency(app, database.db);
  registerAuditAnchoring(app, database.db, env);
  rejectControlCharacters(app);

  app.get('/api/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // Every process runs a worker; the queue lives in the database, so jobs survive restarts and
  // several processes share the work (src/server/platform/jobs).
  let runner: JobRunner | null = null;
  const jobs = { wake: () => runner?.wake() };
  if (deps.jobWorker !== false) {
    app.addHook('onReady', async () => {
      runner = startJobRunner({ db: database.db, env, handlers: JOB_HANDLERS, clock, log: (m, e) => app.log.error({ err: e }, m) });
    });
    app.addHook('onClose', async () => {
      await runner?.stop();
    });
  }

  await app.register(async (api) => registerRoutes(api, { db: database.db, dialect: database.dialect, env, jobs, clock }), {
    prefix: '/api/v1',
  });

  await registerVerifyPage(app, database.db);

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/')) {
      return reply.status(404).send({ error: 'NOT_FOUND', message: 'Không có địa chỉ API này.' });
    }
    if (webRoot && request.method === 'GET') return reply.type('text/html').sendFile('index.html');
    return reply.status(404).send({ error: 'NOT_FOUND', message: 'Không tìm thấy trang.' });
  });

  const webRoot = deps.webRoot && existsSync(join(deps.webRoot, 'index.html')) ? resolve(deps.webRoot) : undefined;
  if (webRoot) {
    // Vite names every file under assets/ by its content's hash: cached for a year, never asked
    // again; index.html is checked each time. The build's brotli/gzip copies are sent when accepted.
    await app.register(fastifyStatic, {
      root: webRoot,
      wildcard: false,
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, path) => {
        const hashed = path.startsWith(join(webRoot, 'assets'));
        res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        if (hashed) res.setHeader('Vary', 'Accept-Encoding');
      },
    });
  }

  return app;
}
