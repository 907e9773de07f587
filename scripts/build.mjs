// `npm run build [-- --out-dir <folder>]`: the server, the built-in plugins and the seeds compiled to
// JavaScript in `dist/` (or the folder given), with the files the compiled server serves as they are.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Served from beside the code that serves them, so they go where the compiled code goes. */
const SERVED_AS_THEY_ARE = [
  'server/transport/control-room/page',
  'server/transport/ide/page',
  'server/transport/charts/page',
  'server/transport/report/page',
];

const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const outDir = path.resolve(ROOT, values['out-dir']);

// A stale file would outlive its source: a deleted built-in plugin would still be loaded.
rmSync(outDir, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
try {
  execFileSync(
    process.execPath,
    [tsc, '--project', path.join(ROOT, 'tsconfig.build.json'), '--outDir', outDir],
    {
      stdio: 'inherit',
    },
  );
} catch {
  // The compiler has printed its errors.
  process.exit(1);
}
for (const folder of SERVED_AS_THEY_ARE) {
  cpSync(path.join(ROOT, folder), path.join(outDir, folder), { recursive: true });
}
console.log(`Built into ${path.relative(process.cwd(), outDir) || '.'}`);
