/**
 * The rules that hold the code's shape (issue 13) catch what they are meant to: the dependency
 * rules (.dependency-cruiser.cjs) run over a small made-up tree with one wrong arrow per rule,
 * beside arrows that are allowed; "routes only route" (eslint.config.js) over a route file.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, expect, it } from 'vitest';

const repo = process.cwd();

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

describe('dependency rules', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sodiem-shape-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const files: Record<string, string> = {
    'package.json': JSON.stringify({ name: 'shape', type: 'module', dependencies: { runpkg: '1' }, devDependencies: { devpkg: '1' } }),
    'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', allowImportingTsExtensions: true, noEmit: true } }),
    'node_modules/runpkg/package.json': JSON.stringify({ name: 'runpkg', main: 'index.js' }),
    'node_modules/runpkg/index.js': 'export const run = 1;',
    'node_modules/devpkg/package.json': JSON.stringify({ name: 'devpkg', main: 'index.js' }),
    'node_modules/devpkg/index.js': 'export const dev = 1;',
    'node_modules/undeclared/package.json': JSON.stringify({ name: 'undeclared', main: 'index.js' }),
    'node_modules/undeclared/index.js': 'export const u = 1;',
    'test/helper.ts': 'export const helper = 1;',
    'src/domain/ok.ts': 'export const one = 1;',
    'src/domain/ok.test.ts': "import { readFileSync } from 'node:fs';\nimport { dev } from 'devpkg';\nimport { one } from './ok.ts';\nexport const t = [readFileSync, dev, one];",
    'src/domain/impure.ts': "import { readFileSync } from 'node:fs';\nimport { one } from './ok.ts';\nexport const a = [readFileSync, one];",
    'src/shared/s.ts': "import { one } from '../domain/ok.ts';\nimport { p } from '../server/platform/p.ts';\nexport const s = [one, p];",
    'src/web/main.tsx': "import { s } from '../shared/s.ts';\nimport { p } from '../server/platform/p.ts';\nexport const w = [s, p];",
    'src/server/platform/p.ts': "import { save } from '../gradebook/index.ts';\nimport { routes } from '../routes.ts';\nexport const p = [save, routes];",
    'src/server/platform/q.ts': "import { run } from 'runpkg';\nimport { p } from './p.ts';\nexport const q = [run, p];",
    'src/server/gradebook/index.ts': "export { save } from './save.ts';",
    'src/server/gradebook/save.ts': "import { inner } from '../people/inner.ts';\nimport { people } from '../people/index.ts';\nimport { helper } from '../../../test/helper.ts';\nexport const save = [inner, people, helper];",
    'src/server/people/index.ts': "export { inner as people } from './inner.ts';",
    'src/server/people/inner.ts': "import { dev } from 'devpkg';\nimport { u } from 'undeclared';\nexport const inner = [dev, u];",
    'src/server/people/inner.test.ts': "import { dev } from 'devpkg';\nimport { save } from '../gradebook/save.ts';\nimport { inner } from './inner.ts';\nexport const t = [dev, save, inner];",
    'src/server/locks/a.ts': "import { b } from './b.ts';\nimport { gone } from './missing.ts';\nexport const a = [b, gone];",
    'src/server/locks/b.ts': "import { a } from './a.ts';\nimport { kinds } from '../print-kinds.ts';\nexport const b = [a, kinds];",
    'src/server/locks/lonely.ts': 'export const lonely = 1;',
    'src/server/print-kinds.ts': "import { people } from './people/index.ts';\nexport const kinds = [people];",
    'src/server/routes.ts': "import { save } from './gradebook/save.ts';\nimport { people } from './people/index.ts';\nexport const routes = [save, people];",
    'src/server/main.ts': "import { routes } from './routes.ts';\nexport const main = routes;",
    'src/cli/main.ts': "import { inner } from '../server/people/inner.ts';\nimport { p } from '../server/platform/p.ts';\nimport { people } from '../server/people/index.ts';\nexport const cli = [inner, p, people];",
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const depcruise = (...args: string[]) => spawnSync(join(repo, 'node_modules', '.bin', 'depcruise'), ['--config', join(repo, '.dependency-cruiser.cjs'), ...args, 'src'], { cwd: dir, encoding: 'utf8' });
  const violations = (JSON.parse(depcruise('--output-type', 'json').stdout) as { summary: { violations: Violation[] } }).summary.violations;
  const found = violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();

  it('reports each wrong arrow under its rule, and nothing else', () => {
    expect(found).toEqual(
      [
        'area-not-root: src/server/locks/b.ts → src/server/print-kinds.ts',
        'area-through-index: src/server/gradebook/save.ts → src/server/people/inner.ts',
        'cli-through-index: src/cli/main.ts → src/server/people/inner.ts',
        'domain-is-pure: src/domain/impure.ts → fs',
        'no-circular: src/server/locks/a.ts → src/server/locks/b.ts',
        'no-non-package-json: src/server/people/inner.ts → node_modules/undeclared/index.js',
        'no-orphans: src/server/locks/lonely.ts → src/server/locks/lonely.ts',
        'not-to-dev-dep: src/server/people/inner.ts → node_modules/devpkg/index.js',
        'not-to-unresolvable: src/server/locks/a.ts → ./missing.ts',
        'platform-not-area: src/server/platform/p.ts → src/server/gradebook/index.ts',
        'platform-not-area: src/server/platform/p.ts → src/server/routes.ts',
        'root-through-index: src/server/routes.ts → src/server/gradebook/save.ts',
        'shared-on-domain: src/shared/s.ts → src/server/platform/p.ts',
        'src-not-tests: src/server/gradebook/save.ts → test/helper.ts',
        'web-not-server: src/web/main.tsx → src/server/platform/p.ts',
      ].sort(),
    );
  });

  it('fails the run (as npm test runs it): every rule is an error', () => {
    const run = depcruise();
    expect(run.status).toBe(violations.length);
    expect(run.stdout).toContain('web-not-server: src/web/main.tsx → src/server/platform/p.ts');
    expect(violations.filter((v) => v.rule.severity !== 'error')).toEqual([]);
  });
});

describe('routes only route (ESLint)', async () => {
  // A path, not a literal: the config is JavaScript, outside the typecheck.
  const eslintConfig = ((await import(pathToFileURL(join(repo, 'eslint.config.js')).href)) as { default: Linter.Config[] }).default;
  const routeRules = eslintConfig.find((c) => c.files?.includes('src/server/**/*.routes.ts'))?.rules;
  const linter = new Linter();
  const lint = (code: string) =>
    linter.verify(code, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, rules: routeRules }], 'x.routes.ts').map((m) => `${m.line}: ${m.message}`);

  it('forbids queries, transactions and audit writes in a route file', () => {
    const code = [
      "const a = await db.selectFrom('staff').selectAll().execute();",
      "await db.insertInto('staff').values(v).execute();",
      "await tx.updateTable('staff').set(v).execute();",
      "await ctx.db.deleteFrom('staff').execute();",
      'await db.transaction().execute(async (tx) => tx);',
      'await writeAudit(tx, ctx, event);',
      'await audit.writeAudits(tx, ctx, events);',
      'const ok = await listStaff(db, schoolId);',
      'await createAccount(db, ctx, body);',
    ].join('\n');
    const message = 'routes only route: move this into a query or an action';
    expect(lint(code)).toEqual([1, 2, 3, 4, 5, 6, 7].map((line) => `${line}: ${message}`));
  });
});
