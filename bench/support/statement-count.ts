/**
 * How many SQL statements one column save issues, and where its database time goes: the app
 * built in-process on a Kysely instance with a counting plugin (every query the routes, hooks
 * and actions run passes through it; BEGIN/COMMIT do not and are counted per transaction), one
 * request at a time so each statement's time is its own.
 */
import { AliasNode, FromNode, type KyselyPlugin, type OperationNode, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, TableNode, type UnknownRow } from 'kysely';
import { buildApp } from '../../src/server/app.ts';
import type { DatabaseHandle } from '../../src/server/platform/db/database.ts';
import { parseEnv } from '../../src/server/platform/env.ts';
import { benchClock } from './bench-clock.ts';

export interface StatementGroup {
  label: string;
  count: number;
  ms: number;
}

function tableOf(node: OperationNode | undefined): string {
  if (!node) return '?';
  if (TableNode.is(node)) return node.table.identifier.name;
  if (AliasNode.is(node)) return tableOf(node.node);
  if (FromNode.is(node)) return node.froms.map(tableOf).join('+');
  return '?';
}

function describe(node: RootOperationNode): string {
  switch (node.kind) {
    case 'SelectQueryNode': {
      const joins = (node.joins ?? []).map((j) => tableOf(j.table));
      return `SELECT ${[tableOf(node.from), ...joins].join(' ⋈ ')}`;
    }
    case 'InsertQueryNode':
      return `INSERT ${tableOf(node.into)}${node.onConflict ? ' (upsert)' : ''}`;
    case 'UpdateQueryNode':
      return `UPDATE ${tableOf(node.table)}${node.returning ? ' … RETURNING' : ''}`;
    case 'DeleteQueryNode':
      return `DELETE ${tableOf(node.from)}`;
    default:
      return node.kind;
  }
}

export class CountingPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<object, { label: string; t0: number }>();
  groups = new Map<string, StatementGroup>();
  transactions = 0;

  reset(): void {
    this.groups = new Map();
  }

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { label: describe(args.node), t0: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(args.queryId);
    if (s) {
      const g = this.groups.get(s.label) ?? { label: s.label, count: 0, ms: 0 };
      g.count += 1;
      g.ms += performance.now() - s.t0;
      this.groups.set(s.label, g);
    }
    return args.result;
  }
}

export interface CountedSave {
  status: number;
  ms: number;
  statements: number;
  statementMs: number;
  groups: StatementGroup[];
}

/**
 * Starts the app in-process on `handle` (with the counting plugin) and returns a function that
 * sends one request and reports the statements it issued.
 */
export async function countingServer(handle: DatabaseHandle, dataDir: string) {
  const plugin = new CountingPlugin();
  const counted: DatabaseHandle = { ...handle, db: handle.db.withPlugin(plugin) };
  const app = await buildApp({ env: parseEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORT: '0', SODIEM_DEMO: '0' }), database: counted, clock: benchClock });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    baseUrl,
    async post(path: string, body: unknown, headers: Record<string, string>): Promise<CountedSave & { body: string }> {
      plugin.reset();
      const t0 = performance.now();
      const res = await fetch(baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      const text = await res.text();
      const ms = performance.now() - t0;
      const groups = [...plugin.groups.values()].sort((a, b) => b.ms - a.ms);
      return {
        status: res.status,
        ms,
        statements: groups.reduce((a, g) => a + g.count, 0),
        statementMs: groups.reduce((a, g) => a + g.ms, 0),
        groups,
        body: text,
      };
    },
    close: () => app.close(),
  };
}
