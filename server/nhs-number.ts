/**
 * NHS numbers in free text. An NHS number is ten digits, the last a modulus 11 check digit over the first
 * nine, and is often written 3-3-4 with spaces or hyphens. See the NHS Data Dictionary, "NHS Number":
 * https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 */

/** Weights 10 down to 2 for the first nine digits. */
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * Ten digits, run together or grouped 3-3-4 by spaces or hyphens, not part of a longer run of digits.
 * The lookahead makes every position a candidate, so a near miss cannot hide a match that overlaps it.
 */
const CANDIDATE = /(?<!\d)(?=(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d))/g;

/** True when `digits` (exactly ten) carries a valid modulus 11 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  const sum = WEIGHTS.reduce((total, weight, position) => total + weight * Number(digits[position]), 0);
  const check = 11 - (sum % 11);
  // 11 stands for 0; 10 means the first nine digits can never form a valid NHS number.
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** True when the text holds something that passes the NHS number check, in any of its usual forms. */
export function containsNhsNumber(text: string): boolean {
  for (const match of text.matchAll(CANDIDATE)) {
    if (hasValidCheckDigit(`${match[1]}${match[2]}${match[3]}`)) return true;
  }
  return false;
}
