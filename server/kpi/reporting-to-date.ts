import { LONGER_PERIOD_KINDS, periodContaining } from './period';
import type { LongerPeriodKind } from './period';

/**
 * For a quarter or a year, `reporting` counts the collecting units that submitted for every month of it so
 * far. Each month's roll-up keeps that count to date, for the quarter, financial year and calendar year the
 * month falls in, so a longer period's figure is one read of its latest month's roll-up.
 *
 * A unit's first submission for `month` makes it complete to date at `month` and at each later month of the
 * period it had already submitted, without a gap, provided it had submitted every month before `month` in
 * that period. `reported` holds every month the unit has submitted for, `month` included.
 */
export function monthsNewlyCompleteToDate(
  kind: LongerPeriodKind,
  month: string,
  reported: ReadonlySet<string>,
): string[] {
  const { months } = periodContaining(kind, month);
  const position = months.indexOf(month);
  if (!months.slice(0, position).every((earlier) => reported.has(earlier))) return [];
  const newlyComplete: string[] = [];
  for (const later of months.slice(position)) {
    if (!reported.has(later)) break;
    newlyComplete.push(later);
  }
  return newlyComplete;
}

/** The months that each longer period's count to date changes at, by month: what one first submission adds. */
export function toDateIncrements(
  month: string,
  reported: ReadonlySet<string>,
): Map<string, Record<LongerPeriodKind, number>> {
  const increments = new Map<string, Record<LongerPeriodKind, number>>();
  for (const kind of LONGER_PERIOD_KINDS) {
    for (const changed of monthsNewlyCompleteToDate(kind, month, reported)) {
      const counts = increments.get(changed) ?? { QUARTER: 0, FINANCIAL_YEAR: 0, YEAR: 0 };
      counts[kind] += 1;
      increments.set(changed, counts);
    }
  }
  return increments;
}
