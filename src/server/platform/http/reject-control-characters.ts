/**
 * Control characters in request data (ASVS V5.1): a NUL byte cannot be stored in PostgreSQL text
 * (it made a 500) and no other C0 or C1 control but tab and line breaks belongs in a name, a
 * comment or a query; nor does a bidi override or isolate (it reorders what a printed page and
 * the audit log show), half a surrogate pair, or a body that is not valid UTF-8. Refused before
 * validation with a 400 naming the field.
 */
import type { FastifyInstance } from 'fastify';
import { invalid } from '../errors.ts';

// C0 controls but tab and line breaks, DEL, C1 controls, bidi embeddings/overrides (U+202A–U+202E)
// and isolates (U+2066–U+2069), and half of a UTF-16 surrogate pair (not a character: SQLite
// stored it as three replacement characters).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** What the decoder put where the bytes were not UTF-8. */
const REPLACEMENT = /\ufffd/;

const joinPath = (path: string, key: string) => `${path}${path ? '.' : ''}${key}`;

/** The path of the first key or string value that `bad` matches ('' for the value itself), or null. */
function findField(value: unknown, bad: RegExp, path = '', depth = 0): string | null {
  if (typeof value === 'string') return bad.test(value) ? path : null;
  if (!value || typeof value !== 'object' || depth > 20) return null;
  for (const [key, v] of Object.entries(value)) {
    const found = bad.test(key) ? joinPath(path, key) : findField(v, bad, joinPath(path, key), depth + 1);
    if (found !== null) return found || '(gốc)';
  }
  return null;
}

const refuse = (field: string) =>
  invalid(
    `Dữ liệu không hợp lệ — ${field}: chứa kí tự điều khiển, kí tự đảo chiều văn bản hoặc kí tự Unicode hỏng (ví dụ kí tự NUL), hãy gõ lại.`,
    [{ field, message: 'chứa kí tự điều khiển hoặc kí tự không hợp lệ' }],
  );

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The field of a JSON body that holds the bytes which are not UTF-8, when the rest still parses. */
function brokenField(bytes: Buffer): string {
  try {
    return findField(JSON.parse(bytes.toString('utf8')), REPLACEMENT) || '(gốc)';
  } catch {
    return '(gốc)';
  }
}

export function rejectControlCharacters(app: FastifyInstance): void {
  // JSON bodies are read as bytes so that bytes which are not UTF-8 are refused rather than
  // silently replaced; Fastify's own parser (with its prototype-poisoning checks) then parses them.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const bytes = body as Buffer;
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      done(refuse(brokenField(bytes)), undefined);
      return;
    }
    void parseJson(request, text, done);
  });

  app.addHook('preValidation', async (request) => {
    for (const part of [request.params, request.query, request.body]) {
      const field = findField(part, CONTROL);
      if (field !== null) throw refuse(field || '(gốc)');
    }
  });
}
