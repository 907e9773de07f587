import 'reflect-metadata';
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import type { ReadStream } from 'node:fs';
import { userInfo } from 'node:os';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { Access } from '../../engine/access/access';
import type { Viewer } from '../../engine/access/viewer';
import { readStorageConfig } from '../config';
import { DatabaseUrlError } from '../../storage/db/database-url-error';
import { DataDirError } from '../../storage/db/data-dir-error';
import { openDatabase } from '../../storage/db/open-database';
import { KpiPluginError } from '../../engine/kpi/kpi-plugin-error';
import { KpiRegistry } from '../../engine/kpi/kpi-registry';
import { loadKpiPlugins } from '../../engine/kpi/load-kpi-plugins';
import { importObservations } from '../../storage/import/import-observations';
import type { ImportReport, RowProblem } from '../../storage/import/import-report';
import { summarise } from '../../storage/import/import-report';
import { ImportProgressDisplay } from './import-progress';
import { ProblemFiles } from '../../storage/import/problem-files';
import { formatOf, readImportRows } from '../../storage/import/read-import-rows';
import type { ImportFormat } from '../../storage/import/read-import-rows';

const USAGE = `Usage: npm run import -- <file.csv|file.jsonl> [--dry-run] [--format csv|jsonl]
                         [--url <server> [--token <jwt>]] [--problems <prefix>] [--help]

  Imports observations in long format: kpi, orgUnit, period, then one column per input.
  --dry-run checks every row and counts what would be stored, then writes nothing.
  --format gives the file's format when its name does not end in .csv, .jsonl or .ndjson.
  With --url, sends the file to a running server, with --token or PROGRESS_TOKEN (CONTRIBUTOR or above).
  Without it, runs the same import in this process on DATABASE_URL (or the embedded DATA_DIR) as an
  administrator; running servers pick the changes up as they do any other commit.
  Refused rows are written to <prefix>.csv and <prefix>.json (default: beside the file).
  --help prints this.`;

/** A wrong command line, or a file that cannot be read: nothing was imported. */
const USAGE_STATUS = 2;

class UsageError extends Error {}

interface Arguments {
  file: string;
  format: ImportFormat;
  dryRun: boolean;
  url: string | undefined;
  token: string | undefined;
  problems: string;
}

/** The arguments, or null when `--help` asks for the usage. */
function readArguments(argv: string[]): Arguments | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      url: { type: 'string' },
      token: { type: 'string' },
      problems: { type: 'string' },
      format: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('give exactly one file');
  const format = formatOf(values.format ? `.${values.format}` : file);
  if (!format && values.format) throw new UsageError(`--format must be csv or jsonl, got "${values.format}"`);
  if (!format)
    throw new UsageError(`cannot tell the format of ${file}: name it .csv or .jsonl, or give --format`);
  const token = values.token ?? process.env.PROGRESS_TOKEN;
  if (values.url && !token) throw new UsageError('--url needs a token: --token or PROGRESS_TOKEN');
  return {
    file,
    format,
    dryRun: values['dry-run'],
    url: values.url,
    token,
    problems: values.problems ?? `${file.replace(/\.(csv|jsonl|ndjson)$/i, '')}.problems`,
  };
}

/** Why the file cannot be read, in the words of the other messages, or null when it can. */
function unreadable(file: string): string | null {
  try {
    if (!statSync(file).isFile()) return `${file} is not a file`;
    accessSync(file, constants.R_OK);
    return null;
  } catch (error) {
    const { code } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT') return `${file} does not exist`;
    if (code === 'EACCES' || code === 'EPERM') return `${file} cannot be read: permission denied`;
    throw error;
  }
}

/** How often the display hears how far into the file the reader is. */
const PROGRESS_EVERY_MS = 200;

/** The file, with `onBytes` told how far it has been read until it ends. */
function readWithProgress(file: string, onBytes: (bytes: number) => void): ReadStream {
  const stream = createReadStream(file);
  const timer = setInterval(() => onBytes(stream.bytesRead), PROGRESS_EVERY_MS);
  stream.once('close', () => {
    clearInterval(timer);
    onBytes(stream.bytesRead);
  });
  return stream;
}

/** The same engine as POST /import, in this process, as an administrator of the whole tree. */
async function importHere(args: Arguments, display: ImportProgressDisplay, problems: ProblemFiles) {
  const storage = readStorageConfig();
  const registry = new KpiRegistry(await loadKpiPlugins(storage.kpiPluginDirs));
  const database = await openDatabase(storage);
  const viewer: Viewer = {
    subject: `import:${userInfo().username}`,
    roles: ['ADMIN'],
    orgUnits: ['*'],
    anonymous: false,
  };
  let rows = 0;
  const file = readWithProgress(args.file, (bytes) => display.read(bytes, rows));
  try {
    return await importObservations(
      {
        em: database.orm.em.fork(),
        registry,
        access: new Access(viewer, async () => []),
        now: new Date(),
      },
      readImportRows(file, args.format),
      {
        dryRun: args.dryRun,
        onProblem: (problem) => problems.add(problem),
        onProgress: (progress) => {
          rows = progress.rows;
          display.enter(progress.phase);
        },
      },
    );
  } finally {
    await database.close();
  }
}

/** Streams the file to a running server's POST /import. */
async function importThere(args: Arguments, display: ImportProgressDisplay, problems: ProblemFiles) {
  const endpoint = new URL(args.url!.replace(/\/graphql\/?$/, '').replace(/\/$/, '') + '/import');
  if (args.dryRun) endpoint.searchParams.set('dryRun', 'true');
  const file = readWithProgress(args.file, (bytes) => display.read(bytes, null));
  file.once('end', () => display.sent());
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': args.format === 'csv' ? 'text/csv' : 'application/x-ndjson',
      authorization: `Bearer ${args.token}`,
    },
    body: Readable.toWeb(file) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const answer = (await response.json()) as ImportReport & {
    problems?: RowProblem[];
    errors?: { message: string }[];
  };
  if (answer.errors)
    throw new UsageError(
      `the server refused the import: ${answer.errors.map((error) => error.message).join('; ')}`,
    );
  for (const problem of answer.problems ?? []) problems.add(problem);
  return answer;
}

async function main(): Promise<number> {
  let args: Arguments | null;
  try {
    args = readArguments(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return USAGE_STATUS;
  }
  if (!args) {
    console.log(USAGE);
    return 0;
  }
  const cannotRead = unreadable(args.file);
  if (cannotRead) {
    console.error(`Cannot import: ${cannotRead}`);
    return USAGE_STATUS;
  }
  const display = new ImportProgressDisplay(statSync(args.file).size, { dryRun: args.dryRun });
  const problems = new ProblemFiles(args.problems);
  let report: ImportReport;
  try {
    report = args.url
      ? await importThere(args, display, problems)
      : await importHere(args, display, problems);
  } finally {
    await problems.close();
  }
  display.finish(report.rows);
  console.log(summarise(report));
  for (const path of problems.paths) console.log(`Refused rows: ${path}`);
  return report.problemCount > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = [UsageError, DataDirError, DatabaseUrlError, KpiPluginError].some(
      (kind) => error instanceof kind,
    );
    console.error(known ? `Cannot import: ${(error as Error).message}` : error);
    process.exit(1);
  },
);
