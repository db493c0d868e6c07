/**
 * Bad input on every write route (ASVS V5.1): from each permission-matrix sample (a valid body)
 * and the route's own JSON schema (the OpenAPI document), generated bad bodies — wrong types,
 * missing required fields, NaN-like strings, fractional/negative/huge numbers, huge strings
 * where a pattern or a list of values applies, a body over the size limit, broken JSON and
 * prototype-pollution keys — are sent by a user allowed to call the route, and the valid sample
 * without its CSRF token. Never a 5xx; always
 * 400/409/413/415/422 with a Vietnamese message; the audit log and the tables do not change.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCount, requestAs, startSecurityFixture } from '../helpers/security-fixture.ts';
import { type MatrixRecords, makeRecords } from './permission-matrix.records.ts';
import { PERMISSION_MATRIX } from './permission-matrix.table.ts';

let r: MatrixRecords;
let openapi: any;

beforeAll(async () => {
  const fx = await startSecurityFixture();
  r = await makeRecords(fx);
  openapi = fx.server.app.swagger();
}, 120_000);
afterAll(async () => r?.fx.server.close());

type Schema = { type?: string; anyOf?: Schema[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[]; pattern?: string; minimum?: number; const?: unknown };

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i;
const REFUSED = [400, 409, 413, 415, 422];

function concrete(s: Schema | undefined): Schema | undefined {
  if (!s?.anyOf) return s;
  return s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0];
}
const nullable = (s: Schema | undefined) => Boolean(s?.anyOf?.some((x) => x.type === 'null'));

/** Values that are wrong for this schema node, whatever the route does with them. */
function badValues(node: Schema | undefined): unknown[] {
  const s = concrete(node);
  if (!s) return [];
  const out: unknown[] = [];
  if (!nullable(node)) out.push(null);
  if (s.enum || s.const !== undefined) out.push('khong-co-trong-danh-sach', 'x'.repeat(100_000));
  switch (s.type) {
    case 'string':
      out.push(12345, { a: 1 }, [], true);
      if (s.pattern) out.push('x'.repeat(100_000), '\u202e\u0000');
      if (s.pattern?.startsWith('^\\d')) out.push('NaN', '１２３', '-1', '1.5');
      if (s.pattern?.includes('\\d{4}-\\d{2}-\\d{2}')) out.push('2026-13-45', '2026-02-30', '2026-11-23T00:00:00Z');
      break;
    case 'integer':
      out.push('NaN', '7', 1.5, 1e300, Number.MAX_SAFE_INTEGER + 2, {}, []);
      if ((s.minimum ?? -Infinity) >= 0) out.push(-1);
      break;
    case 'number':
      out.push('NaN', 'Infinity', {});
      break;
    case 'boolean':
      out.push('true', 1, {});
      break;
    case 'array':
      out.push('x', { 0: 'x' }, 42);
      break;
    case 'object':
      out.push('x', [], 42);
      break;
  }
  return out;
}

function setAt(body: any, path: (string | number)[], value: unknown, remove = false): any {
  const copy = structuredClone(body);
  let cur = copy;
  for (const k of path.slice(0, -1)) cur = cur[k];
  if (remove) delete cur[path.at(-1)!];
  else cur[path.at(-1)!] = value;
  return copy;
}

/** Every (path, schema) of the sample body, walking into objects and first array items. */
function leaves(value: any, schema: Schema | undefined, path: (string | number)[] = []): { path: (string | number)[]; schema: Schema | undefined; parent?: Schema }[] {
  const s = concrete(schema);
  const out: { path: (string | number)[]; schema: Schema | undefined; parent?: Schema }[] = [];
  if (value && typeof value === 'object' && !Array.isArray(value) && s?.properties) {
    for (const [k, v] of Object.entries(value)) {
      out.push({ path: [...path, k], schema: s.properties[k], parent: s });
      out.push(...leaves(v, s.properties[k], [...path, k]));
    }
  } else if (Array.isArray(value) && value.length && s?.items) {
    out.push(...leaves(value[0], s.items, [...path, 0]));
  }
  return out;
}

