/**
 * The permission matrix (ASVS V4): every route the server registers — read from the app's own
 * route table, so none can be missed — is called by every subject (each role of the demo school,
 * teachers and guardians of another class or child, officers, a user of another school, and
 * nobody) with a valid sample request. Denied subjects get 401/403 (or the entry's explicit
 * status) with a Vietnamese message and change nothing (the audit log does not grow); allowed
 * subjects are never refused (no 401/403/404) and never crash (no 5xx).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../../src/server/app.ts';
import { SUBJECTS, type Subject, USERNAMES, auditCount, loginSession, requestAs, startSecurityFixture } from '../helpers/security-fixture.ts';
import { type MatrixRecords, makeRecords } from './permission-matrix.records.ts';
import { type MatrixEntry, PERMISSION_MATRIX } from './permission-matrix.table.ts';

let r: MatrixRecords;
/** What each subject got, written to test-results/permission-matrix.json for review. */
const observed: Record<string, Partial<Record<Subject, number>>> = {};

beforeAll(async () => {
  const fx = await startSecurityFixture();
  r = await makeRecords(fx);
}, 120_000);
afterAll(async () => {
  mkdirSync('test-results', { recursive: true });
  writeFileSync('test-results/permission-matrix.json', JSON.stringify(observed, null, 1));
  await r?.fx.server.close();
});

/** Every route the app registered, as "METHOD /url" (HEAD twins of GET routes left out). */
function routeKeys(): string[] {
  const routes = registeredRoutes(r.fx.server.app);
  const keys = new Set(routes.map((x) => `${x.method} ${x.url}`));
  return [...keys].filter((k) => !(k.startsWith('HEAD ') && keys.has(`GET ${k.slice(5)}`))).sort();
}

function expected(entry: MatrixEntry, s: Subject): number | 'allow' {
  if (entry.fixed !== undefined) return entry.fixed;
  if (entry.allow.includes(s)) return 'allow';
  return entry.deny?.[s] ?? (s === 'anonymous' ? 401 : 403);
}

describe('permission matrix', () => {
  it('every registered route has an entry, and every entry a route', () => {
    const routes = routeKeys();
    expect(routes.length).toBeGreaterThan(50);
    const missing = routes.filter((k) => !(k in PERMISSION_MATRIX));
    const stale = Object.keys(PERMISSION_MATRIX).filter((k) => !routes.includes(k));
    expect(missing, 'routes without a permission-matrix entry (add them to test/integration/permission-matrix.table.ts)').toEqual([]);
    expect(stale, 'permission-matrix entries without a route').toEqual([]);
  });

  for (const [key, entry] of Object.entries(PERMISSION_MATRIX)) {
    it(key, async () => {
      const method = key.split(' ')[0];
      const write = method !== 'GET';
      const failures: string[] = [];
      const call = async (s: Subject) => {
        const want = expected(entry, s);
        const sample = entry.sample(r, s);
        const path = sample.path + (sample.query ? `?${new URLSearchParams(sample.query)}` : '');
        let fx = r.fx;
        if (entry.fresh && s !== 'anonymous') {
          const session = await loginSession(fx.server.baseUrl, USERNAMES[s], fx.password, fx.totpSecret(USERNAMES[s]));
          fx = { ...fx, sessions: { ...fx.sessions, [s]: session } };
        }
        const res = await requestAs(fx, s, method, path, { body: sample.body, form: sample.form?.() });
        const tag = `${s}: ${res.status} ${res.text.slice(0, 160)}`;
        observed[key] = { ...observed[key], [s]: res.status };
        if (res.status >= 500) failures.push(`${tag} (server error)`);
        else if (want === 'allow') {
          if ([401, 403, 404].includes(res.status)) failures.push(`${tag} (expected allowed)`);
        } else if (res.status !== want) failures.push(`${tag} (expected ${want})`);
        else if (want >= 400 && !/[à-ỹ]/i.test(String(res.body?.message ?? ''))) failures.push(`${tag} (no Vietnamese message)`);
      };
      // Denied subjects first (all at once), so an allowed write never changes what they are judged
      // on; a refused write must leave the audit log as it was.
      const denied = SUBJECTS.filter((s) => expected(entry, s) !== 'allow');
      const before = write ? await auditCount(r.fx) : 0;
      await Promise.all(denied.map(call));
      if (write && denied.some((s) => (expected(entry, s) as number) >= 400) && (await auditCount(r.fx)) !== before) {
        failures.push('a denied write changed the audit log');
      }
      // Allowed subjects: reads at once, writes one after another (each may change the record).
      const allowed = SUBJECTS.filter((s) => expected(entry, s) === 'allow');
      if (write) for (const s of allowed) await call(s);
      else await Promise.all(allowed.map(call));
      expect(failures, `${key}\n${failures.join('\n')}`).toEqual([]);
    });
  }
});
