import { badUserInput } from '../errors';
import { isOneOf } from '../kpi/vocabulary';
import { containsNhsNumber } from './nhs-number';
import { STORY_KINDS } from './story-kinds';
import type { StoryKind } from './story-kinds';

/** Room for a considered paragraph or two; a longer account belongs in a report, linked from a story. */
export const MAX_STORY_CHARACTERS = 4_000;

/** The text as stored (trimmed), or BAD_USER_INPUT on `text`. */
export function checkStoryText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') throw badUserInput('text', 'must not be empty');
  const characters = [...trimmed].length;
  if (characters > MAX_STORY_CHARACTERS) {
    throw badUserInput(
      'text',
      `must be at most ${MAX_STORY_CHARACTERS.toLocaleString('en-GB')} characters; this is ${characters.toLocaleString('en-GB')}`,
    );
  }
  // Stories are about care, never about an identifiable patient; the number is not repeated back.
  if (containsNhsNumber(trimmed)) {
    throw badUserInput(
      'text',
      'contains what looks like an NHS number: a story must never identify a patient, so take it out',
    );
  }
  return trimmed;
}

export function checkStoryKind(kind: string): StoryKind {
  if (!isOneOf(STORY_KINDS, kind)) throw badUserInput('kind', `must be one of ${STORY_KINDS.join(', ')}`);
  return kind;
}
