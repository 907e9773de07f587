import { embeddedSize } from './embedded-size';
import { importThroughput } from './import-throughput';
import { liveLag } from './live-lag';
import { liveLatency } from './live-latency';
import { scaleReads } from './scale-reads';
import { submissionThroughput } from './submission-throughput';

/** `npm run bench -- <name> [options]`: one benchmark, its figures as JSON on stdout, progress on stderr. */
const BENCHMARKS: Record<string, (args: string[]) => Promise<unknown>> = {
  embedded: embeddedSize,
  import: importThroughput,
  lag: liveLag,
  live: liveLatency,
  scale: scaleReads,
  submissions: submissionThroughput,
};

/** If something the benchmark started is still holding the process open, say so rather than hang. */
const EXIT_GRACE_MS = 10_000;

async function main() {
  const [name, ...args] = process.argv.slice(2);
  const benchmark = name === undefined ? undefined : BENCHMARKS[name];
  if (!benchmark) {
    console.error(`Usage: npm run bench -- <${Object.keys(BENCHMARKS).join('|')}> [options]`);
    process.exitCode = 2;
    return;
  }
  const figures = await benchmark(args);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
}

main()
  .catch((error: unknown) => {
    console.error('The benchmark failed:', error);
    process.exitCode = 1;
  })
  .finally(() => {
    setTimeout(() => {
      console.error('Handles were still open after the benchmark finished; exiting anyway.');
      process.exit(process.exitCode ?? 1);
    }, EXIT_GRACE_MS).unref();
  });
