import { SingleBar } from 'cli-progress';
import type { ImportPhase } from '../../storage/import/import-observations';

/** How often a terminal that is not a TTY (a CI log, a cron mail) gets a line. */
const LINE_EVERY_MS = 5_000;

const PHASE_WORDS: Record<Exclude<ImportPhase, 'checking' | 'done'>, string> = {
  storing: 'Storing the observations',
  'rolling up': 'Rolling the values up the tree',
};
/** A dry run stops after comparing the rows with what is stored, and rolls back: it stores nothing. */
const DRY_RUN_WORDS: typeof PHASE_WORDS = {
  ...PHASE_WORDS,
  storing: 'Dry run: comparing the rows with what is stored, writing nothing',
};

/**
 * Progress of a file as it is read: a bar with rows a second and the time left on a terminal, a line every
 * few seconds otherwise; then each later phase on a line of its own.
 */
export class ImportProgressDisplay {
  private readonly bar: SingleBar | null;
  private readonly started = Date.now();
  private lastLine = Date.now();
  private rows = 0;
  private phase: ImportPhase = 'checking';
  private readonly words: typeof PHASE_WORDS;

  constructor(
    private readonly totalBytes: number,
    { dryRun = false }: { dryRun?: boolean } = {},
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.words = dryRun ? DRY_RUN_WORDS : PHASE_WORDS;
    this.bar = stream.isTTY
      ? new SingleBar({
          stream,
          format: 'Checking {bar} {percentage}% | {rows} rows | {rate} rows/s | {eta_formatted} left',
          barsize: 30,
          hideCursor: true,
          etaBuffer: 50,
        })
      : null;
    this.bar?.start(totalBytes, 0, { rows: 0, rate: 0 });
  }

  /** `rows` is null while a server reads them: only the bytes sent are known then. */
  read(bytes: number, rows: number | null): void {
    if (rows !== null) this.rows = rows;
    const seconds = (Date.now() - this.started) / 1000;
    const rate = Math.round(this.rows / Math.max(seconds, 0.001));
    const count = rows === null ? 'sent' : this.rows.toLocaleString('en-GB');
    if (this.bar) {
      this.bar.update(bytes, { rows: count, rate: rows === null ? '–' : rate.toLocaleString('en-GB') });
      return;
    }
    if (Date.now() - this.lastLine < LINE_EVERY_MS) return;
    this.lastLine = Date.now();
    const share = this.totalBytes > 0 ? bytes / this.totalBytes : 1;
    const left = share > 0 ? Math.round((seconds * (1 - share)) / share) : 0;
    const done =
      rows === null
        ? `Sent ${Math.round(share * 100)}%`
        : `Checked ${count} rows (${Math.round(share * 100)}%), ${rate.toLocaleString('en-GB')} rows/s`;
    this.stream.write(`${done}, about ${left} s left\n`);
  }

  enter(phase: ImportPhase): void {
    if (phase === this.phase) return;
    if (this.phase === 'checking') this.bar?.stop();
    this.phase = phase;
    if (phase !== 'done' && phase !== 'checking') this.stream.write(`${this.words[phase]}…\n`);
  }

  /** The whole file has gone to a server, which answers once it has checked, stored and rolled up the rows. */
  sent(): void {
    if (this.phase === 'checking') this.bar?.stop();
    this.phase = 'storing';
    this.stream.write(
      this.words === DRY_RUN_WORDS
        ? `${DRY_RUN_WORDS.storing}…\n`
        : 'Sent: the server is checking the rows and, if every one passes, storing them…\n',
    );
  }

  finish(rows: number): void {
    if (this.phase === 'checking') this.bar?.stop();
    const seconds = (Date.now() - this.started) / 1000;
    this.stream.write(`${rows.toLocaleString('en-GB')} rows in ${seconds.toFixed(1)} s\n`);
  }
}
