import { badUserInput } from '../server/errors';
import { PeriodFormatError, parsePeriod } from '../server/kpi/period';
import type { Period } from '../server/kpi/period';

/** A `period` argument, or BAD_USER_INPUT saying which formats are accepted. */
export function periodArgument(label: string): Period {
  try {
    return parsePeriod(label);
  } catch (error) {
    if (error instanceof PeriodFormatError) throw badUserInput('period', error.message);
    throw error;
  }
}
