import { badUserInput } from '../errors';
import { containsNhsNumber } from '../story/nhs-number';

/** A comment, an action or a note is a record of a meeting: a paragraph or two, as a story is. */
export const MAX_REVIEW_TEXT_CHARACTERS = 4_000;

/** The text as stored (trimmed), or BAD_USER_INPUT on `field`. */
export function checkReviewText(
  field: string,
  text: string,
  maxCharacters = MAX_REVIEW_TEXT_CHARACTERS,
): string {
  const trimmed = text.trim();
  if (trimmed === '') throw badUserInput(field, 'must not be empty');
  const characters = [...trimmed].length;
  if (characters > maxCharacters) {
    throw badUserInput(
      field,
      `must be at most ${maxCharacters.toLocaleString('en-GB')} characters; this is ${characters.toLocaleString('en-GB')}`,
    );
  }
  // A review talks about services, never about an identifiable patient; the number is not repeated back.
  if (containsNhsNumber(trimmed)) {
    throw badUserInput(
      field,
      'contains what looks like an NHS number: a review must never identify a patient, so take it out',
    );
  }
  return trimmed;
}
