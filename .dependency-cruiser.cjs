/**
 * The shape of the code (issue 13), checked by `npm run depcruise` and `npm test`:
 * domain is pure, shared sits on domain, the web never reaches the server, platform never
 * reaches an area or the composition root, areas meet only through an area's index.ts, no cycles.
 * Tests (`*.test.ts`) beside code may import vitest, Node built-ins and other areas' inner files.
 * test/checks/shape-rules.test.ts proves each rule catches its wrong arrow.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const TEST = '\\.test\\.tsx?$';
/** src/server/{main,app,routes,job-kinds,print-kinds}.ts: the composition root. */
const ROOT = '^src/server/(?:main|app|routes|job-kinds|print-kinds)\\.ts$';
/** An area: any folder of src/server except platform. */
const AREA = '^src/server/(?!platform/)[^/]+/';
const AREA_INDEX = '^src/server/(?!platform/)[^/]+/index\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'src/domain is pure: it imports only src/domain (no package, no Node built-in).',
      severity: 'error',
      from: { path: '^src/domain/', pathNot: TEST },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'shared-on-domain',
      comment: 'src/shared imports only src/shared, src/domain and zod (its schemas are shared with the web).',
      severity: 'error',
      from: { path: '^src/shared/', pathNot: TEST },
      to: { pathNot: ['^src/(?:shared|domain)/', '^node_modules/zod/'] },
    },
    {
      name: 'web-not-server',
      comment: 'The web app talks to the server over HTTP only: no import of src/server or src/cli.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/(?:server|cli)/' },
    },
    {
      name: 'platform-not-area',
      comment: 'src/server/platform never imports an area nor the composition root (main, app, routes, job-kinds, print-kinds).',
      severity: 'error',
      from: { path: '^src/server/platform/' },
      to: { path: [AREA, ROOT] },
    },
    {
      name: 'area-through-index',
      comment: "An area imports another area only through that area's index.ts.",
      severity: 'error',
      from: { path: '^src/server/(?!platform/)([^/]+)/', pathNot: TEST },
      to: { path: AREA, pathNot: ['^src/server/$1/', AREA_INDEX] },
    },
    {
      name: 'root-through-index',
      comment: "The composition root (main, app, routes, job-kinds, print-kinds) imports an area only through its index.ts.",
      severity: 'error',
      from: { path: ROOT },
      to: { path: AREA, pathNot: AREA_INDEX },
    },
    {
      name: 'area-not-root',
      comment: 'An area does not import the composition root (an arrow back up).',
      severity: 'error',
      from: { path: AREA },
      to: { path: ROOT },
    },
    {
      name: 'cli-through-index',
      comment: "src/cli reaches the server only through src/server/platform, an area's index.ts or the registries of the composition root (the CLI is a composition root too: the demo needs the kinds of print).",
      severity: 'error',
      from: { path: '^src/cli/', pathNot: TEST },
      to: { path: '^src/server/', pathNot: ['^src/server/platform/', AREA_INDEX, '^src/server/(?:print|job)-kinds\\.ts$'] },
    },
    {
      name: 'src-not-tests',
      comment: 'Code under src never imports test/, bench/ or scripts/.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(?:test|bench|scripts)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle (type-only imports count too).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points and tests aside).',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [TEST, '\\.d\\.ts$', '^src/server/main\\.ts$', '^src/cli/main\\.ts$', '^src/web/main\\.tsx$'],
      },
      to: {},
    },
    {
      name: 'not-to-dev-dep',
      comment: 'Production code (src, tests aside) imports no devDependency at run time: move it to dependencies or out of src.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: '^node_modules/@types/' },
    },
    {
      name: 'no-non-package-json',
      comment: 'Every package imported is declared in package.json.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'Every import resolves to a file or package.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    skipAnalysisNotInRules: true,
  },
};
