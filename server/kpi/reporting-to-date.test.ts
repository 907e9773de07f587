import { monthsNewlyCompleteToDate, toDateIncrements } from './reporting-to-date';

const reported = (...months: string[]) => new Set(months);

describe('monthsNewlyCompleteToDate', () => {
  it.each([
    // A first month of a quarter with nothing after it: complete at that month only.
    ['QUARTER', '2026-01', reported('2026-01'), ['2026-01']],
    // A gap earlier in the quarter: never complete to date in it.
    ['QUARTER', '2026-03', reported('2026-01', '2026-03'), []],
    // Filling the gap completes the quarter to date at the gap and at every month after it.
    ['QUARTER', '2026-02', reported('2026-01', '2026-02', '2026-03'), ['2026-02', '2026-03']],
    // A later month missing stops the run there.
    ['FINANCIAL_YEAR', '2026-04', reported('2026-04', '2026-05', '2026-07'), ['2026-04', '2026-05']],
    // The financial year starts in April: March 2026 belongs to FY2025, whose April 2025 is missing.
    ['FINANCIAL_YEAR', '2026-03', reported('2026-01', '2026-02', '2026-03'), []],
    // The calendar year starts in January: the same months complete 2026 to date.
    ['YEAR', '2026-03', reported('2026-01', '2026-02', '2026-03'), ['2026-03']],
    // Months of the next period are never counted in this one.
    ['QUARTER', '2026-03', reported('2026-01', '2026-02', '2026-03', '2026-04'), ['2026-03']],
  ] as const)(
    '%s: a first submission for %s, with %p submitted, completes %p',
    (kind, month, months, expected) => {
      expect(monthsNewlyCompleteToDate(kind, month, months)).toEqual(expected);
    },
  );
});

describe('toDateIncrements', () => {
  it('adds one to each kind of period at each month it completes', () => {
    const increments = toDateIncrements(
      '2026-04',
      reported('2026-01', '2026-02', '2026-03', '2026-04', '2026-05'),
    );
    expect(Object.fromEntries(increments)).toEqual({
      '2026-04': { QUARTER: 1, FINANCIAL_YEAR: 1, YEAR: 1 },
      '2026-05': { QUARTER: 1, FINANCIAL_YEAR: 1, YEAR: 1 },
    });
  });

  it('adds nothing when a gap comes before the month in every period', () => {
    expect(toDateIncrements('2026-06', reported('2026-06')).size).toBe(0);
  });
});
