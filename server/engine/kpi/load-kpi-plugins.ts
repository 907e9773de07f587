import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KpiDefinition } from './define-kpi';
import { KpiPluginError } from './kpi-plugin-error';
import { serveKitToImports, serveKitToRequires } from './provide-kit';
import { validateKpiDefinition } from './validate-kpi-definition';

export interface LoadedKpi {
  definition: KpiDefinition;
  /** Where it came from, for error messages and the start-up log. */
  file: string;
}

export const BUILT_IN_PLUGIN_DIR = path.resolve(__dirname, '../../../plugins');

const PLUGIN_FILE = /\.kpi\.(ts|js|cjs|mjs)$/;

/** A file in a plugin folder that is not loaded, and why: so that a misnamed plugin does not vanish unseen. */
export interface SkippedFile {
  file: string;
  reason: string;
}

function whySkipped(directory: string, name: string): string | null {
  if (statSync(path.join(directory, name)).isDirectory()) return 'a folder: sub-folders are not searched';
  if (/\.(test|spec)\./.test(name)) return 'a test';
  if (name.endsWith('.d.ts')) return 'a type declaration';
  if (!PLUGIN_FILE.test(name)) return 'not named <key>.kpi.js, .kpi.cjs, .kpi.mjs or .kpi.ts';
  return null;
}

/** The plugin files of one folder in the order they load (by name), and every other entry with its reason. */
export function listPluginFolder(directory: string): { plugins: string[]; skipped: SkippedFile[] } {
  let entries: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(directory).sort();
  } catch {
    throw new KpiPluginError(
      'KPI_LOAD_FAILED',
      directory,
      undefined,
      'the plugin folder does not exist or cannot be read',
    );
  }
  const plugins: string[] = [];
  const skipped: SkippedFile[] = [];
  for (const name of entries) {
    const file = path.join(directory, name);
    const reason = whySkipped(directory, name);
    if (reason) skipped.push({ file, reason });
    else plugins.push(file);
  }
  return { plugins, skipped };
}

/** The compiled server carries no compiler, so it has no loader for `.ts` files of its own. */
const TYPESCRIPT_NEEDS_COMPILING =
  'a TypeScript plugin loads as it is only from the sources (npm run dev, npm run kpi); ' +
  'compile it to .kpi.js for the compiled server (docs/plugins.md, "A TypeScript plugin")';

/**
 * ES modules are imported by absolute path rather than file URL: where a TypeScript hook compiles this
 * file to CommonJS, `import()` becomes `require()`, which loads ES modules (Node >= 20.19) from a path only.
 */
async function importModule(file: string): Promise<unknown> {
  if (file.endsWith('.mjs')) return importEsModule(file);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are found at run time
    return require(file);
  } catch (error) {
    // A `.js` file in a `"type": "module"` package, on a Node that cannot require ES modules.
    if ((error as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') return importEsModule(file);
    // Without a hook for `.ts`, Node reads the file as JavaScript and stops at the first type.
    if (file.endsWith('.ts') && !require.extensions['.ts'])
      throw new Error(TYPESCRIPT_NEEDS_COMPILING, { cause: error });
    throw error;
  }
}

function importEsModule(file: string): Promise<unknown> {
  serveKitToImports();
  return import(file);
}

/** `/srv/kpis/x.kpi.js:12` at the head of a stack or of `node --check`'s report: the line of a syntax error. */
function lineIn(report: string | undefined, file: string): string | undefined {
  const where = report?.split('\n', 1)[0] ?? '';
  return where.startsWith(`${file}:`) ? /:(\d+)$/.exec(where)?.[1] : undefined;
}

/**
 * Node puts where a CommonJS syntax error is at the head of its stack; an ES module's, or one a compiling
 * hook reports, says nowhere, so the JavaScript file is checked again by `node --check`, which does. Only a
 * file that failed to load is checked; one that parses has no line to report.
 */
function withLine(error: Error, file: string): string {
  let line = lineIn(error.stack, file);
  if (!line && !file.endsWith('.ts')) {
    const checked = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    line = lineIn(checked.stderr, file);
  }
  return line ? `line ${line}: ${error.message}` : error.message;
}

function defaultExport(loaded: unknown): unknown {
  if (typeof loaded === 'object' && loaded !== null && 'default' in loaded) return loaded.default;
  return loaded;
}

/** Loads and checks one plugin file; throws a coded error naming the file (and the line, for a syntax error). */
export async function loadPluginFile(file: string): Promise<LoadedKpi> {
  serveKitToRequires();
  let module: unknown;
  try {
    module = await importModule(file);
  } catch (error) {
    throw new KpiPluginError('KPI_LOAD_FAILED', file, undefined, withLine(error as Error, file));
  }
  return { definition: validateKpiDefinition(defaultExport(module), file), file };
}

/**
 * Records which file defines a plugin's key; when an earlier file already does, the KPI_DUPLICATE_KEY error
 * naming both, and the key stays with the earlier file.
 */
export function claimKey(
  fileByKey: Map<string, string>,
  { definition, file }: LoadedKpi,
): KpiPluginError | null {
  const earlier = fileByKey.get(definition.key);
  if (earlier) {
    return new KpiPluginError(
      'KPI_DUPLICATE_KEY',
      file,
      'key',
      `"${definition.key}" is already defined by ${earlier}`,
    );
  }
  fileByKey.set(definition.key, file);
  return null;
}

export interface LoadOptions {
  /** Told of every file in a plugin folder that is not loaded, with why. */
  onSkipped?: (skipped: SkippedFile) => void;
}

/**
 * Loads the built-in plugins, then each folder of `KPI_PLUGIN_DIRS` in order, and checks the whole set:
 * the first broken plugin stops start-up with a coded error naming its file and field.
 */
export async function loadKpiPlugins(
  extraDirectories: readonly string[],
  options: LoadOptions = {},
): Promise<LoadedKpi[]> {
  const loaded: LoadedKpi[] = [];
  const fileByKey = new Map<string, string>();
  for (const directory of [BUILT_IN_PLUGIN_DIR, ...extraDirectories.map((dir) => path.resolve(dir))]) {
    const { plugins, skipped } = listPluginFolder(directory);
    if (directory !== BUILT_IN_PLUGIN_DIR) skipped.forEach((entry) => options.onSkipped?.(entry));
    for (const file of plugins) {
      const plugin = await loadPluginFile(file);
      const duplicate = claimKey(fileByKey, plugin);
      if (duplicate) throw duplicate;
      loaded.push(plugin);
    }
  }
  return loaded;
}
