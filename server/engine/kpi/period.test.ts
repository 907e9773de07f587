import {
  PeriodFormatError,
  currentMonth,
  isFutureMonth,
  monthsBetween,
  nextMonth,
  parsePeriod,
  previousMonth,
} from './period';

describe('parsePeriod', () => {
  it.each([
    ['2026-10', 'MONTH', ['2026-10']],
    ['2026-01', 'MONTH', ['2026-01']],
    ['2026-12', 'MONTH', ['2026-12']],
    ['2026-Q1', 'QUARTER', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q3', 'QUARTER', ['2026-07', '2026-08', '2026-09']],
    ['2026-Q4', 'QUARTER', ['2026-10', '2026-11', '2026-12']],
    [
      'FY2026',
      'FINANCIAL_YEAR',
      [
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
        '2027-01',
        '2027-02',
        '2027-03',
      ],
    ],
    [
      '2026',
      'YEAR',
      [
        '2026-01',
        '2026-02',
        '2026-03',
        '2026-04',
        '2026-05',
        '2026-06',
        '2026-07',
        '2026-08',
        '2026-09',
        '2026-10',
        '2026-11',
        '2026-12',
      ],
    ],
  ])('reads %p as a %s covering its months in order', (label, kind, months) => {
    expect(parsePeriod(label)).toEqual({ label, kind, months });
  });

  it('runs the NHS financial year from April to the next March', () => {
    const { months } = parsePeriod('FY2026');
    expect(months[0]).toBe('2026-04');
    expect(months.at(-1)).toBe('2027-03');
  });

  it('gives the label without surrounding spaces', () => {
    expect(parsePeriod(' 2026-Q2 ')).toEqual({
      label: '2026-Q2',
      kind: 'QUARTER',
      months: ['2026-04', '2026-05', '2026-06'],
    });
  });

  it.each([
    '2026-13',
    '2026-00',
    '2026-Q5',
    '2026-Q0',
    'FY26',
    '',
    '   ',
    'abc',
    '26-10',
    '2026-1',
    '2026/10',
  ])('refuses %p with a PeriodFormatError that quotes it', (label) => {
    expect(() => parsePeriod(label)).toThrow(PeriodFormatError);
    expect(() => parsePeriod(label)).toThrow(`"${label}"`);
  });

  it.each(['1999-12', '2101-01', '9999-12', '0000-01', '1999-Q4', 'FY1999', '2101'])(
    'refuses %p, a year outside 2000 to 2100, saying which years it keeps',
    (label) => {
      expect(() => parsePeriod(label)).toThrow(PeriodFormatError);
      expect(() => parsePeriod(label)).toThrow(
        `"${label}" is outside the years the platform keeps: 2000 to 2100`,
      );
    },
  );

  it.each(['2000-01', '2000-Q1', 'FY2000', '2100', '2100-12', 'FY2100'])(
    'takes %p, at the edge of the years it keeps',
    (label) => {
      expect(parsePeriod(label).label).toBe(label);
    },
  );
});

describe('currentMonth', () => {
  it.each([
    ['2026-10-15T12:00:00Z', '2026-10'],
    // Late on New Year's Eve in UTC is already January in UTC+1, and still December in UTC.
    ['2026-12-31T23:59:59Z', '2026-12'],
    ['2027-01-01T00:00:00Z', '2027-01'],
    // Midnight at the start of 1 June in London (BST) is still May in UTC.
    ['2026-06-01T00:30:00+01:00', '2026-05'],
  ])('is read in UTC: at %s it is %s', (instant, month) => {
    expect(currentMonth(new Date(instant))).toBe(month);
  });
});

describe('isFutureMonth', () => {
  const now = new Date('2026-10-15T12:00:00Z');

  it.each([
    ['2026-11', true],
    ['2027-01', true],
    ['2026-10', false],
    ['2026-09', false],
    ['2025-12', false],
  ])('in October 2026, %s is in the future: %p', (month, future) => {
    expect(isFutureMonth(month, now)).toBe(future);
  });

  it('treats the month as started from the first instant of it in UTC', () => {
    expect(isFutureMonth('2026-11', new Date('2026-10-31T23:59:59.999Z'))).toBe(true);
    expect(isFutureMonth('2026-11', new Date('2026-11-01T00:00:00Z'))).toBe(false);
  });
});

describe('previousMonth', () => {
  it.each([
    ['2026-10', '2026-09'],
    ['2026-02', '2026-01'],
    ['2026-01', '2025-12'],
    ['2000-01', '1999-12'],
    ['2026-12', '2026-11'],
  ])('the month before %s is %s', (month, previous) => {
    expect(previousMonth(month)).toBe(previous);
  });
});

describe('nextMonth', () => {
  it.each([
    ['2026-10', '2026-11'],
    ['2026-12', '2027-01'],
    ['1999-12', '2000-01'],
  ])('the month after %s is %s', (month, next) => {
    expect(nextMonth(month)).toBe(next);
  });
});

describe('monthsBetween', () => {
  it.each([
    ['2025-11', '2026-02', ['2025-11', '2025-12', '2026-01', '2026-02']],
    ['2026-03', '2026-03', ['2026-03']],
    ['2026-04', '2026-03', []],
  ])('from %s to %s is %j', (from, to, months) => {
    expect(monthsBetween(from, to)).toEqual(months);
  });
});
