/**
 * Control characters in request data (ASVS V5.1): a NUL byte cannot be stored in PostgreSQL text
 * (it made a 500) and no other C0 control but tab and line breaks belongs in a name, a comment or
 * a query, nor does half a surrogate pair. Refused before validation with a 400 naming the field.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.ts';

// C0 controls but tab and line breaks, DEL, and half of a UTF-16 surrogate pair (not a character:
// SQLite stored it as three replacement characters).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function findControl(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return CONTROL.test(value) ? path : null;
  if (!value || typeof value !== 'object' || depth > 20) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = CONTROL.test(key) ? `${path}${path ? '.' : ''}${key}` : findControl(v, `${path}${path ? '.' : ''}${key}`, depth + 1);
    if (found !== null) return found || '(gốc)';
  }
  return null;
}

export function rejectControlCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findControl(part, '');
      if (field !== null) {
        const name = field || '(gốc)';
        throw invalid(`Dữ liệu không hợp lệ — ${name}: chứa kí tự điều khiển hoặc kí tự Unicode hỏng (ví dụ kí tự NUL), hãy gõ lại.`, [{ field: name, message: 'chứa kí tự điều khiển' }]);
      }
    }
  });
}
