import { PassThrough, pipeline } from 'node:stream';
import type { Duplex, Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { CsvError, parse } from 'csv-parse';
import type { NamedValue } from '../../engine/kpi/check-observation-values';
import type { SubmissionRequest } from '../kpi/check-submission';
import type { RowProblem } from './import-report';

/**
 * Long format, one observation per row: `kpi`, `orgUnit`, `period`, then a column per input. A file with
 * several KPIs has the union of their inputs as columns, each row filling its own KPI's and leaving the rest
 * empty. JSON Lines carries the same fields as one object per line.
 */
export const IMPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const KEY_COLUMNS = ['kpi', 'orgUnit', 'period'] as const;

/** A row as read: the submission it asks for, or why it cannot be read. */
export type ReadRow = { line: number; request: SubmissionRequest } | { line: number; problem: RowProblem };

/** A plain decimal, as a spreadsheet writes it: no thousands separators, no units, no hex. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function unreadable(line: number, field: string, message: string): ReadRow {
  return { line, problem: { line, field, code: 'BAD_USER_INPUT', message } };
}

/** One row's fields to a submission; any field other than the key columns is an input's value. */
function toRow(
  line: number,
  fields: Iterable<[string, unknown]>,
  number: (raw: unknown) => number | null | string,
): ReadRow {
  const values: NamedValue[] = [];
  const key = { kpi: '', orgUnit: '', period: '' };
  for (const [name, raw] of fields) {
    if (name === 'kpi' || name === 'orgUnit' || name === 'period') {
      key[name] = typeof raw === 'string' ? raw.trim() : '';
      continue;
    }
    const value = number(raw);
    if (value === null) continue;
    if (typeof value === 'string') return unreadable(line, `values.${name}`, value);
    values.push({ name, value });
  }
  return { line, request: { ...key, values } };
}

/** An empty cell is an input not given; anything else must be a number. */
function csvNumber(raw: unknown): number | null | string {
  const cell = String(raw ?? '').trim();
  if (cell === '') return null;
  if (!DECIMAL.test(cell)) return `must be a number, got "${cell}"`;
  return Number(cell);
}

function jsonNumber(raw: unknown): number | null | string {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'number') return `must be a number, got ${JSON.stringify(raw)}`;
  return raw;
}

/** A record's cells paired with the header's names: the parser's own column mapping costs three times as much. */
function* cellsOf(header: readonly string[], record: readonly string[]): Generator<[string, string]> {
  for (let index = 0; index < header.length; index++) yield [header[index]!, record[index] ?? ''];
}

/**
 * The input through `into`, whose reading then fails when the input does, even if it failed before: a plain
 * pipe leaves its reader waiting for an end that never comes. A failure of the reader ends the input too.
 */
function through<T extends Duplex>(input: Readable, into: T): T {
  pipeline(input, into, () => undefined);
  return into;
}

async function* csvRows(input: Readable): AsyncGenerator<ReadRow> {
  const parser = through(
    input,
    parse({ bom: true, skip_empty_lines: true, relax_column_count: true, info: true }),
  );
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      if (!header) {
        header = record.map((column) => column.trim());
        const missing = KEY_COLUMNS.filter((column) => !header!.includes(column));
        if (missing.length > 0) {
          yield unreadable(
            info.lines,
            missing[0]!,
            `the header has no ${missing.join(', ')} column: the first line names the columns, starting kpi,orgUnit,period`,
          );
          return;
        }
        continue;
      }
      if (record.length !== header.length) {
        yield unreadable(info.lines, 'row', 'has a different number of fields from the header');
        continue;
      }
      yield toRow(info.lines, cellsOf(header, record), csvNumber);
    }
  } catch (error) {
    // Only the parser's own errors are the file's; the input's failure (the body cut off) ends the import.
    if (!(error instanceof CsvError)) throw error;
    const { lines } = error as { lines?: number };
    yield unreadable(lines ?? 0, 'row', `the file cannot be read from here on: ${(error as Error).message}`);
  }
}

async function* jsonLineRows(input: Readable): AsyncGenerator<ReadRow> {
  let line = 0;
  for await (const text of createInterface({
    input: through(input, new PassThrough()),
    crlfDelay: Infinity,
  })) {
    line += 1;
    if (text.trim() === '') continue;
    let fields: unknown;
    try {
      fields = JSON.parse(text);
    } catch (error) {
      yield unreadable(line, 'row', `is not JSON: ${(error as Error).message}`);
      continue;
    }
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      yield unreadable(line, 'row', 'is not a JSON object of kpi, orgUnit, period and input values');
      continue;
    }
    yield toRow(line, Object.entries(fields as Record<string, unknown>), jsonNumber);
  }
}

/** Reads rows as they stream in: memory stays flat however long the file. */
export function readImportRows(input: Readable, format: ImportFormat): AsyncGenerator<ReadRow> {
  return format === 'csv' ? csvRows(input) : jsonLineRows(input);
}

/** The format a file's name or a request's content type says. */
export function formatOf(nameOrType: string): ImportFormat | null {
  const lower = nameOrType.toLowerCase();
  if (/(\.csv$|^text\/csv)/.test(lower)) return 'csv';
  if (/(\.jsonl$|\.ndjson$|^application\/(x-)?(ndjson|jsonl|json-lines|x-jsonlines))/.test(lower))
    return 'jsonl';
  return null;
}
