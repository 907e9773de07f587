const SHORT_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const LONG_MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH = /^\d{4}-\d{2}$/;

const dateOf = (month: string) =>
  new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1));

/** A month as an axis reads it: `Apr 24`. */
export const shortMonth = (month: string): string => SHORT_MONTH.format(dateOf(month));

/** A month as a sentence reads it: `April 2024`. */
export const longMonth = (month: string): string => LONG_MONTH.format(dateOf(month));

/** A period as a heading says it: `March 2026`, or the label of a longer one (`2026-Q1`, `FY2025`). */
export const periodWords = (period: string): string => (MONTH.test(period) ? longMonth(period) : period);
