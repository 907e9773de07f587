import { createWriteStream } from 'node:fs';
import type { WriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import type { RowProblem } from './import-report';
import { problemCsvWriter } from './import-report';

/**
 * The refused rows of a file, written as they are found beside it: `<prefix>.csv` to open next to the file in
 * a spreadsheet and `<prefix>.json` for a program. Created on the first problem, so a clean import leaves none.
 */
export class ProblemFiles {
  private csv: ReturnType<typeof problemCsvWriter> | null = null;
  private csvFile: WriteStream | null = null;
  private json: WriteStream | null = null;
  private written = 0;

  constructor(private readonly prefix: string) {}

  get paths(): string[] {
    return this.written > 0 ? [`${this.prefix}.csv`, `${this.prefix}.json`] : [];
  }

  add(problem: RowProblem): void {
    if (!this.csv) {
      this.csv = problemCsvWriter();
      this.csvFile = createWriteStream(`${this.prefix}.csv`);
      this.csv.pipe(this.csvFile);
      this.json = createWriteStream(`${this.prefix}.json`);
      this.json.write('[\n');
    }
    this.csv.write(problem);
    this.json!.write(`${this.written > 0 ? ',\n' : ''}  ${JSON.stringify(problem)}`);
    this.written += 1;
  }

  async close(): Promise<void> {
    if (!this.csv) return;
    this.csv.end();
    this.json!.end('\n]\n');
    await Promise.all([finished(this.csvFile!), finished(this.json!)]);
  }
}
