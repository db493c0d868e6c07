/**
 * CPU time spent during a run, per party (Linux /proc): the server child, this process (the load
 * generator or the raw floor), all PostgreSQL processes, and the whole machine. On 2 cores the
 * sum per save says what throughput the machine can reach at all.
 */
import { readFileSync, readdirSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ = 100 on Linux

function procTicks(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime, stime
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let sum = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += procTicks(pid);
      } catch {
        /* gone */
      }
    }
  } catch {
    /* no /proc */
  }
  return sum;
}

function machineTicks(): { busy: number; total: number } {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return { busy: 0, total: 0 };
  }
}

export interface CpuUse {
  wallMs: number;
  serverMs: number;
  selfMs: number;
  postgresMs: number;
  machineBusyMs: number;
}

export function startCpuMeter(serverPid?: number): () => CpuUse {
  const t0 = performance.now();
  const s0 = serverPid ? procTicks(serverPid) : 0;
  const self0 = process.cpuUsage();
  const p0 = postgresTicks();
  const m0 = machineTicks();
  return () => {
    const self = process.cpuUsage(self0);
    const m1 = machineTicks();
    return {
      wallMs: performance.now() - t0,
      serverMs: serverPid ? (procTicks(serverPid) - s0) * TICK_MS : 0,
      selfMs: (self.user + self.system) / 1000,
      postgresMs: (postgresTicks() - p0) * TICK_MS,
      machineBusyMs: (m1.busy - m0.busy) * TICK_MS,
    };
  };
}
