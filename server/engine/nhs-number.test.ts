import { containsNhsNumber, hasValidCheckDigit } from './nhs-number';

describe('hasValidCheckDigit', () => {
  it.each([
    ['9434765919', true],
    ['4010232137', true],
    ['4505577104', true],
    // The remainder is 0, so the check digit is 0 (11 stands for 0).
    ['9876543210', true],
    ['9434765918', false],
    ['4010232138', false],
    ['4505577107', false],
    // The first nine digits give a check digit of 10: no tenth digit makes them valid.
    ['1234567890', false],
    ['1234567891', false],
    ['1000000010', false],
  ])('%s is %s', (digits, valid) => {
    expect(hasValidCheckDigit(digits)).toBe(valid);
  });
});

describe('containsNhsNumber', () => {
  it.each([
    ['run together', 'Seen by the team, 9434765919, on Tuesday'],
    ['grouped with spaces', 'Patient 943 476 5919 was followed up'],
    ['grouped with hyphens', 'ref 401-023-2137.'],
    ['at the very start', '4010232137 called back'],
    ['at the very end', 'number: 943-476-5919'],
    ['after a letter', 'NHS9434765919'],
    ['after an invalid candidate in the same text', '1234567890 and 9434765919'],
    ['with mixed separators', '943-476 5919'],
    ['grouped only once', '943 4765919'],
    ['grouped with dots', 'ref 943.476.5919'],
    ['grouped with no-break spaces', 'ref 943\u00a0476\u00a05919'],
    ['grouped with narrow no-break spaces', 'ref 943\u202f476\u202f5919'],
    ['grouped with double spaces', 'ref 943  476  5919'],
    ['grouped with tabs', 'ref 943\t476\t5919'],
    ['grouped across line breaks', 'ref 943\n476\r\n5919'],
    ['grouped with en dashes', 'ref 943\u2013476\u20135919'],
    ['grouped with em dashes', 'ref 943\u2014476\u20145919'],
    ['grouped with minus signs', 'ref 943\u2212476\u22125919'],
    ['grouped with a dash between spaces', 'ref 943 - 476 - 5919'],
    ['with zero-width spaces between the digits', 'ref 943\u200b476\u200b5919'],
    ['with soft hyphens between the groups', 'ref 943\u00ad476\u00ad5919'],
    ['in full-width digits', 'ref \uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19'],
    [
      'in full-width digits, grouped with an ideographic space',
      'ref \uff19\uff14\uff13\u3000\uff14\uff17\uff16\u3000\uff15\uff19\uff11\uff19',
    ],
  ])('finds one %s', (_case, text) => {
    expect(containsNhsNumber(text)).toBe(true);
  });

  it.each([
    ['no digits at all', 'Follow-up calls were made but assessed nothing.'],
    ['an invalid check digit', 'ref 9434765918'],
    ['an invalid check digit, grouped', 'ref 943 476 5918'],
    ['a check digit of 10', 'ref 1234567890'],
    ['valid digits inside a longer run', 'order 19434765919 and 94347659190'],
    ['valid digits inside a much longer run', '0044010232137000'],
    ['grouping that continues with more digits', '943 476 59190'],
    ['grouping preceded by more digits', '1943 476 5919'],
    ['other groupings', '94 347 65919 and 9434 765 919'],
    ['nine digits', '943476591'],
    ['a telephone number', 'call 01234 567890'],
    ['other groupings with dots', '94.347.65919'],
    ['a date and a count', 'on 2026.03.14, 5919 contacts'],
  ])('finds none in %s', (_case, text) => {
    expect(containsNhsNumber(text)).toBe(false);
  });
});
