import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const READY = /GraphQL: http:\/\/[^\s/]+:(\d+)\/graphql/;
const START_TIMEOUT_MS = 60_000;
/** After SIGTERM the server finishes what is in flight; past this it is killed. */
const STOP_TIMEOUT_MS = 15_000;
/** Linux reports process CPU time in clock ticks of 1/100 s (USER_HZ). */
const TICKS_PER_SECOND = 100;

export interface ServerProcess {
  /** The HTTP endpoint on the loopback address; the WebSocket endpoint is the same path. */
  url: string;
  pid: number;
  /** CPU time the server process has used so far (user + system), or null where /proc is not there. */
  cpuMs(): Promise<number | null>;
  /** Resident memory, or null where /proc is not there. */
  rssMb(): Promise<number | null>;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited in time. */
  stop(): Promise<void>;
}

/**
 * Runs the server as `npm start` does (test/support/spawn-server.ts does the same for the tests), in a
 * process of its own, so the benchmark's clients never share the server's event loop.
 */
export async function startServerProcess(
  env: Record<string, string>,
  /** Options for node itself, e.g. `--cpu-prof` (which NODE_OPTIONS may not carry). */
  nodeOptions: readonly string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeOptions, '-r', '@swc-node/register', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: '', NODE_OPTIONS: '', PORT: '0', DATA_DIR: 'memory://', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const pid = child.pid!;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>(
      (resolve) => (timer = setTimeout(() => resolve('late'), STOP_TIMEOUT_MS)),
    );
    if ((await Promise.race([exited, late])) === 'late') {
      child.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  };

  let port: string;
  try {
    port = await new Promise<string>((resolve, reject) => {
      const deadline = Date.now() + START_TIMEOUT_MS;
      const timer = setInterval(() => {
        const match = READY.exec(output);
        if (match) resolve(match[1]!);
        else if (Date.now() > deadline) reject(new Error(`the server was not ready in time:\n${output}`));
        else return;
        clearInterval(timer);
      }, 50);
      void exited.then(() => {
        clearInterval(timer);
        reject(new Error(`the server exited before it was ready:\n${output}`));
      });
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const proc = (file: string) => readFile(`/proc/${pid}/${file}`, 'utf8').catch(() => null);
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    pid,
    async cpuMs() {
      const stat = await proc('stat');
      if (!stat) return null;
      // The command name is in parentheses and may hold spaces; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    },
    async rssMb() {
      const status = await proc('status');
      const match = status && /^VmRSS:\s+(\d+) kB$/m.exec(status);
      return match ? Number(match[1]) / 1024 : null;
    },
    output: () => output,
    stop,
  };
}
