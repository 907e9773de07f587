/**
 * Reporting periods. Observations are monthly; longer periods are read by summing their months.
 * `FY2026` is the NHS financial year April 2026 – March 2027.
 */

export type PeriodKind = 'MONTH' | 'QUARTER' | 'FINANCIAL_YEAR' | 'YEAR';
/** The periods made of several months. */
export type LongerPeriodKind = Exclude<PeriodKind, 'MONTH'>;
export const LONGER_PERIOD_KINDS: readonly LongerPeriodKind[] = ['QUARTER', 'FINANCIAL_YEAR', 'YEAR'];

export interface Period {
  /** The canonical label, e.g. `2026-10`, `2026-Q3`, `FY2026`, `2026`. */
  label: string;
  kind: PeriodKind;
  /** The months it covers, in order, as `YYYY-MM`. */
  months: string[];
}

export class PeriodFormatError extends Error {}

/**
 * The years a period may fall in. Health-and-care KPIs kept digitally begin well after 2000, and a year past
 * 2100 is a typing mistake; within them every label has four digits, so labels sort as text, and no range a
 * request builds from its arguments runs to more than a few hundred months.
 */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;

const MONTH = /^(\d{4})-(\d{2})$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const FINANCIAL_YEAR = /^FY(\d{4})$/;
const YEAR = /^(\d{4})$/;

export function monthLabel(year: number, month: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

function monthsFrom(year: number, firstMonth: number, count: number): string[] {
  return Array.from({ length: count }, (_, offset) => {
    const index = firstMonth - 1 + offset;
    return monthLabel(year + Math.floor(index / 12), (index % 12) + 1);
  });
}

export function parsePeriod(label: string): Period {
  const trimmed = label.trim();
  const year = /^(?:FY)?(\d{4})/.exec(trimmed)?.[1];
  if (year !== undefined && (Number(year) < FIRST_YEAR || Number(year) > LAST_YEAR)) {
    throw new PeriodFormatError(
      `"${label}" is outside the years the platform keeps: ${FIRST_YEAR} to ${LAST_YEAR}`,
    );
  }
  let match = MONTH.exec(trimmed);
  if (match) {
    const month = Number(match[2]);
    if (month < 1 || month > 12)
      throw new PeriodFormatError(`"${label}" is not a month: months run 01 to 12`);
    return { label: trimmed, kind: 'MONTH', months: [trimmed] };
  }
  if ((match = QUARTER.exec(trimmed))) {
    const quarter = Number(match[2]);
    return { label: trimmed, kind: 'QUARTER', months: monthsFrom(Number(match[1]), quarter * 3 - 2, 3) };
  }
  if ((match = FINANCIAL_YEAR.exec(trimmed))) {
    return { label: trimmed, kind: 'FINANCIAL_YEAR', months: monthsFrom(Number(match[1]), 4, 12) };
  }
  if ((match = YEAR.exec(trimmed))) {
    return { label: trimmed, kind: 'YEAR', months: monthsFrom(Number(match[1]), 1, 12) };
  }
  throw new PeriodFormatError(
    `"${label}" is not a period: use a month (2026-10), a quarter (2026-Q3), a financial year (FY2026) or a year (2026)`,
  );
}

export function currentMonth(now: Date): string {
  return monthLabel(now.getUTCFullYear(), now.getUTCMonth() + 1);
}

function yearAndMonth(month: string): [number, number] {
  return month.split('-').map(Number) as [number, number];
}

/** The quarter, NHS financial year or calendar year that a month falls in. */
export function periodContaining(kind: LongerPeriodKind, month: string): Period {
  const [year, monthNumber] = yearAndMonth(month);
  const yearLabel = (of: number) => String(of).padStart(4, '0');
  switch (kind) {
    case 'QUARTER':
      return parsePeriod(`${yearLabel(year)}-Q${Math.ceil(monthNumber / 3)}`);
    case 'FINANCIAL_YEAR':
      return parsePeriod(`FY${yearLabel(monthNumber >= 4 ? year : year - 1)}`);
    case 'YEAR':
      return parsePeriod(yearLabel(year));
  }
}

/** Months are `YYYY-MM`, so they compare correctly as strings. */
export function isFutureMonth(month: string, now: Date): boolean {
  return month > currentMonth(now);
}

/** The month before, e.g. for a trend against last period. */
export function previousMonth(month: string): string {
  const [year, monthNumber] = yearAndMonth(month);
  return monthNumber === 1 ? monthLabel(year - 1, 12) : monthLabel(year, monthNumber - 1);
}

/** The month after. */
export function nextMonth(month: string): string {
  const [year, monthNumber] = yearAndMonth(month);
  return monthNumber === 12 ? monthLabel(year + 1, 1) : monthLabel(year, monthNumber + 1);
}

/** Every month from `from` to `to`, both included; empty when `to` comes first. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month <= to; month = nextMonth(month)) months.push(month);
  return months;
}
