import path from 'node:path';
import { parseArgs } from 'node:util';
import { KpiPluginError } from '../../engine/kpi/kpi-plugin-error';
import {
  BUILT_IN_PLUGIN_DIR,
  claimKey,
  listPluginFolder,
  loadPluginFile,
} from '../../engine/kpi/load-kpi-plugins';
import { tryOnSamples } from '../../engine/kpi/try-on-samples';

const USAGE = `Usage: npm run kpi -- check <folder> [<folder> …]

Loads every plugin in the folders as the server would, checks it against the plugin contract, runs it on
sample values and names every file it skipped and why. Exits 1 if any plugin would stop the server or
fails on a sample.`;

interface Outcome {
  failures: number;
}

/** Every file of the folders, each reported: one broken plugin does not hide the next. */
async function check(folders: readonly string[], print: (line: string) => void): Promise<Outcome> {
  const keys = new Map<string, string>();
  for (const file of listPluginFolder(BUILT_IN_PLUGIN_DIR).plugins) {
    claimKey(keys, await loadPluginFile(file));
  }
  let failures = 0;
  let passed = 0;
  const fail = (error: KpiPluginError) => {
    failures += 1;
    print(`fail  ${error.message}`);
  };
  for (const folder of folders.map((each) => path.resolve(each))) {
    let listing;
    try {
      listing = listPluginFolder(folder);
    } catch (error) {
      if (!(error instanceof KpiPluginError)) throw error;
      fail(error);
      continue;
    }
    for (const { file, reason } of listing.skipped) print(`skip  ${file}: ${reason}`);
    for (const file of listing.plugins) {
      let definition;
      try {
        definition = (await loadPluginFile(file)).definition;
      } catch (error) {
        if (!(error instanceof KpiPluginError)) throw error;
        fail(error);
        continue;
      }
      const duplicate = claimKey(keys, { definition, file });
      if (duplicate) {
        fail(duplicate);
        continue;
      }
      const problems = tryOnSamples(definition, file);
      problems.forEach(fail);
      if (problems.length === 0) {
        passed += 1;
        print(`ok    ${file}: ${definition.key}, ${Object.keys(definition.inputs).length} inputs`);
      }
    }
  }
  print(`\n${passed} plugin${passed === 1 ? '' : 's'} ok, ${failures} problem${failures === 1 ? '' : 's'}`);
  return { failures };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: 'boolean' } },
  });
  const [command, ...folders] = positionals;
  if (values.help || command !== 'check' || folders.length === 0) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const { failures } = await check(folders, (line) => console.log(line));
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Cannot check:', error);
    process.exit(1);
  },
);