async function tableCounts(): Promise<string> {
  const db = r.fx.server.database.handle.db;
  const counts: string[] = [];
  for (const t of ['students', 'enrollments', 'gradebook_cells', 'users', 'user_roles', 'staff', 'classes', 'subjects', 'locks', 'correction_requests', 'weekly_notes', 'attendance_marks', 'sessions'] as const) {
    try {
      const row = await db.selectFrom(t as 'users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      counts.push(`${t}=${row.n}`);
    } catch {
      // a table of another version of the schema: not counted
    }
  }
  return counts.join(' ');
}

const writes = Object.entries(PERMISSION_MATRIX).filter(([key, e]) => !key.startsWith('GET ') && e.allow.length && e.fixed === undefined && !e.fresh && key !== 'POST /api/v1/auth/login');

describe('bad bodies on every write route', () => {
  it('there are write routes to fuzz', () => expect(writes.length).toBeGreaterThan(30));

  for (const [key, entry] of writes) {
    it(key, async () => {
      const [method, url] = key.split(' ');
      const subject = entry.allow[0];
      const sample = entry.sample(r, subject);
      const path = sample.path + (sample.query ? `?${new URLSearchParams(sample.query)}` : '');
      const apiPath = url.replace(/:(\w+)/g, '{$1}');
      const schema: Schema | undefined = openapi.paths[apiPath]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema;
      const cases: { what: string; raw?: string; body?: unknown; type?: string }[] = [
        { what: 'broken JSON', raw: '{"a":' },
        { what: '__proto__ key', raw: `{"__proto__":{"polluted":true},${JSON.stringify(sample.body ?? {}).slice(1)}`.replace(',}', '}') },
        { what: 'constructor.prototype key', raw: `{"constructor":{"prototype":{"polluted":true}}}` },
        { what: 'over the body size limit', raw: JSON.stringify({ x: 'x'.repeat(3 * 1024 * 1024) }) },
      ];
      // A route that takes no body may ignore a text body; one that takes JSON must refuse it.
      if (schema) cases.push({ what: 'not JSON (text/plain)', raw: 'xin chào', type: 'text/plain' });
      if (schema) {
        cases.push({ what: 'an array instead of an object', body: [] }, { what: 'a string instead of an object', body: 'x' });
        for (const req of concrete(schema)?.required ?? []) cases.push({ what: `missing ${req}`, body: setAt(sample.body ?? {}, [req], undefined, true) });
        for (const leaf of leaves(sample.body, schema)) {
          const required = concrete(leaf.parent)?.required?.includes(String(leaf.path.at(-1)));
          if (required && leaf.path.length > 1) cases.push({ what: `missing ${leaf.path.join('.')}`, body: setAt(sample.body, leaf.path, undefined, true) });
          for (const v of badValues(leaf.schema)) cases.push({ what: `${leaf.path.join('.')} = ${JSON.stringify(v)?.slice(0, 30)}`, body: setAt(sample.body, leaf.path, v) });
        }
      }
      const failures: string[] = [];
      const tablesBefore = await tableCounts();
      const auditBefore = await auditCount(r.fx);
      const session = r.fx.sessions[subject]!;
      // All cases at once (none may change anything, so their order cannot matter).
      await Promise.all(
        cases.map(async (c) => {
          const res = await fetch(r.fx.server.baseUrl + path, {
            method,
            headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': c.type ?? 'application/json' },
            body: c.raw ?? JSON.stringify(c.body),
          });
          const text = await res.text();
          const tag = `${c.what}: ${res.status} ${text.slice(0, 140)}`;
          if (!REFUSED.includes(res.status)) failures.push(`${tag} (expected a refusal)`);
          else if (!VIETNAMESE.test(text)) failures.push(`${tag} (no Vietnamese message)`);
        }),
      );
      // The valid sample without the CSRF token: refused (403) before anything happens.
      if (url.startsWith('/api/v1/')) {
        const res = await fetch(r.fx.server.baseUrl + path, {
          method,
          headers: { cookie: session.cookie, ...(sample.form ? {} : { 'content-type': 'application/json' }) },
          body: sample.form ? sample.form() : JSON.stringify(sample.body ?? {}),
        });
        const text = await res.text();
        if (res.status !== 403 || !text.includes('CSRF')) failures.push(`valid body without the CSRF token: ${res.status} ${text.slice(0, 140)} (expected 403 CSRF)`);
      }
      if ((await auditCount(r.fx)) !== auditBefore) failures.push('the audit log changed');
      if ((await tableCounts()) !== tablesBefore) failures.push(`rows changed: ${tablesBefore} → ${await tableCounts()}`);
      expect(({} as any).polluted, 'Object.prototype polluted').toBeUndefined();
      expect(failures, `${key} as ${subject}\n${failures.join('\n')}`).toEqual([]);
    });
  }
});

describe('unicode edge cases in free text', () => {
  const NAMES: [string, string][] = [
    ['NUL byte', 'Nguyễn\u0000An'],
    ['lone surrogate', 'Nguyễn\ud800An'],
    ['right-to-left override', 'Nguyễn\u202eAn'],
    ['zero-width joiner emoji', 'An 👩‍🎓'],
    ['decomposed (NFD) Vietnamese', 'Nguye\u0302\u0303n'],
    ['C1 control', 'An\u0085Bình'],
  ];
  for (const [what, name] of NAMES) {
    it(`${what}: never a server error; refused with a Vietnamese message or stored and read back as sent`, async () => {
      const before = await auditCount(r.fx);
      const res = await requestAs(r.fx, 'principal', 'POST', `/api/v1/classes/${r.fx.classId}/students`, {
        body: { student: { familyName: name, givenName: 'Thử', sex: 'male', dateOfBirth: '2015-01-01' }, startsOn: '2026-11-23' },
      });
      expect(res.status, res.text.slice(0, 200)).toBeLessThan(500);
      if (res.status === 200) {
        const read = await requestAs(r.fx, 'principal', 'GET', `/api/v1/students/${res.body.student.id}`);
        expect([name, name.normalize('NFC'), name.replace('\ud800', '\ufffd')]).toContain(read.body.familyName ?? read.body.student?.familyName);
      } else {
        expect(REFUSED).toContain(res.status);
        expect(res.text).toMatch(VIETNAMESE);
        expect(await auditCount(r.fx)).toBe(before);
      }
    });
  }
});
