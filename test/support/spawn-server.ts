import { spawn } from 'node:child_process';
import path from 'node:path';
import { ROLES } from '../../server/engine/access/roles';
import { BUILD_DIR_VARIABLE } from './build-for-tests';

const ROOT = path.resolve(__dirname, '../..');
const READY = /GraphQL: (http:\/\/\S+)/;
const TOKEN_LINE = new RegExp(`^(${ROLES.join('|')})\\s+(\\S+)\\n`, 'gm');

export interface SpawnedServer {
  url: string;
  /** The demo tokens printed at start-up, by role. */
  tokens: Record<string, string>;
  output(): string;
  stop(): Promise<number | null>;
  /** SIGKILL, as a crash would: nothing is finished or flushed. */
  kill(): Promise<number | null>;
}

export interface FailedStart {
  exitCode: number | null;
  stderr: string;
}

/**
 * `build`: the compiled server, as `npm start` and the container run it, with no compiler to be had;
 * `source`: the TypeScript sources, as `npm run dev` runs them.
 */
export type ServerCode = 'build' | 'source';

function serverCommand(code: ServerCode): string[] {
  if (code === 'source') return ['-r', '@swc-node/register', 'server/main.ts'];
  const buildDir = process.env[BUILD_DIR_VARIABLE];
  if (!buildDir) throw new Error(`${BUILD_DIR_VARIABLE} is unset: run the integration tests through jest`);
  return ['-r', path.join(__dirname, 'refuse-compilers.cjs'), path.join(buildDir, 'server/main.js')];
}

/** Runs the server in its own process, with the given environment. */
function launch(env: Record<string, string>, code: ServerCode = 'build') {
  const child = spawn(process.execPath, serverCommand(code), {
    cwd: ROOT,
    env: {
      ...process.env,
      // As `npm start` runs it: not under Jest's NODE_ENV=test, which changes how Apollo handles signals.
      NODE_ENV: '',
      NODE_OPTIONS: '',
      PORT: '0',
      DATA_DIR: 'memory://',
      DEMO_SEED: '0',
      JWT_SECRET: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

export async function spawnServer(
  env: Record<string, string>,
  code: ServerCode = 'build',
): Promise<SpawnedServer> {
  const run = launch(env, code);
  // With no secret the server is the demo and prints a token per role after its address, perhaps in a
  // later chunk of output: wait for them all rather than for a banner line that may not have come yet.
  const demo = !env.JWT_SECRET;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const output = run.stdout();
      const match = READY.exec(output);
      const bannerDone = !demo || [...output.matchAll(TOKEN_LINE)].length === ROLES.length;
      if (match && bannerDone) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 50);
    void run.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${run.stderr()}`));
    });
  });
  const tokens = Object.fromEntries(
    [...run.stdout().matchAll(TOKEN_LINE)].map((match) => [match[1]!, match[2]!]),
  );
  return {
    url,
    tokens,
    output: () => run.stdout() + run.stderr(),
    async stop() {
      run.child.kill('SIGTERM');
      return run.exited;
    },
    async kill() {
      run.child.kill('SIGKILL');
      return run.exited;
    },
  };
}

/**
 * Starts a server that should refuse to start. One that starts after all is killed at once (its exit code is
 * then null), so that the test fails on the exit code rather than waiting for an exit that never comes.
 */
export async function expectFailedStart(
  env: Record<string, string>,
  code: ServerCode = 'build',
): Promise<FailedStart> {
  const run = launch(env, code);
  const started = setInterval(() => {
    if (READY.test(run.stdout())) run.child.kill('SIGKILL');
  }, 50);
  const exitCode = await run.exited.finally(() => clearInterval(started));
  return { exitCode, stderr: run.stderr() };
}

/** Starts the server and kills it (SIGKILL, as a crash would) once `crashPoint` holds; false if it exited first. */
export async function killedWhen(env: Record<string, string>, crashPoint: () => boolean): Promise<boolean> {
  const run = launch(env);
  let exited = false;
  void run.exited.then(() => (exited = true));
  while (!exited && !crashPoint()) await new Promise((resolve) => setTimeout(resolve, 5));
  if (exited) return false;
  run.child.kill('SIGKILL');
  await run.exited;
  return true;
}
