/**
 * Retried writes are idempotent: a non-GET request with an `Idempotency-Key` header (per user)
 * is answered once; a retry with the same key on the same route replays the stored answer
 * instead of doing the work again. Successful and client-error answers are stored; server
 * errors are not. The key is also written inside the change's own transaction (audit.ts), so a
 * retry after a crash between the commit and the answer gets 409 `alreadyApplied` instead of
 * doing the work twice; a retry after a crash before the commit does the work; of two copies
 * sent at the same instant, one applies and the other gets 409 `alreadyApplied`. The key names one
 * request: sent again with another body or query it is refused (422), never answered with the
 * other request's answer.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canonicalJson } from '../canonical-json.ts';
import type { Db } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { sha256Hex } from '../sha256.ts';

const HEADER = 'idempotency-key';

declare module 'fastify' {
  interface FastifyRequest {
    idempotencyKey: string | null;
  }
}

function keyOf(request: FastifyRequest): string | null {
  const raw = request.headers[HEADER];
  if (typeof raw !== 'string' || !raw) return null;
  if (raw.length > 200) throw new AppError('VALIDATION', 'Idempotency-Key quá dài (tối đa 200 ký tự).');
  return raw;
}

export const idempotencyRouteOf = (request: FastifyRequest) => `${request.method} ${request.url.split('?')[0]}`;
const routeOf = idempotencyRouteOf;
/** What the key stands for: the method, the URL with its query, and the (validated) body. */
const requestHashOf = (request: FastifyRequest) => sha256Hex(request.method, ' ', request.url, '\n', canonicalJson(request.body ?? null));

export function registerIdempotency(app: FastifyInstance, db: Db): void {
  app.decorateRequest('idempotencyKey', null);

  app.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.method === 'GET' || !request.auth) return;
    const key = keyOf(request);
    if (!key) return;
    const stored = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('user_id', '=', request.auth.user.id)
      .where('key', '=', key)
      .executeTakeFirst();
    if (stored) {
      if (stored.route !== routeOf(request)) {
        throw new AppError('CONFLICT', 'Idempotency-Key này đã được dùng cho một yêu cầu khác.');
      }
      if (Number(stored.status_code) === 0) {
        // The change was committed (the key is written in its transaction) but the server stopped
        // before answering: done, and not done again.
        throw new AppError('CONFLICT', 'Yêu cầu này đã được thực hiện, nhưng máy chủ bị gián đoạn trước khi trả lời. Hãy tải lại dữ liệu để xem kết quả.', { alreadyApplied: true });
      }
      if (stored.request_hash && stored.request_hash !== requestHashOf(request)) {
        throw new AppError(
          'IDEMPOTENCY_KEY_REUSED',
          'Idempotency-Key này đã được dùng cho một yêu cầu có nội dung khác. Hãy gửi yêu cầu mới với một Idempotency-Key mới.',
        );
      }
      reply.header('idempotent-replay', 'true');
      return reply.status(Number(stored.status_code)).type('application/json; charset=utf-8').send(stored.response_json);
    }
    request.idempotencyKey = key;
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.idempotencyKey || !request.auth || reply.statusCode >= 500 || reply.getHeader('idempotent-replay')) return payload;
    if (typeof payload !== 'string') return payload;
    await db
      .insertInto('idempotency_keys')
      .values({
        key: request.idempotencyKey,
        user_id: request.auth.user.id,
        route: routeOf(request),
        status_code: reply.statusCode,
        response_json: payload,
        created_at: request.now.toISOString(),
        request_hash: requestHashOf(request),
      })
      // The row this request's transaction claimed (status 0, marked with its id; audit.ts) gets the
      // answer; a stored answer, or another request's claim, stays.
      .onConflict((oc) =>
        oc
          .columns(['user_id', 'key'])
          .doUpdateSet({ status_code: reply.statusCode, response_json: payload, request_hash: requestHashOf(request) })
          .where((eb) => eb.and([eb('idempotency_keys.status_code', '=', 0), eb('idempotency_keys.response_json', '=', `pending:${request.id}`)])),
      )
      .execute();
    return payload;
  });
}
