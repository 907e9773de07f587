import { badUserInput } from '../errors';
import { PeriodFormatError, isFutureMonth, parsePeriod } from './period';
import type { Period } from './period';

/** A `period` a client sent, or BAD_USER_INPUT on `field` saying which formats are accepted. */
export function periodInput(label: string, field = 'period'): Period {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodFormatError) throw badUserInput(field, error.message);
    throw error;
  }
}

/** A `period` that must be a single month, because `what` is kept by the month. */
export function monthInput(label: string, what: string, field = 'period'): Period {
  const period = periodInput(label, field);
  if (period.kind !== 'MONTH') {
    throw badUserInput(field, `${what} are monthly: give a month such as 2026-10, not "${label}"`);
  }
  return period;
}

/** A single month that has begun: what is submitted, told or reviewed looks back on a month, never ahead. */
export function pastMonthInput(label: string, what: string, now: Date): string {
  const month = monthInput(label, what).label;
  if (isFutureMonth(month, now)) throw badUserInput('period', `${month} is in the future`);
  return month;
}
