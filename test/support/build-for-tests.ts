import { execFileSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
/** Where the compiled server for this run lives; test files read it from the environment they inherit. */
export const BUILD_DIR_VARIABLE = 'PROGRESS_TEST_BUILD_DIR';

/**
 * Jest's global set-up for the integration projects: `npm run build` into a folder of this run's own, once
 * for all of them, so that a server started in its own process is the compiled one the container runs.
 * Inside `node_modules/`, so that the compiled code finds the dependencies as `dist/` does.
 */
export default function buildForTests(): void {
  if (process.env[BUILD_DIR_VARIABLE]) return;
  const outDir = path.join(ROOT, 'node_modules/.cache/progress-test-build', String(process.pid));
  execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs'), '--out-dir', outDir], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.env[BUILD_DIR_VARIABLE] = outDir;
}
