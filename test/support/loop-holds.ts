import { readFileSync } from 'node:fs';

/** Clock ticks in /proc's CPU times: Linux reports them in hundredths of a second whatever the kernel's rate. */
const MS_PER_TICK = 10;
/** How often the watch's timer is due. */
const WATCH_EVERY_MS = 10;

/**
 * The CPU time of this process's main thread so far, ms. The main thread's own line in /proc: time the machine
 * gave to other processes, and this process's other threads (the collector's helpers, libuv's pool), is not in it.
 */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
  // The fields after the command's name, which may hold spaces, in brackets: utime and stime are 14 and 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
}

export interface LoopHold {
  /** How long a timer due every 10 ms waited. */
  wallMs: number;
  /** How much of that the main thread spent on the CPU. */
  cpuMs: number;
  /** What was running, as `during` last named it. */
  during: string;
}

/**
 * Watches this process's event loop for stretches longer than `boundMs` in which the main thread was busy on
 * the CPU the whole time: work that holds every other request back. Stretches in which the thread was not
 * on the CPU are not counted, so a loaded machine that takes the core away does not look like a hold.
 */
export function watchLoopHolds(boundMs: number) {
  const holds: LoopHold[] = [];
  let during = '';
  let lastWall = performance.now();
  let lastCpu = mainThreadCpuMs();
  const timer = setInterval(() => {
    const wall = performance.now();
    const cpu = mainThreadCpuMs();
    if (wall - lastWall > boundMs && cpu - lastCpu > boundMs) {
      holds.push({ wallMs: Math.round(wall - lastWall), cpuMs: cpu - lastCpu, during });
    }
    lastWall = wall;
    lastCpu = cpu;
  }, WATCH_EVERY_MS);
  return {
    holds,
    /** Names what runs from now on, for the holds it causes. */
    during(what: string) {
      during = what;
    },
    stop: () => clearInterval(timer),
  };
}
