import { stringify } from 'csv-stringify';
import type { Stringifier } from 'csv-stringify';

/** Why one row of a file was refused: what an analyst fixes, beside the file, line by line. */
export interface RowProblem {
  /** The line of the file the row ends on; the header is line 1 of a CSV file. */
  line: number;
  /**
   * The column or value at fault: `kpi`, `orgUnit`, `period`, `values.<input>`, `values` (the KPI's own rule),
   * or `row` for a row that cannot be read at all.
   */
  field: string;
  /** As in the API's errors: BAD_USER_INPUT, FORBIDDEN or UNAUTHENTICATED. */
  code: string;
  message: string;
}

export interface ImportReport {
  /** True when nothing was to be written: checked, counted, then rolled back. */
  dryRun: boolean;
  /** True when the rows were stored; false when any row was refused (then nothing is) or on a dry run. */
  committed: boolean;
  rows: number;
  /** Months stored for the first time. */
  created: number;
  /** Months already stored with other values: a new version of each. */
  corrected: number;
  /** Months already stored with exactly these values: nothing new is written for them. */
  unchanged: number;
  /** Refused rows; any at all and nothing is written. */
  problemCount: number;
  /** The KPI values at every level above the rows that moved: what live subscribers are sent. */
  valuesChanged: number;
}

export const PROBLEM_COLUMNS = ['line', 'field', 'code', 'message'] as const;

/** A CSV writer of problems, header first, for a spreadsheet beside the file. */
export function problemCsvWriter(): Stringifier {
  return stringify({ header: true, columns: [...PROBLEM_COLUMNS] });
}

/** One sentence an operator reads at the end. */
export function summarise(report: ImportReport): string {
  const counts = `${report.rows} rows: ${report.created} new, ${report.corrected} corrected, ${report.unchanged} unchanged`;
  if (report.rows === 0) return 'The file has no rows: nothing was written.';
  if (report.problemCount > 0) {
    return `${counts}; ${report.problemCount} refused, so nothing was written. Fix the rows listed and import the file again.`;
  }
  if (report.dryRun) return `${counts}. Dry run: every row passed its checks, and nothing was written.`;
  if (report.created + report.corrected === 0)
    return `${counts}. Every row was already stored: nothing new was written.`;
  return `${counts}. Stored; ${report.valuesChanged} KPI values moved across the tree.`;
}
