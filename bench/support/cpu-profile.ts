/**
 * Where the server's CPU time went during the measured window, from a V8 .cpuprofile
 * (node --cpu-prof): self time by component (package or source folder) and the top functions.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function component(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1];
  if (url.startsWith('node:')) return 'node (internals)';
  const src = /\/(src\/[^/]+\/[^/]+)/.exec(url);
  if (src) return src[1];
  return url.replace(/^file:\/\//, '').split('/').slice(-2).join('/');
}

export interface ProfileSummary {
  windowMs: number;
  busyMs: number;
  components: { name: string; ms: number; share: number }[];
  functions: { name: string; ms: number; share: number }[];
  /** Native self time (writev, …) attributed to the nearest caller in a package or src/. */
  nativeCallers: { name: string; ms: number; share: number }[];
}

/**
 * Self time per component within [endTime − fromEndMs, endTime − toEndMs] (the measured run,
 * located from the end of the profile, which is written when the server exits).
 */
export function summarizeProfile(file: string, window: { fromEndMs: number; toEndMs: number }): ProfileSummary {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const lo = p.endTime - window.fromEndMs * 1000;
  const hi = p.endTime - window.toEndMs * 1000;
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const callerOf = (id: number): string => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const f = byId.get(at)!.callFrame;
      if (f.url && !f.url.startsWith('node:')) return `${f.functionName || '(anonymous)'} ${component(f.url, f.functionName)}:${f.lineNumber + 1}`;
    }
    return '(none)';
  };
  const native = new Map<string, number>();
  const comp = new Map<string, number>();
  const fns = new Map<string, number>();
  let t = p.startTime;
  let total = 0;
  let idle = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i];
    if (t < lo || t > hi) continue;
    const dt = p.timeDeltas[i + 1] ?? 0; // a sample's weight: the time until the next one
    const node = byId.get(p.samples[i])!;
    const { functionName, url, lineNumber } = node.callFrame;
    total += dt;
    if (functionName === '(idle)') idle += dt;
    const c = component(url, functionName);
    comp.set(c, (comp.get(c) ?? 0) + dt);
    const f = `${functionName || '(anonymous)'} ${c}${url ? `:${lineNumber + 1}` : ''}`;
    fns.set(f, (fns.get(f) ?? 0) + dt);
    if (!url && !functionName.startsWith('(')) {
      const k = `${functionName} ← ${callerOf(node.id)}`;
      native.set(k, (native.get(k) ?? 0) + dt);
    }
  }
  const busy = total - idle;
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .filter(([name]) => !name.startsWith('(idle)'))
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([name, us]) => ({ name, ms: us / 1000, share: busy ? us / busy : 0 }));
  return { windowMs: total / 1000, busyMs: busy / 1000, components: top(comp, 14), functions: top(fns, 20), nativeCallers: top(native, 8) };
}
