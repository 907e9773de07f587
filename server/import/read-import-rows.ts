import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { NamedValue } from '../kpi/check-observation-values';
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
  fields: Record<string, unknown>,
  number: (raw: unknown) => number | null | string,
) {
  const values: NamedValue[] = [];
  for (const [name, raw] of Object.entries(fields)) {
    if ((KEY_COLUMNS as readonly string[]).includes(name)) continue;
    const value = number(raw);
    if (value === null) continue;
    if (typeof value === 'string') return unreadable(line, `values.${name}`, value);
    values.push({ name, value });
  }
  const text = (name: (typeof KEY_COLUMNS)[number]) => (typeof fields[name] === 'string' ? fields[name] : '');
  return { line, request: { kpi: text('kpi'), orgUnit: text('orgUnit'), period: text('period'), values } };
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

async function* csvRows(input: Readable): AsyncGenerator<ReadRow> {
  const parser = input.pipe(
    parse({
      bom: true,
      columns: (header: string[]) => header.map((column) => column.trim()),
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }),
  );
  let checkedHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number; columns: unknown[] | boolean; invalid_field_length: number };
    }>) {
      if (!checkedHeader) {
        checkedHeader = true;
        const missing = KEY_COLUMNS.filter((column) => !(column in record));
        if (missing.length > 0) {
          yield unreadable(
            1,
            missing[0]!,
            `the header has no ${missing.join(', ')} column: the first line names the columns, starting kpi,orgUnit,period`,
          );
          return;
        }
      }
      if (info.invalid_field_length > 0) {
        yield unreadable(info.lines, 'row', 'has a different number of fields from the header');
        continue;
      }
      yield toRow(info.lines, record, csvNumber);
    }
  } catch (error) {
    const { lines } = error as { lines?: number };
    yield unreadable(lines ?? 0, 'row', `the file cannot be read from here on: ${(error as Error).message}`);
  }
}

async function* jsonLineRows(input: Readable): AsyncGenerator<ReadRow> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
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
    yield toRow(line, fields as Record<string, unknown>, jsonNumber);
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
