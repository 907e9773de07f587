/**
 * NHS numbers in free text. An NHS number is ten digits, the last a modulus 11 check digit over the first
 * nine, and is often written 3-3-4 with spaces or hyphens. See the NHS Data Dictionary, "NHS Number":
 * https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 */

/** Weights 10 down to 2 for the first nine digits. */
const WEIGHTS = [10, 9, 8, 7, 6, 5, 4, 3, 2];

/**
 * What may stand between the groups of a number written by hand or pasted: any space or line break, dots, any
 * dash or a minus sign, and the invisible format characters (zero-width spaces, soft hyphens) a paste carries.
 */
const SEPARATOR = String.raw`[\s.\p{Pd}\u2212\p{Cf}]*`;

/**
 * Ten digits, run together or grouped 3-3-4, not part of a longer run of digits. The lookahead makes every
 * position a candidate, so a near miss cannot hide a match that overlaps it.
 */
const CANDIDATE = new RegExp(
  String.raw`(?<!\d)(?=(\d{3})${SEPARATOR}(\d{3})${SEPARATOR}(\d{4})(?!\d))`,
  'gu',
);

/** True when `digits` (exactly ten) carries a valid modulus 11 check digit. */
export function hasValidCheckDigit(digits: string): boolean {
  const sum = WEIGHTS.reduce((total, weight, position) => total + weight * Number(digits[position]), 0);
  const check = 11 - (sum % 11);
  // 11 stands for 0; 10 means the first nine digits can never form a valid NHS number.
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/**
 * True when the text holds something that passes the NHS number check, in any of its usual forms, read as
 * Unicode's compatibility form (NFKC), so that full-width digits and the like read as the digits they show.
 */
export function containsNhsNumber(text: string): boolean {
  for (const match of text.normalize('NFKC').matchAll(CANDIDATE)) {
    if (hasValidCheckDigit(`${match[1]}${match[2]}${match[3]}`)) return true;
  }
  return false;
}
