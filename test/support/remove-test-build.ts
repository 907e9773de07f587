import { rmSync } from 'node:fs';
import { BUILD_DIR_VARIABLE } from './build-for-tests';

/** Jest's global tear-down: the compiled server of this run goes with it. */
export default function removeTestBuild(): void {
  const outDir = process.env[BUILD_DIR_VARIABLE];
  if (outDir) rmSync(outDir, { recursive: true, force: true });
}
