import { badUserInput } from './errors';
import { containsNhsNumber } from './nhs-number';

/** Room for a considered paragraph or two; a longer account belongs in a report, linked from here. */
export const MAX_FREE_TEXT_CHARACTERS = 4_000;

/**
 * Text staff write (a story, a review's comment, an action, a note) as stored: trimmed and bounded. It is
 * about care and services, never about an identifiable patient, so an NHS number is refused, and not
 * repeated back. BAD_USER_INPUT on `field` otherwise.
 */
export function checkFreeText(field: string, text: string, maxCharacters = MAX_FREE_TEXT_CHARACTERS): string {
  const trimmed = text.trim();
  if (trimmed === '') throw badUserInput(field, 'must not be empty');
  const characters = [...trimmed].length;
  if (characters > maxCharacters) {
    throw badUserInput(
      field,
      `must be at most ${maxCharacters.toLocaleString('en-GB')} characters; this is ${characters.toLocaleString('en-GB')}`,
    );
  }
  refuseNhsNumber(field, trimmed);
  return trimmed;
}

/**
 * BAD_USER_INPUT on `field` when stored text a person chose (free text, a name, a code, a tag, a key) holds
 * what looks like an NHS number: nothing the platform keeps may identify a patient. The number is not repeated.
 */
export function refuseNhsNumber(field: string, text: string): void {
  if (containsNhsNumber(text)) {
    throw badUserInput(
      field,
      'contains what looks like an NHS number: nothing written here may identify a patient, so take it out',
    );
  }
}
