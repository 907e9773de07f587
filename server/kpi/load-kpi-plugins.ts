import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KpiDefinition } from './define-kpi';
import { KpiPluginError } from './kpi-plugin-error';
import { validateKpiDefinition } from './validate-kpi-definition';

export interface LoadedKpi {
  definition: KpiDefinition;
  /** Where it came from, for error messages and the start-up log. */
  file: string;
}

export const BUILT_IN_PLUGIN_DIR = path.resolve(__dirname, '../../plugins');

const PLUGIN_FILE = /\.kpi\.(ts|js|cjs|mjs)$/;
const NOT_A_PLUGIN = /\.(test|spec)\.|\.d\.ts$/;

export function pluginFilesIn(directory: string): string[] {
  let entries: string[];
  try {
    if (!statSync(directory).isDirectory()) throw new Error('not a directory');
    entries = readdirSync(directory);
  } catch {
    throw new KpiPluginError(
      'KPI_LOAD_FAILED',
      directory,
      undefined,
      'the plugin folder does not exist or cannot be read',
    );
  }
  return entries
    .filter((name) => PLUGIN_FILE.test(name) && !NOT_A_PLUGIN.test(name))
    .sort()
    .map((name) => path.join(directory, name));
}

/** The compiled server carries no compiler, so it has no loader for `.ts` files of its own. */
const TYPESCRIPT_NEEDS_COMPILING =
  'a TypeScript plugin is compiled as it loads only by the development start (npm run dev); ' +
  'compile it to .kpi.js for this server (docs/plugins.md, "A TypeScript plugin")';

/**
 * ES modules are imported by absolute path rather than file URL: where a TypeScript hook compiles this
 * file to CommonJS, `import()` becomes `require()`, which loads ES modules (Node >= 20.19) from a path only.
 */
async function importModule(file: string): Promise<unknown> {
  if (file.endsWith('.mjs')) return import(file);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- plugins are found at run time
    return require(file);
  } catch (error) {
    // A `.js` file in a `"type": "module"` package, on a Node that cannot require ES modules.
    if ((error as NodeJS.ErrnoException).code === 'ERR_REQUIRE_ESM') return import(file);
    // Without a hook for `.ts`, Node reads the file as JavaScript and stops at the first type.
    if (file.endsWith('.ts') && !require.extensions['.ts'])
      throw new Error(TYPESCRIPT_NEEDS_COMPILING, { cause: error });
    throw error;
  }
}

function defaultExport(loaded: unknown): unknown {
  if (typeof loaded === 'object' && loaded !== null && 'default' in loaded) return loaded.default;
  return loaded;
}

/**
 * Loads the built-in plugins, then each folder of `KPI_PLUGIN_DIRS` in order, and checks the whole set:
 * the first broken plugin stops start-up with a coded error naming its file and field.
 */
export async function loadKpiPlugins(extraDirectories: readonly string[]): Promise<LoadedKpi[]> {
  const files = [BUILT_IN_PLUGIN_DIR, ...extraDirectories.map((dir) => path.resolve(dir))].flatMap(
    pluginFilesIn,
  );
  const loaded: LoadedKpi[] = [];
  const fileByKey = new Map<string, string>();
  for (const file of files) {
    let module: unknown;
    try {
      module = await importModule(file);
    } catch (error) {
      throw new KpiPluginError('KPI_LOAD_FAILED', file, undefined, (error as Error).message);
    }
    const definition = validateKpiDefinition(defaultExport(module), file);
    const earlier = fileByKey.get(definition.key);
    if (earlier) {
      throw new KpiPluginError(
        'KPI_DUPLICATE_KEY',
        file,
        'key',
        `"${definition.key}" is already defined by ${earlier}`,
      );
    }
    fileByKey.set(definition.key, file);
    loaded.push({ definition, file });
  }
  return loaded;
}
